/**
 * The field-verification checklist on a juror's score sheet (kind "field"
 * rounds): one checkbox and one note per checklist item of the round
 * (`field_checklist_items`, edited by the organizer on the field page).
 * Fields: `check_<key>` (a checkbox: present and not "0"/"false" = checked),
 * `checknote_<key>` (the note), and the marker `checklist=1`, which says the
 * form carried the checklist at all: a post without it (an older client, a
 * JSON autosave without the fields) leaves the stored answers untouched,
 * because an unticked checkbox is simply absent from a form.
 *
 * The checklist records what was verified; it is never required to submit
 * (the score is the rubric). Notes are limited like criterion comments.
 */
import type { FieldErrors } from "~/lib/forms";

export const CHECKLIST_MARKER = "checklist";
export const CHECKLIST_NOTE_MAX = 4000;

export function checkField(key: string): string {
  return `check_${key}`;
}

export function checkNoteField(key: string): string {
  return `checknote_${key}`;
}

export interface ChecklistAnswerInput {
  key: string;
  checked: boolean;
  note: string;
}

/** Whether the posted form carried the checklist (its marker). */
export function checklistPosted(values: Record<string, string>): boolean {
  return (values[CHECKLIST_MARKER] ?? "").trim() === "1";
}

function isChecked(raw: string | undefined): boolean {
  const v = (raw ?? "").trim().toLowerCase();
  return v !== "" && v !== "0" && v !== "false" && v !== "off";
}

/** The answers for the round's item keys (unknown keys ignored); a note over the limit is an error at its field. */
export function parseChecklistInput(
  values: Record<string, string>,
  keys: readonly string[],
): { ok: true; answers: ChecklistAnswerInput[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const answers: ChecklistAnswerInput[] = [];
  for (const key of keys) {
    const note = (values[checkNoteField(key)] ?? "").replace(/\r\n/g, "\n").trim();
    if (note.length > CHECKLIST_NOTE_MAX) errors[checkNoteField(key)] = "scoring.sheet.errors.commentTooLong";
    answers.push({ key, checked: isChecked(values[checkField(key)]), note });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, answers };
}

/** The form values of stored answers (what the fields show). */
export function checklistToValues(answers: readonly { key: string; checked: boolean; note: string }[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const a of answers) {
    if (a.checked) values[checkField(a.key)] = "1";
    values[checkNoteField(a.key)] = a.note;
  }
  return values;
}
