/**
 * The plenary's results table: rank, every method's score, spread, the
 * per-criterion means, the flags (disagreement, borderline band), what the
 * rule says and the decision. Figures are rounded to 2 decimals on screen
 * only (the exports carry full precision).
 */
import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import type { Locale } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";

export type DecisionValue = "advance" | "stop" | "override_advance" | "override_stop";

/** Two decimals in the page's language; a dash for "no value". */
export function twoDecimals(locale: Locale): (x: number | null | undefined) => string {
  const f = new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (x) => (x === null || x === undefined || !Number.isFinite(x) ? "–" : f.format(x));
}

export function DecisionBadge({ decision }: { decision: DecisionValue }) {
  const t = useT();
  const cls = decision === "advance" || decision === "override_advance" ? "badge badge-success" : "badge badge-muted";
  return <span className={cls}>{t(`plenary.decision.${decision}` as MessageKey)}</span>;
}

export interface ResultRowData {
  rank: number;
  proposalId: string;
  number: string;
  title: string;
  agencyCode: string;
  agencyName: string;
  nScores: number;
  rawMean: number | null;
  normalized: number | null;
  median: number | null;
  shrunk: number | null;
  score: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  criterionMeans: (number | null)[];
  disagreement: boolean;
  borderline: boolean;
  ruleDecision: "advance" | "stop";
  decision: DecisionValue;
  override: { decision: "advance" | "stop"; reason: string } | null;
}

const METHOD_COLUMNS = ["rawMean", "normalized", "median", "shrunk"] as const;
const METHOD_KEY: Record<(typeof METHOD_COLUMNS)[number], string> = {
  rawMean: "raw_mean",
  normalized: "normalized",
  median: "median",
  shrunk: "shrunk",
};

export function ResultsTable({
  rows,
  criteria,
  method,
  caption,
  overrideHref,
}: {
  rows: ResultRowData[];
  criteria: { key: string; nameId: string; nameEn: string }[];
  method: string;
  caption: string;
  /** Where the "override" link of a row goes (absent when overrides are not allowed). */
  overrideHref?: (number: string) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const fmt = twoDecimals(locale);
  return (
    <div className="table-wrap">
      <table className="results-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("plenary.col.rank")}
            </th>
            <th scope="col">{t("plenary.col.number")}</th>
            <th scope="col">{t("plenary.col.title")}</th>
            <th scope="col">{t("plenary.col.agency")}</th>
            <th scope="col" className="num">
              {t("plenary.col.n")}
            </th>
            {METHOD_COLUMNS.map((m) => (
              <th scope="col" className="num" key={m}>
                {t(`plenary.method.${METHOD_KEY[m]}` as MessageKey)}
                {METHOD_KEY[m] === method ? (
                  <>
                    {" "}
                    <abbr title={t("plenary.col.methodUsed")}>*</abbr>
                  </>
                ) : null}
              </th>
            ))}
            <th scope="col" className="num">
              {t("plenary.col.sd")}
            </th>
            <th scope="col" className="num">
              {t("plenary.col.min")}
            </th>
            <th scope="col" className="num">
              {t("plenary.col.max")}
            </th>
            {criteria.map((c) => (
              <th scope="col" className="num" key={c.key} title={locale === "en" ? c.nameEn : c.nameId}>
                {c.key}
              </th>
            ))}
            <th scope="col">{t("plenary.col.flags")}</th>
            <th scope="col">{t("plenary.col.rule")}</th>
            <th scope="col">{t("plenary.col.decision")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.proposalId} style={r.borderline ? { background: "var(--c-warn-soft)" } : undefined}>
              <td className="num">{r.rank}</td>
              <th scope="row">{r.number}</th>
              <td>{r.title}</td>
              <td>
                <abbr title={r.agencyName}>{r.agencyCode}</abbr>
              </td>
              <td className="num">{r.nScores}</td>
              {METHOD_COLUMNS.map((m) => (
                <td className="num" key={m} style={METHOD_KEY[m] === method ? { fontWeight: 600 } : undefined}>
                  {fmt(r[m])}
                </td>
              ))}
              <td className="num">{fmt(r.sd)}</td>
              <td className="num">{fmt(r.min)}</td>
              <td className="num">{fmt(r.max)}</td>
              {r.criterionMeans.map((v, i) => (
                <td className="num" key={criteria[i]?.key ?? i}>
                  {fmt(v)}
                </td>
              ))}
              <td>
                {r.disagreement ? <span className="badge badge-danger">{t("plenary.flag.disagreement")}</span> : null}{" "}
                {r.borderline ? <span className="badge">{t("plenary.flag.borderline")}</span> : null}
                {r.nScores === 0 ? <span className="badge badge-muted">{t("plenary.flag.unscored")}</span> : null}
              </td>
              <td>{t(`plenary.decision.${r.ruleDecision}` as MessageKey)}</td>
              <td>
                <DecisionBadge decision={r.decision} />
                {r.override ? <div className="small muted">{r.override.reason}</div> : null}
                {overrideHref ? (
                  <div className="small">
                    <Link to={overrideHref(r.number)} aria-label={t("plenary.override.linkFor", { number: r.number })}>
                      {t("plenary.override.link")}
                    </Link>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
