/**
 * Pieces of the screening pages: a proposal's automatic checks, its decision
 * badge and reasons, and the decision fields (result, reasons, note) shared by
 * the one-proposal form and the bulk form of the queue.
 */
import type { Group } from "~/domain/edition";
import {
  CHECK_KINDS,
  findingMessage,
  groupNames,
  NOTE_MAX,
  SCREENING_REASONS,
  SCREENING_RESULTS,
  type CheckList,
  type ScreeningReason,
  type ScreeningResult,
} from "~/domain/screening";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/forms";

const choices = { display: "flex", flexWrap: "wrap", gap: "0.35rem 1.25rem", marginTop: "0.4rem" } as const;
const choice = { display: "inline-flex", alignItems: "center", gap: "0.4rem", fontWeight: 400 } as const;

/**
 * The automatic checks of one proposal. `full`: every check with its state
 * (the proposal page); otherwise only the checks that found something (the queue).
 */
export function ScreeningChecks({ checks, group, full = false }: { checks: CheckList | null; group: Group | null | undefined; full?: boolean }) {
  const t = useT();
  const locale = useLocale();
  if (!checks) return <span className="badge badge-muted">{t("screening.checks.none")}</span>;
  if (!full && checks.problemCount === 0) return <span className="badge badge-success">{t("screening.checks.ok")}</span>;
  const names = groupNames(group, locale);
  const byKind = new Map(checks.checks.map((c) => [c.kind, c.findings]));
  const kinds = CHECK_KINDS.filter((k) => full || (byKind.get(k)?.length ?? 0) > 0);
  return (
    <ul className={full ? undefined : "small"} style={{ margin: 0, paddingLeft: full ? undefined : "1rem" }}>
      {kinds.map((kind) => {
        const findings = byKind.get(kind) ?? [];
        return (
          <li key={kind}>
            <strong>{t(`screening.check.${kind}` as MessageKey)}</strong>{" "}
            {findings.length === 0 ? (
              <span className="badge badge-success">{t("screening.checks.ok")}</span>
            ) : (
              <>
                {full ? <span className="badge badge-danger">{t("screening.checks.count", { count: findings.length })}</span> : null}
                <ul>
                  {findings.map((f, i) => {
                    const m = findingMessage(f, names);
                    return (
                      <li key={i}>
                        {m.section ? <>{m.section}: </> : null}
                        {t(m.key, m.params)}
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function DecisionBadge({ result }: { result: ScreeningResult | null | undefined }) {
  const t = useT();
  if (result === "lolos") return <span className="badge badge-success">{t("screening.result.lolos")}</span>;
  if (result === "tidak_lolos") return <span className="badge badge-danger">{t("screening.result.tidak_lolos")}</span>;
  return <span className="badge badge-muted">{t("screening.result.undecided")}</span>;
}

/** A decision's reasons (checklist labels) and its note. */
export function DecisionReasons({ reasons, note }: { reasons: ScreeningReason[]; note: string }) {
  const t = useT();
  if (reasons.length === 0 && !note) return null;
  return (
    <>
      {reasons.length > 0 ? (
        <ul className="small" style={{ margin: "0.25rem 0 0", paddingLeft: "1rem" }}>
          {reasons.map((r) => (
            <li key={r}>{t(`screening.reason.${r}` as MessageKey)}</li>
          ))}
        </ul>
      ) : null}
      {note ? (
        <p className="small" style={{ margin: "0.25rem 0 0", whiteSpace: "pre-line" }}>
          {note}
        </p>
      ) : null}
    </>
  );
}

function FieldError({ id, error }: { id: string; error?: MessageKey }) {
  const t = useT();
  if (!error) return null;
  return (
    <span className="error" id={id} role="alert" style={{ display: "block", marginTop: "0.35rem" }}>
      {t(error)}
    </span>
  );
}

/**
 * Result (Lolos / Tidak lolos), the reasons checklist and the note. Field
 * names: result, reasons (repeated), note. Errors show at each group.
 */
export function DecisionFields({
  idPrefix,
  errors,
  result,
  reasons,
  note,
  disabled = false,
  reasonsHint = "screening.decide.reasonsHint",
}: {
  idPrefix: string;
  reasonsHint?: MessageKey;
  errors?: FieldErrors;
  result: string;
  reasons: string[];
  note: string;
  disabled?: boolean;
}) {
  const t = useT();
  const ticked = new Set(reasons);
  return (
    <div className="stack">
      <fieldset
        className="field"
        aria-describedby={errors?.result ? `${idPrefix}-result-error` : undefined}
        aria-invalid={errors?.result ? true : undefined}
        disabled={disabled}
      >
        <legend>{t("screening.decide.result")}</legend>
        <div style={choices}>
          {SCREENING_RESULTS.map((r) => (
            <label key={r} style={choice}>
              <input type="radio" name="result" value={r} defaultChecked={result === r} required />
              {t(`screening.result.${r}` as MessageKey)}
            </label>
          ))}
        </div>
        <FieldError id={`${idPrefix}-result-error`} error={errors?.result} />
      </fieldset>
      <fieldset
        className="field"
        aria-describedby={[`${idPrefix}-reasons-hint`, errors?.reasons ? `${idPrefix}-reasons-error` : null].filter(Boolean).join(" ")}
        aria-invalid={errors?.reasons ? true : undefined}
        disabled={disabled}
        style={{ marginTop: "1rem" }}
      >
        <legend>{t("screening.decide.reasons")}</legend>
        <span className="hint" id={`${idPrefix}-reasons-hint`}>
          {t(reasonsHint)}
        </span>
        <div style={choices}>
          {SCREENING_REASONS.map((r) => (
            <label key={r} style={choice}>
              <input type="checkbox" name="reasons" value={r} defaultChecked={ticked.has(r)} />
              {t(`screening.reason.${r}` as MessageKey)}
            </label>
          ))}
        </div>
        <FieldError id={`${idPrefix}-reasons-error`} error={errors?.reasons} />
      </fieldset>
      <div className="field" style={{ marginTop: "1rem" }}>
        <label htmlFor={`${idPrefix}-note`}>{t("screening.decide.note")}</label>
        <span className="hint" id={`${idPrefix}-note-hint`}>
          {t("screening.decide.noteHint")}
        </span>
        <textarea
          id={`${idPrefix}-note`}
          name="note"
          defaultValue={note}
          maxLength={NOTE_MAX}
          disabled={disabled}
          aria-invalid={errors?.note ? true : undefined}
          aria-describedby={[`${idPrefix}-note-hint`, errors?.note ? `${idPrefix}-note-error` : null].filter(Boolean).join(" ")}
        />
        <FieldError id={`${idPrefix}-note-error`} error={errors?.note} />
      </div>
    </div>
  );
}
