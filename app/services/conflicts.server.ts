/**
 * Conflicts of interest use cases: the automatic conflict check, declarations
 * by a juror, by an agency and by the organizer, dismissal of an automatic
 * conflict, the edition's same-region switch, and the three pages' data.
 * Rules live in ~/domain/conflicts; the whole story is docs/conflicts.md.
 */
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import {
  encodeAutoReason,
  isAutoSource,
  looksLikeProposalNumber,
  normalizeProposalNumber,
  planSync,
  reasonError,
  type ConflictSource,
} from "~/domain/conflicts";
import { can } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import type { FieldErrors } from "~/lib/forms";
import { forbidden, notFound } from "~/lib/http.server";
import { nowIso } from "~/lib/ids.server";
import { findAgency, searchAgencies } from "~/models/agencies.server";
import { appendAudit } from "~/models/audit.server";
import { findCompetitionById, findCompetitionBySlug } from "~/models/competitions.server";
import {
  conflictTotals,
  deleteConflicts,
  existingConflictProposalIds,
  findAgencyProposalByNumber,
  findConflictInEdition,
  findDeclarableProposal,
  findJurorInEdition,
  findJurorWithEdition,
  insertConflicts,
  listAgencyDeclarableProposals,
  listAgencyDeclarations,
  listConflictPage,
  listDeclarableProposalIdsOfAgency,
  listEditionJurors,
  listJurorDeclarations,
  listNamedJurors,
  listOwnJurorRows,
  listUnmatchedJurorDeclarations,
  loadAgenciesWithAncestors,
  loadSyncInputs,
  markDismissed,
  setConflictSameRegion,
  type ConflictFilters,
} from "~/models/conflicts.server";

type Competition = NonNullable<Awaited<ReturnType<typeof findCompetitionBySlug>>>;

function competitionResource(c: { id: string; organizer_id: string }) {
  return { type: "competition" as const, id: c.id, organizerId: c.organizer_id };
}

async function managedCompetition(db: DB, actor: Actor, slug: string): Promise<Competition> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "jury.manage", competitionResource(c));
  return c;
}

export type FormOutcome = { ok: true } | { ok: false; errors: FieldErrors };

/** Runs `fn` in a transaction, or in the caller's when `db` already is one. */
function inTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

function numberError(number: string): FieldErrors[string] | null {
  if (number === "") return "errors.required";
  if (!looksLikeProposalNumber(number)) return "conflicts.errors.numberFormat";
  return null;
}

// ---------------------------------------------------------------------------
// The conflict check

export interface SyncCounts {
  added: number;
  removed: number;
  kept: number;
  dismissedKept: number;
}

/**
 * Brings the edition's automatic conflicts up to date: every juror of its
 * pools but the declined × every submitted proposal, through the rules of
 * ~/domain/conflicts. Side effects, in one transaction: inserts the new
 * conflicts (chunks of 400), deletes the ACTIVE automatic ones the rules no
 * longer give, leaves dismissed ones alone (never revived, never deleted),
 * and writes one "conflicts.checked" audit row listing the pairs added and
 * removed (juror email, proposal number, source). Declared conflicts are not
 * touched. A fixed number of queries whatever the edition's size. Requires
 * jury.manage (404 unknown edition, 403 otherwise).
 */
export async function syncAutomaticConflicts(db: DB, actor: Actor, competitionId: string, now: Date = new Date()): Promise<SyncCounts> {
  const c = await findCompetitionById(db, competitionId);
  if (!c) notFound();
  assertCan(actor, "jury.manage", competitionResource(c));
  return inTransaction(db, async (trx) => {
    const inputs = await loadSyncInputs(trx, competitionId);
    if (!inputs.competition) notFound();
    const sameRegion = Number(inputs.competition.conflict_same_region) === 1;
    const agencyIds = new Set<string>(inputs.proposals.map((p) => p.agency_id));
    for (const j of inputs.jurors) if (j.affiliation_agency_id) agencyIds.add(j.affiliation_agency_id);
    const agencies = await loadAgenciesWithAncestors(trx, agencyIds);
    const plan = planSync(
      inputs.jurors.map((j) => ({ id: j.id, affiliationAgencyId: j.affiliation_agency_id })),
      inputs.proposals.map((p) => ({ id: p.id, agencyId: p.agency_id })),
      agencies,
      { sameRegion },
      inputs.stored,
    );
    const at = nowIso(now);
    await insertConflicts(
      trx,
      plan.add.map((a) => ({
        competitionId,
        jurorId: a.jurorId,
        proposalId: a.proposalId,
        source: a.conflict.source,
        reason: encodeAutoReason(a.conflict),
        declaredBy: null,
        createdAt: at,
      })),
    );
    await deleteConflicts(
      trx,
      competitionId,
      plan.remove.map((r) => r.id),
    );
    const email = new Map(inputs.jurors.map((j) => [j.id, j.email]));
    const number = new Map(inputs.proposals.map((p) => [p.id, p.number]));
    const counts: SyncCounts = { added: plan.add.length, removed: plan.remove.length, kept: plan.kept, dismissedKept: plan.dismissedKept };
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "conflicts.checked",
      entityType: "competition",
      entityId: competitionId,
      organizerId: c.organizer_id,
      competitionId,
      after: {
        counts,
        sameRegion,
        added: plan.add.map((a) => ({ juror: email.get(a.jurorId), proposal: number.get(a.proposalId), source: a.conflict.source })),
        removed: plan.remove.map((r) => ({ juror: r.jurorEmail, proposal: r.proposalNumber, source: r.source })),
      },
    });
    return counts;
  });
}

/** The "Run conflict check" button: the same check, found by slug. */
export async function runConflictCheck(db: DB, actor: Actor, slug: string, now: Date = new Date()): Promise<SyncCounts> {
  const c = await managedCompetition(db, actor, slug);
  return syncAutomaticConflicts(db, actor, c.id, now);
}

/**
 * Turns the edition's "same region is a conflict" rule on or off, audited
 * ("conflicts.ruleChanged"). Takes effect at the next check (the assignment
 * preview runs one first). Requires jury.manage.
 */
export async function setSameRegionRule(db: DB, actor: Actor, slug: string, on: boolean): Promise<{ changed: boolean }> {
  const c = await managedCompetition(db, actor, slug);
  const before = Number(c.conflict_same_region) === 1;
  if (before === on) return { changed: false };
  await inTransaction(db, async (trx) => {
    await setConflictSameRegion(trx, c.id, on);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "conflicts.ruleChanged",
      entityType: "competition",
      entityId: c.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      before: { conflict_same_region: before ? 1 : 0 },
      after: { conflict_same_region: on ? 1 : 0 },
    });
  });
  return { changed: true };
}

// ---------------------------------------------------------------------------
// A juror declares

export interface JurorDeclaration {
  jurorId: string;
  proposalNumber?: string;
  agencyId?: string;
  reason: string;
}

/**
 * A juror declares a conflict of interest: against one proposal of the
 * edition (by number) or against an agency (one conflict per proposal of the
 * agency in the edition, submitted or returned for correction, at the time
 * of the declaration; later proposals are not covered). Source "juror",
 * declared_by the juror; a pair already declared is left as it is.
 *
 * Leaks nothing: the answer is the same `{ ok: true }` whether the number is
 * a proposal assigned to the juror, one that is not, or none at all, and no
 * count is returned. One "conflict.declared" audit row (entity: the juror)
 * records what was typed, the reason and (for the organizer) what matched;
 * the juror's own list is read from these rows.
 *
 * Requires conflict.declareAsJuror on the juror row (the juror themself,
 * active). 404 unknown juror, 403 someone else's row.
 */
export async function declareConflictAsJuror(db: DB, actor: Actor, input: JurorDeclaration, now: Date = new Date()): Promise<FormOutcome> {
  const juror = await findJurorWithEdition(db, input.jurorId);
  if (!juror) notFound();
  assertCan(actor, "conflict.declareAsJuror", {
    type: "juror",
    competitionId: juror.competition_id,
    organizerId: juror.organizer_id,
    userId: juror.user_id,
  });
  if (juror.status !== "active") forbidden();

  const reason = input.reason.trim();
  const number = normalizeProposalNumber(input.proposalNumber ?? "");
  const agencyId = (input.agencyId ?? "").trim();
  const errors: FieldErrors = {};
  const rErr = reasonError(reason);
  if (rErr) errors.reason = rErr;
  if (number && agencyId) errors._form = "conflicts.errors.oneTarget";
  else if (!agencyId) {
    const nErr = numberError(number);
    if (nErr) errors.proposalNumber = nErr;
  }
  const agency = agencyId && !number ? await findAgency(db, agencyId) : undefined;
  if (agencyId && !number && !agency) errors.agencyId = "errors.unknownAgency";
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const at = nowIso(now);
  await inTransaction(db, async (trx) => {
    let proposalIds: string[];
    let target: Record<string, string>;
    if (agency) {
      proposalIds = await listDeclarableProposalIdsOfAgency(trx, juror.competition_id, agency.id);
      target = { kind: "agency", agencyId: agency.id, agencyName: agency.name, agencyCode: agency.code };
    } else {
      const p = await findDeclarableProposal(trx, juror.competition_id, number);
      proposalIds = p ? [p.id] : [];
      target = { kind: "proposal", number };
    }
    const already = await existingConflictProposalIds(trx, juror.id, proposalIds, "juror");
    const fresh = proposalIds.filter((id) => !already.has(id));
    const ids = await insertConflicts(
      trx,
      fresh.map((proposalId) => ({
        competitionId: juror.competition_id,
        jurorId: juror.id,
        proposalId,
        source: "juror" as const,
        reason,
        declaredBy: actor.userId,
        createdAt: at,
      })),
    );
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "conflict.declared",
      entityType: "juror",
      entityId: juror.id,
      organizerId: juror.organizer_id,
      competitionId: juror.competition_id,
      after: { source: "juror", juror: juror.email, target, reason, matched: proposalIds.length, created: fresh.length, conflictIds: ids },
    });
  });
  return { ok: true };
}

/** What a stored juror declaration shows its juror: what they typed and why, never what matched. */
function publicDeclaration(row: { id: string; at: string; entity_id: string | null; after_json: string | null }) {
  let after: { target?: { kind?: string; number?: string; agencyName?: string; agencyCode?: string }; reason?: string } = {};
  try {
    after = JSON.parse(row.after_json ?? "{}");
  } catch {
    after = {};
  }
  const t = after.target ?? {};
  return {
    id: row.id,
    at: row.at,
    jurorId: row.entity_id,
    target: t.kind === "agency" ? { kind: "agency" as const, label: `${t.agencyName ?? ""} (${t.agencyCode ?? ""})` } : { kind: "proposal" as const, label: t.number ?? "" },
    reason: after.reason ?? "",
  };
}

/**
 * The juror's conflicts page: their active juror rows of the edition (one
 * per role), their own declarations, and (with `q`) registry agencies to
 * declare against. 404 unknown edition; 403 unless the actor is an active
 * juror of it.
 */
export async function getJurorConflictsPage(db: DB, actor: Actor, slug: string, opts: { q?: string | null } = {}) {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  const rows = (await listOwnJurorRows(db, c.id, actor.userId)).filter(
    (r) =>
      r.status === "active" &&
      can(actor, "conflict.declareAsJuror", { type: "juror", competitionId: c.id, organizerId: c.organizer_id, userId: r.user_id }),
  );
  if (rows.length === 0) forbidden();
  const [declarations, agencies] = await Promise.all([
    listJurorDeclarations(
      db,
      rows.map((r) => r.id),
      actor.userId,
    ),
    opts.q && opts.q.trim() ? searchAgencies(db, { q: opts.q, pageSize: 20 }) : Promise.resolve(null),
  ]);
  return {
    competition: { id: c.id, slug: c.slug, name: c.name },
    jurors: rows.map((r) => ({ id: r.id, role: r.role })),
    declarations: declarations.map(publicDeclaration),
    agencies: agencies
      ? { total: agencies.total, rows: agencies.rows.map((a) => ({ id: a.id, code: a.code, name: a.name, cluster: a.cluster, provinceName: a.province_name })) }
      : null,
  };
}

// ---------------------------------------------------------------------------
// An agency declares

export interface AgencyDeclaration {
  agencyId: string;
  proposalNumber: string;
  jurorId: string;
  reason: string;
}

/**
 * An agency (its Admin Lokal) declares a conflict against a named juror of
 * the edition of one of its own proposals (submitted or returned). Source
 * "agency", declared_by the Admin Lokal; one "conflict.declared" audit row
 * with the agency set. Another agency's proposal reads as unknown (field
 * error), so nothing leaks. Requires conflict.declareAsAgency on the agency
 * (404 unknown agency, 403 otherwise).
 */
export async function declareConflictAsAgency(db: DB, actor: Actor, input: AgencyDeclaration, now: Date = new Date()): Promise<FormOutcome> {
  const agency = await findAgency(db, input.agencyId);
  if (!agency) notFound();
  assertCan(actor, "conflict.declareAsAgency", { type: "agency", id: agency.id });
  const reason = input.reason.trim();
  const number = normalizeProposalNumber(input.proposalNumber);
  const errors: FieldErrors = {};
  const rErr = reasonError(reason);
  if (rErr) errors.reason = rErr;
  const nErr = numberError(number);
  if (nErr) errors.proposalNumber = nErr;
  if (!input.jurorId) errors.jurorId = "errors.required";
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  return inTransaction(db, async (trx): Promise<FormOutcome> => {
    const proposal = await findAgencyProposalByNumber(trx, agency.id, number);
    if (!proposal) return { ok: false, errors: { proposalNumber: "conflicts.errors.proposalNotYours" } };
    const juror = await findJurorInEdition(trx, proposal.competition_id, input.jurorId);
    if (!juror || (juror.status !== "invited" && juror.status !== "active")) return { ok: false, errors: { jurorId: "conflicts.errors.jurorUnknown" } };
    const already = await existingConflictProposalIds(trx, juror.id, [proposal.id], "agency");
    if (already.size > 0) return { ok: false, errors: { jurorId: "conflicts.errors.alreadyDeclared" } };
    const [id] = await insertConflicts(trx, [
      {
        competitionId: proposal.competition_id,
        jurorId: juror.id,
        proposalId: proposal.id,
        source: "agency",
        reason,
        declaredBy: actor.userId,
        createdAt: nowIso(now),
      },
    ]);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "conflict.declared",
      entityType: "conflict",
      entityId: id,
      organizerId: proposal.organizer_id,
      competitionId: proposal.competition_id,
      agencyId: agency.id,
      after: { source: "agency", juror: juror.email, jurorName: juror.name, proposal: proposal.number, reason },
    });
    return { ok: true };
  });
}

/**
 * The agency's conflicts page: its proposals that can take a declaration,
 * the chosen one's edition jurors (name, role, affiliation; never email) and
 * the agency's declarations. 404 unknown agency, 403 unless its Admin Lokal.
 */
export async function getAgencyConflictsPage(db: DB, actor: Actor, agencyId: string, opts: { proposal?: string | null } = {}) {
  const agency = await findAgency(db, agencyId);
  if (!agency) notFound();
  assertCan(actor, "conflict.declareAsAgency", { type: "agency", id: agency.id });
  const [proposals, declarations] = await Promise.all([listAgencyDeclarableProposals(db, agency.id), listAgencyDeclarations(db, agency.id)]);
  const wanted = normalizeProposalNumber(opts.proposal ?? "").toLowerCase();
  const chosen = wanted ? proposals.find((p) => p.number.toLowerCase() === wanted) ?? null : null;
  const jurors = chosen ? await listNamedJurors(db, chosen.competition_id) : [];
  return {
    agency: { id: agency.id, code: agency.code, name: agency.name },
    proposals: proposals.map((p) => ({ number: p.number, title: p.title, competitionName: p.competition_name })),
    chosen: chosen ? { number: chosen.number, title: chosen.title, competitionName: chosen.competition_name } : null,
    unknownProposal: Boolean(wanted) && !chosen,
    jurors: jurors.map((j) => ({ id: j.id, name: j.name, role: j.role, affiliation: j.agency_name ?? j.affiliation_other ?? "" })),
    declarations: declarations.map((d) => ({
      id: d.id,
      proposalNumber: d.proposal_number,
      competitionName: d.competition_name,
      jurorName: d.juror_name,
      jurorRole: d.juror_role,
      reason: d.reason,
      declaredBy: d.declared_by_name,
      at: d.created_at,
    })),
  };
}

// ---------------------------------------------------------------------------
// The organizer

export interface OrganizerRecord {
  jurorId: string;
  proposalNumber: string;
  reason: string;
}

/**
 * The organizer records a conflict themselves (source "organizer", with a
 * reason), audited "conflict.recorded". Requires jury.manage.
 */
export async function recordConflictAsOrganizer(db: DB, actor: Actor, slug: string, input: OrganizerRecord, now: Date = new Date()): Promise<FormOutcome> {
  const c = await managedCompetition(db, actor, slug);
  const reason = input.reason.trim();
  const number = normalizeProposalNumber(input.proposalNumber);
  const errors: FieldErrors = {};
  const rErr = reasonError(reason);
  if (rErr) errors.reason = rErr;
  const nErr = numberError(number);
  if (nErr) errors.proposalNumber = nErr;
  if (!input.jurorId) errors.jurorId = "errors.required";
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  return inTransaction(db, async (trx): Promise<FormOutcome> => {
    const juror = await findJurorInEdition(trx, c.id, input.jurorId);
    if (!juror || juror.status === "declined") return { ok: false, errors: { jurorId: "conflicts.errors.jurorUnknown" } };
    const proposal = await findDeclarableProposal(trx, c.id, number);
    if (!proposal) return { ok: false, errors: { proposalNumber: "conflicts.errors.proposalUnknown" } };
    const already = await existingConflictProposalIds(trx, juror.id, [proposal.id], "organizer");
    if (already.size > 0) return { ok: false, errors: { proposalNumber: "conflicts.errors.alreadyRecorded" } };
    const [id] = await insertConflicts(trx, [
      { competitionId: c.id, jurorId: juror.id, proposalId: proposal.id, source: "organizer", reason, declaredBy: actor.userId, createdAt: nowIso(now) },
    ]);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "conflict.recorded",
      entityType: "conflict",
      entityId: id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      agencyId: proposal.agency_id,
      after: { source: "organizer", juror: juror.email, proposal: proposal.number, reason },
    });
    return { ok: true };
  });
}

/**
 * Dismisses an AUTOMATIC active conflict with a written reason (min 10
 * characters). Declared conflicts (juror, agency, organizer) cannot be
 * dismissed: someone stated them. Audited "conflict.dismissed". Requires
 * conflict.dismiss (404 unknown conflict of the edition).
 */
export async function dismissConflict(db: DB, actor: Actor, slug: string, input: { conflictId: string; reason: string }, now: Date = new Date()): Promise<FormOutcome> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "conflict.dismiss", competitionResource(c));
  const conflict = await findConflictInEdition(db, c.id, input.conflictId);
  if (!conflict) notFound();
  if (!isAutoSource(conflict.source)) return { ok: false, errors: { _form: "conflicts.errors.notDismissable" } };
  if (conflict.status !== "active") return { ok: false, errors: { _form: "conflicts.errors.alreadyDismissed" } };
  const reason = input.reason.trim();
  const rErr = reasonError(reason);
  if (rErr) return { ok: false, errors: { reason: rErr } };
  return inTransaction(db, async (trx): Promise<FormOutcome> => {
    const at = nowIso(now);
    if ((await markDismissed(trx, conflict.id, actor.userId, reason, at)) === 0) {
      return { ok: false, errors: { _form: "conflicts.errors.alreadyDismissed" } };
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "conflict.dismissed",
      entityType: "conflict",
      entityId: conflict.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      agencyId: conflict.agency_id,
      before: { status: "active" },
      after: { status: "dismissed", reason, juror: conflict.juror_email, proposal: conflict.proposal_number, source: conflict.source },
    });
    return { ok: true };
  });
}

/**
 * The organizer's review page: the rule switch, counts by source and status,
 * one page of conflicts (filters: source, status, juror), the jurors (for
 * the filter and the record form), and jurors' declarations that matched no
 * proposal. A fixed number of queries. Requires jury.manage.
 */
export async function getConflictReview(db: DB, actor: Actor, slug: string, filters: ConflictFilters) {
  const c = await managedCompetition(db, actor, slug);
  const jurors = await listEditionJurors(db, c.id);
  // A juror filter from another edition matches nothing anyway; drop it so the form shows "all".
  const f: ConflictFilters = { ...filters, jurorId: filters.jurorId && jurors.some((j) => j.id === filters.jurorId) ? filters.jurorId : null };
  const [totals, page, unmatched] = await Promise.all([conflictTotals(db, c.id), listConflictPage(db, c.id, f), listUnmatchedJurorDeclarations(db, c.id)]);
  return {
    competition: { id: c.id, slug: c.slug, name: c.name, sameRegion: Number(c.conflict_same_region) === 1 },
    canDismiss: can(actor, "conflict.dismiss", competitionResource(c)),
    filters: f,
    totals,
    total: page.total,
    pageCount: page.pageCount,
    rows: page.rows.map((r) => ({
      id: r.id,
      source: r.source as ConflictSource,
      status: r.status as "active" | "dismissed",
      reason: r.reason,
      createdAt: r.created_at,
      dismissedReason: r.dismissed_reason,
      dismissedAt: r.dismissed_at,
      dismissedBy: r.dismissed_by_name,
      declaredBy: r.declared_by_name,
      juror: { id: r.juror_id, name: r.juror_name, email: r.juror_email, role: r.juror_role, affiliation: r.juror_agency_name ?? r.affiliation_other ?? "" },
      proposal: { number: r.proposal_number, agencyName: r.agency_name, agencyCode: r.agency_code },
    })),
    jurors: jurors.map((j) => ({ id: j.id, name: j.name, email: j.email, role: j.role, status: j.status, affiliation: j.agency_name ?? j.affiliation_other ?? "" })),
    unmatched: unmatched.map((u) => ({ ...publicDeclaration({ id: u.id, at: u.at, entity_id: null, after_json: u.after_json }), by: u.actor_name })),
  };
}
