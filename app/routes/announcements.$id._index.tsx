import type { LoaderFunctionArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ClusterBreakdown } from "~/components/cluster-breakdown";
import { EntriesTable } from "~/components/public/public-lists";
import { Alert } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { clusterBreakdown } from "~/domain/awards";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { notFound } from "~/lib/http.server";
import { markdownToText, renderMarkdown } from "~/lib/markdown.server";
import { canonicalUrl, pageMeta, publicCacheHeaders, publicContext, publicPageHeaders } from "~/lib/public-http.server";
import { getPublicAnnouncement } from "~/models/public.server";

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => (data?.meta as MetaDescriptor[] | undefined) ?? [{ title: "Sayembara" }];

/** A published announcement for anyone; a draft, scheduled or unknown one is 404 (its existence does not leak). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, t, locale } = await publicContext(request);
  const a = await getPublicAnnouncement(db, params.id ?? "");
  if (!a) notFound();
  const { bodyMd, ...rest } = a;
  const number = a.number ?? t("public.announcement.noNumber");
  const bodyText = markdownToText(bodyMd);
  return json(
    {
      announcement: rest,
      bodyHtml: renderMarkdown(bodyMd),
      breakdown: a.kind === "winners" ? clusterBreakdown(a.entries.map((e) => e.cluster)) : null,
      meta: pageMeta({
        title: `${number} — ${a.title} · Sayembara`,
        description: bodyText || t("public.announcement.metaDescription", { number, title: a.title, edition: a.edition.name }),
        url: canonicalUrl(request, `/announcements/${a.id}`),
        type: "article",
        locale,
      }),
    },
    { headers: publicCacheHeaders(request) },
  );
}

export default function PublicAnnouncementPage() {
  const { announcement: a, bodyHtml, breakdown } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const number = a.number ?? t("public.announcement.noNumber");
  return (
    <>
      <PageHeader
        title={a.title}
        lead={`${t("public.announcement.number")}: ${number} · ${formatWib(a.publishedAt, locale)}`}
        breadcrumb={<Link to={`/editions/${a.edition.slug}`}>{a.edition.name}</Link>}
        actions={
          <a href={`/announcements/${a.id}/pdf`} className="button button-secondary">
            {t("public.announcement.pdf")}
          </a>
        }
      />
      {a.supersededBy ? (
        <Alert kind="warn">
          <strong>{t("public.announcement.superseded")}.</strong>{" "}
          {t("public.announcement.supersededNotice", { number: a.supersededBy.number ?? "", date: formatWib(a.supersededAt, locale) })}{" "}
          <Link to={`/announcements/${a.supersededBy.id}`}>{t("public.announcement.openCorrection")}</Link>
        </Alert>
      ) : null}
      {a.supersedes ? (
        <p>
          {t("public.announcement.corrects", { number: a.supersedes.number ?? "" })}{" "}
          <Link to={`/announcements/${a.supersedes.id}`}>{a.supersedes.title}</Link>
        </p>
      ) : null}
      <section className="card" aria-labelledby="details-heading">
        <h2 id="details-heading" className="visually-hidden">
          {t("public.announcement.number")}
        </h2>
        <dl className="meta">
          <dt>{t("public.announcement.number")}</dt>
          <dd>{number}</dd>
          <dt>{t("public.announcement.kind")}</dt>
          <dd>{t(`announcements.kind.${a.kind}` as MessageKey)}</dd>
          <dt>{t("public.announcement.published")}</dt>
          <dd>{formatWib(a.publishedAt, locale)}</dd>
          <dt>{t("public.edition.organizer")}</dt>
          <dd>{a.edition.organizerName}</dd>
        </dl>
        {a.objectionEndsAt ? <p>{t("public.announcement.objectionUntil", { date: formatWib(a.objectionEndsAt, locale) })}</p> : null}
        {/* renderMarkdown escapes raw HTML and unsafe links (~/lib/markdown.server). */}
        <div className="prose" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
      </section>
      {a.entries.length > 0 ? (
        <section className="card" aria-labelledby="list-heading">
          <h2 id="list-heading">{t("public.announcement.list")}</h2>
          <EntriesTable entries={a.entries} caption={t("public.announcement.listCaption", { title: a.title })} showAward={a.kind === "winners"} />
        </section>
      ) : null}
      {breakdown ? (
        <section className="card" aria-labelledby="breakdown-heading">
          <h2 id="breakdown-heading">{t("public.announcement.breakdown")}</h2>
          <ClusterBreakdown rows={breakdown} />
        </section>
      ) : null}
    </>
  );
}
