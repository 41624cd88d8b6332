/**
 * The plenary (Sidang pleno): what a round's ranking is computed from (its
 * settings, entrants, SUBMITTED sheets, overrides) and what a decision
 * writes (round_decisions, round_decision_entries, the next round's
 * round_entrants). Every query names the round (and the round query its
 * competition), so an id of another edition finds nothing.
 */
import type { DB } from "~/db.server";

/** Rows per multi-row INSERT, well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 400;

const PLENARY_ROUND_COLUMNS = [
  "id",
  "competition_id",
  "position",
  "name",
  "kind",
  "status",
  "blind",
  "score_method",
  "advancement_json",
  "tiebreak_json",
  "disagreement_threshold",
  "borderline_band",
  "opened_at",
  "closed_at",
  "decided_at",
] as const;

export interface PlenaryRoundRow {
  id: string;
  competition_id: string;
  position: number;
  name: string;
  kind: string;
  status: "draft" | "open" | "closed" | "decided";
  blind: boolean;
  score_method: string;
  advancement_json: string;
  tiebreak_json: string;
  disagreement_threshold: number;
  borderline_band: number;
  opened_at: string | null;
  closed_at: string | null;
  decided_at: string | null;
}

type RawRound = { [K in (typeof PLENARY_ROUND_COLUMNS)[number]]: unknown };

function toRound(r: RawRound): PlenaryRoundRow {
  return {
    id: String(r.id),
    competition_id: String(r.competition_id),
    position: Number(r.position),
    name: String(r.name),
    kind: String(r.kind),
    status: r.status as PlenaryRoundRow["status"],
    blind: Number(r.blind) === 1,
    score_method: String(r.score_method),
    advancement_json: String(r.advancement_json),
    tiebreak_json: String(r.tiebreak_json),
    disagreement_threshold: Number(r.disagreement_threshold),
    borderline_band: Number(r.borderline_band),
    opened_at: (r.opened_at as string | null) ?? null,
    closed_at: (r.closed_at as string | null) ?? null,
    decided_at: (r.decided_at as string | null) ?? null,
  };
}

/** The round of that competition with its plenary settings, or undefined. */
export async function findPlenaryRound(db: DB, competitionId: string, roundId: string): Promise<PlenaryRoundRow | undefined> {
  const r = await db
    .selectFrom("rounds")
    .select(PLENARY_ROUND_COLUMNS)
    .where("competition_id", "=", competitionId)
    .where("id", "=", roundId)
    .executeTakeFirst();
  return r ? toRound(r) : undefined;
}

/** The round by id alone (internal callers that then use its competition). */
export async function findPlenaryRoundById(db: DB, roundId: string): Promise<PlenaryRoundRow | undefined> {
  const r = await db.selectFrom("rounds").select(PLENARY_ROUND_COLUMNS).where("id", "=", roundId).executeTakeFirst();
  return r ? toRound(r) : undefined;
}

/** The round at `position` in the competition (e.g. the next one), or undefined. */
export async function findRoundAtPosition(db: DB, competitionId: string, position: number) {
  const r = await db
    .selectFrom("rounds")
    .select(PLENARY_ROUND_COLUMNS)
    .where("competition_id", "=", competitionId)
    .where("position", "=", position)
    .executeTakeFirst();
  return r ? toRound(r) : undefined;
}

export interface PlenaryEntrantRow {
  id: string;
  number: string;
  title: string;
  submitted_at: string | null;
  agency_id: string;
  agency_code: string;
  agency_name: string;
  cluster: string;
  group_key: string;
  category_key: string | null;
}

/**
 * The entrants of a round: in round 1 every submitted proposal of the edition
 * that passed screening (lolos); in later rounds the round's round_entrants
 * (never a withdrawn proposal or a draft). With what the ranking needs
 * (strata, number, submission time) and what the table shows. By number.
 */
export async function listPlenaryEntrants(db: DB, round: Pick<PlenaryRoundRow, "id" | "competition_id" | "position">): Promise<PlenaryEntrantRow[]> {
  const base = db
    .selectFrom("proposals as p")
    .innerJoin("agencies as ag", "ag.id", "p.agency_id")
    .innerJoin("competition_groups as g", "g.id", "p.group_id")
    .leftJoin("competition_categories as cat", "cat.id", "p.category_id")
    .select([
      "p.id",
      "p.number",
      "p.title",
      "p.submitted_at",
      "p.agency_id",
      "ag.code as agency_code",
      "ag.name as agency_name",
      "ag.cluster",
      "g.key as group_key",
      "cat.key as category_key",
    ])
    .where("p.competition_id", "=", round.competition_id);
  const rows =
    round.position <= 1
      ? await base
          .innerJoin("proposal_screenings as s", "s.proposal_id", "p.id")
          .where("p.status", "=", "submitted")
          .where("s.result", "=", "lolos")
          .orderBy("p.number")
          .execute()
      : await base
          .innerJoin("round_entrants as e", "e.proposal_id", "p.id")
          .where("e.round_id", "=", round.id)
          .where("p.status", "not in", ["withdrawn", "draft"])
          .orderBy("p.number")
          .execute();
  return rows.map((r) => ({ ...r, category_key: r.category_key ?? null }));
}

export interface SubmittedItemRow {
  sheet_id: string;
  juror_id: string;
  proposal_id: string;
  criterion_key: string;
  value: number | null;
}

/**
 * Every item of every SUBMITTED sheet of the round (drafts never), in one
 * query, unordered (the caller groups them by sheet; the ranking does not
 * depend on input order).
 */
export async function listSubmittedItems(db: DB, roundId: string): Promise<SubmittedItemRow[]> {
  const rows = await db
    .selectFrom("score_sheets as s")
    .innerJoin("score_items as i", "i.sheet_id", "s.id")
    .select(["s.id as sheet_id", "s.juror_id", "s.proposal_id", "i.criterion_key", "i.value"])
    .where("s.round_id", "=", roundId)
    .where("s.status", "=", "submitted")
    .execute();
  return rows.map((r) => ({ ...r, value: r.value === null ? null : Number(r.value) }));
}

/** Submitted sheets without any item (counted as incomplete). */
export async function listSubmittedSheetIds(db: DB, roundId: string): Promise<{ id: string; juror_id: string; proposal_id: string }[]> {
  return db
    .selectFrom("score_sheets")
    .select(["id", "juror_id", "proposal_id"])
    .where("round_id", "=", roundId)
    .where("status", "=", "submitted")
    .orderBy("id")
    .execute();
}

/** Drafts of the round (shown as a count: they never enter the ranking). */
export async function countDraftSheets(db: DB, roundId: string): Promise<number> {
  const r = await db
    .selectFrom("score_sheets")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("round_id", "=", roundId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Names of the round's jurors who hold a sheet (for the severity panel). */
export async function listRoundJurorNames(db: DB, roundId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom("jurors as j")
    .select(["j.id", "j.name"])
    .where("j.id", "in", db.selectFrom("score_sheets").select("juror_id").where("round_id", "=", roundId))
    .orderBy("j.name")
    .orderBy("j.id")
    .execute();
}

export interface OverrideRow {
  proposal_id: string;
  decision: "advance" | "stop";
  reason: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
}

export async function listOverrides(db: DB, roundId: string): Promise<OverrideRow[]> {
  return db
    .selectFrom("round_overrides as o")
    .leftJoin("users as u", "u.id", "o.created_by")
    .select(["o.proposal_id", "o.decision", "o.reason", "o.created_by", "u.name as created_by_name", "o.created_at"])
    .where("o.round_id", "=", roundId)
    .orderBy("o.created_at")
    .orderBy("o.proposal_id")
    .execute();
}

export async function findOverride(db: DB, roundId: string, proposalId: string) {
  return db
    .selectFrom("round_overrides")
    .select(["proposal_id", "decision", "reason", "created_by", "created_at"])
    .where("round_id", "=", roundId)
    .where("proposal_id", "=", proposalId)
    .executeTakeFirst();
}

/** Sets (inserts or replaces) the override of one proposal in a round. */
export async function upsertOverride(
  db: DB,
  o: { roundId: string; proposalId: string; decision: "advance" | "stop"; reason: string; userId: string; at: string },
): Promise<void> {
  await db
    .insertInto("round_overrides")
    .values({ round_id: o.roundId, proposal_id: o.proposalId, decision: o.decision, reason: o.reason, created_by: o.userId, created_at: o.at })
    .onConflict((oc) =>
      oc.columns(["round_id", "proposal_id"]).doUpdateSet({ decision: o.decision, reason: o.reason, created_by: o.userId, created_at: o.at }),
    )
    .execute();
}

export async function deleteOverride(db: DB, roundId: string, proposalId: string): Promise<boolean> {
  const r = await db.deleteFrom("round_overrides").where("round_id", "=", roundId).where("proposal_id", "=", proposalId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---------------------------------------------------------------------------
// The recorded decision

export interface DecisionRow {
  round_id: string;
  method: string;
  rule_json: string;
  tiebreak_json: string;
  inputs_hash: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string;
}

export async function findDecision(db: DB, roundId: string): Promise<DecisionRow | undefined> {
  return db
    .selectFrom("round_decisions as d")
    .leftJoin("users as u", "u.id", "d.decided_by")
    .select(["d.round_id", "d.method", "d.rule_json", "d.tiebreak_json", "d.inputs_hash", "d.decided_by", "u.name as decided_by_name", "d.decided_at"])
    .where("d.round_id", "=", roundId)
    .executeTakeFirst();
}

export interface DecisionEntryRow {
  proposal_id: string;
  rank: number;
  score: number | null;
  decision: "advance" | "stop" | "override_advance" | "override_stop";
  override_reason: string | null;
}

/** The recorded entries by rank. */
export async function listDecisionEntries(db: DB, roundId: string): Promise<DecisionEntryRow[]> {
  const rows = await db
    .selectFrom("round_decision_entries")
    .select(["proposal_id", "rank", "score", "decision", "override_reason"])
    .where("round_id", "=", roundId)
    .orderBy("rank")
    .execute();
  return rows.map((r) => ({ ...r, rank: Number(r.rank), score: r.score === null ? null : Number(r.score) }));
}

export async function insertDecision(
  db: DB,
  d: { roundId: string; method: string; ruleJson: string; tiebreakJson: string; inputsHash: string; userId: string; at: string },
  entries: DecisionEntryRow[],
): Promise<void> {
  await db
    .insertInto("round_decisions")
    .values({
      round_id: d.roundId,
      method: d.method,
      rule_json: d.ruleJson,
      tiebreak_json: d.tiebreakJson,
      inputs_hash: d.inputsHash,
      decided_by: d.userId,
      decided_at: d.at,
    })
    .execute();
  for (let i = 0; i < entries.length; i += CHUNK) {
    await db
      .insertInto("round_decision_entries")
      .values(entries.slice(i, i + CHUNK).map((e) => ({ round_id: d.roundId, ...e })))
      .execute();
  }
}

/** closed → decided, only if still closed; whether this call did it. */
export async function markRoundDecided(db: DB, roundId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable("rounds")
    .set({ status: "decided", decided_at: at, updated_at: at })
    .where("id", "=", roundId)
    .where("status", "=", "closed")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ids of the proposals a decided round advances (advance or override_advance), by rank. */
export async function listAdvancingProposalIds(db: DB, roundId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("round_decision_entries")
    .select("proposal_id")
    .where("round_id", "=", roundId)
    .where("decision", "in", ["advance", "override_advance"])
    .orderBy("rank")
    .execute();
  return rows.map((r) => r.proposal_id);
}

/** Adds entrants to a round (those already there are kept); how many were new. */
export async function addRoundEntrants(db: DB, roundId: string, proposalIds: string[]): Promise<number> {
  if (proposalIds.length === 0) return 0;
  const existing = new Set(
    (await db.selectFrom("round_entrants").select("proposal_id").where("round_id", "=", roundId).execute()).map((r) => r.proposal_id),
  );
  const fresh = proposalIds.filter((id) => !existing.has(id));
  for (let i = 0; i < fresh.length; i += CHUNK) {
    await db
      .insertInto("round_entrants")
      .values(fresh.slice(i, i + CHUNK).map((proposal_id) => ({ round_id: roundId, proposal_id })))
      .execute();
  }
  return fresh.length;
}

/** Active Admin Lokal of the given agencies, with their language (for the decision mail). */
export async function listAdminLokalOfAgencies(db: DB, agencyIds: string[]) {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .innerJoin("agencies", "agencies.id", "memberships.agency_id")
    .select(["users.email", "users.name", "users.locale", "agencies.id as agency_id", "agencies.name as agency_name"])
    .where("memberships.role", "=", "admin_lokal")
    .where("memberships.active", "=", 1)
    .where("users.active", "=", 1)
    .where("memberships.agency_id", "in", agencyIds)
    .orderBy("agencies.name")
    .orderBy("users.email")
    .execute();
}
