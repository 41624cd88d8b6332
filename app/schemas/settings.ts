/**
 * Forms of the edition settings. Tables of rows (form sections, attachment
 * slots, categories) post their inputs as `<table>.<index>.<field>`, e.g.
 * `sections.2.wordLimit`; the schemas nest them into arrays before checking,
 * so an error's path ("sections.2.key") is the name of the input it belongs
 * to, and parseForm shows it at that field.
 */
import { z } from "zod";
import type { FileKind } from "~/domain/edition";
import { FILE_KINDS, type CategorySpec, type GroupSpec, type SectionSpec, type SlotSpec } from "~/domain/edition-presets";
import { CLUSTERS, type Cluster } from "~/domain/roles";
import { wibLocalToUtcIso } from "~/domain/time";
import { optionalText, requiredText } from "./common";

/** Keys of groups, sections, slots and categories. */
export const KEY_PATTERN = /^[a-z0-9_]+$/;
export const ROW_TABLES = ["sections", "slots", "categories"] as const;
export type RowTable = (typeof ROW_TABLES)[number];
export const MAX_ROWS = 40;

/** One posted row as typed: text fields, and `types` as a list. */
export type RowValues = Record<string, string | string[]>;

const key = z
  .string({ required_error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(40, "errors.tooLong")
  .regex(KEY_PATTERN, "settings.errors.key");

/** A checkbox: present (any value) = checked. */
const checkbox = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => v !== undefined && v !== "");

function asList(v: unknown): string[] {
  if (v === undefined || v === null || v === "") return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string" && x !== "");
}

/** A whole number typed in a text/number input; empty = null. */
function optionalWhole(min: number, max: number) {
  return z.unknown().transform((v, ctx): number | null => {
    const s = typeof v === "string" ? v.trim() : "";
    if (s === "") return null;
    const n = Number(s);
    if (!/^\d+$/.test(s) || n < min || n > max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "settings.errors.number" });
      return null;
    }
    return n;
  });
}

/** A whole number that must be given. */
function requiredWhole(min: number, max: number) {
  return z.unknown().transform((v, ctx): number => {
    const s = typeof v === "string" ? v.trim() : "";
    if (s === "") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "errors.required" });
      return 0;
    }
    const n = Number(s);
    if (!/^\d+$/.test(s) || n < min || n > max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "settings.errors.number" });
      return 0;
    }
    return n;
  });
}

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

/**
 * Gathers `<table>.<i>.<field>` entries of a raw form object into arrays of
 * rows (in index order); everything else is left as is.
 */
export function nestRows(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const tables = new Map<string, Map<number, Record<string, unknown>>>();
  for (const [name, value] of Object.entries(raw)) {
    const m = /^(sections|slots|categories)\.(\d{1,3})\.(\w+)$/.exec(name);
    if (!m) {
      out[name] = value;
      continue;
    }
    const [, table, index, field] = m;
    let rows = tables.get(table);
    if (!rows) tables.set(table, (rows = new Map()));
    let row = rows.get(Number(index));
    if (!row) rows.set(Number(index), (row = {}));
    row[field] = value;
  }
  for (const [table, rows] of tables) {
    out[table] = [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
  }
  return out;
}

/** The rows of one table exactly as typed, for showing the form again (add, delete, move, or a failed save). */
export function rowsFromForm(formData: FormData, table: RowTable): RowValues[] {
  const raw: Record<string, unknown> = {};
  for (const name of new Set(formData.keys())) {
    if (!name.startsWith(`${table}.`)) continue;
    const all = formData.getAll(name).filter((v): v is string => typeof v === "string");
    raw[name] = name.endsWith(".types") ? all : (all[0] ?? "");
  }
  const rows = (nestRows(raw)[table] as RowValues[] | undefined) ?? [];
  return rows.slice(0, MAX_ROWS);
}

function uniqueKeys<T extends { key: string }>(table: RowTable) {
  return (rows: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      if (seen.has(r.key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [table, i, "key"], message: "settings.errors.keyDuplicate" });
      seen.add(r.key);
    });
  };
}

// ---------------------------------------------------------------------------
// General rules

export const GeneralSchema = z
  .object({
    numberPrefix: z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim().toUpperCase())
      .refine((s) => s === "" || /^[A-Z0-9]{1,20}$/.test(s), "settings.errors.prefix"),
    allowedClusters: z
      .unknown()
      .transform((v) => asList(v))
      .refine((l) => l.every((c) => (CLUSTERS as readonly string[]).includes(c)), "errors.invalid")
      .transform((l) => CLUSTERS.filter((c) => l.includes(c)) as Cluster[]),
    provinceOnly: checkbox,
    provinceCode: z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim()),
    registrationStart: wibDateTime,
    registrationEnd: wibDateTime,
  })
  .superRefine((d, ctx) => {
    if (d.provinceOnly && d.provinceCode === "") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["provinceCode"], message: "errors.unknownProvince" });
    }
    if (d.registrationStart && !d.registrationEnd) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["registrationEnd"], message: "errors.required" });
    }
    if (d.registrationEnd && !d.registrationStart) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["registrationStart"], message: "errors.required" });
    }
    if (d.registrationStart && d.registrationEnd && d.registrationEnd <= d.registrationStart) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["registrationEnd"], message: "errors.endBeforeStart" });
    }
  });

export interface GeneralInput {
  /** Empty = the default from the edition's name and year. */
  numberPrefix: string;
  allowedClusters: Cluster[];
  eligibleProvinceCode: string | null;
  registration: { startsAt: string | null; endsAt: string | null };
}

export function generalInput(d: z.infer<typeof GeneralSchema>): GeneralInput {
  return {
    numberPrefix: d.numberPrefix,
    allowedClusters: d.allowedClusters,
    eligibleProvinceCode: d.provinceOnly ? d.provinceCode : null,
    registration: { startsAt: d.registrationStart, endsAt: d.registrationEnd },
  };
}

// ---------------------------------------------------------------------------
// Groups and their form

const groupShape = {
  key,
  nameId: requiredText(120),
  nameEn: requiredText(120),
  descriptionId: optionalText(1000),
  descriptionEn: optionalText(1000),
  minAgeMonths: requiredWhole(0, 600),
  quotaPerAgency: optionalWhole(1, 1000),
  requiresSources: checkbox,
  videoRequired: checkbox,
};

export type GroupFields = Omit<GroupSpec, "sections" | "slots">;

/** The short "add a group" form: the rest starts empty and is set on the group's page. */
export const NewGroupSchema = z.object({ key, nameId: requiredText(120), nameEn: requiredText(120) });

export function newGroupFields(d: z.infer<typeof NewGroupSchema>): GroupFields {
  return {
    key: d.key,
    nameId: d.nameId,
    nameEn: d.nameEn,
    descriptionId: "",
    descriptionEn: "",
    minAgeMonths: 0,
    quotaPerAgency: null,
    requiresSources: false,
    videoRequired: false,
  };
}

const SectionRow = z.object({
  key,
  titleId: requiredText(200),
  titleEn: requiredText(200),
  guidanceId: optionalText(2000),
  guidanceEn: optionalText(2000),
  wordLimit: optionalWhole(1, 5000),
  required: checkbox,
});

const fileKinds = z
  .unknown()
  .transform((v) => asList(v))
  .refine((l) => l.every((t) => (FILE_KINDS as readonly string[]).includes(t)), "errors.invalid")
  .transform((l) => FILE_KINDS.filter((t) => l.includes(t)) as FileKind[])
  .refine((l) => l.length > 0, "settings.errors.typesRequired");

const SlotRow = z.object({
  key,
  labelId: requiredText(200),
  labelEn: requiredText(200),
  types: fileKinds,
  maxSizeMb: requiredWhole(1, 100),
  required: checkbox,
});

export const GroupFormSchema = z.preprocess(
  (raw) => ({ sections: [], slots: [], ...nestRows((raw ?? {}) as Record<string, unknown>) }),
  z
    .object({
      ...groupShape,
      sections: z.array(SectionRow).max(MAX_ROWS, "errors.invalid"),
      slots: z.array(SlotRow).max(MAX_ROWS, "errors.invalid"),
    })
    .superRefine((d, ctx) => {
      uniqueKeys<{ key: string }>("sections")(d.sections, ctx);
      uniqueKeys<{ key: string }>("slots")(d.slots, ctx);
    }),
);

export function groupSpec(d: z.infer<typeof GroupFormSchema>): GroupSpec {
  return {
    key: d.key,
    nameId: d.nameId,
    nameEn: d.nameEn,
    descriptionId: d.descriptionId,
    descriptionEn: d.descriptionEn,
    minAgeMonths: d.minAgeMonths,
    quotaPerAgency: d.quotaPerAgency,
    requiresSources: d.requiresSources,
    videoRequired: d.videoRequired,
    sections: d.sections.map(
      (s): SectionSpec => ({
        key: s.key,
        titleId: s.titleId,
        titleEn: s.titleEn,
        guidanceId: s.guidanceId,
        guidanceEn: s.guidanceEn,
        wordLimit: s.wordLimit,
        required: s.required,
      }),
    ),
    slots: d.slots.map(
      (s): SlotSpec => ({
        key: s.key,
        labelId: s.labelId,
        labelEn: s.labelEn,
        acceptedTypes: s.types,
        maxSizeMb: s.maxSizeMb,
        required: s.required,
      }),
    ),
  };
}

// ---------------------------------------------------------------------------
// Categories

const CategoryRow = z.object({
  /** The stored category's id; empty for a new row. */
  id: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim() || null),
  key,
  nameId: requiredText(200),
  nameEn: requiredText(200),
});

export type CategoryInput = CategorySpec & { id: string | null };

export const CategoriesSchema = z.preprocess(
  (raw) => ({ categories: [], ...nestRows((raw ?? {}) as Record<string, unknown>) }),
  z
    .object({ categories: z.array(CategoryRow).max(MAX_ROWS, "errors.invalid") })
    .superRefine((d, ctx) => uniqueKeys<{ key: string }>("categories")(d.categories, ctx)),
);

export function categoryInputs(d: z.infer<typeof CategoriesSchema>): CategoryInput[] {
  return d.categories.map((c) => ({ id: c.id, key: c.key, nameId: c.nameId, nameEn: c.nameEn }));
}

// ---------------------------------------------------------------------------
// Registration extension, copy

export const ExtensionSchema = z.object({
  newEndsAt: wibDateTime.refine((v) => v !== null, "errors.required"),
  reason: requiredText(1000),
});

export const CopySchema = z.object({
  sourceId: requiredText(40),
  confirm: checkbox.refine((v) => v, "settings.errors.confirmCopy"),
});

export const DeleteGroupSchema = z.object({
  confirm: checkbox.refine((v) => v, "settings.errors.confirmDelete"),
});
