/**
 * Assignments of a round and what the assignment needs to build its instance:
 * the round's eligible proposals, its pool, unavailable periods, active
 * conflicts, current assignments and the kept solver runs (previews). Every
 * query names the round or its competition, so an id of another edition
 * finds nothing.
 */
import type { DB } from "~/db.server";
import type { JurorRole } from "../../db/schema";

/** Rows per multi-row INSERT / DELETE … IN, well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

export interface EligibleProposal {
  id: string;
  number: string;
  title: string;
  category_id: string | null;
  agency_id: string;
  agency_name: string;
  agency_code: string;
  province_code: string | null;
}

/**
 * Eligible proposals of a round: the first round takes every submitted
 * proposal of the edition whose screening result is "lolos" (the published
 * announcement is not needed to start assigning); later rounds take their
 * entrants. Withdrawn proposals never. Ordered by number.
 */
export async function listEligibleProposals(
  db: DB,
  round: { id: string; competition_id: string; position: number },
): Promise<EligibleProposal[]> {
  const base = db
    .selectFrom("proposals as p")
    .innerJoin("agencies as ag", "ag.id", "p.agency_id")
    .select([
      "p.id",
      "p.number",
      "p.title",
      "p.category_id",
      "p.agency_id",
      "ag.name as agency_name",
      "ag.code as agency_code",
      "ag.province_code",
    ])
    .where("p.competition_id", "=", round.competition_id);
  const rows =
    Number(round.position) <= 1
      ? await base
          .innerJoin("proposal_screenings as s", "s.proposal_id", "p.id")
          .where("p.status", "=", "submitted")
          .where("s.result", "=", "lolos")
          .orderBy("p.number")
          .execute()
      : await base
          .innerJoin("round_entrants as e", "e.proposal_id", "p.id")
          .where("e.round_id", "=", round.id)
          .where("p.status", "!=", "withdrawn")
          .where("p.status", "!=", "draft")
          .orderBy("p.number")
          .execute();
  return rows;
}

export interface PoolJuror {
  id: string;
  name: string;
  email: string;
  status: string;
  user_id: string | null;
  affiliation_agency_id: string | null;
  affiliation_other: string;
  affiliation_name: string | null;
  affiliation_province: string | null;
  min_load: number;
  max_load: number;
}

/** Every juror of the edition's pool of that role, whatever their status (the caller filters). */
export async function listPoolJurors(db: DB, competitionId: string, role: JurorRole): Promise<PoolJuror[]> {
  const rows = await db
    .selectFrom("jurors as j")
    .leftJoin("agencies as ag", "ag.id", "j.affiliation_agency_id")
    .select([
      "j.id",
      "j.name",
      "j.email",
      "j.status",
      "j.user_id",
      "j.affiliation_agency_id",
      "j.affiliation_other",
      "ag.name as affiliation_name",
      "ag.province_code as affiliation_province",
      "j.min_load",
      "j.max_load",
    ])
    .where("j.competition_id", "=", competitionId)
    .where("j.role", "=", role)
    .orderBy("j.name")
    .orderBy("j.id")
    .execute();
  return rows.map((r) => ({ ...r, min_load: Number(r.min_load), max_load: Number(r.max_load) }));
}

/** Juror id → category ids of their expertise, for the jurors of one pool. */
export async function expertiseOfPool(db: DB, competitionId: string, role: JurorRole): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("juror_expertise as x")
    .innerJoin("jurors as j", "j.id", "x.juror_id")
    .select(["x.juror_id", "x.category_id"])
    .where("j.competition_id", "=", competitionId)
    .where("j.role", "=", role)
    .orderBy("x.juror_id")
    .orderBy("x.category_id")
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.juror_id) ?? [];
    list.push(r.category_id);
    out.set(r.juror_id, list);
  }
  return out;
}

/** Jurors of the pool with an unavailable period overlapping [startsAt, endsAt), with the period. */
export async function unavailableInPeriod(
  db: DB,
  competitionId: string,
  role: JurorRole,
  startsAt: string,
  endsAt: string,
): Promise<Map<string, { starts_at: string; ends_at: string; note: string }>> {
  const rows = await db
    .selectFrom("juror_unavailability as u")
    .innerJoin("jurors as j", "j.id", "u.juror_id")
    .select(["u.juror_id", "u.starts_at", "u.ends_at", "u.note"])
    .where("j.competition_id", "=", competitionId)
    .where("j.role", "=", role)
    .where("u.starts_at", "<", endsAt)
    .where("u.ends_at", ">", startsAt)
    .orderBy("u.starts_at")
    .execute();
  const out = new Map<string, { starts_at: string; ends_at: string; note: string }>();
  for (const r of rows) if (!out.has(r.juror_id)) out.set(r.juror_id, { starts_at: r.starts_at, ends_at: r.ends_at, note: r.note });
  return out;
}

/** Active conflicts of the edition's pool of that role: distinct (juror, proposal) pairs. */
export async function activeConflictPairs(db: DB, competitionId: string, role: JurorRole): Promise<{ juror_id: string; proposal_id: string }[]> {
  return db
    .selectFrom("conflicts as c")
    .innerJoin("jurors as j", "j.id", "c.juror_id")
    .select(["c.juror_id", "c.proposal_id"])
    .distinct()
    .where("c.competition_id", "=", competitionId)
    .where("j.role", "=", role)
    .where("c.status", "=", "active")
    .orderBy("c.juror_id")
    .orderBy("c.proposal_id")
    .execute();
}

/** Active conflicts on one pair, with source and reason (for manual changes). */
export async function activeConflictsOnPair(db: DB, competitionId: string, jurorId: string, proposalId: string) {
  return db
    .selectFrom("conflicts")
    .select(["id", "source", "reason"])
    .where("competition_id", "=", competitionId)
    .where("juror_id", "=", jurorId)
    .where("proposal_id", "=", proposalId)
    .where("status", "=", "active")
    .orderBy("source")
    .execute();
}

export interface CurrentAssignment {
  id: string;
  juror_id: string;
  proposal_id: string;
  source: "auto" | "manual";
  expertise_match: number;
  opened_at: string | null;
  completed_at: string | null;
}

export async function listRoundAssignments(db: DB, roundId: string): Promise<CurrentAssignment[]> {
  const rows = await db
    .selectFrom("assignments")
    .select(["id", "juror_id", "proposal_id", "source", "expertise_match", "opened_at", "completed_at"])
    .where("round_id", "=", roundId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, expertise_match: Number(r.expertise_match) }));
}

/** Proposal number and agency of the given proposals (any edition's; the caller passes its own ids). */
export async function proposalLabels(db: DB, competitionId: string, ids: string[]) {
  const out = new Map<string, { number: string; agency_name: string }>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom("proposals as p")
      .innerJoin("agencies as ag", "ag.id", "p.agency_id")
      .select(["p.id", "p.number", "ag.name as agency_name"])
      .where("p.competition_id", "=", competitionId)
      .where("p.id", "in", ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.id, { number: r.number, agency_name: r.agency_name });
  }
  return out;
}

export interface NewAssignment {
  id: string;
  roundId: string;
  jurorId: string;
  proposalId: string;
  source: "auto" | "manual";
  expertiseMatch: boolean;
  runId: string | null;
  createdBy: string | null;
  createdAt: string;
}

export async function insertAssignments(db: DB, rows: NewAssignment[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto("assignments")
      .values(
        rows.slice(i, i + CHUNK).map((a) => ({
          id: a.id,
          round_id: a.roundId,
          juror_id: a.jurorId,
          proposal_id: a.proposalId,
          source: a.source,
          expertise_match: a.expertiseMatch ? 1 : 0,
          run_id: a.runId,
          created_by: a.createdBy,
          created_at: a.createdAt,
          opened_at: null,
          completed_at: null,
        })),
      )
      .execute();
  }
}

/** Deletes assignments of the round by id; returns how many went. */
export async function deleteAssignments(db: DB, roundId: string, ids: string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const r = await db.deleteFrom("assignments").where("round_id", "=", roundId).where("id", "in", ids.slice(i, i + CHUNK)).executeTakeFirst();
    n += Number(r.numDeletedRows);
  }
  return n;
}

// ---------------------------------------------------------------------------
// Runs (kept previews)

export interface NewRun {
  id: string;
  roundId: string;
  kind: "preview" | "repair-preview";
  mode: "keep" | "restart" | "repair";
  seed: number;
  inputHash: string;
  planJson: string;
  createdBy: string | null;
  createdAt: string;
}

export async function insertRun(db: DB, r: NewRun): Promise<void> {
  await db
    .insertInto("assignment_runs")
    .values({
      id: r.id,
      round_id: r.roundId,
      kind: r.kind,
      mode: r.mode,
      seed: r.seed,
      input_hash: r.inputHash,
      plan_json: r.planJson,
      created_by: r.createdBy,
      created_at: r.createdAt,
      committed_at: null,
    })
    .execute();
}

const RUN_COLUMNS = ["id", "round_id", "kind", "mode", "seed", "input_hash", "plan_json", "created_by", "created_at", "committed_at"] as const;

export async function findRun(db: DB, runId: string) {
  return db.selectFrom("assignment_runs").select(RUN_COLUMNS).where("id", "=", runId).executeTakeFirst();
}

/** The newest run of the round (previews are never edited, so the newest is the one to commit). */
export async function latestRun(db: DB, roundId: string) {
  return db
    .selectFrom("assignment_runs")
    .select(RUN_COLUMNS)
    .where("round_id", "=", roundId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Marks a run committed unless it already was; true when this call did it. */
export async function markRunCommitted(db: DB, runId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable("assignment_runs")
    .set({ committed_at: at })
    .where("id", "=", runId)
    .where("committed_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The latest committed run of the round, if any (for "last committed"). */
export async function latestCommittedRun(db: DB, roundId: string) {
  return db
    .selectFrom("assignment_runs")
    .select(["id", "mode", "committed_at", "created_at"])
    .where("round_id", "=", roundId)
    .where("committed_at", "is not", null)
    .orderBy("committed_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * A proposal of the edition by number as typed (any status; the caller checks
 * eligibility). Prefixes keep their case ("Sivablik2025-000012"), so the
 * comparison is on lower case.
 */
export async function findProposalByNumber(db: DB, competitionId: string, number: string) {
  return db
    .selectFrom("proposals as p")
    .innerJoin("agencies as ag", "ag.id", "p.agency_id")
    .select(["p.id", "p.number", "p.title", "p.category_id", "p.status", "p.agency_id", "ag.name as agency_name"])
    .where("p.competition_id", "=", competitionId)
    .where((eb) => eb(eb.fn("lower", ["p.number"]), "=", number.trim().toLowerCase()))
    .executeTakeFirst();
}

/** Names of the edition's categories, by id. */
export async function categoryNames(db: DB, competitionId: string) {
  const rows = await db
    .selectFrom("competition_categories")
    .select(["id", "name_id", "name_en"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.name_id, en: r.name_en }]));
}

/**
 * Registry rows of these agencies and of their parents (by parent_id, a few
 * levels up), as the conflict rules need them.
 */
export async function registryAgencies(db: DB, ids: string[]) {
  const out = new Map<string, { id: string; name: string; cluster: string; province_code: string | null; regency_code: string | null; parent_id: string | null }>();
  let wanted = [...new Set(ids)];
  for (let depth = 0; wanted.length > 0 && depth < 8; depth++) {
    const rows = await db
      .selectFrom("agencies")
      .select(["id", "name", "cluster", "province_code", "regency_code", "parent_id"])
      .where("id", "in", wanted)
      .execute();
    for (const r of rows) out.set(r.id, r);
    wanted = [...new Set(rows.map((r) => r.parent_id).filter((p): p is string => p !== null && !out.has(p)))];
  }
  return out;
}

/** Dismissed conflicts on one pair (their sources no longer block it). */
export async function dismissedSourcesOnPair(db: DB, competitionId: string, jurorId: string, proposalId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("conflicts")
    .select("source")
    .where("competition_id", "=", competitionId)
    .where("juror_id", "=", jurorId)
    .where("proposal_id", "=", proposalId)
    .where("status", "=", "dismissed")
    .execute();
  return rows.map((r) => r.source);
}
