/**
 * The rubric and the juror's sheet: per criterion its descriptor levels, the
 * score (radio buttons when the scale has at most 11 values, else a number
 * field with min/max/step) and a comment; the overall comment; the buttons.
 *
 * Works without JavaScript: every button posts the whole form to the page's
 * action. With JavaScript, a change is autosaved as a draft a few seconds
 * later (POST /api/scores/:sheetId/autosave, or /api/scores/new/autosave
 * with the assignment before the sheet exists), moving the form's version on;
 * a conflict (saved in another tab), a closed round or a submitted sheet stops
 * autosaving, so nothing is overwritten silently.
 *
 * Field-verification rounds add a fieldset "Daftar periksa verifikasi
 * lapangan": per checklist item a checkbox and a note, posted with every save
 * (draft, autosave, submit) and disabled (read-only) with the rest of the form
 * once the round is not open. Nothing in it is required to submit.
 */
import { formBody, postForm, useFormAutosave } from "~/components/ui/autosave";
import { AutosaveStatus, type AutosaveMessages } from "~/components/ui/autosave-status";
import { Form, Link } from "@remix-run/react";
import { useRef, useState, type RefObject } from "react";
import { useLocale, useT } from "~/i18n/react";
import type { Locale } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { CHECKLIST_MARKER, checkField, checkNoteField } from "~/schemas/field-checklist";
import { commentField, scoreField } from "~/schemas/scoring";

export interface FormCriterion {
  key: string;
  nameId: string;
  nameEn: string;
  weight: number;
  min: number;
  max: number;
  step: number;
  levels: { score: number; id: string; en: string }[];
  /** Every value of the scale (radio buttons), or null (a number field). */
  choices: number[] | null;
}

export interface FormChecklistItem {
  key: string;
  labelId: string;
  labelEn: string;
}

type AutosaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; savedAt: string }
  | { kind: "conflict" }
  | { kind: "closed" }
  | { kind: "submitted" }
  | { kind: "invalid" }
  | { kind: "error" };

/** A change is saved this long after the last keystroke or click. */
const AUTOSAVE_DELAY_MS = 3000;

type AutosaveAnswer =
  | { ok: true; sheetId: string; version: number; savedAt: string }
  | { ok: false; conflict?: boolean; error?: string };

function useScoreAutosave(formRef: RefObject<HTMLFormElement>, initialSheetId: string | null, enabled: boolean, onSaved: (version: number) => void) {
  const sheetIdRef = useRef<string | null>(initialSheetId);
  sheetIdRef.current = sheetIdRef.current ?? initialSheetId;
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  return useFormAutosave<AutosaveState>(formRef, {
    enabled,
    delayMs: AUTOSAVE_DELAY_MS,
    async send(form) {
      const url = `/api/scores/${encodeURIComponent(sheetIdRef.current ?? "new")}/autosave`;
      const data = await postForm<AutosaveAnswer>(url, formBody(form, ["intent"]));
      if (data.ok) {
        sheetIdRef.current = data.sheetId;
        onSavedRef.current(data.version);
        return { state: { kind: "saved", savedAt: data.savedAt } };
      }
      // A draft with a value that is not a number yet: try again after the next change.
      if (data.error === "invalid") return { state: { kind: "invalid" } };
      if (data.conflict) return { state: { kind: "conflict" }, stop: true };
      if (data.error === "submitted") return { state: { kind: "submitted" }, stop: true };
      return { state: { kind: "closed" }, stop: true };
    },
  }) as AutosaveState;
}

const AUTOSAVE_MESSAGES: AutosaveMessages = {
  saving: { key: "scoring.sheet.autosave.saving" },
  saved: { key: "scoring.sheet.autosave.saved" },
  conflict: { key: "scoring.sheet.autosave.conflict", tone: "warn" },
  closed: { key: "scoring.sheet.autosave.closed", tone: "error" },
  submitted: { key: "scoring.sheet.autosave.submitted" },
  invalid: { key: "scoring.sheet.autosave.invalid", tone: "warn" },
  error: { key: "scoring.sheet.autosave.error", tone: "warn" },
};

function fmt(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB", { maximumFractionDigits: 6 }).format(n);
}

function levelText(l: { id: string; en: string }, locale: Locale): string {
  return (locale === "en" ? l.en : l.id) || l.id;
}

/** The first field with an error, in tab order: it gets the focus. */
export function firstInvalidField(criteria: readonly FormCriterion[], errors: FieldErrors | undefined, checklist: readonly { key: string }[] = []): string | null {
  if (!errors) return null;
  for (const c of criteria) {
    if (errors[scoreField(c.key)]) return scoreField(c.key);
    if (errors[commentField(c.key)]) return commentField(c.key);
  }
  for (const i of checklist) if (errors[checkNoteField(i.key)]) return checkNoteField(i.key);
  return errors.overall ? "overall" : null;
}

/**
 * The field-verification checklist: one checkbox and one note per item. It
 * records what the team verified on site; the score is the rubric, so
 * nothing here is required to submit.
 */
function ChecklistFieldset({
  items,
  values,
  errors,
  focus,
  disabled,
}: {
  items: FormChecklistItem[];
  values: Record<string, string>;
  errors?: FieldErrors;
  focus: string | null;
  disabled: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <fieldset className="card checklist" disabled={disabled} aria-describedby="checklist-hint">
      <legend>
        <strong>{t("scoring.sheet.checklist.title")}</strong>
      </legend>
      <p className="hint small" id="checklist-hint">
        {t("scoring.sheet.checklist.hint")}
      </p>
      {items.length === 0 ? <p className="muted small">{t("scoring.sheet.checklist.empty")}</p> : null}
      {items.map((i) => {
        const label = (locale === "en" ? i.labelEn : i.labelId) || i.labelId || i.key;
        const box = checkField(i.key);
        const note = checkNoteField(i.key);
        const noteError = errors?.[note];
        return (
          <div key={i.key} className="checklist-item">
            <label className="checklist-check" htmlFor={box}>
              <input type="checkbox" id={box} name={box} value="1" defaultChecked={values[box] === "1"} /> {label}
            </label>
            <div className="field">
              <label htmlFor={note}>{t("scoring.sheet.checklist.noteLabel", { item: label })}</label>
              <textarea
                id={note}
                name={note}
                rows={1}
                defaultValue={values[note] ?? ""}
                autoFocus={focus === note}
                aria-invalid={noteError ? true : undefined}
                aria-describedby={noteError ? `${note}-error` : undefined}
              />
              {noteError ? (
                <span className="error" id={`${note}-error`} role="alert">
                  {t(noteError)}
                </span>
              ) : null}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

function CriterionField({
  c,
  index,
  values,
  errors,
  focus,
  disabled,
}: {
  c: FormCriterion;
  index: number;
  values: Record<string, string>;
  errors?: FieldErrors;
  focus: string | null;
  disabled: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const name = scoreField(c.key);
  const cname = commentField(c.key);
  const errorKey = errors?.[name];
  const commentError = errors?.[cname];
  const hintId = `${name}-hint`;
  const errorId = `${name}-error`;
  const described = [hintId, errorKey ? errorId : null].filter(Boolean).join(" ");
  const value = values[name] ?? "";
  const title = (locale === "en" ? c.nameEn : c.nameId) || c.nameId || c.key;
  const hint = t("scoring.sheet.scaleHint", { min: fmt(c.min, locale), max: fmt(c.max, locale), step: fmt(c.step, locale), weight: fmt(c.weight, locale) });
  const levelOf = new Map(c.levels.map((l) => [l.score, l]));
  const headingId = `criterion-${c.key}`;

  return (
    <fieldset className="card criterion" aria-labelledby={headingId} disabled={disabled}>
      <h3 id={headingId} className="criterion-title">
        {index + 1}. {title}
      </h3>
      <p className="hint small" id={hintId}>
        {hint}
      </p>
      {c.choices ? (
        <div role="radiogroup" aria-labelledby={headingId} aria-describedby={described} aria-invalid={errorKey ? true : undefined} className="score-choices">
          {c.choices.map((v, i) => {
            const level = levelOf.get(v);
            const checked = value !== "" && Number(value.replace(",", ".")) === v;
            const autoFocus = focus === name && (checked || (i === 0 && !c.choices!.some((x) => Number(value.replace(",", ".")) === x)));
            return (
              <label key={v} className="score-choice">
                <input type="radio" name={name} value={String(v)} defaultChecked={checked} autoFocus={autoFocus} id={i === 0 ? name : undefined} />{" "}
                <strong>{fmt(v, locale)}</strong>
                {level ? <span className="level-text"> — {levelText(level, locale)}</span> : null}
              </label>
            );
          })}
        </div>
      ) : (
        <>
          {c.levels.length > 0 ? (
            <ul className="levels small">
              {c.levels.map((l) => (
                <li key={l.score}>
                  <strong>{fmt(l.score, locale)}</strong> — {levelText(l, locale)}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="field">
            <label htmlFor={name}>{t("scoring.sheet.scoreLabel", { criterion: title })}</label>
            <input
              id={name}
              name={name}
              type="number"
              inputMode="decimal"
              min={c.min}
              max={c.max}
              step={c.step}
              defaultValue={value}
              autoFocus={focus === name}
              aria-invalid={errorKey ? true : undefined}
              aria-describedby={described}
              className="score-input"
            />
          </div>
        </>
      )}
      {errorKey ? (
        <span className="error" id={errorId} role="alert">
          {t(errorKey)}
        </span>
      ) : null}
      <div className="field">
        <label htmlFor={cname}>{t("scoring.sheet.commentLabel", { criterion: title })}</label>
        <textarea
          id={cname}
          name={cname}
          rows={2}
          defaultValue={values[cname] ?? ""}
          autoFocus={focus === cname}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={commentError ? `${cname}-error` : undefined}
        />
        {commentError ? (
          <span className="error" id={`${cname}-error`} role="alert">
            {t(commentError)}
          </span>
        ) : null}
      </div>
    </fieldset>
  );
}

export function ScoreForm({
  slug,
  number,
  assignmentId,
  sheetId,
  submitted,
  version,
  values,
  errors,
  criteria,
  checklist = null,
  editable,
  autosave,
  canDeclareConflict,
}: {
  slug: string;
  number: string;
  assignmentId: string;
  sheetId: string | null;
  submitted: boolean;
  version: number;
  values: Record<string, string>;
  errors?: FieldErrors;
  criteria: FormCriterion[];
  /** The field-verification checklist (field rounds), or null. */
  checklist?: FormChecklistItem[] | null;
  editable: boolean;
  autosave: boolean;
  canDeclareConflict: boolean;
}) {
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  // The version this form saves on: moved on by each autosave (the buttons post it).
  const [currentVersion, setCurrentVersion] = useState(version);
  const state = useScoreAutosave(formRef, sheetId, editable && autosave && !submitted, setCurrentVersion);
  const focus = firstInvalidField(criteria, errors, checklist ?? []);
  const overallError = errors?.overall;

  return (
    <Form method="post" id="score-form" ref={formRef} className="stack" noValidate aria-labelledby="score-heading">
      <h2 id="score-heading">{t("scoring.sheet.rubric")}</h2>
      <input type="hidden" name="version" value={String(currentVersion)} />
      <input type="hidden" name="assignment" value={assignmentId} />
      {criteria.map((c, i) => (
        <CriterionField key={c.key} c={c} index={i} values={values} errors={errors} focus={focus} disabled={!editable} />
      ))}
      {checklist ? (
        <>
          <input type="hidden" name={CHECKLIST_MARKER} value="1" />
          <ChecklistFieldset items={checklist} values={values} errors={errors} focus={focus} disabled={!editable} />
        </>
      ) : null}
      <div className="field">
        <label htmlFor="overall">{t("scoring.sheet.overall")}</label>
        <textarea
          id="overall"
          name="overall"
          rows={4}
          defaultValue={values.overall ?? ""}
          disabled={!editable}
          autoFocus={focus === "overall"}
          aria-invalid={overallError ? true : undefined}
          aria-describedby={overallError ? "overall-error" : undefined}
        />
        {overallError ? (
          <span className="error" id="overall-error" role="alert">
            {t(overallError)}
          </span>
        ) : null}
      </div>
      {editable ? (
        <>
          {submitted ? <p className="muted small">{t("scoring.sheet.resubmitNote")}</p> : null}
          <div className="scoring-actions">
            {submitted ? (
              <>
                <button type="submit" name="intent" value="submit" className="button">
                  {t("scoring.sheet.button.update")}
                </button>
                <button type="submit" name="intent" value="submitNext" className="button button-secondary">
                  {t("scoring.sheet.button.updateNext")}
                </button>
              </>
            ) : (
              <>
                <button type="submit" name="intent" value="save" className="button button-secondary">
                  {t("scoring.sheet.button.save")}
                </button>
                <button type="submit" name="intent" value="saveNext" className="button button-secondary">
                  {t("scoring.sheet.button.saveNext")}
                </button>
                <button type="submit" name="intent" value="submit" className="button">
                  {t("scoring.sheet.button.submit")}
                </button>
                <button type="submit" name="intent" value="submitNext" className="button">
                  {t("scoring.sheet.button.submitNext")}
                </button>
              </>
            )}
          </div>
          <AutosaveStatus state={state} messages={AUTOSAVE_MESSAGES} />
        </>
      ) : null}
      {canDeclareConflict ? (
        <p className="small">
          <Link to={`/juror/${slug}/conflicts?proposal=${encodeURIComponent(number)}`}>{t("scoring.sheet.declareConflict")}</Link>
        </p>
      ) : null}
    </Form>
  );
}

/** Styles of the score page (as HTML: the server would escape quotes in <style> text). */
export function ScoringStyles() {
  return (
    <style
      dangerouslySetInnerHTML={{
        __html: `
.scoring-layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.5rem; align-items: start; }
@media (min-width: 64rem) {
  .scoring-layout { grid-template-columns: minmax(0, 1fr) minmax(22rem, 30rem); }
  .scoring-rubric { position: sticky; top: 0.5rem; max-height: calc(100vh - 1rem); overflow-y: auto; padding-right: 0.25rem; }
}
.scoring-proposal .pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.scoring-proposal .break { overflow-wrap: anywhere; }
fieldset.criterion { margin: 0 0 0.75rem; }
fieldset.criterion .criterion-title { font-size: 1rem; margin: 0 0 0.25rem; }
.score-choices { display: flex; flex-direction: column; gap: 0.2rem; margin: 0.25rem 0 0.5rem; }
.score-choice { display: block; cursor: pointer; }
.field input.score-input { max-width: 8rem; }
fieldset.checklist { margin: 0 0 0.75rem; }
fieldset.checklist legend { padding: 0 0.25rem; }
.checklist-item { margin: 0.5rem 0; }
.checklist-check { display: block; cursor: pointer; }
.levels { margin: 0.25rem 0 0.5rem; padding-left: 1.1rem; }
.scoring-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.autosave-status { min-height: 1.5em; font-size: 0.9rem; }
.skip-to-score { display: inline-block; margin-bottom: 0.5rem; }
`,
      }}
    />
  );
}
