/**
 * The replay of a recorded decision: identical apart from the listed
 * overrides, or every difference; and whether the stored inputs still give
 * the recorded hash. Also the one-line description of an advancement rule.
 */
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { Alert } from "~/components/ui/form";
import { DecisionBadge, type DecisionValue } from "./results-table";

export interface ReplayData {
  equal: boolean;
  hashMatches: boolean;
  recordedHash: string;
  currentHash: string;
  differences: { number: string; field: "rank" | "decision" | "score"; recorded: number | string | null; recomputed: number | string | null }[];
  overrides: { number: string; ruleDecision: "advance" | "stop"; decision: DecisionValue; reason: string | null }[];
}

export function ReplayPanel({ replay }: { replay: ReplayData }) {
  const t = useT();
  const show = (v: number | string | null) => (v === null ? t("plenary.replay.absent") : typeof v === "string" && v in DECISION_KEYS ? t(DECISION_KEYS[v]) : String(v));
  return (
    <div id="replay-result">
      {replay.equal ? (
        <Alert kind="success">{t("plenary.replay.identical", { count: replay.overrides.length })}</Alert>
      ) : (
        <Alert kind="error">{t("plenary.replay.different", { count: replay.differences.length })}</Alert>
      )}
      {replay.hashMatches ? (
        <p className="small">{t("plenary.replay.hashMatches")}</p>
      ) : (
        <Alert kind="warn">{t("plenary.replay.hashChanged")}</Alert>
      )}
      <p className="small muted">
        {t("plenary.replay.hashes", { recorded: replay.recordedHash.slice(0, 16), current: replay.currentHash.slice(0, 16) })}
      </p>
      {replay.overrides.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t("plenary.replay.overridesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("plenary.col.number")}</th>
                <th scope="col">{t("plenary.col.rule")}</th>
                <th scope="col">{t("plenary.col.decision")}</th>
                <th scope="col">{t("plenary.override.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {replay.overrides.map((o) => (
                <tr key={o.number}>
                  <th scope="row">{o.number}</th>
                  <td>{t(`plenary.decision.${o.ruleDecision}` as MessageKey)}</td>
                  <td>
                    <DecisionBadge decision={o.decision} />
                  </td>
                  <td>{o.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {replay.differences.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t("plenary.replay.differencesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("plenary.col.number")}</th>
                <th scope="col">{t("plenary.replay.fieldHeader")}</th>
                <th scope="col">{t("plenary.replay.recorded")}</th>
                <th scope="col">{t("plenary.replay.recomputed")}</th>
              </tr>
            </thead>
            <tbody>
              {replay.differences.map((d, i) => (
                <tr key={`${d.number}-${d.field}-${i}`}>
                  <th scope="row">{d.number}</th>
                  <td>{t(`plenary.replay.field.${d.field}` as MessageKey)}</td>
                  <td>{show(d.recorded)}</td>
                  <td>{show(d.recomputed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

const DECISION_KEYS: Record<string, MessageKey> = {
  advance: "plenary.decision.advance",
  stop: "plenary.decision.stop",
  override_advance: "plenary.decision.override_advance",
  override_stop: "plenary.decision.override_stop",
};

export type RuleData =
  | { kind: "manual" }
  | { kind: "top_n"; n: number }
  | { kind: "pass_grade"; min: number }
  | { kind: "top_n_pass"; n: number; min: number }
  | { kind: "quota"; by: "cluster" | "category" | "group"; quotas: Record<string, number>; min?: number }
  | { kind: "proportional"; by: "cluster" | "category" | "group"; total: number; min?: number };

/** "Top 99", "Score ≥ 85", "Quota per cluster: kota 3, …", in the page's language. */
export function RuleSummary({ rule }: { rule: RuleData }) {
  const t = useT();
  const by = (s: "cluster" | "category" | "group") => t(`plenary.rule.by.${s}` as MessageKey);
  const withMin = (text: string, min?: number) => (min === undefined ? text : `${text}; ${t("plenary.rule.pass_grade", { min })}`);
  switch (rule.kind) {
    case "manual":
      return <>{t("plenary.rule.manual")}</>;
    case "top_n":
      return <>{t("plenary.rule.top_n", { n: rule.n })}</>;
    case "pass_grade":
      return <>{t("plenary.rule.pass_grade", { min: rule.min })}</>;
    case "top_n_pass":
      return <>{t("plenary.rule.top_n_pass", { n: rule.n, min: rule.min })}</>;
    case "quota":
      return (
        <>
          {withMin(
            t("plenary.rule.quota", {
              by: by(rule.by),
              quotas: Object.entries(rule.quotas)
                .map(([k, n]) => `${k} ${n}`)
                .join(", "),
            }),
            rule.min,
          )}
        </>
      );
    case "proportional":
      return <>{withMin(t("plenary.rule.proportional", { by: by(rule.by), total: rule.total }), rule.min)}</>;
  }
}
