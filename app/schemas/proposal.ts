/**
 * The proposal form: the header fields and one textarea per section of the
 * group. A draft is saved as typed (nothing is required to save: what is
 * missing is the checklist's business, enforced at submission), so the schema
 * only bounds lengths and checks the shape of the few typed values.
 * Shared by the Save form (no JavaScript) and the autosave resource route.
 */
import { z } from "zod";
import { optionalText, requiredText } from "./common";

/** Form field name of a section's textarea (also its id, the checklist's anchor). */
export function answerField(sectionKey: string): string {
  return `${ANSWER_PREFIX}${sectionKey}`;
}

const ANSWER_PREFIX = "answer_";

/** Generous: a 600-word section is ~5,000 characters; this only stops abuse. */
export const MAX_ANSWER_CHARS = 30_000;

const isoDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? "")
  .refine((v) => v === "" || validIsoDate(v), "proposal.errors.date")
  .transform((v) => (v === "" ? null : v));

export const ProposalHeaderSchema = z.object({
  version: z.coerce.number({ invalid_type_error: "errors.invalid" }).int("errors.invalid").min(1, "errors.invalid"),
  title: optionalText(300),
  serviceUnit: optionalText(300),
  innovatorKind: z
    .string()
    .optional()
    .transform((v) => (v === "team" ? "team" : "person") as "person" | "team"),
  innovatorNames: optionalText(1000),
  innovatorDecree: optionalText(300),
  startedOn: isoDate,
  categoryId: optionalText(40).transform((v) => (v === "" ? null : v)),
  contactName: optionalText(200),
  contactEmail: optionalText(254).transform((v) => v.toLowerCase()),
  contactPhone: optionalText(40),
  videoUrl: optionalText(500),
  declaration: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "1" || v === "true"),
});

export type ProposalHeader = z.infer<typeof ProposalHeaderSchema>;

/** Everything a save writes: the header (without the version) and the answers by section key. */
export interface ProposalFields {
  title: string;
  serviceUnit: string;
  innovatorKind: "person" | "team";
  innovatorNames: string;
  innovatorDecree: string;
  startedOn: string | null;
  categoryId: string | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  videoUrl: string;
  declaration: boolean;
  answers: Record<string, string>;
}

export type SaveFormResult =
  | { ok: true; version: number; fields: ProposalFields }
  | { ok: false; errors: Partial<Record<string, "errors.invalid" | "errors.tooLong" | "proposal.errors.date">> };

/** More answer fields than any form has: the rest is ignored. */
const MAX_SECTIONS = 60;

/**
 * Read a save from FormData: the header through the schema and every
 * `answer_<key>` field (the service keeps only the group's section keys).
 */
export function parseProposalForm(form: FormData): SaveFormResult {
  const raw: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !(k in raw)) raw[k] = v;
  const parsed = ProposalHeaderSchema.safeParse(raw);
  const errors: Record<string, "errors.invalid" | "errors.tooLong" | "proposal.errors.date"> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join(".") || "_form";
      if (!errors[field]) errors[field] = issue.message as "errors.invalid" | "errors.tooLong" | "proposal.errors.date";
    }
  }
  const answers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!name.startsWith(ANSWER_PREFIX) || Object.keys(answers).length >= MAX_SECTIONS) continue;
    // Line endings as browsers post them (CRLF) are kept as LF, so counts and comparisons agree.
    const body = value.replace(/\r\n?/g, "\n");
    if (body.length > MAX_ANSWER_CHARS) errors[name] = "errors.tooLong";
    answers[name.slice(ANSWER_PREFIX.length)] = body;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const { version, ...header } = parsed.data;
  return { ok: true, version, fields: { ...header, answers } };
}

/** The fields as form values (the names the form posts), e.g. to re-render or compare. */
export function fieldsToFormValues(f: ProposalFields): Record<string, string> {
  const values: Record<string, string> = {
    title: f.title,
    serviceUnit: f.serviceUnit,
    innovatorKind: f.innovatorKind,
    innovatorNames: f.innovatorNames,
    innovatorDecree: f.innovatorDecree,
    startedOn: f.startedOn ?? "",
    categoryId: f.categoryId ?? "",
    contactName: f.contactName,
    contactEmail: f.contactEmail,
    contactPhone: f.contactPhone,
    videoUrl: f.videoUrl,
    declaration: f.declaration ? "on" : "",
  };
  for (const [k, v] of Object.entries(f.answers)) values[answerField(k)] = v;
  return values;
}

/** Return a submitted proposal to the innovators: a note saying what to correct. */
export const ReturnSchema = z.object({ note: requiredText(2000) });
/** Withdraw a proposal: why. */
export const WithdrawSchema = z.object({ reason: requiredText(2000) });

/** Create a draft: the group (of the edition in the URL) and, optionally, a working title. */
export const CreateDraftSchema = z.object({
  competitionId: requiredText(40),
  groupId: z.string({ required_error: "proposal.errors.chooseGroup" }).trim().min(1, "proposal.errors.chooseGroup").max(40, "errors.invalid"),
  title: optionalText(300),
});

/** An external source innovation of a Replikasi proposal. */
export const ExternalSourceSchema = z.object({
  externalTitle: requiredText(300),
  externalAgency: requiredText(300),
  externalYear: z.coerce
    .number({ invalid_type_error: "proposal.errors.year" })
    .int("proposal.errors.year")
    .min(2000, "proposal.errors.year")
    .max(2100, "proposal.errors.year"),
});

export const PlatformSourceSchema = z.object({ sourceProposalId: requiredText(40) });
export const RemoveSourceSchema = z.object({ sourceId: requiredText(40) });

function validIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900 && y <= 2100;
}
