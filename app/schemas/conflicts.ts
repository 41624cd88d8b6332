/**
 * Conflict forms (a juror's, an agency's and the organizer's declarations, a
 * dismissal, the same-region switch) and the review list's filters from the
 * address. The services check the same rules again.
 */
import { z } from "zod";
import { CONFLICT_SOURCES, CONFLICT_STATUSES, looksLikeProposalNumber, reasonError, type ConflictSource, type ConflictStatus } from "~/domain/conflicts";

const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().max(max, "errors.tooLong"));

const required = (max: number) => text(max).pipe(z.string().min(1, "errors.required"));

/** A written reason: required, 10 to 1,000 characters. */
const reason = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim())
  .superRefine((v, ctx) => {
    const e = reasonError(v);
    if (e) ctx.addIssue({ code: z.ZodIssueCode.custom, message: e });
  });

const ID = /^[A-Za-z0-9._-]{1,64}$/;

const proposalNumber = required(60).pipe(z.string().refine(looksLikeProposalNumber, "conflicts.errors.numberFormat"));
const id = required(64).pipe(z.string().regex(ID, "errors.invalid"));

export const JurorProposalDeclarationSchema = z.object({
  jurorId: id,
  proposalNumber,
  reason,
});

export const JurorAgencyDeclarationSchema = z.object({
  jurorId: id,
  agencyId: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().min(1, "conflicts.errors.agencyRequired").max(64, "errors.invalid")),
  reason,
});

export const AgencyDeclarationSchema = z.object({
  proposalNumber,
  jurorId: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().min(1, "conflicts.errors.jurorRequired").max(64, "errors.invalid")),
  reason,
});

export const OrganizerRecordSchema = AgencyDeclarationSchema;

export const DismissSchema = z.object({ conflictId: id, reason });

/** The checkbox sends "1" when ticked and nothing when not. */
export const SameRegionSchema = z.object({
  sameRegion: z
    .string()
    .optional()
    .transform((v) => v === "1"),
});

export interface ReviewFilters {
  source: ConflictSource | null;
  status: ConflictStatus | null;
  jurorId: string | null;
  page: number;
}

/** ?source=&status=&juror=&page=; anything malformed is ignored. */
export function parseConflictFilters(params: URLSearchParams): ReviewFilters {
  const source = params.get("source") ?? "";
  const status = params.get("status") ?? "";
  const juror = params.get("juror") ?? "";
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    source: (CONFLICT_SOURCES as readonly string[]).includes(source) ? (source as ConflictSource) : null,
    status: (CONFLICT_STATUSES as readonly string[]).includes(status) ? (status as ConflictStatus) : null,
    jurorId: ID.test(juror) ? juror : null,
    page: Number.isFinite(page) ? Math.min(Math.max(page, 1), 10_000) : 1,
  };
}

/** The filters back as a query string ("" when none), with the page when > 1. */
export function conflictQuery(f: Partial<ReviewFilters>, page?: number): string {
  const p = new URLSearchParams();
  if (f.source) p.set("source", f.source);
  if (f.status) p.set("status", f.status);
  if (f.jurorId) p.set("juror", f.jurorId);
  if (page && page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
