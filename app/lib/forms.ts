/**
 * The one form pattern: an action parses FormData with a zod schema whose
 * messages are i18n keys; on failure it returns `{ errors, values }` with 400
 * and the form shows each error at its field with the typed values intact.
 */
import type { z } from "zod";
import { isMessageKey, type MessageKey } from "~/i18n";

export type FieldErrors = Partial<Record<string, MessageKey>>;

export interface FormFailure {
  ok: false;
  errors: FieldErrors;
  values: Record<string, string>;
}

export type FormResult<T> = { ok: true; data: T; values: Record<string, string> } | FormFailure;

/** Text values of a form (files and passwords left out, so they are never echoed back). */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v === "string" && !/password/i.test(k)) values[k] = v;
  }
  return values;
}

export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = all.length > 1 ? all : all[0];
  }
  const values = formValues(formData);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") || "_form";
    if (errors[field]) continue;
    errors[field] = isMessageKey(issue.message) ? issue.message : "errors.invalid";
  }
  return { ok: false, errors, values };
}

export function failure(errors: FieldErrors, values: Record<string, string>): FormFailure {
  return { ok: false, errors, values };
}
