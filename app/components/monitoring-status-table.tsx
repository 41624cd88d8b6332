/**
 * Sustainability status counts per group (edition, province or cluster): an
 * accessible table (the authoritative form) and a stacked SVG bar chart with a
 * text alternative. No JavaScript needed.
 */
import { useId } from "react";
import type { StatusRow } from "~/domain/monitoring";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";

const PARTS = [
  { key: "berlanjut", color: "#0b4f8a" },
  { key: "berkembang", color: "#2e8b57" },
  { key: "berhenti", color: "#b23b3b" },
  { key: "notReported", color: "#c9d2dc" },
] as const;

const BAR_HEIGHT = 20;
const GAP = 10;
const LABEL_WIDTH = 210;
const BAR_AREA = 360;
const WIDTH = LABEL_WIDTH + BAR_AREA + 20;

export function MonitoringStatusTable({ rows, caption, labelOf }: { rows: readonly StatusRow[]; caption: string; labelOf?: (r: StatusRow) => string }) {
  const t = useT();
  const locale = useLocale();
  const uid = useId();
  const num = new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB");
  const label = (r: StatusRow) => (labelOf ? labelOf(r) : r.label);
  const max = Math.max(1, ...rows.map((r) => r.counts.total));
  const height = rows.length * (BAR_HEIGHT + GAP) + GAP;
  const description = t("monitoring.dash.chartDesc", {
    items: rows
      .map((r) =>
        t("monitoring.dash.chartItem", {
          label: label(r),
          berlanjut: num.format(r.counts.berlanjut),
          berkembang: num.format(r.counts.berkembang),
          berhenti: num.format(r.counts.berhenti),
          notReported: num.format(r.counts.notReported),
        }),
      )
      .join("; "),
  });
  if (rows.length === 0) return null;
  return (
    <div>
      <div className="table-wrap">
        <table>
          <caption style={{ textAlign: "left", padding: "0.6rem 0.8rem", fontWeight: 600 }}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("monitoring.col.group")}</th>
              {PARTS.map((p) => (
                <th scope="col" key={p.key} style={{ textAlign: "right" }}>
                  {t(`monitoring.status.${p.key}` as MessageKey)}
                </th>
              ))}
              <th scope="col" style={{ textAlign: "right" }}>
                {t("monitoring.col.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" style={{ fontWeight: 400 }}>
                  {label(r)}
                </th>
                {PARTS.map((p) => (
                  <td key={p.key} style={{ textAlign: "right" }}>
                    {num.format(r.counts[p.key])}
                  </td>
                ))}
                <td style={{ textAlign: "right", fontWeight: 600 }}>{num.format(r.counts.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <svg role="img" aria-labelledby={`${uid}-t ${uid}-d`} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: `${WIDTH}px`, display: "block", marginTop: "1rem" }}>
        <title id={`${uid}-t`}>{caption}</title>
        <desc id={`${uid}-d`}>{description}</desc>
        {rows.map((r, i) => {
          const y = GAP + i * (BAR_HEIGHT + GAP);
          let x = LABEL_WIDTH;
          return (
            <g key={r.key}>
              <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT / 2} textAnchor="end" dominantBaseline="central" fontSize="13" fill="#1b2430">
                {label(r)}
              </text>
              {PARTS.map((p) => {
                const w = Math.round((r.counts[p.key] / max) * BAR_AREA);
                const rect = w > 0 ? <rect key={p.key} x={x} y={y} width={w} height={BAR_HEIGHT} fill={p.color} /> : null;
                x += w;
                return rect;
              })}
            </g>
          );
        })}
      </svg>
      <p className="muted small" aria-hidden="true">
        {PARTS.map((p) => (
          <span key={p.key} style={{ marginRight: "1rem" }}>
            <span style={{ display: "inline-block", width: 10, height: 10, background: p.color, marginRight: 4 }} />
            {t(`monitoring.status.${p.key}` as MessageKey)}
          </span>
        ))}
      </p>
    </div>
  );
}
