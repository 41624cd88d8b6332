/**
 * Forms of a round's set-up (issue 5): settings (blind, visibility, method,
 * advancement rule, tie-break order, thresholds), rubric criteria, state
 * transitions, presentation slots and attendance, field checklist items and
 * field teams. Messages are i18n keys; parseForm shows each at its field.
 */
import { z } from "zod";
import { METHODS, type AdvancementRule, type Method, type Stratum, type TieKey } from "~/domain/ranking/types";
import { wibLocalToUtcIso } from "~/domain/time";
import { optionalText, requiredText } from "./common";

export const SCORE_VISIBILITIES = ["never", "after_submit", "always"] as const;
export type ScoreVisibility = (typeof SCORE_VISIBILITIES)[number];
export const RULE_KINDS = ["manual", "top_n", "pass_grade", "top_n_pass", "quota", "proportional"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const STRATA = ["cluster", "category", "group"] as const satisfies readonly Stratum[];
/** How many tie-break selects the form offers (proposal number ascending always follows). */
export const TIEBREAK_SLOTS = 5;
/** Tie-break keys other than criterion means. */
export const BASE_TIE_KEYS = [...METHODS, "submitted_at"] as const;
export const CRITERION_KEY = /^[a-z0-9_]{1,40}$/;
export const MAX_SLOT_MINUTES = 480;

/** The form field of one quota value: quota_<stratum>_<value>. */
export function quotaField(by: Stratum, value: string): string {
  return `quota_${by}_${value}`;
}

/** A checkbox: present (any value) = checked. */
const checkbox = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => v !== undefined && v !== "");

/** A decimal typed by a person ("85", "85.5" or "85,5"); undefined when empty or not a number. */
function decimal(v: unknown): number | undefined | null {
  const s = typeof v === "string" ? v.trim().replace(",", ".") : "";
  if (s === "") return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** A required trimmed text (errors.required / errors.tooLong), checked inside a transform so every field reports at once. */
function text(v: unknown, max: number, path: string, issue: (path: string, message: string) => void): string {
  const s = typeof v === "string" ? v.trim() : "";
  if (s === "") issue(path, "errors.required");
  else if (s.length > max) issue(path, "errors.tooLong");
  return s;
}

function oneOf<T extends string>(v: unknown, values: readonly T[], path: string, message: string, issue: (path: string, message: string) => void): T {
  if (typeof v === "string" && (values as readonly string[]).includes(v)) return v as T;
  issue(path, message);
  return values[0];
}

function wholeNumber(v: unknown): number | undefined | null {
  const s = typeof v === "string" ? v.trim() : "";
  if (s === "") return undefined;
  if (!/^\d+$/.test(s)) return null;
  return Number(s);
}

// ---------------------------------------------------------------------------
// Settings

export interface RoundSettingsInput {
  blind: boolean;
  scoreVisibility: ScoreVisibility;
  scoreMethod: Method;
  rule: AdvancementRule;
  tiebreak: TieKey[];
  disagreementThreshold: number;
  borderlineBand: number;
}

const settingsFields = z
  .object({
    blind: checkbox,
    scoreVisibility: z.unknown(),
    scoreMethod: z.unknown(),
    ruleKind: z.unknown(),
    ruleN: z.unknown(),
    ruleMin: z.unknown(),
    ruleBy: z.unknown(),
    ruleTotal: z.unknown(),
    disagreementThreshold: z.unknown(),
    borderlineBand: z.unknown(),
  })
  .passthrough();

/**
 * The settings form. Quota fields (quota_<stratum>_<value>) of the chosen
 * stratum become the quotas (empty = 0); the tie-break selects tiebreak1…5
 * are read in order, empty ones skipped, a repeated key refused at its
 * select. Criterion keys of the tie-break are checked against the rubric by
 * the service.
 */
export const RoundSettingsSchema = settingsFields.transform((raw, ctx): RoundSettingsInput => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  const r = raw as Record<string, unknown>;

  const whole = (field: string, { min, required }: { min: number; required: boolean }): number => {
    const n = wholeNumber(r[field]);
    if (n === undefined) {
      if (required) issue(field, "errors.required");
      return 0;
    }
    if (n === null || n < min || n > 1_000_000) {
      issue(field, "scoring.round.errors.wholeNumber");
      return 0;
    }
    return n;
  };
  const grade = (field: string, required: boolean): number | undefined => {
    const n = decimal(r[field]);
    if (n === undefined) {
      if (required) issue(field, "errors.required");
      return undefined;
    }
    if (n === null || n < 0 || n > 100) {
      issue(field, "scoring.round.errors.grade");
      return undefined;
    }
    return n;
  };
  const by = (): Stratum => {
    const v = r.ruleBy;
    if (typeof v === "string" && (STRATA as readonly string[]).includes(v)) return v as Stratum;
    issue("ruleBy", "scoring.round.errors.stratum");
    return "cluster";
  };

  const scoreVisibility = oneOf(raw.scoreVisibility, SCORE_VISIBILITIES, "scoreVisibility", "scoring.round.errors.visibility", issue);
  const scoreMethod = oneOf(raw.scoreMethod, METHODS, "scoreMethod", "scoring.round.errors.method", issue);
  const ruleKind = oneOf(raw.ruleKind, RULE_KINDS, "ruleKind", "scoring.round.errors.ruleKind", issue);
  let rule: AdvancementRule = { kind: "manual" };
  switch (ruleKind) {
    case "manual":
      break;
    case "top_n":
      rule = { kind: "top_n", n: whole("ruleN", { min: 1, required: true }) };
      break;
    case "pass_grade":
      rule = { kind: "pass_grade", min: grade("ruleMin", true) ?? 0 };
      break;
    case "top_n_pass":
      rule = { kind: "top_n_pass", n: whole("ruleN", { min: 1, required: true }), min: grade("ruleMin", true) ?? 0 };
      break;
    case "quota": {
      const stratum = by();
      const prefix = `quota_${stratum}_`;
      const quotas: Record<string, number> = {};
      let seats = 0;
      for (const key of Object.keys(r).sort()) {
        if (!key.startsWith(prefix)) continue;
        const n = whole(key, { min: 0, required: false });
        quotas[key.slice(prefix.length)] = n;
        seats += n;
      }
      if (seats === 0) issue("ruleBy", "scoring.round.errors.quotaEmpty");
      const min = grade("ruleMin", false);
      rule = { kind: "quota", by: stratum, quotas, ...(min === undefined ? {} : { min }) };
      break;
    }
    case "proportional": {
      const stratum = by();
      const total = whole("ruleTotal", { min: 1, required: true });
      const min = grade("ruleMin", false);
      rule = { kind: "proportional", by: stratum, total, ...(min === undefined ? {} : { min }) };
      break;
    }
  }

  const tiebreak: TieKey[] = [];
  for (let i = 1; i <= TIEBREAK_SLOTS; i++) {
    const field = `tiebreak${i}`;
    const v = typeof r[field] === "string" ? (r[field] as string).trim() : "";
    if (v === "") continue;
    const known = (BASE_TIE_KEYS as readonly string[]).includes(v) || /^criterion:[a-z0-9_]{1,40}$/.test(v);
    if (!known) issue(field, "scoring.round.errors.tieKey");
    else if (tiebreak.includes(v as TieKey)) issue(field, "scoring.round.errors.tieDuplicate");
    else tiebreak.push(v as TieKey);
  }

  const threshold = decimal(r.disagreementThreshold);
  if (threshold === null || (threshold !== undefined && (threshold < 0 || threshold > 100))) issue("disagreementThreshold", "scoring.round.errors.grade");
  const band = decimal(r.borderlineBand);
  if (band === null || (band !== undefined && (band < 0 || band > 100))) issue("borderlineBand", "scoring.round.errors.grade");

  return {
    blind: raw.blind,
    scoreVisibility,
    scoreMethod,
    rule,
    tiebreak,
    disagreementThreshold: typeof threshold === "number" ? threshold : 25,
    borderlineBand: typeof band === "number" ? band : 2,
  };
});

// ---------------------------------------------------------------------------
// Rubric

export interface Level {
  score: number;
  id: string;
  en: string;
}

export interface CriterionInput {
  key: string;
  nameId: string;
  nameEn: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  scaleStep: number;
  levels: Level[];
}

/** Whether `step` divides [min, max] into whole steps (at 9 decimals, so 0.1 steps work). */
export function stepDividesRange(min: number, max: number, step: number): boolean {
  if (!(step > 0) || !(max > min)) return false;
  const q = (max - min) / step;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

/** Whether `v` lies on the scale [min, max] at a whole number of steps from min. */
export function onScale(v: number, min: number, max: number, step: number): boolean {
  if (v < min - 1e-9 || v > max + 1e-9) return false;
  const q = (v - min) / step;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

/** Parses descriptor levels, one per line: "score | Indonesian | English". null when a line is malformed. */
export function parseLevels(text: string): Level[] | null {
  const out: Level[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const parts = line.split("|").map((p) => p.trim());
    if (parts.length !== 3) return null;
    const score = decimal(parts[0]);
    if (typeof score !== "number" || parts[1] === "" || parts[2] === "") return null;
    out.push({ score, id: parts[1].slice(0, 300), en: parts[2].slice(0, 300) });
  }
  return out;
}

/** Descriptor levels back to the textarea's lines. */
export function formatLevels(levels: readonly Level[]): string {
  return levels.map((l) => `${l.score} | ${l.id} | ${l.en}`).join("\n");
}

export const CriterionSchema = z
  .object({
    criterionId: z.string().trim().optional().transform((v) => (v ? v : null)),
    key: z.unknown(),
    nameId: z.unknown(),
    nameEn: z.unknown(),
    weight: z.unknown(),
    scaleMin: z.unknown(),
    scaleMax: z.unknown(),
    scaleStep: z.unknown(),
    levels: z.string().optional().transform((v) => v ?? ""),
  })
  .transform((raw, ctx): CriterionInput & { criterionId: string | null } => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    const num = (field: "weight" | "scaleMin" | "scaleMax" | "scaleStep"): number | undefined => {
      const n = decimal(raw[field]);
      if (n === undefined) issue(field, "errors.required");
      else if (n === null) issue(field, "scoring.rubric.errors.number");
      return typeof n === "number" ? n : undefined;
    };
    const key = text(raw.key, 40, "key", issue);
    if (key !== "" && !CRITERION_KEY.test(key)) issue("key", "scoring.rubric.errors.key");
    const nameId = text(raw.nameId, 200, "nameId", issue);
    const nameEn = text(raw.nameEn, 200, "nameEn", issue);
    const weight = num("weight");
    if (weight !== undefined && !(weight > 0)) issue("weight", "scoring.rubric.errors.weight");
    const min = num("scaleMin");
    const max = num("scaleMax");
    const step = num("scaleStep");
    if (min !== undefined && max !== undefined && !(max > min)) issue("scaleMax", "scoring.rubric.errors.maxNotAboveMin");
    if (step !== undefined && !(step > 0)) issue("scaleStep", "scoring.rubric.errors.stepPositive");
    else if (min !== undefined && max !== undefined && step !== undefined && max > min && !stepDividesRange(min, max, step)) {
      issue("scaleStep", "scoring.rubric.errors.stepDivides");
    }
    const levels = parseLevels(raw.levels);
    if (levels === null) issue("levels", "scoring.rubric.errors.levelsFormat");
    else if (min !== undefined && max !== undefined && step !== undefined && max > min && step > 0) {
      if (levels.some((l) => !onScale(l.score, min, max, step))) issue("levels", "scoring.rubric.errors.levelsScale");
      else if (new Set(levels.map((l) => l.score)).size !== levels.length) issue("levels", "scoring.rubric.errors.levelsDuplicate");
    }
    return {
      criterionId: raw.criterionId,
      key,
      nameId,
      nameEn,
      weight: weight ?? 0,
      scaleMin: min ?? 0,
      scaleMax: max ?? 0,
      scaleStep: step ?? 0,
      levels: (levels ?? []).sort((a, b) => a.score - b.score),
    };
  });

export const RUBRIC_PRESET_KEYS = ["proposal_100", "proposal_5", "presentation_100", "presentation_5"] as const;
export type RubricPresetKey = (typeof RUBRIC_PRESET_KEYS)[number];

export const PresetSchema = z.object({
  preset: z.enum(RUBRIC_PRESET_KEYS, { errorMap: () => ({ message: "scoring.rubric.errors.preset" }) }),
  replace: checkbox,
});

export const CriterionRefSchema = z.object({
  criterionId: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required"),
});

export const MoveSchema = CriterionRefSchema.extend({
  direction: z.enum(["up", "down"], { errorMap: () => ({ message: "errors.invalid" }) }),
});

// ---------------------------------------------------------------------------
// Transitions

export const TransitionSchema = z.object({
  transition: z.enum(["open", "close", "reopen"], { errorMap: () => ({ message: "errors.invalid" }) }),
  reason: optionalText(1000),
});
export type TransitionInput = z.infer<typeof TransitionSchema>;

// ---------------------------------------------------------------------------
// Presentation slots

const SECONDS_SUFFIX = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})(:00(\.0+)?)?$/;

export const SlotSchema = z
  .object({
    slotId: z.string().trim().optional().transform((v) => (v ? v : null)),
    proposalId: z.unknown(),
    startsAt: z.unknown(),
    lengthMinutes: z.unknown(),
    meetingLink: z.string().trim().max(500, "errors.tooLong").optional().transform((v) => v ?? ""),
  })
  .transform((raw, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    const proposalId = text(raw.proposalId, 100, "proposalId", issue);
    const typed = typeof raw.startsAt === "string" ? raw.startsAt.trim() : "";
    const local = SECONDS_SUFFIX.exec(typed)?.[1] ?? typed;
    let startsAt = "";
    if (local === "") issue("startsAt", "errors.required");
    else {
      const iso = wibLocalToUtcIso(local);
      if (!iso) issue("startsAt", "errors.dateTime");
      else startsAt = iso;
    }
    const minutes = wholeNumber(raw.lengthMinutes);
    if (minutes === undefined) issue("lengthMinutes", "errors.required");
    else if (minutes === null || minutes < 1 || minutes > MAX_SLOT_MINUTES) issue("lengthMinutes", "scoring.slots.errors.length");
    if (raw.meetingLink !== "" && !isHttpsUrl(raw.meetingLink)) issue("meetingLink", "scoring.slots.errors.link");
    return { slotId: raw.slotId, proposalId, startsAt, lengthMinutes: typeof minutes === "number" ? minutes : 0, meetingLink: raw.meetingLink };
  });
export type SlotInput = z.infer<typeof SlotSchema>;

export function isHttpsUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === "https:" && u.hostname.includes(".") && !u.username && !u.password;
  } catch {
    return false;
  }
}

export const SlotRefSchema = z.object({
  slotId: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required"),
});

export const AttendanceSchema = z
  .object({
    slotId: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required"),
    attendance: z.enum(["confirmed", "declined"], { errorMap: () => ({ message: "scoring.slots.errors.attendance" }) }),
    note: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.attendance === "declined" && v.note === "") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["note"], message: "scoring.slots.errors.declineNote" });
    }
  });
export type AttendanceInput = z.infer<typeof AttendanceSchema>;

// ---------------------------------------------------------------------------
// Field verification

export const ChecklistItemSchema = z.object({
  itemId: z.string().trim().optional().transform((v) => (v ? v : null)),
  key: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").regex(CRITERION_KEY, "scoring.rubric.errors.key"),
  labelId: requiredText(300),
  labelEn: requiredText(300),
});
export type ChecklistItemInput = z.infer<typeof ChecklistItemSchema>;

export const ChecklistRefSchema = z.object({
  itemId: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required"),
});

export const TeamMemberSchema = z.object({
  proposalId: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required"),
  jurorId: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required"),
});
export type TeamMemberInput = z.infer<typeof TeamMemberSchema>;

export const TeamRemoveSchema = z.object({
  assignmentId: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required"),
});
