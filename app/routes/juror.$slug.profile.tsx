import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { competitionOfSlug, getOwnJurorProfile } from "~/services/jury.server";
import { JurorProfileView, noticeOf, profileAction, type ProfileNotice } from "./competitions.$slug.jury.$jurorId";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Profil juri · ${data.competition.name} · Sayembara` : "Profil juri · Sayembara" },
];

/** The signed-in juror's own entry (?role=evaluator|panelist when they sit in both pools). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const profile = await getOwnJurorProfile(getDb(), actor, params.slug ?? "", {
    role: url.searchParams.get("role"),
    agencyQuery: url.searchParams.get("agencyQuery"),
  });
  return json({ ...profile, notice: noticeOf(request) });
}

/**
 * The forms post the juror id; the service lets the actor change only their
 * own active entry (and never its loads), so a changed id gets 403/404.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const c = await competitionOfSlug(db, params.slug ?? "");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const jurorId = String(form.get("jurorId") ?? "");
  const role = new URL(request.url).searchParams.get("role");
  const back = (notice: ProfileNotice) =>
    redirect(`/juror/${c.slug}/profile?${new URLSearchParams({ ...(role ? { role } : {}), notice }).toString()}`);
  const result = await profileAction(db, actor, c.id, jurorId, intent, form, back);
  if (result) return result;
  throw new Response("Bad Request", { status: 400 });
}

export default function OwnJurorProfile() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const c = d.competition;
  const role = d.juror.role;
  return (
    <>
      <JurorProfileView
        profile={d}
        notice={d.notice}
        basePath={`/juror/${c.slug}/profile`}
        searchParams={d.ownRoles.length > 1 ? { role } : {}}
        title={t("jury.own.title")}
        lead={`${t(`jury.pool.${role}` as MessageKey)} · ${c.name}`}
        breadcrumb={
          <>
            <Link to={`/competitions/${c.slug}`}>{c.name}</Link> › <Link to={`/juror/${c.slug}`}>{t("juror.title")}</Link>
          </>
        }
      />
      {d.ownRoles.length > 1 ? (
        <nav className="card" aria-label={t("jury.own.otherRoles")}>
          <h2>{t("jury.own.otherRoles")}</h2>
          <ul>
            {d.ownRoles
              .filter((r) => r.role !== role)
              .map((r) => (
                <li key={r.id}>
                  <Link to={`/juror/${c.slug}/profile?role=${r.role}`}>{t(`jury.pool.${r.role}` as MessageKey)}</Link>
                </li>
              ))}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
