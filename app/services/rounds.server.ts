/**
 * Rounds of an edition (organizer side): list, create, edit. Minimal for the
 * jury issue (name, kind, pool, k, dates, the spread option and the seed); the
 * rounds issue adds rubrics and states.
 *
 * Every function checks "jury.manage" on the competition (unknown → 404,
 * anyone but the organizer's admins → 403); each change is one transaction
 * with one audit row (round.created / round.updated).
 */
import { copyEntrantsFromPreviousRound } from "./plenary.server";
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import type { Actor } from "~/domain/roles";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { newId } from "~/lib/ids.server";
import { appendAudit } from "~/models/audit.server";
import { findCompetitionById, findCompetitionBySlug } from "~/models/competitions.server";
import {
  assignmentCountsByRound,
  findRound,
  insertRound,
  listRounds,
  nextRoundPosition,
  updateRound,
  type RoundFields,
  type RoundRow,
} from "~/models/rounds.server";
import type { RoundInput } from "~/schemas/rounds";

export type CompetitionRow = NonNullable<Awaited<ReturnType<typeof findCompetitionById>>>;

export type RoundResult = { ok: true; roundId: string } | { ok: false; errors: FieldErrors };

export function competitionResource(c: { id: string; organizer_id: string }) {
  return { type: "competition" as const, id: c.id, organizerId: c.organizer_id };
}

/** The competition by slug, for someone who may manage its jury: 404, then 403. */
export async function juryCompetitionBySlug(db: DB, actor: Actor, slug: string): Promise<CompetitionRow> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "jury.manage", competitionResource(c));
  return c;
}

export async function juryCompetitionById(db: DB, actor: Actor, competitionId: string): Promise<CompetitionRow> {
  const c = await findCompetitionById(db, competitionId);
  if (!c) notFound();
  assertCan(actor, "jury.manage", competitionResource(c));
  return c;
}

/** The round of that competition or 404 (a round id of another edition is unknown here). */
export async function roundOf(db: DB, competitionId: string, roundId: string): Promise<RoundRow> {
  const r = await findRound(db, competitionId, roundId);
  if (!r) notFound();
  return r;
}

/** Runs `fn` in a transaction, or inside the caller's when `db` already is one. */
export function inTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** The rounds page: the competition, its rounds with their assignment counts. */
export async function getRoundsPage(db: DB, actor: Actor, slug: string) {
  const c = await juryCompetitionBySlug(db, actor, slug);
  const [rounds, counts] = await Promise.all([listRounds(db, c.id), assignmentCountsByRound(db, c.id)]);
  return {
    competition: { id: c.id, slug: c.slug, name: c.name },
    rounds: rounds.map((r) => ({ ...roundView(r), assignments: counts.get(r.id) ?? 0 })),
  };
}

/** The fields of a round as shown and audited. */
export function roundView(r: RoundRow) {
  return {
    id: r.id,
    position: Number(r.position),
    name: r.name,
    kind: r.kind,
    poolRole: r.pool_role,
    k: Number(r.k),
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    status: r.status,
    spreadAffiliations: Number(r.spread_affiliations) === 1,
    seed: Number(r.assignment_seed),
  };
}

function fieldsOf(input: RoundInput): RoundFields {
  return {
    name: input.name,
    kind: input.kind,
    poolRole: input.poolRole,
    k: input.k,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    spreadAffiliations: input.spreadAffiliations,
    seed: input.seed,
  };
}

/**
 * Creates a round at the next position. Side effects: a rounds row, an audit
 * row "round.created" with the fields.
 */
export async function createRound(db: DB, actor: Actor, competitionId: string, input: RoundInput, now = new Date()): Promise<RoundResult> {
  return inTransaction(db, async (trx) => {
    const c = await juryCompetitionById(trx, actor, competitionId);
    const id = newId();
    const position = await nextRoundPosition(trx, c.id);
    const fields = fieldsOf(input);
    await insertRound(trx, { ...fields, id, competitionId: c.id, position, now: now.toISOString() });
    // A round created after the previous one was decided takes its advancing proposals.
    const entrants = await copyEntrantsFromPreviousRound(trx, id);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "round.created",
      entityType: "round",
      entityId: id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      after: { position, ...fields, entrants },
    });
    return { ok: true as const, roundId: id };
  });
}

/**
 * Edits a round. The pool cannot change once the round has assignments (they
 * were drawn from the other pool). Side effects: the rounds row, an audit row
 * "round.updated" with the fields that changed (none changed → no write).
 */
export async function updateRoundSettings(
  db: DB,
  actor: Actor,
  competitionId: string,
  roundId: string,
  input: RoundInput,
  now = new Date(),
): Promise<RoundResult> {
  return inTransaction(db, async (trx) => {
    const c = await juryCompetitionById(trx, actor, competitionId);
    const r = await roundOf(trx, c.id, roundId);
    const fields = fieldsOf(input);
    const current = roundView(r);
    if (fields.poolRole !== current.poolRole) {
      const used = await trx.selectFrom("assignments").select("id").where("round_id", "=", r.id).limit(1).executeTakeFirst();
      if (used) return { ok: false as const, errors: { poolRole: "assignment.errors.poolLocked" } as FieldErrors };
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of Object.keys(fields) as (keyof RoundFields)[]) {
      if (fields[key] !== current[key]) {
        before[key] = current[key];
        after[key] = fields[key];
      }
    }
    if (Object.keys(after).length === 0) return { ok: true as const, roundId: r.id };
    await updateRound(trx, c.id, r.id, { ...fields, now: now.toISOString() });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "round.updated",
      entityType: "round",
      entityId: r.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      before,
      after,
    });
    return { ok: true as const, roundId: r.id };
  });
}

/** The competition and round for a page or an action: 404 for an unknown slug or a round of another edition, then 403. */
export async function getRoundRef(db: DB, actor: Actor, slug: string, roundId: string) {
  const c = await juryCompetitionBySlug(db, actor, slug);
  const r = await roundOf(db, c.id, roundId);
  return { competition: { id: c.id, slug: c.slug, name: c.name }, round: roundView(r) };
}
