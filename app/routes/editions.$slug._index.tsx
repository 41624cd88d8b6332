import type { LoaderFunctionArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AnnouncementsTable, EntriesTable, TimelineTable } from "~/components/public/public-lists";
import { EmptyState } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { notFound } from "~/lib/http.server";
import { canonicalUrl, pageMeta, publicCacheHeaders, publicContext, publicPageHeaders } from "~/lib/public-http.server";
import { getPublicEdition } from "~/models/public.server";

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => (data?.meta as MetaDescriptor[] | undefined) ?? [{ title: "Sayembara" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, t, locale } = await publicContext(request);
  const detail = await getPublicEdition(db, params.slug ?? "");
  if (!detail) notFound();
  const e = detail.edition;
  return json(
    {
      ...detail,
      meta: pageMeta({
        title: `${e.name} · Sayembara`,
        description: e.theme ? `${e.theme}. ${t("public.edition.metaDescription", { name: e.name, organizer: e.organizerName })}` : t("public.edition.metaDescription", { name: e.name, organizer: e.organizerName }),
        url: canonicalUrl(request, `/editions/${e.slug}`),
        locale,
      }),
    },
    { headers: publicCacheHeaders(request) },
  );
}

export default function EditionPage() {
  const { edition: e, announcements, finalists, winners } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const paragraphs = e.description
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      <PageHeader
        title={e.name}
        lead={`${e.organizerName} · ${e.year}`}
        breadcrumb={<Link to="/">{t("nav.home")}</Link>}
        actions={
          winners ? (
            <Link to={`/editions/${e.slug}/winners`} className="button">
              {t("public.edition.winnersLink")}
            </Link>
          ) : undefined
        }
      />
      <section className="card" aria-labelledby="about-heading">
        <h2 id="about-heading" className="visually-hidden">
          {t("public.edition.theme")}
        </h2>
        <dl className="meta">
          <dt>{t("public.edition.organizer")}</dt>
          <dd>{e.organizerName}</dd>
          <dt>{t("public.edition.year")}</dt>
          <dd>{e.year}</dd>
          {e.theme ? (
            <>
              <dt>{t("public.edition.theme")}</dt>
              <dd>{e.theme}</dd>
            </>
          ) : null}
          <dt>{t("public.edition.stage")}</dt>
          <dd>{e.currentStage ? t(`stage.${e.currentStage}` as MessageKey) : t("public.edition.noStage")}</dd>
        </dl>
        {paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </section>

      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t("public.edition.timeline")}</h2>
        <TimelineTable name={e.name} timeline={e.timeline} current={e.currentStage} />
      </section>

      <section className="card" aria-labelledby="announcements-heading">
        <h2 id="announcements-heading">{t("public.edition.announcements")}</h2>
        {announcements.length === 0 ? (
          <EmptyState message="public.edition.noAnnouncements" />
        ) : (
          <AnnouncementsTable items={announcements} caption={t("public.edition.announcements")} />
        )}
      </section>

      {winners ? (
        <section className="card" aria-labelledby="winners-heading">
          <h2 id="winners-heading">{t("public.edition.winners")}</h2>
          <p className="muted">
            {t("public.edition.winnersFrom", { count: winners.entries.length, number: winners.announcement.number ?? "" })} ·{" "}
            <Link to={`/announcements/${winners.announcement.id}`}>{winners.announcement.title}</Link>
          </p>
          <EntriesTable entries={winners.entries} caption={winners.announcement.title} showAward />
          <div className="actions">
            <Link to={`/editions/${e.slug}/winners`} className="button button-secondary">
              {t("public.edition.allWinners")}
            </Link>
          </div>
        </section>
      ) : null}

      {finalists ? (
        <section className="card" aria-labelledby="finalists-heading">
          <h2 id="finalists-heading">{t("public.edition.finalists")}</h2>
          <p className="muted">
            {t("public.edition.finalistsFrom", { number: finalists.announcement.number ?? "" })} ({formatWib(finalists.announcement.publishedAt, locale, false)}) ·{" "}
            <Link to={`/announcements/${finalists.announcement.id}`}>{finalists.announcement.title}</Link>
          </p>
          <EntriesTable entries={finalists.entries} caption={finalists.announcement.title} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="data-heading">
        <h2 id="data-heading">{t("public.edition.openData")}</h2>
        <div className="actions">
          <a href={`/api/public/editions/${e.slug}/results`} className="button button-quiet">
            {t("public.edition.resultsJson")}
          </a>
          <a href={`/api/public/editions/${e.slug}/results?format=csv`} className="button button-quiet">
            {t("public.edition.resultsCsv")}
          </a>
        </div>
      </section>
    </>
  );
}
