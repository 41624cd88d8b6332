/**
 * Conflicts of interest: the rows a conflict check reads and writes, the
 * organizer's review list, and what a juror or an agency may see of their own
 * declarations. Every query is scoped by competition, agency or juror so a
 * missed permission check still shows nothing of another tenant.
 */
import { sql } from "kysely";
import type { DB } from "~/db.server";
import type { AutoConflictSource, ConflictSource, ConflictStatus, RegistryAgency } from "~/domain/conflicts";
import { newId } from "~/lib/ids.server";

/** Rows per INSERT: 400 × 12 columns stays far below SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 400;
/** Ids per IN (…) list. */
const ID_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Statuses of proposals a declaration can be made against: in the edition, not a draft, not withdrawn. */
export const DECLARABLE_STATUSES = ["submitted", "returned"] as const;

// ---------------------------------------------------------------------------
// Conflict check

/**
 * Everything a conflict check needs, in four queries: the edition's rule
 * switch, its jurors (all but declined), its submitted proposals, and the
 * automatic conflicts stored (active and dismissed).
 */
export async function loadSyncInputs(db: DB, competitionId: string) {
  const [competition, jurors, proposals, stored] = await Promise.all([
    db.selectFrom("competitions").select(["id", "organizer_id", "conflict_same_region"]).where("id", "=", competitionId).executeTakeFirst(),
    db
      .selectFrom("jurors")
      .select(["id", "email", "affiliation_agency_id"])
      .where("competition_id", "=", competitionId)
      .where("status", "!=", "declined")
      .orderBy("email")
      .orderBy("role")
      .execute(),
    db
      .selectFrom("proposals")
      .select(["id", "number", "agency_id"])
      .where("competition_id", "=", competitionId)
      .where("status", "=", "submitted")
      .orderBy("number")
      .execute(),
    db
      .selectFrom("conflicts as c")
      .innerJoin("jurors as j", "j.id", "c.juror_id")
      .innerJoin("proposals as p", "p.id", "c.proposal_id")
      .select(["c.id", "c.juror_id", "c.proposal_id", "c.source", "c.status", "j.email", "p.number"])
      .where("c.competition_id", "=", competitionId)
      .where("c.source", "in", ["auto_agency", "auto_parent", "auto_child", "auto_region"])
      .orderBy("p.number")
      .orderBy("j.email")
      .orderBy("c.source")
      .execute(),
  ]);
  return {
    competition,
    jurors,
    proposals,
    stored: stored.map((s) => ({
      id: s.id,
      jurorId: s.juror_id,
      proposalId: s.proposal_id,
      source: s.source as AutoConflictSource,
      status: s.status as ConflictStatus,
      jurorEmail: s.email,
      proposalNumber: s.number,
    })),
  };
}

/**
 * The registry rows for `ids` and every agency above them by parent_id: one
 * query per level (two or three in the real registry), never one per agency.
 */
export async function loadAgenciesWithAncestors(db: DB, ids: Iterable<string>): Promise<Map<string, RegistryAgency>> {
  const found = new Map<string, RegistryAgency>();
  let wanted = [...new Set(ids)];
  for (let level = 0; wanted.length > 0 && level < 8; level++) {
    const rows = [];
    for (const part of chunks(wanted, ID_CHUNK)) {
      rows.push(
        ...(await db
          .selectFrom("agencies")
          .select(["id", "name", "cluster", "province_code", "regency_code", "parent_id"])
          .where("id", "in", part)
          .execute()),
      );
    }
    for (const r of rows) {
      found.set(r.id, { id: r.id, name: r.name, cluster: r.cluster, provinceCode: r.province_code, regencyCode: r.regency_code, parentId: r.parent_id });
    }
    wanted = [...new Set(rows.map((r) => r.parent_id).filter((p): p is string => p !== null && !found.has(p)))];
  }
  return found;
}

export interface NewConflict {
  competitionId: string;
  jurorId: string;
  proposalId: string;
  source: ConflictSource;
  reason: string;
  declaredBy: string | null;
  createdAt: string;
}

/**
 * Inserts conflicts in chunks; a pair and source already stored is left as it
 * is (a concurrent check, a repeated declaration). Returns the ids given.
 */
export async function insertConflicts(db: DB, rows: readonly NewConflict[]): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunks(rows, INSERT_CHUNK)) {
    const values = part.map((r) => {
      const id = newId();
      ids.push(id);
      return {
        id,
        competition_id: r.competitionId,
        juror_id: r.jurorId,
        proposal_id: r.proposalId,
        source: r.source,
        reason: r.reason,
        status: "active" as const,
        declared_by: r.declaredBy,
        created_at: r.createdAt,
        dismissed_by: null,
        dismissed_reason: null,
        dismissed_at: null,
      };
    });
    await db
      .insertInto("conflicts")
      .values(values)
      .onConflict((oc) => oc.columns(["juror_id", "proposal_id", "source"]).doNothing())
      .execute();
  }
  return ids;
}

/** Deletes conflicts of one competition by id (only active automatic ones are ever passed). */
export async function deleteConflicts(db: DB, competitionId: string, ids: readonly string[]): Promise<void> {
  for (const part of chunks(ids, ID_CHUNK)) {
    await db.deleteFrom("conflicts").where("competition_id", "=", competitionId).where("id", "in", part).execute();
  }
}

export async function setConflictSameRegion(db: DB, competitionId: string, on: boolean): Promise<void> {
  await db.updateTable("competitions").set({ conflict_same_region: on ? 1 : 0 }).where("id", "=", competitionId).execute();
}

// ---------------------------------------------------------------------------
// Look-ups for declarations

/** A juror row with its edition's organizer (for the permission resource). */
export async function findJurorWithEdition(db: DB, jurorId: string) {
  return db
    .selectFrom("jurors")
    .innerJoin("competitions", "competitions.id", "jurors.competition_id")
    .select([
      "jurors.id",
      "jurors.competition_id",
      "jurors.user_id",
      "jurors.email",
      "jurors.name",
      "jurors.role",
      "jurors.status",
      "competitions.organizer_id",
      "competitions.number_prefix",
    ])
    .where("jurors.id", "=", jurorId)
    .executeTakeFirst();
}

/** The actor's own juror rows of an edition (any role), scoped by user. */
export async function listOwnJurorRows(db: DB, competitionId: string, userId: string) {
  return db
    .selectFrom("jurors")
    .select(["id", "role", "status", "user_id"])
    .where("competition_id", "=", competitionId)
    .where("user_id", "=", userId)
    .orderBy("role")
    .execute();
}

/** A juror of the edition, by id, scoped to the edition. */
export async function findJurorInEdition(db: DB, competitionId: string, jurorId: string) {
  return db
    .selectFrom("jurors")
    .select(["id", "email", "name", "role", "status", "user_id"])
    .where("competition_id", "=", competitionId)
    .where("id", "=", jurorId)
    .executeTakeFirst();
}

/** A proposal of the edition a conflict can be declared against, by number (case-insensitive). */
export async function findDeclarableProposal(db: DB, competitionId: string, number: string, agencyId?: string) {
  let q = db
    .selectFrom("proposals")
    .innerJoin("agencies", "agencies.id", "proposals.agency_id")
    .select(["proposals.id", "proposals.number", "proposals.agency_id", "agencies.name as agency_name"])
    .where("proposals.competition_id", "=", competitionId)
    .where(sql<string>`lower(${sql.ref("proposals.number")})`, "=", number.toLowerCase())
    .where("proposals.status", "in", [...DECLARABLE_STATUSES]);
  if (agencyId) q = q.where("proposals.agency_id", "=", agencyId);
  return q.executeTakeFirst();
}

/** One of an agency's own proposals (any edition) a conflict can be declared against, by number. */
export async function findAgencyProposalByNumber(db: DB, agencyId: string, number: string) {
  return db
    .selectFrom("proposals as p")
    .innerJoin("competitions as c", "c.id", "p.competition_id")
    .select(["p.id", "p.number", "p.competition_id", "c.organizer_id"])
    .where("p.agency_id", "=", agencyId)
    .where(sql<string>`lower(${sql.ref("p.number")})`, "=", number.toLowerCase())
    .where("p.status", "in", [...DECLARABLE_STATUSES])
    .executeTakeFirst();
}

/** Ids of an agency's proposals in an edition a conflict can be declared against. */
export async function listDeclarableProposalIdsOfAgency(db: DB, competitionId: string, agencyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("proposals")
    .select("id")
    .where("competition_id", "=", competitionId)
    .where("agency_id", "=", agencyId)
    .where("status", "in", [...DECLARABLE_STATUSES])
    .orderBy("number")
    .execute();
  return rows.map((r) => r.id);
}

/** Which of (juror, proposal, source) are already stored. */
export async function existingConflictProposalIds(db: DB, jurorId: string, proposalIds: readonly string[], source: ConflictSource): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(proposalIds, ID_CHUNK)) {
    const rows = await db
      .selectFrom("conflicts")
      .select("proposal_id")
      .where("juror_id", "=", jurorId)
      .where("source", "=", source)
      .where("proposal_id", "in", part)
      .execute();
    for (const r of rows) out.add(r.proposal_id);
  }
  return out;
}

/** One conflict of an edition, scoped to it. */
export async function findConflictInEdition(db: DB, competitionId: string, conflictId: string) {
  return db
    .selectFrom("conflicts as c")
    .innerJoin("jurors as j", "j.id", "c.juror_id")
    .innerJoin("proposals as p", "p.id", "c.proposal_id")
    .select(["c.id", "c.source", "c.status", "c.reason", "c.juror_id", "c.proposal_id", "j.email as juror_email", "p.number as proposal_number", "p.agency_id"])
    .where("c.competition_id", "=", competitionId)
    .where("c.id", "=", conflictId)
    .executeTakeFirst();
}

export async function markDismissed(db: DB, conflictId: string, by: string, reason: string, at: string): Promise<number> {
  const r = await db
    .updateTable("conflicts")
    .set({ status: "dismissed", dismissed_by: by, dismissed_reason: reason, dismissed_at: at })
    .where("id", "=", conflictId)
    .where("status", "=", "active")
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---------------------------------------------------------------------------
// The organizer's review

export interface ConflictFilters {
  source: ConflictSource | null;
  status: ConflictStatus | null;
  jurorId: string | null;
  page: number;
}

export const CONFLICT_PAGE_SIZE = 100;

/** One page of an edition's conflicts and the number matching: two queries whatever the page size. */
export async function listConflictPage(db: DB, competitionId: string, f: ConflictFilters) {
  const filtered = () => {
    let q = db.selectFrom("conflicts as c").where("c.competition_id", "=", competitionId);
    if (f.source) q = q.where("c.source", "=", f.source);
    if (f.status) q = q.where("c.status", "=", f.status);
    if (f.jurorId) q = q.where("c.juror_id", "=", f.jurorId);
    return q;
  };
  const [countRow, rows] = await Promise.all([
    filtered()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    filtered()
      .innerJoin("jurors as j", "j.id", "c.juror_id")
      .innerJoin("proposals as p", "p.id", "c.proposal_id")
      .innerJoin("agencies as a", "a.id", "p.agency_id")
      .leftJoin("agencies as ja", "ja.id", "j.affiliation_agency_id")
      .leftJoin("users as d", "d.id", "c.declared_by")
      .leftJoin("users as x", "x.id", "c.dismissed_by")
      .select([
        "c.id",
        "c.source",
        "c.status",
        "c.reason",
        "c.created_at",
        "c.dismissed_reason",
        "c.dismissed_at",
        "j.id as juror_id",
        "j.name as juror_name",
        "j.email as juror_email",
        "j.role as juror_role",
        "j.affiliation_other",
        "ja.name as juror_agency_name",
        "p.number as proposal_number",
        "a.name as agency_name",
        "a.code as agency_code",
        "d.name as declared_by_name",
        "x.name as dismissed_by_name",
      ])
      .orderBy("p.number")
      .orderBy("j.name")
      .orderBy("j.role")
      .orderBy("c.source")
      .limit(CONFLICT_PAGE_SIZE)
      .offset((f.page - 1) * CONFLICT_PAGE_SIZE)
      .execute(),
  ]);
  const total = Number(countRow.n);
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / CONFLICT_PAGE_SIZE)) };
}

/** Conflicts of an edition counted by source and status. */
export async function conflictTotals(db: DB, competitionId: string) {
  const rows = await db
    .selectFrom("conflicts")
    .select(["source", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("competition_id", "=", competitionId)
    .groupBy(["source", "status"])
    .execute();
  return rows.map((r) => ({ source: r.source as ConflictSource, status: r.status as ConflictStatus, n: Number(r.n) }));
}

/** The edition's jurors (all statuses) for the filter and the organizer's form, with their affiliation. */
export async function listEditionJurors(db: DB, competitionId: string) {
  return db
    .selectFrom("jurors as j")
    .leftJoin("agencies as a", "a.id", "j.affiliation_agency_id")
    .select(["j.id", "j.name", "j.email", "j.role", "j.status", "j.affiliation_other", "a.name as agency_name"])
    .where("j.competition_id", "=", competitionId)
    .orderBy("j.name")
    .orderBy("j.role")
    .orderBy("j.id")
    .execute();
}

// ---------------------------------------------------------------------------
// Declarations by jurors (read from the audit log: see docs/conflicts.md)

/**
 * A juror's own declarations as they made them (what they typed and why),
 * newest first. Read from their "conflict.declared" audit rows, which exist
 * whether or not the number matched a proposal, so the list itself tells the
 * juror nothing about which proposals exist.
 */
export async function listJurorDeclarations(db: DB, jurorIds: readonly string[], userId: string) {
  if (jurorIds.length === 0) return [];
  return db
    .selectFrom("audit_log")
    .select(["id", "at", "entity_id", "after_json"])
    .where("action", "=", "conflict.declared")
    .where("entity_type", "=", "juror")
    .where("entity_id", "in", [...jurorIds])
    .where("actor_user_id", "=", userId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(200)
    .execute();
}

/** Jurors' declarations of an edition that matched no proposal (for the organizer to follow up). */
export async function listUnmatchedJurorDeclarations(db: DB, competitionId: string) {
  return db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select(["audit_log.id", "audit_log.at", "audit_log.after_json", "users.name as actor_name"])
    .where("audit_log.competition_id", "=", competitionId)
    .where("audit_log.action", "=", "conflict.declared")
    .where("audit_log.entity_type", "=", "juror")
    .where(sql<string>`${sql.ref("audit_log.after_json")}`, "like", '%"matched":0%')
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(50)
    .execute();
}

// ---------------------------------------------------------------------------
// Declarations by agencies

/** An agency's proposals that can take a declaration, with their edition. */
export async function listAgencyDeclarableProposals(db: DB, agencyId: string) {
  return db
    .selectFrom("proposals as p")
    .innerJoin("competitions as c", "c.id", "p.competition_id")
    .select(["p.id", "p.number", "p.title", "p.competition_id", "c.name as competition_name", "c.organizer_id"])
    .where("p.agency_id", "=", agencyId)
    .where("p.status", "in", [...DECLARABLE_STATUSES])
    .orderBy("c.year", "desc")
    .orderBy("c.name")
    .orderBy("p.number")
    .execute();
}

/**
 * The named jurors of an edition an agency may declare against: invited or
 * active, with their affiliation. Never their email.
 */
export async function listNamedJurors(db: DB, competitionId: string) {
  return db
    .selectFrom("jurors as j")
    .leftJoin("agencies as a", "a.id", "j.affiliation_agency_id")
    .select(["j.id", "j.name", "j.role", "j.affiliation_other", "a.name as agency_name"])
    .where("j.competition_id", "=", competitionId)
    .where("j.status", "in", ["invited", "active"])
    .orderBy("j.name")
    .orderBy("j.role")
    .orderBy("j.id")
    .execute();
}

/** Conflicts an agency declared on its own proposals, newest first. */
export async function listAgencyDeclarations(db: DB, agencyId: string) {
  return db
    .selectFrom("conflicts as c")
    .innerJoin("proposals as p", "p.id", "c.proposal_id")
    .innerJoin("competitions as e", "e.id", "c.competition_id")
    .innerJoin("jurors as j", "j.id", "c.juror_id")
    .leftJoin("users as d", "d.id", "c.declared_by")
    .select([
      "c.id",
      "c.reason",
      "c.created_at",
      "p.number as proposal_number",
      "e.name as competition_name",
      "j.name as juror_name",
      "j.role as juror_role",
      "d.name as declared_by_name",
    ])
    .where("p.agency_id", "=", agencyId)
    .where("c.source", "=", "agency")
    .orderBy("c.created_at", "desc")
    .orderBy("c.id", "desc")
    .limit(500)
    .execute();
}
