/**
 * The score sheet form, shared by the score page's action, the autosave
 * route and the paper-sheet CSV import. The rubric is data (a round's
 * criteria), so the fields are too: `score_<key>` and `comment_<key>` per
 * criterion, `overall` and `version`. Messages are i18n keys; the scale of a
 * criterion is shown in the field's hint, so the error needs no parameters.
 *
 * Rules:
 * - A value is a finite number; a decimal comma is accepted ("7,5" = 7.5),
 *   as Indonesian spreadsheets and keyboards write it.
 * - Submitting needs every criterion, within [min, max], on the step counted
 *   from min. A draft accepts empty values and any number on its way to a
 *   final score (drafts never enter the ranking).
 * - Comparisons are made at 9 decimal places, so 0.1 + 0.2 is on a 0.1 step.
 */
import type { MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";

export const COMMENT_MAX = 4000;
export const OVERALL_MAX = 8000;
/** A scale with at most this many values is shown as radio buttons. */
export const MAX_RADIO_STEPS = 11;

const EPS = 1e-9;

export interface ScaleCriterion {
  key: string;
  min: number;
  max: number;
  step: number;
}

export function scoreField(key: string): string {
  return `score_${key}`;
}

export function commentField(key: string): string {
  return `comment_${key}`;
}

/** Every value of a scale when it has at most MAX_RADIO_STEPS, else null (a number input). */
export function scaleValues(c: Pick<ScaleCriterion, "min" | "max" | "step">): number[] | null {
  if (!(c.step > 0) || c.max < c.min) return null;
  const n = Math.floor((c.max - c.min) / c.step + EPS) + 1;
  if (n > MAX_RADIO_STEPS) return null;
  return Array.from({ length: n }, (_, i) => roundTo9(c.min + i * c.step));
}

function roundTo9(v: number): number {
  return Math.round(v * 1e9) / 1e9;
}

/** The text of a value typed in a field: a number, empty (null) or not a number. */
export function parseScoreValue(raw: string | undefined | null): number | null | "invalid" {
  const s = (raw ?? "").trim();
  if (s === "") return null;
  const normal = /^[+-]?\d+(,\d+)?$/.test(s) ? s.replace(",", ".") : s;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(normal)) return "invalid";
  const v = Number(normal);
  return Number.isFinite(v) ? v : "invalid";
}

export function withinScale(c: Pick<ScaleCriterion, "min" | "max">, v: number): boolean {
  return v >= c.min - EPS && v <= c.max + EPS;
}

export function onStep(c: Pick<ScaleCriterion, "min" | "step">, v: number): boolean {
  if (!(c.step > 0)) return true;
  const k = (v - c.min) / c.step;
  return Math.abs(k - Math.round(k)) < EPS * Math.max(1, Math.abs(k));
}

export type ScoreProblem = "required" | "notNumber" | "outOfScale" | "offStep";

/** What is wrong with one criterion's typed value when submitting (null when fine). */
export function scoreProblem(c: ScaleCriterion, raw: string | undefined | null): ScoreProblem | null {
  const v = parseScoreValue(raw);
  if (v === null) return "required";
  if (v === "invalid") return "notNumber";
  if (!withinScale(c, v)) return "outOfScale";
  if (!onStep(c, v)) return "offStep";
  return null;
}

export const SCORE_PROBLEM_KEYS: Record<ScoreProblem, MessageKey> = {
  required: "scoring.sheet.errors.required",
  notNumber: "scoring.sheet.errors.notNumber",
  outOfScale: "scoring.sheet.errors.outOfScale",
  offStep: "scoring.sheet.errors.offStep",
};

export interface SheetItemInput {
  key: string;
  value: number | null;
  comment: string;
}

export interface SheetInput {
  /** The sheet version the form was loaded at (0: no sheet yet). */
  version: number;
  overallComment: string;
  items: SheetItemInput[];
}

export type SheetParse = { ok: true; data: SheetInput } | { ok: false; errors: FieldErrors };

/**
 * The posted fields of a score sheet, for the criteria of its round.
 * `submit` checks every criterion is there, within its scale and on its step;
 * a draft only that what is typed is a number. Fields of unknown criteria are
 * ignored.
 */
export function parseSheetInput(values: Record<string, string>, criteria: readonly ScaleCriterion[], mode: "draft" | "submit"): SheetParse {
  const errors: FieldErrors = {};
  const versionText = (values.version ?? "").trim();
  const version = /^\d{1,9}$/.test(versionText) ? Number(versionText) : null;
  if (version === null) errors._form = "scoring.sheet.errors.version";
  const overallComment = (values.overall ?? "").replace(/\r\n/g, "\n").trim();
  if (overallComment.length > OVERALL_MAX) errors.overall = "scoring.sheet.errors.commentTooLong";
  const items: SheetItemInput[] = [];
  for (const c of criteria) {
    const raw = values[scoreField(c.key)];
    const comment = (values[commentField(c.key)] ?? "").replace(/\r\n/g, "\n").trim();
    if (comment.length > COMMENT_MAX) errors[commentField(c.key)] = "scoring.sheet.errors.commentTooLong";
    const v = parseScoreValue(raw);
    if (mode === "submit") {
      const p = scoreProblem(c, raw);
      if (p) errors[scoreField(c.key)] = SCORE_PROBLEM_KEYS[p];
    } else if (v === "invalid") {
      errors[scoreField(c.key)] = SCORE_PROBLEM_KEYS.notNumber;
    }
    items.push({ key: c.key, value: v === "invalid" ? null : v, comment });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: { version: version ?? 0, overallComment, items } };
}

/** A body posted as JSON ({ field: value }) or as form data, as plain strings. */
export function stringValues(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    if (typeof v === "string") out[k] = v;
    else if (typeof v === "number" && Number.isFinite(v)) out[k] = String(v);
  }
  return out;
}

/** The form values of a stored sheet (what the fields show). */
export function sheetToValues(
  sheet: { version: number; overallComment: string } | null,
  items: readonly { key: string; value: number | null; comment: string }[],
): Record<string, string> {
  const values: Record<string, string> = { version: String(sheet?.version ?? 0), overall: sheet?.overallComment ?? "" };
  for (const i of items) {
    values[scoreField(i.key)] = i.value === null ? "" : String(i.value);
    values[commentField(i.key)] = i.comment;
  }
  return values;
}
