/**
 * Rounds of an edition (the minimal shape the assignment needs; the rounds
 * issue adds rubrics and states). Every query is scoped by competition.
 */
import type { DB } from "~/db.server";
import type { JurorRole, RoundKind } from "../../db/schema";

const ROUND_COLUMNS = [
  "id",
  "competition_id",
  "position",
  "name",
  "kind",
  "pool_role",
  "k",
  "starts_at",
  "ends_at",
  "status",
  "spread_affiliations",
  "assignment_seed",
  "created_at",
  "updated_at",
] as const;

export async function listRounds(db: DB, competitionId: string) {
  return db.selectFrom("rounds").select(ROUND_COLUMNS).where("competition_id", "=", competitionId).orderBy("position").execute();
}

export type RoundRow = Awaited<ReturnType<typeof listRounds>>[number];

/** A round of the competition, or undefined (never a round of another edition). */
export async function findRound(db: DB, competitionId: string, roundId: string): Promise<RoundRow | undefined> {
  return db
    .selectFrom("rounds")
    .select(ROUND_COLUMNS)
    .where("competition_id", "=", competitionId)
    .where("id", "=", roundId)
    .executeTakeFirst();
}

/** A round by id alone, for services given only a round or run id (they then check its competition). */
export async function findRoundById(db: DB, roundId: string): Promise<RoundRow | undefined> {
  return db.selectFrom("rounds").select(ROUND_COLUMNS).where("id", "=", roundId).executeTakeFirst();
}

export async function nextRoundPosition(db: DB, competitionId: string): Promise<number> {
  const row = await db
    .selectFrom("rounds")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export interface RoundFields {
  name: string;
  kind: RoundKind;
  poolRole: JurorRole;
  k: number;
  startsAt: string | null;
  endsAt: string | null;
  spreadAffiliations: boolean;
  seed: number;
}

export async function insertRound(db: DB, r: RoundFields & { id: string; competitionId: string; position: number; now: string }) {
  await db
    .insertInto("rounds")
    .values({
      id: r.id,
      competition_id: r.competitionId,
      position: r.position,
      name: r.name,
      kind: r.kind,
      pool_role: r.poolRole,
      k: r.k,
      starts_at: r.startsAt,
      ends_at: r.endsAt,
      spread_affiliations: r.spreadAffiliations ? 1 : 0,
      assignment_seed: r.seed,
      created_at: r.now,
      updated_at: r.now,
    })
    .execute();
}

export async function updateRound(db: DB, competitionId: string, roundId: string, r: RoundFields & { now: string }) {
  await db
    .updateTable("rounds")
    .set({
      name: r.name,
      kind: r.kind,
      pool_role: r.poolRole,
      k: r.k,
      starts_at: r.startsAt,
      ends_at: r.endsAt,
      spread_affiliations: r.spreadAffiliations ? 1 : 0,
      assignment_seed: r.seed,
      updated_at: r.now,
    })
    .where("competition_id", "=", competitionId)
    .where("id", "=", roundId)
    .execute();
}

/** Assignments per round of the competition (for the list page): one query. */
export async function assignmentCountsByRound(db: DB, competitionId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("rounds as r", "r.id", "a.round_id")
    .where("r.competition_id", "=", competitionId)
    .select(["a.round_id", (eb) => eb.fn.countAll().as("n")])
    .groupBy("a.round_id")
    .execute();
  return new Map(rows.map((r) => [r.round_id, Number(r.n)]));
}
