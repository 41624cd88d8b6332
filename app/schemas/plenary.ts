/**
 * Forms and query strings of the plenary (results page): overrides, their
 * removal, the decision, and the table's filter and page. Messages are i18n
 * keys; parseForm shows each at its field.
 */
import { z } from "zod";

/** An override's reason: at least this many characters (after trimming). */
export const OVERRIDE_REASON_MIN = 10;
export const OVERRIDE_REASON_MAX = 2000;

/** Rows per page of the results table ("show all" lifts it). */
export const RESULTS_PAGE_SIZE = 200;

export const OverrideSchema = z.object({
  intent: z.literal("override"),
  number: z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(64, "errors.tooLong"),
  decision: z.enum(["advance", "stop"], {
    errorMap: () => ({ message: "plenary.errors.decision" }),
  }),
  reason: z
    .string({ required_error: "plenary.errors.reasonShort" })
    .trim()
    .min(OVERRIDE_REASON_MIN, "plenary.errors.reasonShort")
    .max(OVERRIDE_REASON_MAX, "errors.tooLong"),
});
export type OverrideInput = z.infer<typeof OverrideSchema>;

export const RemoveOverrideSchema = z.object({
  intent: z.literal("removeOverride"),
  number: z.string().trim().min(1, "errors.required").max(64, "errors.tooLong"),
});

export const DecideSchema = z.object({
  intent: z.literal("decide"),
  confirm: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .refine((v) => v !== undefined && v !== "", "plenary.errors.confirm"),
});

export const RESULT_FILTERS = ["all", "advance", "stop", "borderline", "disagreement", "override", "unscored"] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];

export interface ResultsQuery {
  filter: ResultFilter;
  /** Search in number, title, agency code and name (lower-cased). */
  q: string;
  page: number;
  all: boolean;
  replay: boolean;
}

/** The table's query string, forgiving: anything unknown falls back to the default. */
export function parseResultsQuery(params: URLSearchParams): ResultsQuery {
  const filter = params.get("filter") ?? "all";
  const page = Number(params.get("page") ?? "1");
  return {
    filter: (RESULT_FILTERS as readonly string[]).includes(filter) ? (filter as ResultFilter) : "all",
    q: (params.get("q") ?? "").trim().slice(0, 100),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    all: params.get("all") === "1",
    replay: params.get("replay") === "1",
  };
}
