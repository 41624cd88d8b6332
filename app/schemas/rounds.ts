/**
 * Forms of rounds and of the assignment pages (preview, commit, manual
 * changes). Messages are i18n keys; parseForm shows each at its field.
 */
import { z } from "zod";
import { wibLocalToUtcIso } from "~/domain/time";
import { requiredText } from "./common";

export const ROUND_KINDS = ["desk", "presentation", "field"] as const;
export const POOL_ROLES = ["evaluator", "panelist"] as const;
export const MAX_K = 10;
export const MAX_SEED = 2_147_483_647;

/** A checkbox: present (any value) = checked. */
const checkbox = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => v !== undefined && v !== "");

// Browsers send "2025-06-30T23:59"; some add seconds.
const SECONDS_SUFFIX = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})(:00(\.0+)?)?$/;

/** A WIB datetime-local value, converted to UTC ISO; empty = null. */
const wibDateTime = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const raw = (v ?? "").trim();
    const s = SECONDS_SUFFIX.exec(raw)?.[1] ?? raw;
    if (s === "") return null;
    const iso = wibLocalToUtcIso(s);
    if (!iso) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "errors.dateTime" });
    return iso;
  });

/** A whole number typed in a number input, within [min, max]; empty = `fallback` (or required when undefined). */
function whole(min: number, max: number, message: "assignment.errors.k" | "assignment.errors.seed", fallback?: number) {
  return z.unknown().transform((v, ctx): number => {
    const s = typeof v === "string" ? v.trim() : "";
    if (s === "") {
      if (fallback !== undefined) return fallback;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "errors.required" });
      return 0;
    }
    const n = Number(s);
    if (!/^-?\d+$/.test(s) || n < min || n > max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      return 0;
    }
    return n;
  });
}

const roundFields = z.object({
  name: requiredText(120),
  kind: z.enum(ROUND_KINDS, { errorMap: () => ({ message: "assignment.errors.kind" }) }),
  poolRole: z.enum(POOL_ROLES, { errorMap: () => ({ message: "assignment.errors.poolRole" }) }),
  k: whole(1, MAX_K, "assignment.errors.k"),
  startsAt: wibDateTime,
  endsAt: wibDateTime,
  spreadAffiliations: checkbox,
  seed: whole(0, MAX_SEED, "assignment.errors.seed", 1),
});

/** The period's rules, checked on the raw values so they show together with every other field's error. */
function checkPeriod(raw: unknown, ctx: z.RefinementCtx): unknown {
  const r = (raw ?? {}) as Record<string, unknown>;
  const parse = (v: unknown) => wibDateTime.safeParse(typeof v === "string" ? v : undefined);
  const start = parse(r.startsAt);
  const end = parse(r.endsAt);
  if (!start.success || !end.success) return raw;
  if (start.data && !end.data) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endsAt"], message: "errors.required" });
  if (end.data && !start.data) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["startsAt"], message: "errors.required" });
  if (start.data && end.data && end.data <= start.data) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endsAt"], message: "errors.endBeforeStart" });
  }
  return raw;
}

export const RoundSchema = z.preprocess(checkPeriod, roundFields);

export type RoundInput = z.infer<typeof RoundSchema>;

// ---------------------------------------------------------------------------
// Assignment

export const PreviewSchema = z
  .object({
    mode: z.enum(["keep", "restart", "repair"], { errorMap: () => ({ message: "assignment.errors.mode" }) }),
    confirmRestart: checkbox,
  })
  .superRefine((d, ctx) => {
    if (d.mode === "restart" && !d.confirmRestart) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirmRestart"], message: "assignment.errors.confirmRestart" });
    }
  });

export const CommitSchema = z.object({
  runId: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(40, "errors.invalid"),
  /** Needed when the plan removes assignments that already have score sheets. */
  confirmScores: checkbox,
});

const proposalNumber = z
  .string({ required_error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(40, "assignment.errors.proposalUnknown");

const jurorId = z.string({ required_error: "assignment.errors.jurorRequired" }).trim().min(1, "assignment.errors.jurorRequired").max(40, "errors.invalid");

/** Manual add / remove / swap. `confirm` is the "do it anyway" box shown with the warnings. */
export const ManualSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("add"), proposalNumber, jurorId, confirm: checkbox }),
  z.object({ op: z.literal("remove"), proposalNumber, jurorId, confirm: checkbox }),
  z.object({ op: z.literal("swap"), proposalNumber, jurorId, newJurorId: jurorId, confirm: checkbox }),
], { errorMap: () => ({ message: "errors.invalid" }) });

export type ManualInput = z.infer<typeof ManualSchema>;
