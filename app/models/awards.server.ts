/**
 * Award tiers and winners of an edition, and what the allocation reads (the
 * decided rounds' decision entries). Every query names the competition, so an
 * id of another edition finds nothing.
 */
import type { DB } from "~/db.server";
import type { DecisionKind } from "~/domain/awards";

export interface TierRow {
  id: string;
  competitionId: string;
  key: string;
  nameId: string;
  nameEn: string;
  size: number;
  groupId: string | null;
  roundId: string | null;
  position: number;
}

const TIER_COLUMNS = ["id", "competition_id", "key", "name_id", "name_en", "size", "group_id", "round_id", "position"] as const;

function toTier(r: { [K in (typeof TIER_COLUMNS)[number]]: unknown }): TierRow {
  return {
    id: String(r.id),
    competitionId: String(r.competition_id),
    key: String(r.key),
    nameId: String(r.name_id),
    nameEn: String(r.name_en),
    size: Number(r.size),
    groupId: (r.group_id as string | null) ?? null,
    roundId: (r.round_id as string | null) ?? null,
    position: Number(r.position),
  };
}

/** The edition's tiers in position order. */
export async function listTiers(db: DB, competitionId: string): Promise<TierRow[]> {
  const rows = await db
    .selectFrom("award_tiers")
    .select(TIER_COLUMNS)
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toTier);
}

export async function findTier(db: DB, competitionId: string, tierId: string): Promise<TierRow | undefined> {
  const r = await db.selectFrom("award_tiers").select(TIER_COLUMNS).where("competition_id", "=", competitionId).where("id", "=", tierId).executeTakeFirst();
  return r ? toTier(r) : undefined;
}

export async function tierKeyTaken(db: DB, competitionId: string, key: string, exceptId: string | null): Promise<boolean> {
  let q = db.selectFrom("award_tiers").select("id").where("competition_id", "=", competitionId).where("key", "=", key);
  if (exceptId) q = q.where("id", "<>", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface TierValues {
  key: string;
  nameId: string;
  nameEn: string;
  size: number;
  groupId: string | null;
  roundId: string | null;
}

export async function insertTier(db: DB, t: TierValues & { id: string; competitionId: string; position: number; at: string }): Promise<void> {
  await db
    .insertInto("award_tiers")
    .values({
      id: t.id,
      competition_id: t.competitionId,
      key: t.key,
      name_id: t.nameId,
      name_en: t.nameEn,
      size: t.size,
      group_id: t.groupId,
      round_id: t.roundId,
      position: t.position,
      created_at: t.at,
    })
    .execute();
}

export async function updateTier(db: DB, competitionId: string, tierId: string, t: TierValues): Promise<void> {
  await db
    .updateTable("award_tiers")
    .set({ key: t.key, name_id: t.nameId, name_en: t.nameEn, size: t.size, group_id: t.groupId, round_id: t.roundId })
    .where("competition_id", "=", competitionId)
    .where("id", "=", tierId)
    .execute();
}

export async function setTierPosition(db: DB, competitionId: string, tierId: string, position: number): Promise<void> {
  await db.updateTable("award_tiers").set({ position }).where("competition_id", "=", competitionId).where("id", "=", tierId).execute();
}

/** Removes a tier and its winners. */
export async function deleteTier(db: DB, competitionId: string, tierId: string): Promise<void> {
  await db.deleteFrom("winners").where("competition_id", "=", competitionId).where("tier_id", "=", tierId).execute();
  await db.deleteFrom("award_tiers").where("competition_id", "=", competitionId).where("id", "=", tierId).execute();
}

export async function countCertificatesOfTier(db: DB, competitionId: string, tierId: string): Promise<number> {
  const r = await db
    .selectFrom("certificates")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("competition_id", "=", competitionId)
    .where("tier_id", "=", tierId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export interface GroupOption {
  id: string;
  key: string;
  nameId: string;
  nameEn: string;
}

export async function listGroupOptions(db: DB, competitionId: string): Promise<GroupOption[]> {
  const rows = await db
    .selectFrom("competition_groups")
    .select(["id", "key", "name_id", "name_en"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .orderBy("key")
    .execute();
  return rows.map((r) => ({ id: r.id, key: r.key, nameId: r.name_id, nameEn: r.name_en }));
}

export interface RoundOption {
  id: string;
  name: string;
  position: number;
  decided: boolean;
}

/** Every round of the edition in order, with whether it is decided. */
export async function listRoundOptions(db: DB, competitionId: string): Promise<RoundOption[]> {
  const rows = await db
    .selectFrom("rounds")
    .select(["id", "name", "position", "status"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, position: Number(r.position), decided: r.status === "decided" }));
}

export interface DecisionCandidateRow {
  roundId: string;
  proposalId: string;
  number: string;
  groupId: string;
  rank: number;
  decision: DecisionKind;
}

/** The decision entries of these rounds of the edition (with each proposal's number and group). */
export async function listDecisionCandidates(db: DB, competitionId: string, roundIds: string[]): Promise<DecisionCandidateRow[]> {
  if (roundIds.length === 0) return [];
  const rows = await db
    .selectFrom("round_decision_entries as e")
    .innerJoin("rounds as r", "r.id", "e.round_id")
    .innerJoin("proposals as p", "p.id", "e.proposal_id")
    .select(["e.round_id", "e.proposal_id", "e.rank", "e.decision", "p.number", "p.group_id"])
    .where("r.competition_id", "=", competitionId)
    .where("p.competition_id", "=", competitionId)
    .where("r.status", "=", "decided")
    .where("e.round_id", "in", roundIds)
    .orderBy("e.round_id")
    .orderBy("e.rank")
    .orderBy("p.number")
    .execute();
  return rows.map((r) => ({
    roundId: r.round_id,
    proposalId: r.proposal_id,
    number: r.number,
    groupId: r.group_id,
    rank: Number(r.rank),
    decision: r.decision,
  }));
}

export interface WinnerRow {
  id: string;
  tierId: string;
  proposalId: string;
  position: number;
  source: "rule" | "manual";
  deviationReason: string | null;
  number: string;
  title: string;
  agencyId: string;
  agencyName: string;
  cluster: string;
  groupId: string;
}

/** The edition's winners, by tier position then position in the tier. */
export async function listWinners(db: DB, competitionId: string): Promise<WinnerRow[]> {
  const rows = await db
    .selectFrom("winners as w")
    .innerJoin("award_tiers as t", "t.id", "w.tier_id")
    .innerJoin("proposals as p", "p.id", "w.proposal_id")
    .innerJoin("agencies as a", "a.id", "p.agency_id")
    .select([
      "w.id",
      "w.tier_id",
      "w.proposal_id",
      "w.position",
      "w.source",
      "w.deviation_reason",
      "p.number",
      "p.title",
      "p.group_id",
      "a.id as agency_id",
      "a.name as agency_name",
      "a.cluster",
    ])
    .where("w.competition_id", "=", competitionId)
    .where("t.competition_id", "=", competitionId)
    .orderBy("t.position")
    .orderBy("t.created_at")
    .orderBy("t.id")
    .orderBy("w.position")
    .orderBy("p.number")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    tierId: r.tier_id,
    proposalId: r.proposal_id,
    position: Number(r.position),
    source: r.source,
    deviationReason: r.deviation_reason,
    number: r.number,
    title: r.title,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    cluster: r.cluster,
    groupId: r.group_id,
  }));
}

export async function findWinner(db: DB, competitionId: string, winnerId: string) {
  return db
    .selectFrom("winners")
    .select(["id", "tier_id", "proposal_id", "position", "source", "deviation_reason"])
    .where("competition_id", "=", competitionId)
    .where("id", "=", winnerId)
    .executeTakeFirst();
}

export async function findWinnerByProposal(db: DB, competitionId: string, proposalId: string) {
  return db
    .selectFrom("winners")
    .select(["id", "tier_id", "source"])
    .where("competition_id", "=", competitionId)
    .where("proposal_id", "=", proposalId)
    .executeTakeFirst();
}

export interface NewWinner {
  id: string;
  competitionId: string;
  tierId: string;
  proposalId: string;
  position: number;
  source: "rule" | "manual";
  deviationReason: string | null;
  createdBy: string | null;
  at: string;
}

/** Rows per multi-row INSERT, well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 300;

export async function insertWinners(db: DB, rows: NewWinner[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto("winners")
      .values(
        rows.slice(i, i + CHUNK).map((w) => ({
          id: w.id,
          competition_id: w.competitionId,
          tier_id: w.tierId,
          proposal_id: w.proposalId,
          position: w.position,
          source: w.source,
          deviation_reason: w.deviationReason,
          created_by: w.createdBy,
          created_at: w.at,
        })),
      )
      .execute();
  }
}

export async function deleteRuleWinners(db: DB, competitionId: string): Promise<void> {
  await db.deleteFrom("winners").where("competition_id", "=", competitionId).where("source", "=", "rule").execute();
}

export async function deleteWinner(db: DB, competitionId: string, winnerId: string): Promise<void> {
  await db.deleteFrom("winners").where("competition_id", "=", competitionId).where("id", "=", winnerId).execute();
}

export async function moveWinnerToTier(db: DB, competitionId: string, winnerId: string, tierId: string, reason: string): Promise<void> {
  await db
    .updateTable("winners")
    .set({ tier_id: tierId, source: "manual", deviation_reason: reason })
    .where("competition_id", "=", competitionId)
    .where("id", "=", winnerId)
    .execute();
}

export async function setWinnerPosition(db: DB, competitionId: string, winnerId: string, position: number): Promise<void> {
  await db.updateTable("winners").set({ position }).where("competition_id", "=", competitionId).where("id", "=", winnerId).execute();
}

/** A proposal of the edition by its number (any status; the service decides). */
export async function findProposalByNumber(db: DB, competitionId: string, number: string) {
  return db
    .selectFrom("proposals")
    .select(["id", "number", "title", "status", "group_id"])
    .where("competition_id", "=", competitionId)
    .where("number", "=", number)
    .executeTakeFirst();
}

export interface ProposalSummary {
  id: string;
  number: string;
  title: string;
  agencyName: string;
  cluster: string;
}

/** Number, title and agency of these proposals of the edition (one query). */
export async function listProposalSummaries(db: DB, competitionId: string, ids: string[]): Promise<ProposalSummary[]> {
  if (ids.length === 0) return [];
  const out: ProposalSummary[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom("proposals as p")
      .innerJoin("agencies as a", "a.id", "p.agency_id")
      .select(["p.id", "p.number", "p.title", "a.name as agency_name", "a.cluster"])
      .where("p.competition_id", "=", competitionId)
      .where("p.id", "in", ids.slice(i, i + CHUNK))
      .execute();
    out.push(...rows.map((r) => ({ id: r.id, number: r.number, title: r.title, agencyName: r.agency_name, cluster: r.cluster })));
  }
  return out;
}
