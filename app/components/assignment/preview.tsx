import type { ReactNode } from "react";
import { Alert } from "~/components/ui/form";
import type { Locale, Translator } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";

/** The plan summary as the round page receives it (see PlanSummary in app/services/assignment.server.ts). */
export interface PreviewSummary {
  mode: "keep" | "restart" | "repair";
  k: number;
  seed: number;
  diversityOn: boolean;
  proposals: number;
  pool: number;
  unavailable: number;
  complete: boolean;
  shortfall: { number: string; agency: string; missing: number }[];
  pairs: number;
  expertPairs: number;
  mismatches: number;
  uncategorisedPairs: number;
  proposalsWithExpert: number;
  load: { max: number; min: number; spread: number };
  diversity: number | null;
  diff: { added: number; removed: number; unchanged: number };
  jurors: {
    id: string;
    name: string;
    email: string;
    status: string;
    unavailable: boolean;
    before: number;
    after: number;
    minLoad: number;
    maxLoad: number;
    added: string[];
    removed: string[];
  }[];
  outside: number;
  solverMs: number;
}

export type PreviewReason =
  | { kind: "too_few_eligible"; agency: string | null; proposals: string[]; eligible: number; needed: number }
  | { kind: "capacity"; capacity: number; needed: number }
  | { kind: "bottleneck"; proposals: string[]; agencies: { name: string; count: number }[]; jurors: string[]; capacity: number; needed: number }
  | { kind: "min_load_total"; minTotal: number; work: number }
  | { kind: "min_load_juror"; juror: string; minLoad: number; possible: number };

export function numberFormatter(locale: Locale): (n: number) => string {
  const f = new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB", { maximumFractionDigits: 1 });
  return (n) => f.format(n);
}

function percent(part: number, whole: number, fmt: (n: number) => string): string {
  return whole === 0 ? "—" : `${fmt(Math.round((1000 * part) / whole) / 10)}%`;
}

/** A list of proposal numbers, folded away when long. */
function Numbers({ numbers, label }: { numbers: string[]; label: string }) {
  if (numbers.length === 0) return null;
  return (
    <details>
      <summary>{label}</summary>
      <p className="small">{numbers.join(", ")}</p>
    </details>
  );
}

/** One reason in words. */
export function ReasonText({ reason, t, fmt }: { reason: PreviewReason; t: Translator; fmt: (n: number) => string }): ReactNode {
  switch (reason.kind) {
    case "too_few_eligible":
      return (
        <>
          {reason.agency
            ? t("assignment.reason.tooFew", {
                count: fmt(reason.proposals.length),
                agency: reason.agency,
                eligible: fmt(reason.eligible),
                needed: fmt(reason.needed),
              })
            : t("assignment.reason.tooFewNoAgency", { count: fmt(reason.proposals.length), eligible: fmt(reason.eligible), needed: fmt(reason.needed) })}
          <Numbers numbers={reason.proposals} label={t("assignment.reason.which")} />
        </>
      );
    case "capacity":
      return t("assignment.reason.capacity", { capacity: fmt(reason.capacity), needed: fmt(reason.needed) });
    case "bottleneck":
      return (
        <>
          {t("assignment.reason.bottleneck", {
            count: fmt(reason.proposals.length),
            agencies: reason.agencies
              .slice(0, 5)
              .map((a) => `${a.name} (${fmt(a.count)})`)
              .join(", ") + (reason.agencies.length > 5 ? ", …" : ""),
            jurors: fmt(reason.jurors.length),
            names: reason.jurors.join(", "),
            capacity: fmt(reason.capacity),
            needed: fmt(reason.needed),
          })}
          <Numbers numbers={reason.proposals} label={t("assignment.reason.which")} />
        </>
      );
    case "min_load_total":
      return t("assignment.reason.minTotal", { minTotal: fmt(reason.minTotal), work: fmt(reason.work) });
    case "min_load_juror":
      return t("assignment.reason.minJuror", { juror: reason.juror, minLoad: fmt(reason.minLoad), possible: fmt(reason.possible) });
  }
}

/** The latest preview: figures, the explanation when incomplete, and the diff per juror. */
export function PreviewView({ summary: s, reasons }: { summary: PreviewSummary; reasons: PreviewReason[] }) {
  const t = useT();
  const locale = useLocale();
  const fmt = numberFormatter(locale);
  const changed = s.jurors.filter((j) => j.added.length > 0 || j.removed.length > 0);
  return (
    <>
      {s.complete ? (
        <Alert kind="success">{t("assignment.preview.complete", { k: s.k, count: fmt(s.proposals) })}</Alert>
      ) : (
        <div className="alert alert-warn" role="status">
          <p>
            <strong>{t("assignment.preview.incomplete", { count: fmt(s.shortfall.length), k: s.k })}</strong>
          </p>
          {reasons.length > 0 ? (
            <>
              <p>{t("assignment.preview.why")}</p>
              <ul>
                {reasons.map((r, i) => (
                  <li key={i}>
                    <ReasonText reason={r} t={t} fmt={fmt} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <Numbers
            numbers={s.shortfall.map((x) => t("assignment.preview.shortItem", { number: x.number, agency: x.agency, missing: x.missing }))}
            label={t("assignment.preview.shortList")}
          />
          <p>{t("assignment.preview.partial")}</p>
        </div>
      )}
      {s.complete && reasons.length > 0 ? (
        <Alert kind="warn">
          <ul>
            {reasons.map((r, i) => (
              <li key={i}>
                <ReasonText reason={r} t={t} fmt={fmt} />
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <h3>{t("assignment.preview.figures")}</h3>
      <div className="table-wrap">
        <table>
          <tbody>
            <tr>
              <th scope="row">{t("assignment.preview.pairs")}</th>
              <td className="num">{fmt(s.pairs)}</td>
            </tr>
            <tr>
              <th scope="row">{t("assignment.preview.coverage")}</th>
              <td className="num">
                {fmt(s.expertPairs)} ({percent(s.expertPairs, s.pairs, fmt)})
              </td>
            </tr>
            <tr>
              <th scope="row">{t("assignment.preview.mismatches")}</th>
              <td className="num">{fmt(s.mismatches)}</td>
            </tr>
            {s.uncategorisedPairs > 0 ? (
              <tr>
                <th scope="row">{t("assignment.preview.uncategorised")}</th>
                <td className="num">{fmt(s.uncategorisedPairs)}</td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">{t("assignment.preview.withExpert")}</th>
              <td className="num">
                {t("assignment.preview.ofTotal", { part: fmt(s.proposalsWithExpert), whole: fmt(s.proposals) })} (
                {percent(s.proposalsWithExpert, s.proposals, fmt)})
              </td>
            </tr>
            <tr>
              <th scope="row">{t("assignment.preview.spread")}</th>
              <td className="num">{t("assignment.preview.spreadValue", { spread: fmt(s.load.spread), min: fmt(s.load.min), max: fmt(s.load.max) })}</td>
            </tr>
            {s.diversityOn ? (
              <tr>
                <th scope="row">{t("assignment.preview.diversity")}</th>
                <td className="num">{fmt(s.diversity ?? 0)}</td>
              </tr>
            ) : null}
            {s.outside > 0 ? (
              <tr>
                <th scope="row">{t("assignment.preview.outside")}</th>
                <td className="num">{fmt(s.outside)}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <h3>{t("assignment.preview.diff")}</h3>
      <p>{t("assignment.preview.diffLine", { added: fmt(s.diff.added), removed: fmt(s.diff.removed), unchanged: fmt(s.diff.unchanged) })}</p>
      {changed.length > 0 ? (
        <details>
          <summary>{t("assignment.preview.diffPerJuror", { count: changed.length })}</summary>
          <ul>
            {changed.map((j) => (
              <li key={j.id}>
                <strong>{j.name}</strong>
                {j.added.length > 0 ? <p className="small">{t("assignment.preview.gains", { count: j.added.length, list: j.added.join(", ") })}</p> : null}
                {j.removed.length > 0 ? <p className="small">{t("assignment.preview.loses", { count: j.removed.length, list: j.removed.join(", ") })}</p> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <h3>{t("assignment.preview.loads")}</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("assignment.juror")}</th>
              <th scope="col" className="num">
                {t("assignment.preview.loadNow")}
              </th>
              <th scope="col" className="num">
                {t("assignment.preview.loadAfter")}
              </th>
              <th scope="col" className="num">
                {t("assignment.preview.limits")}
              </th>
              <th scope="col" className="num">
                {t("assignment.preview.added")}
              </th>
              <th scope="col" className="num">
                {t("assignment.preview.removed")}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.jurors.map((j) => (
              <tr key={j.id}>
                <th scope="row">
                  {j.name}
                  {j.status !== "active" ? <span className="badge badge-danger">{t("assignment.preview.notActive")}</span> : null}
                  {j.unavailable ? <span className="badge badge-muted">{t("assignment.unavailable")}</span> : null}
                </th>
                <td className="num">{fmt(j.before)}</td>
                <td className="num">
                  <strong>{fmt(j.after)}</strong>
                </td>
                <td className="num">
                  {fmt(j.minLoad)}–{fmt(j.maxLoad)}
                </td>
                <td className="num">{j.added.length > 0 ? `+${fmt(j.added.length)}` : "0"}</td>
                <td className="num">{j.removed.length > 0 ? `−${fmt(j.removed.length)}` : "0"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("assignment.preview.solverTime", { ms: fmt(s.solverMs), seed: s.seed })}</p>
    </>
  );
}
