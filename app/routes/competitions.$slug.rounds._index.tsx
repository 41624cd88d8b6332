import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { RoundForm } from "~/components/assignment/round-form";
import { Alert, EmptyState, FormErrors } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { RoundSchema } from "~/schemas/rounds";
import { createRound, getRoundsPage, updateRoundSettings } from "~/services/rounds.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Putaran · ${data.competition.name} · Sayembara` : "Putaran · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await getRoundsPage(getDb(), actor, params.slug ?? "");
  const url = new URL(request.url);
  const editId = url.searchParams.get("edit");
  const editing = editId ? (page.rounds.find((r) => r.id === editId) ?? null) : null;
  const notice = url.searchParams.get("notice");
  return json({ ...page, editing, notice: notice === "created" || notice === "updated" ? notice : null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  // 404 / 403 before the form is read.
  const { competition } = await getRoundsPage(db, actor, params.slug ?? "");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const parsed = parseForm(RoundSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, 400);
  const base = `/competitions/${competition.slug}/rounds`;
  if (intent === "create") {
    const result = await createRound(db, actor, competition.id, parsed.data);
    if (!result.ok) return json({ errors: result.errors, values: parsed.values }, 400);
    return redirect(`${base}?notice=created`);
  }
  if (intent === "update") {
    const roundId = String(form.get("roundId") ?? "");
    const result = await updateRoundSettings(db, actor, competition.id, roundId, parsed.data);
    if (!result.ok) return json({ errors: result.errors, values: parsed.values }, 400);
    return redirect(`${base}?notice=updated`);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function RoundsPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors: FieldErrors; values: Record<string, string> } | undefined;
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const c = d.competition;
  const base = `/competitions/${c.slug}/rounds`;
  // After a refused post the form shows what was typed, for the round it was about.
  const postedRoundId = data?.values?.intent === "update" ? data.values.roundId : null;
  const editing = postedRoundId ? (d.rounds.find((r) => r.id === postedRoundId) ?? d.editing) : data ? null : d.editing;
  return (
    <>
      <PageHeader
        title={t("assignment.rounds")}
        lead={c.name}
        breadcrumb={<Link to={`/competitions/${c.slug}`}>{c.name}</Link>}
      />
      {d.notice && !data ? <Alert kind="success">{t(d.notice === "created" ? "assignment.round.created" : "assignment.round.updated")}</Alert> : null}
      <p className="muted">{t("assignment.rounds.lead")}</p>
      {d.rounds.length === 0 ? (
        <EmptyState message="assignment.rounds.empty" />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("assignment.round.name")}</th>
                <th scope="col">{t("assignment.round.kind")}</th>
                <th scope="col">{t("assignment.round.pool")}</th>
                <th scope="col" className="num">
                  k
                </th>
                <th scope="col">{t("assignment.round.period")}</th>
                <th scope="col" className="num">
                  {t("assignment.round.assignments")}
                </th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rounds.map((r) => (
                <tr key={r.id}>
                  <td>{r.position}</td>
                  <th scope="row">
                    <Link to={`${base}/${r.id}`}>{r.name}</Link>
                  </th>
                  <td>{t(`assignment.kind.${r.kind}` as MessageKey)}</td>
                  <td>{t(`assignment.pool.${r.poolRole}` as MessageKey)}</td>
                  <td className="num">{r.k}</td>
                  <td>{r.startsAt ? `${formatWib(r.startsAt, locale)} – ${formatWib(r.endsAt, locale)}` : t("assignment.round.noPeriod")}</td>
                  <td className="num">{r.assignments}</td>
                  <td>
                    <Link to={`${base}?edit=${r.id}#round-form`} aria-label={t("assignment.round.editLabel", { name: r.name })}>
                      {t("common.edit")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section className="card" aria-labelledby="round-form" style={{ marginTop: "1.25rem" }}>
        <h2 id="round-form">{editing ? t("assignment.round.editTitle", { name: editing.name }) : t("assignment.round.newTitle")}</h2>
        <FormErrors errors={data?.errors} />
        <RoundForm round={editing} errors={data?.errors} values={data?.values} busy={busy} />
        {editing ? (
          <p>
            <Link to={base}>{t("assignment.round.newInstead")}</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
