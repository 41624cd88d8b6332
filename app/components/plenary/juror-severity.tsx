/**
 * Each juror's severity: how many sheets, their mean total, SD and offset
 * (mean minus the round's mean; negative = harsh), with a small histogram of
 * their totals in ten bins of 10 points. The chart is an inline SVG with a
 * <title> and the counts as text beside it for screen readers.
 */
import { useLocale, useT } from "~/i18n/react";
import { twoDecimals } from "./results-table";

export interface JurorSeverityRow {
  id: string;
  name: string;
  n: number;
  mean: number;
  sd: number;
  offset: number;
  histogram: number[];
}

const BIN_LABELS = Array.from({ length: 10 }, (_, i) => `${i * 10}–${i === 9 ? 100 : i * 10 + 10}`);

export function Histogram({ id, bins, label }: { id: string; bins: number[]; label: string }) {
  const t = useT();
  const peak = Math.max(1, ...bins);
  const W = 100;
  const H = 28;
  const summary = bins.map((n, i) => `${BIN_LABELS[i]}: ${n}`).join("; ");
  return (
    <span>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
        <title id={`${id}-title`}>{t("plenary.jurors.chartTitle", { name: label })}</title>
        <rect x={0} y={H - 1} width={W} height={1} fill="#c7ccd4" />
        {bins.map((n, i) => {
          const h = n === 0 ? 0 : Math.max(2, Math.round(((H - 2) * n) / peak));
          return <rect key={i} x={i * 10 + 1} y={H - 1 - h} width={8} height={h} fill="#2f6fb0" />;
        })}
      </svg>
      <span id={`${id}-desc`} className="visually-hidden">
        {t("plenary.jurors.chartSummary", { bins: summary })}
      </span>
    </span>
  );
}

export function JurorSeverity({ jurors, roundMean, roundSd }: { jurors: JurorSeverityRow[]; roundMean: number | null; roundSd: number | null }) {
  const t = useT();
  const locale = useLocale();
  const fmt = twoDecimals(locale);
  if (jurors.length === 0) return <p className="empty">{t("plenary.jurors.empty")}</p>;
  return (
    <>
      <p className="muted small">{t("plenary.jurors.lead", { mean: fmt(roundMean), sd: fmt(roundSd) })}</p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("plenary.jurors.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("plenary.jurors.col.juror")}</th>
              <th scope="col" className="num">
                {t("plenary.jurors.col.n")}
              </th>
              <th scope="col" className="num">
                {t("plenary.jurors.col.mean")}
              </th>
              <th scope="col" className="num">
                {t("plenary.jurors.col.sd")}
              </th>
              <th scope="col" className="num">
                {t("plenary.jurors.col.offset")}
              </th>
              <th scope="col">{t("plenary.jurors.col.distribution")}</th>
            </tr>
          </thead>
          <tbody>
            {jurors.map((j) => (
              <tr key={j.id}>
                <th scope="row">{j.name}</th>
                <td className="num">{j.n}</td>
                <td className="num">{fmt(j.mean)}</td>
                <td className="num">{fmt(j.sd)}</td>
                <td className="num">
                  {j.offset > 0 ? "+" : ""}
                  {fmt(j.offset)}{" "}
                  <span className="small muted">
                    {j.offset < -0.005 ? t("plenary.jurors.harsh") : j.offset > 0.005 ? t("plenary.jurors.lenient") : ""}
                  </span>
                </td>
                <td>
                  <Histogram id={`hist-${j.id}`} bins={j.histogram} label={j.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
