import type { LoaderFunctionArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ClusterBreakdown } from "~/components/cluster-breakdown";
import { AnnouncementsTable, EntriesTable } from "~/components/public/public-lists";
import { EmptyState } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { clusterBreakdown } from "~/domain/awards";
import { formatWib } from "~/domain/time";
import { useLocale, useT } from "~/i18n/react";
import { notFound } from "~/lib/http.server";
import { canonicalUrl, pageMeta, publicCacheHeaders, publicContext, publicPageHeaders } from "~/lib/public-http.server";
import { getPublicWinners } from "~/models/public.server";

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => (data?.meta as MetaDescriptor[] | undefined) ?? [{ title: "Sayembara" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, t, locale } = await publicContext(request);
  const w = await getPublicWinners(db, params.slug ?? "");
  if (!w) notFound();
  const name = w.edition.name;
  return json(
    {
      edition: w.edition,
      announcement: w.announcement,
      earlier: w.earlier,
      tiers: w.tiers,
      breakdown: w.announcement ? clusterBreakdown(w.clusters) : [],
      meta: pageMeta({
        title: `${t("public.winners.title", { name })} · Sayembara`,
        description: t("public.winners.metaDescription", { name }),
        url: canonicalUrl(request, `/editions/${w.edition.slug}/winners`),
        locale,
      }),
    },
    { headers: publicCacheHeaders(request) },
  );
}

export default function WinnersPage() {
  const { edition: e, announcement, earlier, tiers, breakdown } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <PageHeader
        title={t("public.winners.title", { name: e.name })}
        lead={`${e.organizerName} · ${e.year}`}
        breadcrumb={<Link to={`/editions/${e.slug}`}>{e.name}</Link>}
      />
      {!announcement ? (
        <EmptyState message="public.winners.none" />
      ) : (
        <>
          <p>
            {t("public.winners.from", { number: announcement.number ?? "", date: formatWib(announcement.publishedAt, locale) })}{" "}
            <Link to={`/announcements/${announcement.id}`}>{announcement.title}</Link>
          </p>
          {tiers.map((tier, i) => {
            const name = (locale === "en" ? tier.nameEn : tier.nameId) || tier.nameId;
            return (
              <section key={tier.tierId ?? `t${i}`} className="card" aria-labelledby={`tier-${i}`}>
                <h2 id={`tier-${i}`}>{name}</h2>
                <EntriesTable entries={tier.entries} caption={t("public.winners.tierCaption", { tier: name, count: tier.entries.length })} />
              </section>
            );
          })}
          <section className="card" aria-labelledby="breakdown-heading">
            <h2 id="breakdown-heading">{t("public.announcement.breakdown")}</h2>
            <ClusterBreakdown rows={breakdown} />
          </section>
        </>
      )}
      {earlier.length > 0 ? (
        <section className="card" aria-labelledby="earlier-heading">
          <h2 id="earlier-heading">{t("public.winners.earlier")}</h2>
          <AnnouncementsTable items={earlier} caption={t("public.winners.earlier")} />
        </section>
      ) : null}
    </>
  );
}
