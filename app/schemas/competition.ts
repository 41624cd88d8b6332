/**
 * The competition (edition) form: its fields and, per stage, a start and an
 * end typed in WIB as datetime-local values. Shared by the "new" and "edit"
 * routes; the service receives `competitionFields(data)`, with the timeline
 * already in UTC.
 */
import { z } from "zod";
import { STAGES, type Stage } from "~/domain/roles";
import { wibLocalToUtcIso } from "~/domain/time";
import type { StageTime } from "~/models/competitions.server";
import { requiredText } from "./common";

export type StageEdge = "start" | "end";
export type StageFieldName = `${Stage}_${StageEdge}`;

/** The form field of a stage's start or end, e.g. "pendaftaran_end". */
export function stageField(stage: Stage, edge: StageEdge): StageFieldName {
  return `${stage}_${edge}`;
}

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// Browsers send "2025-06-30T23:59"; some add seconds ("…:00") when the value had them.
const SECONDS_SUFFIX = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})(:00(\.0+)?)?$/;

/** A WIB datetime-local value: empty (not scheduled) or a real date and time. */
const wibDateTime = z
  .string()
  .optional()
  .transform((v) => {
    const s = (v ?? "").trim();
    return SECONDS_SUFFIX.exec(s)?.[1] ?? s;
  })
  .refine((s) => s === "" || wibLocalToUtcIso(s) !== null, "errors.dateTime");

// Zod skips object-level checks (end before start) once a field is "aborted", which a
// failing .transform() input causes; these fields add their issue inside the transform
// instead, so every error of the form shows at once.
const year = z.string({ required_error: "errors.required" }).transform((v, ctx) => {
  const s = v.trim();
  const n = Number(s);
  if (s === "") ctx.addIssue({ code: z.ZodIssueCode.custom, message: "errors.required" });
  else if (!/^\d{4}$/.test(s) || n < 2000 || n > 2100)
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "errors.year" });
  return n;
});

const limitedText = (max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = (v ?? "").trim();
      if (s.length > max) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "errors.tooLong" });
      return s;
    });

const slug = z
  .string({ required_error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(60, "errors.tooLong")
  .regex(SLUG_PATTERN, "errors.slug");

const stageShape = Object.fromEntries(
  STAGES.flatMap((stage) => [
    [stageField(stage, "start"), wibDateTime],
    [stageField(stage, "end"), wibDateTime],
  ]),
) as Record<StageFieldName, typeof wibDateTime>;

export const CompetitionSchema = z
  .object({
    name: requiredText(120),
    year,
    slug,
    theme: limitedText(300),
    description: limitedText(5000),
    ...stageShape,
  })
  .superRefine((data, ctx) => {
    for (const stage of STAGES) {
      const start = toUtc(data[stageField(stage, "start")]);
      const end = toUtc(data[stageField(stage, "end")]);
      // An end equal to its start is refused too: the message asks for an end after the start.
      if (start && end && end <= start) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [stageField(stage, "end")],
          message: "errors.endBeforeStart",
        });
      }
    }
  });

export type CompetitionFormData = z.infer<typeof CompetitionSchema>;

/** What the competition services take: the fields, with the timeline in UTC. */
export interface CompetitionFields {
  name: string;
  year: number;
  slug: string;
  theme: string;
  description: string;
  timeline: StageTime[];
}

function toUtc(local: string | undefined): string | null {
  return local ? wibLocalToUtcIso(local) : null;
}

/** Every stage in order, its WIB inputs converted to UTC ISO (null when left empty). */
export function timelineFromForm(data: CompetitionFormData): StageTime[] {
  return STAGES.map((stage) => ({
    stage,
    startsAt: toUtc(data[stageField(stage, "start")]),
    endsAt: toUtc(data[stageField(stage, "end")]),
  }));
}

export function competitionFields(data: CompetitionFormData): CompetitionFields {
  return {
    name: data.name,
    year: data.year,
    slug: data.slug,
    theme: data.theme,
    description: data.description,
    timeline: timelineFromForm(data),
  };
}
