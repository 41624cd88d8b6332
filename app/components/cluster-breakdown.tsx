/**
 * The breakdown of a list by agency cluster: an accessible table (the
 * authoritative form) and an SVG bar chart with a text alternative. Pass the
 * rows of `clusterBreakdown(...)` from app/domain/awards.ts. No JavaScript
 * needed; the chart scales with its container.
 */
import { useId } from "react";
import { clusterBucketKey, type ClusterBreakdownRow } from "~/domain/awards";
import { useLocale, useT } from "~/i18n/react";

const BAR_HEIGHT = 22;
const GAP = 10;
const LABEL_WIDTH = 210;
const BAR_AREA = 330;
const VALUE_WIDTH = 60;
const WIDTH = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;

export function ClusterBreakdown({ rows, caption }: { rows: readonly ClusterBreakdownRow[]; caption?: string }) {
  const t = useT();
  const locale = useLocale();
  const uid = useId();
  const titleId = `${uid}-title`;
  const descId = `${uid}-desc`;
  const num = new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB");
  const pct = new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const total = rows.reduce((s, r) => s + r.count, 0);
  const max = Math.max(1, ...rows.map((r) => r.count));
  const height = rows.length * (BAR_HEIGHT + GAP) + GAP;
  const labels = rows.map((r) => t(clusterBucketKey(r.bucket)));
  const description = t("awards.breakdown.chartDesc", {
    items: rows.map((r, i) => t("awards.breakdown.chartItem", { label: labels[i], count: num.format(r.count) })).join("; "),
    total: num.format(total),
  });

  return (
    <div className="cluster-breakdown">
      <div className="table-wrap">
        <table>
          <caption style={{ textAlign: "left", padding: "0.6rem 0.8rem", fontWeight: 600 }}>
            {caption ?? t("awards.breakdown.caption")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("awards.breakdown.cluster")}</th>
              <th scope="col" style={{ textAlign: "right" }}>
                {t("awards.breakdown.count")}
              </th>
              <th scope="col" style={{ textAlign: "right" }}>
                {t("awards.breakdown.percent")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.bucket}>
                <th scope="row" style={{ fontWeight: 400 }}>
                  {labels[i]}
                </th>
                <td style={{ textAlign: "right" }}>{num.format(r.count)}</td>
                <td style={{ textAlign: "right" }}>{pct.format(r.percent)}%</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("awards.breakdown.total")}</th>
              <td style={{ textAlign: "right", fontWeight: 600 }}>{num.format(total)}</td>
              <td style={{ textAlign: "right" }}>{total > 0 ? `${pct.format(100)}%` : `${pct.format(0)}%`}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        style={{ maxWidth: `${WIDTH}px`, display: "block", marginTop: "1rem" }}
      >
        <title id={titleId}>{t("awards.breakdown.chartTitle")}</title>
        <desc id={descId}>{description}</desc>
        {rows.map((r, i) => {
          const y = GAP + i * (BAR_HEIGHT + GAP);
          const w = r.count === 0 ? 0 : Math.max(2, Math.round((r.count / max) * BAR_AREA));
          return (
            <g key={r.bucket}>
              <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT / 2} textAnchor="end" dominantBaseline="central" fontSize="13" fill="#1b2430">
                {labels[i]}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={BAR_AREA} height={BAR_HEIGHT} fill="#eef2f6" />
              <rect x={LABEL_WIDTH} y={y} width={w} height={BAR_HEIGHT} fill="#0b4f8a" />
              <text x={LABEL_WIDTH + w + 6} y={y + BAR_HEIGHT / 2} dominantBaseline="central" fontSize="13" fill="#1b2430">
                {num.format(r.count)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
