/**
 * Checks on a person's name and e-mail, shared by the forms (through zod in
 * the routes) and the services (which check again: a service must not trust
 * its caller).
 */
import { z } from "zod";
import { isMessageKey, type MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { email, newPassword, requiredText } from "./common";

export const personName = requiredText(200);

export const PersonSchema = z.object({ name: personName, email });

/** Errors of a {name, email} pair, keyed "name" and "email"; the cleaned values when none. */
export function checkPerson(p: { name: string; email: string }):
  | { ok: true; name: string; email: string }
  | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = personName.safeParse(p.name ?? "");
  const mail = email.safeParse(p.email ?? "");
  if (!name.success) errors.name = firstKey(name.error);
  if (!mail.success) errors.email = firstKey(mail.error);
  if (!name.success || !mail.success) return { ok: false, errors };
  return { ok: true, name: name.data, email: mail.data };
}

/** A person's name, trimmed, or its error key. */
export function checkName(name: string): { ok: true; value: string } | { ok: false; error: MessageKey } {
  const r = personName.safeParse(name ?? "");
  return r.success ? { ok: true, value: r.data } : { ok: false, error: firstKey(r.error) };
}

/** The error key of a new password, or null when it is acceptable. */
export function checkNewPassword(password: string): MessageKey | null {
  const r = newPassword.safeParse(password ?? "");
  return r.success ? null : firstKey(r.error);
}

function firstKey(e: z.ZodError): MessageKey {
  const msg = e.issues[0]?.message;
  return isMessageKey(msg) ? msg : "errors.invalid";
}
