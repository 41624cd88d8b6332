/**
 * /juror/:slug — the signed-in juror's assignments in an edition, per round,
 * with progress ("assignment.viewOwn"). Nothing else of the edition's
 * proposals is shown; 403 for anyone who is not a juror of the edition.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { EmptyState } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { getJurorAssignments, type OwnAssignment, type OwnRound } from "~/services/juror-views.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Penugasan saya: ${data.competition.name} · Sayembara` : "Penugasan saya · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return json(await getJurorAssignments(getDb(), actor, params.slug ?? ""));
}

function StateCell({ a }: { a: OwnAssignment }) {
  const t = useT();
  const locale = useLocale();
  switch (a.state) {
    case "conflict":
      return <span className="badge badge-danger">{t("juror.state.conflict")}</span>;
    case "completed":
      return <span className="badge badge-success">{t("juror.state.completed", { when: formatWib(a.completedAt, locale) })}</span>;
    case "opened":
      return <span className="badge">{t("juror.state.opened", { when: formatWib(a.openedAt, locale) })}</span>;
    default:
      return <span className="badge badge-muted">{t("juror.state.new")}</span>;
  }
}

function RoundSection({ r, slug, canDeclare }: { r: OwnRound; slug: string; canDeclare: boolean }) {
  const t = useT();
  const locale = useLocale();
  const headingId = `round-${r.position}`;
  const { total, opened, completed } = r.progress;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("juror.round.heading", { position: r.position, name: r.name })}</h2>
      <p className="muted small">
        {t(`juror.roundStatus.${r.status}` as MessageKey)} · {t("juror.round.role", { role: t(`role.${r.role}` as MessageKey) })} ·{" "}
        {r.startsAt || r.endsAt
          ? t("juror.round.period", { start: formatWib(r.startsAt, locale), end: formatWib(r.endsAt, locale) })
          : t("juror.round.noPeriod")}
      </p>
      <p>
        <label htmlFor={`progress-${r.position}`} className="visually-hidden">
          {t("juror.progressLabel", { position: r.position })}
        </label>
        <progress id={`progress-${r.position}`} value={completed} max={Math.max(total, 1)} style={{ width: "12rem", marginRight: "0.75rem" }}>
          {t("juror.progress", { opened, total, completed })}
        </progress>
        <strong>{t("juror.progress", { opened, total, completed })}</strong>
      </p>
      {r.assignments.length === 0 ? (
        <EmptyState message="juror.noAssignments" />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("juror.caption", { position: r.position })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("juror.col.number")}</th>
                <th scope="col">{t("juror.col.title")}</th>
                <th scope="col">{t("juror.col.category")}</th>
                <th scope="col">{t("juror.col.expertise")}</th>
                <th scope="col">{t("juror.col.status")}</th>
                {canDeclare ? <th scope="col">{t("juror.col.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {r.assignments.map((a) => (
                <tr key={a.number}>
                  <th scope="row">
                    {a.state === "conflict" ? <code>{a.number}</code> : <Link to={r.blind ? `/juror/${slug}/score/${r.id}/${a.number}` : `/proposals/${a.number}`}><code>{a.number}</code></Link>}
                  </th>
                  <td>{a.state === "conflict" ? <span className="muted">{a.title}</span> : <Link to={r.blind ? `/juror/${slug}/score/${r.id}/${a.number}` : `/proposals/${a.number}`}>{a.title}</Link>}</td>
                  <td>{a.category ? (locale === "en" ? a.category.nameEn : a.category.nameId) : t("juror.noCategory")}</td>
                  <td>{a.expertiseMatch ? t("juror.expertise.yes") : t("juror.expertise.no")}</td>
                  <td>
                    <StateCell a={a} />
                    {a.state === "conflict" ? null : (
                      <>
                        {" "}
                        <Link
                          to={`/juror/${slug}/score/${r.id}/${encodeURIComponent(a.number)}`}
                          aria-label={t("scoring.sheet.list.linkLabel", { number: a.number })}
                        >
                          {t("scoring.sheet.list.link")}
                        </Link>
                        {r.sheets[a.number] ? (
                          <span className="muted small"> ({t(r.sheets[a.number] === "submitted" ? "scoring.sheet.list.submitted" : "scoring.sheet.list.draft")})</span>
                        ) : null}
                      </>
                    )}
                  </td>
                  {canDeclare ? (
                    <td>
                      {a.state === "conflict" ? null : (
                        <Link to={`/juror/${slug}/conflicts?proposal=${encodeURIComponent(a.number)}`} aria-label={t("juror.conflictForLabel", { number: a.number })}>
                          {t("juror.conflictFor")}
                        </Link>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function JurorAssignments() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const slug = d.competition.slug;
  return (
    <>
      <PageHeader
        title={t("juror.title")}
        lead={t("juror.lead", { competition: d.competition.name })}
        breadcrumb={<Link to={`/competitions/${slug}`}>{d.competition.name}</Link>}
        actions={
          <>
            <Link to={`/juror/${slug}/profile`} className="button button-secondary">
              {t("juror.profileLink")}
            </Link>
            {d.canDeclareConflict ? (
              <Link to={`/juror/${slug}/conflicts`} className="button button-secondary">
                {t("juror.conflictLink")}
              </Link>
            ) : null}
          </>
        }
      />
      {d.rounds.length === 0 ? <EmptyState message="juror.noRounds" /> : null}
      {d.rounds.map((r) => (
        <RoundSection key={r.id} r={r} slug={slug} canDeclare={d.canDeclareConflict} />
      ))}
    </>
  );
}
