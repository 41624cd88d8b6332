/**
 * GET /replications/provinces — public replication counts per province (by
 * the adopter's province and by the source innovation's province): the table
 * is authoritative, the SVG bar chart (adopters) has a text alternative.
 * Cacheable; the counts are memoised in production until the next change.
 */
import type { LoaderFunctionArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { EmptyState } from "~/components/ui/form";
import { PageHeader } from "~/components/ui/page";
import { useLocale, useT } from "~/i18n/react";
import { canonicalUrl, pageMeta, publicCacheHeaders, publicContext, publicPageHeaders } from "~/lib/public-http.server";
import { provinceCounts } from "~/models/replications-public.server";

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => (data?.meta as MetaDescriptor[] | undefined) ?? [{ title: "Sayembara" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, t } = await publicContext(request);
  const all = await provinceCounts(db);
  return json(
    {
      rows: all.filter((p) => p.adopted > 0 || p.sourced > 0),
      meta: pageMeta({
        title: `${t("replicationsPublic.provinces.title")} · Sayembara`,
        description: t("replicationsPublic.provinces.lead"),
        url: canonicalUrl(request, "/replications/provinces"),
      }),
    },
    { headers: publicCacheHeaders(request) },
  );
}

const BAR_HEIGHT = 20;
const GAP = 8;
const LABEL_WIDTH = 220;
const BAR_AREA = 320;
const WIDTH = LABEL_WIDTH + BAR_AREA + 60;

export default function ProvinceStatistics() {
  const { rows } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const uid = useId();
  const num = new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB");
  const totalAdopted = rows.reduce((s, r) => s + r.adopted, 0);
  const totalSourced = rows.reduce((s, r) => s + r.sourced, 0);
  const chartRows = [...rows].sort((a, b) => b.adopted - a.adopted || a.code.localeCompare(b.code)).filter((r) => r.adopted > 0);
  const max = Math.max(1, ...chartRows.map((r) => r.adopted));
  const height = chartRows.length * (BAR_HEIGHT + GAP) + GAP;
  return (
    <>
      <PageHeader title={t("replicationsPublic.provinces.title")} lead={t("replicationsPublic.provinces.lead")} breadcrumb={<Link to="/replications">{t("replicationsPublic.title")}</Link>} />
      {rows.length === 0 ? (
        <EmptyState message="replicationsPublic.provinces.empty" />
      ) : (
        <section className="card" aria-labelledby="provinces-table-heading">
          <h2 id="provinces-table-heading" className="visually-hidden">
            {t("replicationsPublic.provinces.caption")}
          </h2>
          <div className="table-wrap">
            <table>
              <caption style={{ textAlign: "left", padding: "0.6rem 0.8rem", fontWeight: 600 }}>{t("replicationsPublic.provinces.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("replicationsPublic.provinces.province")}</th>
                  <th scope="col" style={{ textAlign: "right" }}>
                    {t("replicationsPublic.provinces.adopted")}
                  </th>
                  <th scope="col" style={{ textAlign: "right" }}>
                    {t("replicationsPublic.provinces.sourced")}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t("replicationsPublic.provinces.network")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.code}>
                    <th scope="row" style={{ fontWeight: 400 }}>
                      {r.name}
                    </th>
                    <td style={{ textAlign: "right" }}>{num.format(r.adopted)}</td>
                    <td style={{ textAlign: "right" }}>{num.format(r.sourced)}</td>
                    <td>
                      <Link to={`/replications?province=${r.code}`}>{t("replicationsPublic.provinces.network")}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("replicationsPublic.provinces.total")}</th>
                  <td style={{ textAlign: "right", fontWeight: 600 }}>{num.format(totalAdopted)}</td>
                  <td style={{ textAlign: "right", fontWeight: 600 }}>{num.format(totalSourced)}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          <svg
            role="img"
            aria-labelledby={`${uid}-title ${uid}-desc`}
            viewBox={`0 0 ${WIDTH} ${height}`}
            width="100%"
            style={{ maxWidth: `${WIDTH}px`, display: "block", marginTop: "1rem" }}
          >
            <title id={`${uid}-title`}>{t("replicationsPublic.provinces.chartTitle")}</title>
            <desc id={`${uid}-desc`}>
              {t("replicationsPublic.provinces.chartDesc", {
                items: chartRows.map((r) => t("replicationsPublic.provinces.chartItem", { label: r.name, count: num.format(r.adopted) })).join("; "),
                total: num.format(totalAdopted),
              })}
            </desc>
            {chartRows.map((r, i) => {
              const y = GAP + i * (BAR_HEIGHT + GAP);
              const w = Math.max(2, Math.round((r.adopted / max) * BAR_AREA));
              return (
                <g key={r.code}>
                  <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT / 2} textAnchor="end" dominantBaseline="central" fontSize="13" fill="#1b2430">
                    {r.name}
                  </text>
                  <rect x={LABEL_WIDTH} y={y} width={BAR_AREA} height={BAR_HEIGHT} fill="#eef2f6" />
                  <rect x={LABEL_WIDTH} y={y} width={w} height={BAR_HEIGHT} fill="#0b4f8a" />
                  <text x={LABEL_WIDTH + w + 6} y={y + BAR_HEIGHT / 2} dominantBaseline="central" fontSize="13" fill="#1b2430">
                    {num.format(r.adopted)}
                  </text>
                </g>
              );
            })}
          </svg>
        </section>
      )}
    </>
  );
}
