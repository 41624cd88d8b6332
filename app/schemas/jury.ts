/**
 * Forms of the jury pages (pool, juror profile) and the checks the jury
 * service repeats on typed input (a service must not trust its caller).
 * Messages are i18n keys.
 */
import { z } from "zod";
import type { FieldErrors } from "~/lib/forms";
import { email, optionalText, requiredText } from "./common";

export const JUROR_ROLE_VALUES = ["evaluator", "panelist"] as const;
export type JurorRoleValue = (typeof JUROR_ROLE_VALUES)[number];

/** The highest load per round an organizer may set. */
export const MAX_LOAD = 10_000;
export const AFFILIATION_OTHER_MAX = 200;
export const REASON_MAX = 1000;
export const NOTE_MAX = 200;

const role = z.enum(JUROR_ROLE_VALUES, { errorMap: () => ({ message: "jury.errors.role" }) });

/** Invite by e-mail (a new person, or one with an account who accepts by link). */
export const InviteJurorSchema = z.object({ name: requiredText(200), email, role });

/** Add an account that already exists: the name comes from the account. */
export const AddExistingJurorSchema = z.object({ email, role });

export const WithdrawJurorSchema = z.object({ reason: requiredText(REASON_MAX) });

export type Affiliation = { kind: "agency"; agencyId: string } | { kind: "other"; name: string } | { kind: "none" };

/**
 * The affiliation is one radio group: "agency:<id>" (an agency of the
 * registry, listed after a search), "other" (named in affiliationOther) or
 * "none".
 */
export function affiliationOf(choice: string, other: string): Affiliation | null {
  if (choice === "none") return { kind: "none" };
  if (choice === "other") return { kind: "other", name: other.trim() };
  if (choice.startsWith("agency:") && choice.length > "agency:".length) return { kind: "agency", agencyId: choice.slice("agency:".length) };
  return null;
}

/**
 * What a profile update may change. A field left undefined is kept as it
 * is; which fields an actor may send is decided by the service.
 */
export interface JurorProfileInput {
  affiliation?: Affiliation;
  expertise?: string[];
  minLoad?: number;
  maxLoad?: number;
}

/** A load per round: a whole number from 0 to MAX_LOAD. */
export function loadError(n: number): "jury.errors.loadRange" | null {
  return Number.isInteger(n) && n >= 0 && n <= MAX_LOAD ? null : "jury.errors.loadRange";
}

/** Errors of a pair of loads (each in range, minimum not above maximum), keyed minLoad / maxLoad. */
export function loadErrors(min: number, max: number): FieldErrors {
  const errors: FieldErrors = {};
  const minErr = loadError(min);
  const maxErr = loadError(max);
  if (minErr) errors.minLoad = minErr;
  if (maxErr) errors.maxLoad = maxErr;
  if (!minErr && !maxErr && max < min) errors.maxLoad = "jury.errors.maxBelowMin";
  return errors;
}

const loadField = z
  .string({ required_error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .regex(/^\d{1,6}$/, "jury.errors.loadRange")
  .transform(Number);

const expertiseField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean));

const affiliationFields = {
  affiliation: z
    .string()
    .trim()
    .max(60, "errors.invalid")
    .optional()
    .transform((v) => v || "none"),
  affiliationOther: optionalText(AFFILIATION_OTHER_MAX),
  expertise: expertiseField,
};

function checkAffiliation(v: { affiliation: string; affiliationOther: string }, ctx: z.RefinementCtx) {
  const a = affiliationOf(v.affiliation, v.affiliationOther);
  if (!a) ctx.addIssue({ code: "custom", path: ["affiliation"], message: "errors.unknownAgency" });
  else if (a.kind === "other" && !a.name) ctx.addIssue({ code: "custom", path: ["affiliationOther"], message: "errors.required" });
}

/** The juror's own profile form: affiliation and expertise (loads are the organizer's). */
export const JurorOwnProfileSchema = z.object(affiliationFields).superRefine(checkAffiliation);

/** The organizer's profile form: affiliation, expertise and loads. */
export const JurorProfileSchema = z
  .object({ ...affiliationFields, minLoad: loadField, maxLoad: loadField })
  .superRefine((v, ctx) => {
    checkAffiliation(v, ctx);
    for (const [path, message] of Object.entries(loadErrors(v.minLoad, v.maxLoad))) {
      ctx.addIssue({ code: "custom", path: [path], message: message as string });
    }
  });

/** The typed input of either profile form. */
export function profileInputOf(
  v: z.infer<typeof JurorOwnProfileSchema> & { minLoad?: number; maxLoad?: number },
): JurorProfileInput {
  return {
    affiliation: affiliationOf(v.affiliation, v.affiliationOther) ?? { kind: "none" },
    expertise: v.expertise,
    ...(v.minLoad !== undefined ? { minLoad: v.minLoad } : {}),
    ...(v.maxLoad !== undefined ? { maxLoad: v.maxLoad } : {}),
  };
}

/** An unavailable period as typed: WIB datetime-local values and a note. */
export const UnavailabilitySchema = z.object({
  from: requiredText(20),
  to: requiredText(20),
  note: optionalText(NOTE_MAX),
});
export type UnavailabilityInput = z.infer<typeof UnavailabilitySchema>;

export const RemoveUnavailabilitySchema = z.object({ periodId: requiredText(40) });
