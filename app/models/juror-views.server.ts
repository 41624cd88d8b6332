/**
 * Queries behind the juror's own view, the organizer's matrix and progress
 * pages, and the assignment CSV files. Every juror-facing query is scoped by
 * the juror's own pool rows (jurors.user_id = the signed-in user), so a
 * forgotten permission check still shows a juror nothing of the edition's
 * other proposals. Organizer-facing queries are scoped by the round, which
 * the caller found inside its competition.
 */
import type { ConflictSource, JurorRole } from "../../db/schema";
import type { DB } from "~/db.server";
import type { ProposalFile, FileOwner } from "./files.server";
import type { ProposalRecord } from "./proposals.server";

// ---------------------------------------------------------------------------
// Proposal access for jurors

/**
 * A proposal by its number, only when the user holds an assignment to it as
 * an active juror (any round). Same shape as findProposalInScope, so the
 * proposal services treat it alike; whether the user may really read it
 * (not conflicted) is still asked of `can` with `assignedUserIds`.
 */
export async function findProposalForJuror(db: DB, number: string, userId: string): Promise<ProposalRecord | undefined> {
  return db
    .selectFrom("proposals")
    .innerJoin("competitions", "competitions.id", "proposals.competition_id")
    .innerJoin("agencies", "agencies.id", "proposals.agency_id")
    .innerJoin("competition_groups as g", "g.id", "proposals.group_id")
    .selectAll("proposals")
    .select([
      "competitions.organizer_id",
      "competitions.name as competition_name",
      "competitions.slug as competition_slug",
      "competitions.year as competition_year",
      "agencies.name as agency_name",
      "agencies.code as agency_code",
      "agencies.cluster as agency_cluster",
      "agencies.province_code as agency_province_code",
      "g.key as group_key",
      "g.name_id as group_name_id",
      "g.name_en as group_name_en",
    ])
    .where("proposals.number", "=", number)
    .where("proposals.status", "!=", "draft")
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("assignments as a")
          .innerJoin("jurors as j", "j.id", "a.juror_id")
          .innerJoin("rounds as r", "r.id", "a.round_id")
          .select("a.id")
          .whereRef("a.proposal_id", "=", "proposals.id")
          .where("j.user_id", "=", userId)
          .where("j.status", "=", "active")
          // Blind rounds: the juror reads the proposal on the score page, which hides identity.
          .where("r.blind", "=", 0),
      ),
    )
    .executeTakeFirst();
}

/** A file of a proposal the user is assigned to as an active juror, with its owner (to ask `can`). */
export async function findFileForJuror(
  db: DB,
  fileId: string,
  userId: string,
): Promise<{ file: ProposalFile; owner: FileOwner } | null> {
  const r = await db
    .selectFrom("proposal_files as f")
    .innerJoin("proposals as p", "p.id", "f.proposal_id")
    .innerJoin("competitions as c", "c.id", "p.competition_id")
    .selectAll("f")
    .select(["p.number", "p.status", "p.agency_id", "p.competition_id", "c.organizer_id"])
    .select(({ exists, selectFrom }) =>
      exists(
        selectFrom("assignments as a2")
          .innerJoin("jurors as j2", "j2.id", "a2.juror_id")
          .innerJoin("rounds as r2", "r2.id", "a2.round_id")
          .select("a2.id")
          .whereRef("a2.proposal_id", "=", "p.id")
          .where("j2.user_id", "=", userId)
          .where("j2.status", "=", "active")
          .where("r2.blind", "=", 0),
      ).as("sighted"),
    )
    .where("f.id", "=", fileId)
    .where("p.status", "!=", "draft")
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("assignments as a")
          .innerJoin("jurors as j", "j.id", "a.juror_id")
          .select("a.id")
          .whereRef("a.proposal_id", "=", "p.id")
          .where("j.user_id", "=", userId)
          .where("j.status", "=", "active"),
      ),
    )
    .executeTakeFirst();
  if (!r) return null;
  return {
    file: {
      id: r.id,
      proposalId: r.proposal_id,
      slotKey: r.slot_key,
      storage: r.storage,
      storageKey: r.storage_key,
      // Only blind rounds: the original name may carry the agency's name.
      originalName: Number(r.sighted) ? r.original_name : `${r.slot_key}-${r.id.slice(0, 6)}${extensionOf(r.original_name)}`,
      mimeType: r.mime_type,
      sizeBytes: Number(r.size_bytes),
      sha256: r.sha256,
      uploadedBy: r.uploaded_by,
      createdAt: r.created_at,
    },
    owner: {
      proposalId: r.proposal_id,
      number: r.number,
      status: r.status,
      agencyId: r.agency_id,
      competitionId: r.competition_id,
      organizerId: r.organizer_id,
    },
  };
}

/**
 * Stamp opened_at on the user's own not-yet-opened assignments to a proposal
 * (every round). Returns what was stamped (empty when already opened).
 */
export async function markAssignmentsOpened(
  db: DB,
  userId: string,
  proposalId: string,
  at: string,
): Promise<{ id: string; round_id: string; juror_id: string }[]> {
  const own = db.selectFrom("jurors").select("jurors.id").where("jurors.user_id", "=", userId).where("jurors.status", "=", "active");
  const rows = await db
    .selectFrom("assignments")
    .select(["id", "round_id", "juror_id"])
    .where("proposal_id", "=", proposalId)
    .where("opened_at", "is", null)
    .where("juror_id", "in", own)
    .execute();
  if (rows.length === 0) return [];
  await db
    .updateTable("assignments")
    .set({ opened_at: at })
    .where(
      "id",
      "in",
      rows.map((r) => r.id),
    )
    .where("opened_at", "is", null)
    .execute();
  return rows;
}

// ---------------------------------------------------------------------------
// The juror's own view

/** The user's own pool rows in an edition (any status). */
export async function listOwnJurorRows(db: DB, competitionId: string, userId: string) {
  return db
    .selectFrom("jurors")
    .select(["id", "role", "status", "name", "email", "user_id"])
    .where("competition_id", "=", competitionId)
    .where("user_id", "=", userId)
    .orderBy("role")
    .execute();
}

/**
 * Rounds of an edition drawing from the given pools, and rounds where one of
 * the given juror rows holds an assignment (a field-verification team takes
 * members from both pools), in order.
 */
export async function listRoundsOfPools(db: DB, competitionId: string, roles: JurorRole[], jurorIds: string[] = []) {
  if (roles.length === 0 && jurorIds.length === 0) return [];
  return db
    .selectFrom("rounds")
    .select(["id", "position", "name", "kind", "pool_role", "k", "starts_at", "ends_at", "status", "blind"])
    .where("competition_id", "=", competitionId)
    .where((eb) =>
      eb.or([
        ...(roles.length > 0 ? [eb("pool_role", "in", roles)] : []),
        ...(jurorIds.length > 0
          ? [
              eb.exists(
                eb
                  .selectFrom("assignments as a")
                  .select("a.id")
                  .whereRef("a.round_id", "=", "rounds.id")
                  .where("a.juror_id", "in", jurorIds),
              ),
            ]
          : []),
      ]),
    )
    .orderBy("position")
    .execute();
}

/**
 * The assignments of the given juror rows (the caller passes only the actor's
 * own), with their proposal, category and whether an active conflict now
 * stands between the juror and the proposal. Withdrawn proposals left out.
 */
export async function listAssignmentsOfJurors(db: DB, jurorIds: string[]) {
  if (jurorIds.length === 0) return [];
  return db
    .selectFrom("assignments as a")
    .innerJoin("proposals as p", "p.id", "a.proposal_id")
    .leftJoin("competition_categories as cat", "cat.id", "p.category_id")
    .select((eb) => [
      "a.id",
      "a.round_id",
      "a.juror_id",
      "a.expertise_match",
      "a.opened_at",
      "a.completed_at",
      "p.number",
      "p.title",
      "cat.key as category_key",
      "cat.name_id as category_name_id",
      "cat.name_en as category_name_en",
      eb
        .exists(
          eb
            .selectFrom("conflicts as c")
            .select("c.id")
            .whereRef("c.juror_id", "=", "a.juror_id")
            .whereRef("c.proposal_id", "=", "a.proposal_id")
            .where("c.status", "=", "active"),
        )
        .as("conflicted"),
    ])
    .where("a.juror_id", "in", jurorIds)
    .where("p.status", "!=", "withdrawn")
    .orderBy("p.number")
    .execute();
}

// ---------------------------------------------------------------------------
// Rounds, pools and eligible proposals (organizer side)

export interface RoundRow {
  id: string;
  competition_id: string;
  position: number;
  name: string;
  kind: string;
  pool_role: JurorRole;
  k: number;
  status: string;
  starts_at: string | null;
  ends_at: string | null;
}

/** A round, only inside its competition. */
export async function findRoundInCompetition(db: DB, competitionId: string, roundId: string): Promise<RoundRow | undefined> {
  const r = await db
    .selectFrom("rounds")
    .select(["id", "competition_id", "position", "name", "kind", "pool_role", "k", "status", "starts_at", "ends_at"])
    .where("competition_id", "=", competitionId)
    .where("id", "=", roundId)
    .executeTakeFirst();
  return r ? { ...r, position: Number(r.position), k: Number(r.k) } : undefined;
}

export async function listRoundsOfCompetition(db: DB, competitionId: string) {
  const rows = await db
    .selectFrom("rounds")
    .select(["id", "position", "name", "pool_role", "k"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .execute();
  return rows.map((r) => ({ ...r, position: Number(r.position), k: Number(r.k) }));
}

/**
 * Ids of a round's eligible proposals, as a subquery: round 1 takes the
 * edition's submitted proposals that passed screening (lolos); later rounds
 * their round_entrants. Withdrawn proposals never.
 */
export function eligibleProposalIds(db: DB, round: Pick<RoundRow, "id" | "competition_id" | "position">) {
  if (round.position === 1) {
    return db
      .selectFrom("proposals as ep")
      .innerJoin("proposal_screenings as es", "es.proposal_id", "ep.id")
      .select("ep.id")
      .where("ep.competition_id", "=", round.competition_id)
      .where("ep.status", "=", "submitted")
      .where("es.result", "=", "lolos");
  }
  return db
    .selectFrom("proposals as ep")
    .innerJoin("round_entrants as re", "re.proposal_id", "ep.id")
    .select("ep.id")
    .where("re.round_id", "=", round.id)
    .where("ep.competition_id", "=", round.competition_id)
    .where("ep.status", "!=", "withdrawn");
}

/**
 * The round's pool: jurors of the edition in the round's role that are
 * active, plus any other juror who still holds an assignment in the round
 * (withdrawn meanwhile), ordered by name. With their user's language and
 * e-mail (for reminders).
 */
export async function listPoolOfRound(db: DB, round: Pick<RoundRow, "id" | "competition_id" | "pool_role">) {
  return db
    .selectFrom("jurors as j")
    .leftJoin("users as u", "u.id", "j.user_id")
    .leftJoin("agencies as ag", "ag.id", "j.affiliation_agency_id")
    .select([
      "j.id",
      "j.name",
      "j.email",
      "j.status",
      "j.user_id",
      "j.min_load",
      "j.max_load",
      "j.affiliation_other",
      "ag.code as affiliation_code",
      "ag.name as affiliation_name",
      "u.locale as user_locale",
      "u.email as user_email",
    ])
    .where("j.competition_id", "=", round.competition_id)
    .where("j.role", "=", round.pool_role)
    .where((eb) =>
      eb.or([
        eb("j.status", "=", "active"),
        eb.exists(eb.selectFrom("assignments as a").select("a.id").whereRef("a.juror_id", "=", "j.id").where("a.round_id", "=", round.id)),
      ]),
    )
    .orderBy("j.name")
    .orderBy("j.email")
    .execute();
}

export type PoolJuror = Awaited<ReturnType<typeof listPoolOfRound>>[number];

// ---------------------------------------------------------------------------
// The matrix

export interface MatrixFilter {
  agencyId?: string | null;
  /** A category id, or "none" for proposals without a category. */
  categoryId?: string | null;
  /** Only proposals with fewer than this many jurors in the round. */
  fewerThan?: number | null;
}

function filteredProposals(db: DB, round: RoundRow, f: MatrixFilter) {
  let q = db.selectFrom("proposals as p").where("p.id", "in", eligibleProposalIds(db, round));
  if (f.agencyId) q = q.where("p.agency_id", "=", f.agencyId);
  if (f.categoryId === "none") q = q.where("p.category_id", "is", null);
  else if (f.categoryId) q = q.where("p.category_id", "=", f.categoryId);
  if (f.fewerThan != null) {
    const below = f.fewerThan;
    q = q.where((eb) =>
      eb(
        eb
          .selectFrom("assignments as a2")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("a2.proposal_id", "=", "p.id")
          .where("a2.round_id", "=", round.id),
        "<",
        below,
      ),
    );
  }
  return q;
}

export async function countMatrixProposals(db: DB, round: RoundRow, f: MatrixFilter): Promise<number> {
  const r = await filteredProposals(db, round, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** One page of the round's eligible proposals (by number), with agency, category and how many jurors they have. */
export async function pageMatrixProposals(db: DB, round: RoundRow, f: MatrixFilter, limit: number, offset: number) {
  const rows = await filteredProposals(db, round, f)
    .innerJoin("agencies as ag", "ag.id", "p.agency_id")
    .leftJoin("competition_categories as cat", "cat.id", "p.category_id")
    .select((eb) => [
      "p.id",
      "p.number",
      "p.title",
      "ag.name as agency_name",
      "ag.code as agency_code",
      "cat.key as category_key",
      "cat.name_id as category_name_id",
      "cat.name_en as category_name_en",
      eb
        .selectFrom("assignments as a3")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("a3.proposal_id", "=", "p.id")
        .where("a3.round_id", "=", round.id)
        .as("assigned"),
    ])
    .orderBy("p.number")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ ...r, assigned: Number(r.assigned ?? 0) }));
}

/** The round's assignments on the given proposals. */
export async function listRoundAssignmentsOn(db: DB, roundId: string, proposalIds: string[]) {
  if (proposalIds.length === 0) return [];
  return db
    .selectFrom("assignments")
    .select(["proposal_id", "juror_id", "expertise_match", "source"])
    .where("round_id", "=", roundId)
    .where("proposal_id", "in", proposalIds)
    .execute();
}

/** Active conflicts between the given jurors and proposals, every source. */
export async function listActiveConflictsOn(db: DB, jurorIds: string[], proposalIds: string[]) {
  if (jurorIds.length === 0 || proposalIds.length === 0) return [];
  return db
    .selectFrom("conflicts")
    .select(["juror_id", "proposal_id", "source"])
    .where("status", "=", "active")
    .where("juror_id", "in", jurorIds)
    .where("proposal_id", "in", proposalIds)
    .orderBy("source")
    .execute();
}

/** Per juror of the round: assignments, how many opened/completed, the last time they did either. */
export async function roundLoads(db: DB, roundId: string) {
  const rows = await db
    .selectFrom("assignments")
    .select((eb) => [
      "juror_id",
      eb.fn.countAll<number>().as("assigned"),
      eb.fn.count<number>("opened_at").as("opened"),
      eb.fn.count<number>("completed_at").as("completed"),
      eb.fn.sum<number>("expertise_match").as("expert"),
      eb.fn.max("opened_at").as("last_opened"),
      eb.fn.max("completed_at").as("last_completed"),
    ])
    .where("round_id", "=", roundId)
    .groupBy("juror_id")
    .execute();
  return rows.map((r) => ({
    jurorId: r.juror_id,
    assigned: Number(r.assigned),
    opened: Number(r.opened),
    completed: Number(r.completed),
    expert: Number(r.expert ?? 0),
    lastOpened: (r.last_opened as string | null) ?? null,
    lastCompleted: (r.last_completed as string | null) ?? null,
  }));
}

/** Agencies with at least one eligible proposal in the round (the matrix filter), by name. */
export async function listAgenciesOfRound(db: DB, round: RoundRow) {
  return db
    .selectFrom("agencies as ag")
    .select(["ag.id", "ag.name", "ag.code"])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("proposals as p")
          .select("p.id")
          .whereRef("p.agency_id", "=", "ag.id")
          .where("p.id", "in", eligibleProposalIds(db, round)),
      ),
    )
    .orderBy("ag.name")
    .execute();
}

export async function listCategories(db: DB, competitionId: string) {
  return db
    .selectFrom("competition_categories")
    .select(["id", "key", "name_id", "name_en"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .orderBy("key")
    .execute();
}

// ---------------------------------------------------------------------------
// Progress

/** Active conflicts each juror declared themself (source "juror"). */
export async function countDeclaredConflicts(db: DB, jurorIds: string[]) {
  if (jurorIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom("conflicts")
    .select((eb) => ["juror_id", eb.fn.countAll<number>().as("n")])
    .where("juror_id", "in", jurorIds)
    .where("source", "=", "juror")
    .where("status", "=", "active")
    .groupBy("juror_id")
    .execute();
  return new Map(rows.map((r) => [r.juror_id, Number(r.n)]));
}

/**
 * Per juror of the round, the work still to do: assignments not completed,
 * on proposals not withdrawn and not under an active conflict.
 */
export async function openWorkOfRound(db: DB, roundId: string) {
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("proposals as p", "p.id", "a.proposal_id")
    .select((eb) => [
      "a.juror_id",
      eb.fn.countAll<number>().as("total"),
      eb.fn.count<number>("a.opened_at").as("opened"),
      eb.fn.count<number>("a.completed_at").as("completed"),
    ])
    .where("a.round_id", "=", roundId)
    .where("p.status", "!=", "withdrawn")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("conflicts as c")
            .select("c.id")
            .whereRef("c.juror_id", "=", "a.juror_id")
            .whereRef("c.proposal_id", "=", "a.proposal_id")
            .where("c.status", "=", "active"),
        ),
      ),
    )
    .groupBy("a.juror_id")
    .execute();
  return new Map(
    rows.map((r) => [r.juror_id, { total: Number(r.total), opened: Number(r.opened), completed: Number(r.completed) }]),
  );
}

export const REMINDED_ACTION = "assignment.reminded";

/**
 * When each juror of an edition was last reminded since `since`: read from
 * the audit log (the reminder's own record; after_json.jurorIds).
 */
export async function lastRemindedSince(db: DB, competitionId: string, since: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("audit_log")
    .select(["at", "after_json"])
    .where("competition_id", "=", competitionId)
    .where("action", "=", REMINDED_ACTION)
    .where("at", ">=", since)
    .orderBy("at")
    .execute();
  const last = new Map<string, string>();
  for (const r of rows) {
    let ids: unknown;
    try {
      ids = (JSON.parse(r.after_json ?? "{}") as { jurorIds?: unknown }).jurorIds;
    } catch {
      ids = undefined;
    }
    if (!Array.isArray(ids)) continue;
    for (const id of ids) if (typeof id === "string") last.set(id, r.at);
  }
  return last;
}

// ---------------------------------------------------------------------------
// CSV: the instance and the assignments

/** The round's assignments for the CSV export, ordered by proposal number then juror e-mail. */
export async function listRoundAssignmentsForExport(db: DB, roundId: string) {
  return db
    .selectFrom("assignments as a")
    .innerJoin("proposals as p", "p.id", "a.proposal_id")
    .innerJoin("jurors as j", "j.id", "a.juror_id")
    .select(["a.id", "a.proposal_id", "a.juror_id", "a.source", "a.expertise_match", "p.number", "j.email"])
    .where("a.round_id", "=", roundId)
    .orderBy("p.number")
    .orderBy("j.email")
    .execute();
}

/** Expertise (category keys in the edition's order) of the given jurors. */
export async function listExpertise(db: DB, jurorIds: string[]) {
  if (jurorIds.length === 0) return [];
  return db
    .selectFrom("juror_expertise as e")
    .innerJoin("competition_categories as cat", "cat.id", "e.category_id")
    .select(["e.juror_id", "e.category_id", "cat.key"])
    .where("e.juror_id", "in", jurorIds)
    .orderBy("cat.position")
    .orderBy("cat.key")
    .execute();
}

/** The round's eligible proposals with agency code and category (key and id), by number. */
export async function listEligibleProposals(db: DB, round: RoundRow) {
  return db
    .selectFrom("proposals as p")
    .innerJoin("agencies as ag", "ag.id", "p.agency_id")
    .leftJoin("competition_categories as cat", "cat.id", "p.category_id")
    .select(["p.id", "p.number", "p.category_id", "ag.code as agency_code", "cat.key as category_key"])
    .where("p.id", "in", eligibleProposalIds(db, round))
    .orderBy("p.number")
    .execute();
}

/** Active conflicts between the round's pool and its eligible proposals, for the instance export. */
export async function listActiveConflictsOfRound(db: DB, round: RoundRow, jurorIds: string[]) {
  if (jurorIds.length === 0) return [];
  return db
    .selectFrom("conflicts as c")
    .innerJoin("proposals as p", "p.id", "c.proposal_id")
    .innerJoin("jurors as j", "j.id", "c.juror_id")
    .select(["c.juror_id", "c.proposal_id", "c.source", "p.number", "j.email"])
    .where("c.status", "=", "active")
    .where("c.juror_id", "in", jurorIds)
    .where("c.proposal_id", "in", eligibleProposalIds(db, round))
    .orderBy("j.email")
    .orderBy("p.number")
    .orderBy("c.source")
    .execute();
}

/** Proposals of the edition by number (any status), for checking an import. */
export async function listProposalsOfEdition(db: DB, competitionId: string) {
  return db
    .selectFrom("proposals")
    .select(["id", "number", "category_id", "status"])
    .where("competition_id", "=", competitionId)
    .execute();
}

/** Every juror row of the edition (any role and status), for checking an import. */
export async function listJurorsOfEdition(db: DB, competitionId: string) {
  return db
    .selectFrom("jurors")
    .select(["id", "email", "role", "status", "max_load"])
    .where("competition_id", "=", competitionId)
    .execute();
}

/** Active conflicts of an edition as "jurorId|proposalId" → sources. */
export async function activeConflictPairs(db: DB, competitionId: string): Promise<Map<string, ConflictSource[]>> {
  const rows = await db
    .selectFrom("conflicts")
    .select(["juror_id", "proposal_id", "source"])
    .where("competition_id", "=", competitionId)
    .where("status", "=", "active")
    .execute();
  const m = new Map<string, ConflictSource[]>();
  for (const r of rows) {
    const key = `${r.juror_id}|${r.proposal_id}`;
    m.set(key, [...(m.get(key) ?? []), r.source]);
  }
  return m;
}

/** The round's assignments as rows (for import checks and the replace diff). */
export async function listRoundAssignments(db: DB, roundId: string) {
  return db
    .selectFrom("assignments")
    .select(["id", "juror_id", "proposal_id", "source"])
    .where("round_id", "=", roundId)
    .execute();
}

/** Each juror's expertise (category ids), for every juror of an edition. */
export async function jurorExpertiseSets(db: DB, competitionId: string): Promise<Map<string, Set<string>>> {
  const rows = await db
    .selectFrom("juror_expertise as e")
    .innerJoin("jurors as j", "j.id", "e.juror_id")
    .select(["e.juror_id", "e.category_id"])
    .where("j.competition_id", "=", competitionId)
    .execute();
  const m = new Map<string, Set<string>>();
  for (const r of rows) {
    const s = m.get(r.juror_id) ?? new Set<string>();
    s.add(r.category_id);
    m.set(r.juror_id, s);
  }
  return m;
}

/** Case-insensitive e-mail comparison key. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

function extensionOf(name: string): string {
  const m = /\.[A-Za-z0-9]{1,5}$/.exec(name);
  return m ? m[0].toLowerCase() : "";
}
