import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server";
import { Alert } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { getDb } from "~/db.server";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { getCompetitionForViewer } from "~/services/competitions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.competition.name} · Sayembara` : "Kompetisi · Sayembara" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const view = await getCompetitionForViewer(getDb(), actor, params.slug ?? "");
  const notice = new URL(request.url).searchParams.get("notice");
  return json({ ...view, notice: notice === "created" || notice === "updated" ? notice : null });
}

export default function CompetitionPage() {
  const { competition: c, timeline, currentStage, canEdit, canReadAudit, canManageSettings, canScreen, canImport, canExport, canManageJury, canAnnounce, canManageAwards, canForward, isJuror, notice } =
    useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const paragraphs = c.description
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      <PageHeader
        title={c.name}
        lead={`${c.organizerName} · ${c.year}`}
        breadcrumb={<Link to="/dashboard">{t("nav.dashboard")}</Link>}
        actions={
          canEdit || canReadAudit ? (
            <>
              {canEdit ? (
                <Link to={`/competitions/${c.slug}/edit`} className="button">
                  {t("common.edit")}
                </Link>
              ) : null}
              {canReadAudit ? (
                <Link to={`/competitions/${c.slug}/audit`} className="button button-secondary">
                  {t("competition.audit")}
                </Link>
              ) : null}
            </>
          ) : undefined
        }
      />
      {isJuror ? (
        <nav className="card" aria-label={t("juror.title")}>
          <h2>{t("juror.title")}</h2>
          <div className="actions">
            <Link to={`/juror/${c.slug}`} className="button">
              {t("juror.open")}
            </Link>
          </div>
        </nav>
      ) : null}
      {canManageSettings || canScreen || canImport || canExport ? (
        <nav className="card" aria-label={t("competition.manage")}>
          <h2>{t("competition.manage")}</h2>
          <div className="actions">
            {canManageSettings ? (
              <Link to={`/competitions/${c.slug}/settings`} className="button button-secondary">
                {t("settings.link")}
              </Link>
            ) : null}
            {canScreen ? (
              <Link to={`/competitions/${c.slug}/screening`} className="button button-secondary">
                {t("screening.open")}
              </Link>
            ) : null}
            {canManageJury ? (
              <>
                <Link to={`/competitions/${c.slug}/jury`} className="button button-secondary">
                  {t("jury.title")}
                </Link>
                <Link to={`/competitions/${c.slug}/conflicts`} className="button button-secondary">
                  {t("conflicts.title")}
                </Link>
                <Link to={`/competitions/${c.slug}/rounds`} className="button button-secondary">
                  {t("assignment.rounds")}
                </Link>
              </>
            ) : null}
            {canImport ? (
              <Link to={`/competitions/${c.slug}/import`} className="button button-secondary">
                {t("competition.importLink")}
              </Link>
            ) : null}
            {canExport ? (
              <>
                <a href={`/competitions/${c.slug}/export/proposals.csv`} className="button button-quiet">
                  {t("competition.exportProposals")} (CSV)
                </a>
                <a href={`/competitions/${c.slug}/export/proposals.xlsx`} className="button button-quiet">
                  {t("competition.exportProposals")} (XLSX)
                </a>
              </>
            ) : null}
          </div>
        </nav>
      ) : null}
      {canAnnounce || canManageAwards ? (
        <nav className="card" aria-label={t("competition.publication")}>
          <h2>{t("competition.publication")}</h2>
          <div className="actions">
            {canAnnounce ? (
              <>
                <Link to={`/competitions/${c.slug}/announcements`} className="button button-secondary">
                  {t("announcements.title")}
                </Link>
                <Link to={`/competitions/${c.slug}/objections`} className="button button-secondary">
                  {t("objections.title")}
                </Link>
              </>
            ) : null}
            {canManageAwards ? (
              <>
                <Link to={`/competitions/${c.slug}/awards`} className="button button-secondary">
                  {t("awards.title")}
                </Link>
                <Link to={`/competitions/${c.slug}/certificates`} className="button button-secondary">
                  {t("certificates.title")}
                </Link>
                <Link to={`/competitions/${c.slug}/catalogue`} className="button button-secondary">
                  {t("competition.catalogueLink")}
                </Link>
              </>
            ) : null}
            {canForward ? (
              <Link to={`/competitions/${c.slug}/forward`} className="button button-secondary">
                {t("forwarding.title")}
              </Link>
            ) : null}
            <Link to={`/editions/${c.slug}`} className="button button-quiet">
              {t("competition.publicPage")}
            </Link>
          </div>
        </nav>
      ) : null}
      {notice === "created" ? <Alert kind="success">{t("competition.created")}</Alert> : null}
      {notice === "updated" ? <Alert kind="success">{t("competition.updated")}</Alert> : null}

      <section className="card" aria-labelledby="details-heading">
        <h2 id="details-heading">{t("competition.details")}</h2>
        <dl className="meta">
          <dt>{t("competition.organizer")}</dt>
          <dd>{c.organizerName}</dd>
          <dt>{t("competition.year")}</dt>
          <dd>{c.year}</dd>
          <dt>{t("competition.theme")}</dt>
          <dd>{c.theme || "—"}</dd>
          <dt>{t("competition.currentStage")}</dt>
          <dd>{currentStage ? t(`stage.${currentStage}`) : t("competition.notStarted")}</dd>
        </dl>
        {paragraphs.length > 0 ? (
          <>
            <h3>{t("competition.description")}</h3>
            {paragraphs.map((p, i) => (
              <p key={i} style={{ whiteSpace: "pre-line" }}>
                {p}
              </p>
            ))}
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t("competition.timeline")}</h2>
        <ol className="timeline">
          {timeline.map((s) => {
            const current = s.stage === currentStage;
            return (
              <li key={s.stage} className={current ? "current" : undefined} aria-current={current ? "step" : undefined}>
                <span>
                  {t(`stage.${s.stage}`)}
                  {current ? (
                    <>
                      {" "}
                      <span className="badge">{t("competition.currentStage")}</span>
                    </>
                  ) : null}
                </span>
                <span>
                  {s.startsAt || s.endsAt ? (
                    <>
                      {formatWib(s.startsAt, locale)} – {formatWib(s.endsAt, locale)}
                    </>
                  ) : (
                    <span className="muted">{t("competition.notScheduled")}</span>
                  )}
                </span>
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}
