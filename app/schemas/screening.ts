/**
 * Screening forms: a decision (one proposal, or many selected in the queue)
 * and the queue's filters from the address. The decision rules themselves
 * are decisionErrors in ~/domain/screening, which the service checks again.
 */
import { z } from "zod";
import { decisionErrors, type QueueFilters, type StatusFilter } from "~/domain/screening";

/** A repeated form field (checkboxes) as a list, whether none, one or many were sent. */
const list = (maxItems: number) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().max(64, "errors.invalid")).max(maxItems, "screening.errors.tooMany"),
  );

const decisionFields = {
  result: z.string().optional().transform((v) => v ?? ""),
  reasons: list(20),
  note: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim()),
};

function refineDecision(d: { result: string; reasons: string[]; note: string }, ctx: z.RefinementCtx) {
  const errors = decisionErrors(d);
  for (const [field, message] of Object.entries(errors)) {
    if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
  }
}

export const DecisionSchema = z.object(decisionFields).superRefine(refineDecision);

export const BulkDecisionSchema = z
  .object({
    ...decisionFields,
    ids: list(500).refine((ids) => ids.length > 0, "screening.errors.noneSelected"),
  })
  .superRefine(refineDecision);

const STATUSES: readonly StatusFilter[] = ["undecided", "lolos", "tidak_lolos"];
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The queue's filters from ?status=&problems=yes|no&group=&category=&q=&page=; anything malformed is ignored. */
export function parseQueueFilters(params: URLSearchParams): Required<QueueFilters> {
  const status = params.get("status") ?? "";
  const problems = params.get("problems");
  const group = params.get("group") ?? "";
  const category = params.get("category") ?? "";
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    status: (STATUSES as readonly string[]).includes(status) ? (status as StatusFilter) : null,
    problems: problems === "yes" ? true : problems === "no" ? false : null,
    groupId: ID.test(group) ? group : null,
    categoryId: ID.test(category) ? category : null,
    q: (params.get("q") ?? "").trim().slice(0, 100) || null,
    page: Number.isFinite(page) ? Math.min(Math.max(page, 1), 10_000) : 1,
  };
}

/** The same filters back as a query string (without the page unless given). */
export function queueQuery(f: Partial<QueueFilters>, page?: number): string {
  const p = new URLSearchParams();
  if (f.status) p.set("status", f.status);
  if (f.problems === true) p.set("problems", "yes");
  if (f.problems === false) p.set("problems", "no");
  if (f.groupId) p.set("group", f.groupId);
  if (f.categoryId) p.set("category", f.categoryId);
  if (f.q) p.set("q", f.q);
  if (page && page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
