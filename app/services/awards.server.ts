/**
 * Award tiers and winners of an edition, for the organizer's admins
 * ("award.manage"). Rules: docs/awards.md.
 *
 * - Tiers: key, names, size, the group they draw from (or all) and the round
 *   they are ranked by (or the last decided round), in position order.
 *   Presets add the KIPP or provincial tiers that are not there yet.
 * - The rule (allocateWinners in ~/domain/awards) gives each tier, in order,
 *   the next best-ranked proposals of its group that no earlier tier took.
 *   Applying it replaces the winners it gave before ("rule"); deviations
 *   ("manual": added or moved by hand, with a reason) are kept, count
 *   towards their tier's size and are never given twice.
 * - Deviations (add, move, remove a proposal) need a reason, recorded on the
 *   winner (add, move) and in the audit log (all three).
 * - Every change is one transaction with one audit row.
 */
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import {
  allocateWinners,
  clusterBreakdown,
  PRESET_TIERS,
  type AllocationCandidate,
  type AllocationProblem,
  type ClusterBreakdownRow,
  type TierPreset,
} from "~/domain/awards";
import type { Actor } from "~/domain/roles";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { newId, nowIso } from "~/lib/ids.server";
import { appendAudit } from "~/models/audit.server";
import {
  countCertificatesOfTier,
  deleteRuleWinners,
  deleteTier,
  deleteWinner,
  findProposalByNumber,
  findTier,
  findWinner,
  findWinnerByProposal,
  insertTier,
  insertWinners,
  listDecisionCandidates,
  listGroupOptions,
  listProposalSummaries,
  listRoundOptions,
  listTiers,
  listWinners,
  moveWinnerToTier,
  setTierPosition,
  setWinnerPosition,
  tierKeyTaken,
  updateTier,
  type GroupOption,
  type RoundOption,
  type TierRow,
  type WinnerRow,
} from "~/models/awards.server";
import { findCompetitionById, findCompetitionBySlug } from "~/models/competitions.server";
import type { AddWinnerInput, MoveWinnerInput, RemoveWinnerInput, TierInput } from "~/schemas/awards";

export type AwardsResult = { ok: true } | { ok: false; errors: FieldErrors };

function resource(c: { id: string; organizer_id: string }) {
  return { type: "competition" as const, id: c.id, organizerId: c.organizer_id };
}

function inTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** Loads the edition and checks "award.manage": 404, then 403. */
async function manageable(db: DB, actor: Actor, competitionId: string) {
  const c = await findCompetitionById(db, competitionId);
  if (!c) notFound();
  assertCan(actor, "award.manage", resource(c));
  return c;
}

function audit(c: { id: string; organizer_id: string }, actor: Actor, action: string, entityType: string, entityId: string, before: unknown, after: unknown) {
  return {
    actorUserId: actor.userId,
    action,
    entityType,
    entityId,
    organizerId: c.organizer_id,
    competitionId: c.id,
    before,
    after,
  };
}

const tierAudit = (t: Pick<TierRow, "key" | "nameId" | "nameEn" | "size" | "groupId" | "roundId"> & { position?: number }) => ({
  key: t.key,
  nameId: t.nameId,
  nameEn: t.nameEn,
  size: t.size,
  groupId: t.groupId,
  roundId: t.roundId,
  ...(t.position === undefined ? {} : { position: t.position }),
});

// ---------------------------------------------------------------------------
// The rule

interface RuleContext {
  tiers: TierRow[];
  rounds: RoundOption[];
  defaultRoundId: string | null;
  candidates: Record<string, AllocationCandidate[]>;
}

/** Tiers, rounds and the decision entries of every decided round a tier ranks by. */
async function ruleContext(db: DB, competitionId: string): Promise<RuleContext> {
  const [tiers, rounds] = await Promise.all([listTiers(db, competitionId), listRoundOptions(db, competitionId)]);
  const decided = rounds.filter((r) => r.decided);
  const defaultRoundId = decided.length ? decided[decided.length - 1].id : null;
  const decidedIds = new Set(decided.map((r) => r.id));
  const wanted = [...new Set(tiers.map((t) => t.roundId ?? defaultRoundId).filter((id): id is string => id !== null && decidedIds.has(id)))];
  const rows = await listDecisionCandidates(db, competitionId, wanted);
  const candidates: Record<string, AllocationCandidate[]> = {};
  for (const id of wanted) candidates[id] = [];
  for (const r of rows) candidates[r.roundId].push({ proposalId: r.proposalId, number: r.number, groupId: r.groupId, rank: r.rank, decision: r.decision });
  return { tiers, rounds, defaultRoundId, candidates };
}

function allocate(ctx: RuleContext, fixed: { tierId: string; proposalId: string }[]) {
  return allocateWinners({
    tiers: ctx.tiers.map((t) => ({ id: t.id, size: t.size, groupId: t.groupId, roundId: t.roundId })),
    rounds: ctx.candidates,
    defaultRoundId: ctx.defaultRoundId,
    fixed,
  });
}

/**
 * Positions within each tier: by rank in the tier's round (unranked ones
 * after), then by the position they had, then by number. Writes only the
 * positions that change.
 */
async function renumberWinners(db: DB, competitionId: string): Promise<void> {
  const ctx = await ruleContext(db, competitionId);
  const winners = await listWinners(db, competitionId);
  const rankOf = (tier: TierRow | undefined, proposalId: string): number => {
    const roundId = tier ? (tier.roundId ?? ctx.defaultRoundId) : null;
    const c = roundId ? ctx.candidates[roundId]?.find((x) => x.proposalId === proposalId) : undefined;
    return c ? c.rank : Number.POSITIVE_INFINITY;
  };
  const tiers = new Map(ctx.tiers.map((t) => [t.id, t]));
  const byTier = new Map<string, (WinnerRow & { rank: number })[]>();
  for (const w of winners) {
    const list = byTier.get(w.tierId) ?? [];
    list.push({ ...w, rank: rankOf(tiers.get(w.tierId), w.proposalId) });
    byTier.set(w.tierId, list);
  }
  for (const list of byTier.values()) {
    list.sort((a, b) => a.rank - b.rank || a.position - b.position || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
    for (let i = 0; i < list.length; i++) {
      if (list[i].position !== i + 1) await setWinnerPosition(db, competitionId, list[i].id, i + 1);
    }
  }
}

// ---------------------------------------------------------------------------
// The page

export interface TierView extends TierRow {
  groupName: { id: string; en: string } | null;
  roundName: string | null;
  winnerCount: number;
}

export interface WinnerView extends WinnerRow {
  tierKey: string;
}

export interface ProposedWinner {
  tierId: string;
  proposalId: string;
  number: string;
  title: string;
  agencyName: string;
  rank: number;
  /** Already a winner in this tier. */
  current: boolean;
}

export interface AwardsPage {
  competition: { id: string; slug: string; name: string; organizerKind: string };
  tiers: TierView[];
  groups: GroupOption[];
  rounds: RoundOption[];
  defaultRound: { id: string; name: string } | null;
  winners: WinnerView[];
  proposed: ProposedWinner[];
  problems: AllocationProblem[];
  /** Breakdown of the current winners, or of the proposal while there are none. */
  breakdown: { of: "winners" | "proposed"; rows: ClusterBreakdownRow[]; total: number };
}

/** Everything the awards page shows. 404 unknown edition, 403 without "award.manage". */
export async function getAwardsPage(db: DB, actor: Actor, slug: string): Promise<AwardsPage> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "award.manage", resource(c));
  const [ctx, groups, winners] = await Promise.all([ruleContext(db, c.id), listGroupOptions(db, c.id), listWinners(db, c.id)]);
  const manual = winners.filter((w) => w.source === "manual").map((w) => ({ tierId: w.tierId, proposalId: w.proposalId }));
  const allocation = allocate(ctx, manual);
  const summaries = new Map((await listProposalSummaries(db, c.id, allocation.winners.map((w) => w.proposalId))).map((s) => [s.id, s]));
  const current = new Set(winners.map((w) => `${w.tierId}|${w.proposalId}`));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const roundById = new Map(ctx.rounds.map((r) => [r.id, r]));
  const tierKey = new Map(ctx.tiers.map((t) => [t.id, t.key]));
  const counts = new Map<string, number>();
  for (const w of winners) counts.set(w.tierId, (counts.get(w.tierId) ?? 0) + 1);
  const proposed = allocation.winners.map((w) => {
    const s = summaries.get(w.proposalId);
    return {
      tierId: w.tierId,
      proposalId: w.proposalId,
      number: s?.number ?? "",
      title: s?.title ?? "",
      agencyName: s?.agencyName ?? "",
      rank: w.rank,
      current: current.has(`${w.tierId}|${w.proposalId}`),
    };
  });
  const breakdownOf = winners.length > 0 ? "winners" : "proposed";
  const clusters = winners.length > 0 ? winners.map((w) => w.cluster) : allocation.winners.map((w) => summaries.get(w.proposalId)?.cluster ?? "");
  const defaultRound = ctx.defaultRoundId ? roundById.get(ctx.defaultRoundId) : undefined;
  return {
    competition: { id: c.id, slug: c.slug, name: c.name, organizerKind: c.organizer_kind },
    tiers: ctx.tiers.map((t) => {
      const g = t.groupId ? groupById.get(t.groupId) : undefined;
      return {
        ...t,
        groupName: g ? { id: g.nameId, en: g.nameEn } : null,
        roundName: t.roundId ? (roundById.get(t.roundId)?.name ?? null) : null,
        winnerCount: counts.get(t.id) ?? 0,
      };
    }),
    groups,
    rounds: ctx.rounds,
    defaultRound: defaultRound ? { id: defaultRound.id, name: defaultRound.name } : null,
    winners: winners.map((w) => ({ ...w, tierKey: tierKey.get(w.tierId) ?? "" })),
    proposed,
    problems: allocation.problems,
    breakdown: { of: breakdownOf, rows: clusterBreakdown(clusters), total: clusters.length },
  };
}

/** The edition behind a slug for an action: 404, then 403. */
export async function loadAwardsCompetition(db: DB, actor: Actor, slug: string): Promise<{ id: string; slug: string }> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "award.manage", resource(c));
  return { id: c.id, slug: c.slug };
}

// ---------------------------------------------------------------------------
// Tiers

/** Checks that the group and round belong to the edition. */
async function tierRefsProblem(db: DB, competitionId: string, input: { groupId: string | null; roundId: string | null }): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (input.groupId && !(await listGroupOptions(db, competitionId)).some((g) => g.id === input.groupId)) errors.groupId = "awards.errors.group";
  if (input.roundId && !(await listRoundOptions(db, competitionId)).some((r) => r.id === input.roundId)) errors.roundId = "awards.errors.round";
  return errors;
}

/**
 * Creates a tier (last position) or updates one. Side effects: the tier row;
 * audit "award.tierCreated" / "award.tierUpdated". Changing a tier does not
 * touch its winners (apply the rule again to follow it).
 */
export async function saveTier(db: DB, actor: Actor, competitionId: string, input: TierInput): Promise<AwardsResult> {
  return inTransaction(db, async (trx) => {
    const c = await manageable(trx, actor, competitionId);
    const before = input.tierId ? await findTier(trx, c.id, input.tierId) : undefined;
    if (input.tierId && !before) notFound();
    const errors = await tierRefsProblem(trx, c.id, input);
    if (await tierKeyTaken(trx, c.id, input.key, input.tierId)) errors.key = "awards.errors.keyTaken";
    if (Object.keys(errors).length) return { ok: false, errors };
    const values = { key: input.key, nameId: input.nameId, nameEn: input.nameEn, size: input.size, groupId: input.groupId, roundId: input.roundId };
    if (before) {
      await updateTier(trx, c.id, before.id, values);
      await appendAudit(trx, audit(c, actor, "award.tierUpdated", "award_tier", before.id, tierAudit(before), tierAudit(values)));
    } else {
      const id = newId();
      const tiers = await listTiers(trx, c.id);
      const position = tiers.reduce((m, t) => Math.max(m, t.position), 0) + 1;
      await insertTier(trx, { ...values, id, competitionId: c.id, position, at: nowIso() });
      await appendAudit(trx, audit(c, actor, "award.tierCreated", "award_tier", id, null, tierAudit({ ...values, position })));
    }
    return { ok: true };
  });
}

/**
 * Adds the preset's tiers whose key the edition does not have yet, after the
 * existing ones. A tier drawing from a group the edition lacks (e.g. Khusus)
 * is skipped and reported. Side effects: tier rows; audit "award.presetApplied".
 */
export async function applyTierPreset(
  db: DB,
  actor: Actor,
  competitionId: string,
  preset: TierPreset,
): Promise<{ ok: true; created: string[]; skipped: string[] }> {
  return inTransaction(db, async (trx) => {
    const c = await manageable(trx, actor, competitionId);
    const [tiers, groups] = await Promise.all([listTiers(trx, c.id), listGroupOptions(trx, c.id)]);
    const keys = new Set(tiers.map((t) => t.key));
    const groupByKey = new Map(groups.map((g) => [g.key, g.id]));
    let position = tiers.reduce((m, t) => Math.max(m, t.position), 0);
    const created: string[] = [];
    const skipped: string[] = [];
    const at = nowIso();
    for (const p of PRESET_TIERS[preset]) {
      if (keys.has(p.key)) continue;
      const groupId = p.groupKey === null ? null : (groupByKey.get(p.groupKey) ?? undefined);
      if (groupId === undefined) {
        skipped.push(p.key);
        continue;
      }
      position += 1;
      await insertTier(trx, { id: newId(), competitionId: c.id, key: p.key, nameId: p.nameId, nameEn: p.nameEn, size: p.size, groupId, roundId: null, position, at });
      created.push(p.key);
    }
    await appendAudit(trx, audit(c, actor, "award.presetApplied", "competition", c.id, { tiers: [...keys] }, { preset, created, skipped }));
    return { ok: true, created, skipped };
  });
}

/** Swaps a tier with its neighbour. Side effects: positions; audit "award.tierMoved". */
export async function moveTier(db: DB, actor: Actor, competitionId: string, tierId: string, direction: "up" | "down"): Promise<AwardsResult> {
  return inTransaction(db, async (trx) => {
    const c = await manageable(trx, actor, competitionId);
    const tiers = await listTiers(trx, c.id);
    const i = tiers.findIndex((t) => t.id === tierId);
    if (i === -1) notFound();
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= tiers.length) return { ok: false, errors: { _form: "awards.errors.cannotMove" } };
    [tiers[i], tiers[j]] = [tiers[j], tiers[i]];
    const before = tiers.map((t) => t.key);
    // Positions 1..n in the new order (also heals equal positions).
    for (let k = 0; k < tiers.length; k++) if (tiers[k].position !== k + 1) await setTierPosition(trx, c.id, tiers[k].id, k + 1);
    [before[i], before[j]] = [before[j], before[i]];
    await appendAudit(trx, audit(c, actor, "award.tierMoved", "award_tier", tierId, { order: before }, { order: tiers.map((t) => t.key) }));
    return { ok: true };
  });
}

/**
 * Removes a tier and its winners. Refused while a certificate names the tier.
 * Side effects: tier and winner rows; audit "award.tierRemoved" (with the
 * winners it had).
 */
export async function removeTier(db: DB, actor: Actor, competitionId: string, tierId: string): Promise<AwardsResult> {
  return inTransaction(db, async (trx) => {
    const c = await manageable(trx, actor, competitionId);
    const tier = await findTier(trx, c.id, tierId);
    if (!tier) notFound();
    if ((await countCertificatesOfTier(trx, c.id, tier.id)) > 0) return { ok: false, errors: { _form: "awards.errors.tierHasCertificates" } };
    const winners = (await listWinners(trx, c.id)).filter((w) => w.tierId === tier.id);
    await deleteTier(trx, c.id, tier.id);
    await appendAudit(
      trx,
      audit(c, actor, "award.tierRemoved", "award_tier", tier.id, { ...tierAudit(tier), winners: winners.map((w) => w.number) }, null),
    );
    return { ok: true };
  });
}

// ---------------------------------------------------------------------------
// Winners

/**
 * Sets the winners from the rule: removes the winners the rule gave before,
 * keeps the deviations, and inserts what allocateWinners gives now. Side
 * effects: winner rows (source "rule"); audit "award.ruleApplied" with the
 * lists before and after and the problems (short tiers, ties, rounds not
 * decided).
 */
export async function applyWinnerRule(
  db: DB,
  actor: Actor,
  competitionId: string,
): Promise<{ ok: true; count: number; problems: AllocationProblem[] } | { ok: false; errors: FieldErrors }> {
  return inTransaction(db, async (trx) => {
    const c = await manageable(trx, actor, competitionId);
    const ctx = await ruleContext(trx, c.id);
    if (ctx.tiers.length === 0) return { ok: false, errors: { _form: "awards.errors.noTiers" } };
    const before = await listWinners(trx, c.id);
    const manual = before.filter((w) => w.source === "manual");
    const allocation = allocate(
      ctx,
      manual.map((w) => ({ tierId: w.tierId, proposalId: w.proposalId })),
    );
    await deleteRuleWinners(trx, c.id);
    const at = nowIso();
    const offset = new Map<string, number>();
    await insertWinners(
      trx,
      allocation.winners.map((w) => {
        const n = (offset.get(w.tierId) ?? 0) + 1;
        offset.set(w.tierId, n);
        return { id: newId(), competitionId: c.id, tierId: w.tierId, proposalId: w.proposalId, position: n, source: "rule" as const, deviationReason: null, createdBy: actor.userId, at };
      }),
    );
    await renumberWinners(trx, c.id);
    const keyOf = new Map(ctx.tiers.map((t) => [t.id, t.key]));
    const after = await listWinners(trx, c.id);
    const list = (ws: WinnerRow[]) => ws.map((w) => ({ tier: keyOf.get(w.tierId) ?? w.tierId, number: w.number, source: w.source }));
    await appendAudit(trx, audit(c, actor, "award.ruleApplied", "competition", c.id, { winners: list(before) }, { winners: list(after), problems: allocation.problems }));
    return { ok: true, count: allocation.winners.length, problems: allocation.problems };
  });
}

/**
 * A deviation: adds a submitted proposal of the edition to a tier by hand.
 * Refused when it already is a winner (move it instead). Side effects: a
 * winner row (source "manual" with the reason); audit "award.winnerAdded".
 */
export async function addWinner(db: DB, actor: Actor, competitionId: string, input: AddWinnerInput): Promise<AwardsResult> {
  return inTransaction(db, async (trx) => {
    const c = await manageable(trx, actor, competitionId);
    const tier = await findTier(trx, c.id, input.tierId);
    if (!tier) return { ok: false, errors: { tierId: "awards.errors.tier" } };
    const p = await findProposalByNumber(trx, c.id, input.number);
    if (!p || p.status !== "submitted") return { ok: false, errors: { number: "awards.errors.proposal" } };
    if (await findWinnerByProposal(trx, c.id, p.id)) return { ok: false, errors: { number: "awards.errors.alreadyWinner" } };
    if (tier.groupId && p.group_id !== tier.groupId) return { ok: false, errors: { number: "awards.errors.wrongGroup" } };
    const id = newId();
    const position = (await listWinners(trx, c.id)).filter((w) => w.tierId === tier.id).length + 1;
    await insertWinners(trx, [
      { id, competitionId: c.id, tierId: tier.id, proposalId: p.id, position, source: "manual", deviationReason: input.reason, createdBy: actor.userId, at: nowIso() },
    ]);
    await renumberWinners(trx, c.id);
    await appendAudit(trx, audit(c, actor, "award.winnerAdded", "winner", id, null, { tier: tier.key, number: p.number, reason: input.reason }));
    return { ok: true };
  });
}

/**
 * A deviation: moves a winner to another tier. Side effects: the winner's
 * tier, source "manual" and reason; audit "award.winnerMoved".
 */
export async function moveWinner(db: DB, actor: Actor, competitionId: string, input: MoveWinnerInput): Promise<AwardsResult> {
  return inTransaction(db, async (trx) => {
    const c = await manageable(trx, actor, competitionId);
    const w = await findWinner(trx, c.id, input.winnerId);
    if (!w) notFound();
    const [from, to] = await Promise.all([findTier(trx, c.id, w.tier_id), findTier(trx, c.id, input.tierId)]);
    if (!to) return { ok: false, errors: { tierId: "awards.errors.tier" } };
    if (to.id === w.tier_id) return { ok: false, errors: { tierId: "awards.errors.sameTier" } };
    const p = (await listProposalSummaries(trx, c.id, [w.proposal_id]))[0];
    const group = (await findProposalByNumber(trx, c.id, p.number))?.group_id;
    if (to.groupId && group !== to.groupId) return { ok: false, errors: { tierId: "awards.errors.wrongGroup" } };
    await moveWinnerToTier(trx, c.id, w.id, to.id, input.reason);
    // After the tier's own winners of equal rank; renumbering makes it 1..n.
    await setWinnerPosition(trx, c.id, w.id, 1_000_000);
    await renumberWinners(trx, c.id);
    await appendAudit(
      trx,
      audit(c, actor, "award.winnerMoved", "winner", w.id, { tier: from?.key ?? null, source: w.source }, { tier: to.key, number: p.number, reason: input.reason }),
    );
    return { ok: true };
  });
}

/** A deviation: removes a winner. Side effects: the winner row; audit "award.winnerRemoved" with the reason. */
export async function removeWinner(db: DB, actor: Actor, competitionId: string, input: RemoveWinnerInput): Promise<AwardsResult> {
  return inTransaction(db, async (trx) => {
    const c = await manageable(trx, actor, competitionId);
    const w = await findWinner(trx, c.id, input.winnerId);
    if (!w) notFound();
    const tier = await findTier(trx, c.id, w.tier_id);
    const p = (await listProposalSummaries(trx, c.id, [w.proposal_id]))[0];
    await deleteWinner(trx, c.id, w.id);
    await renumberWinners(trx, c.id);
    await appendAudit(
      trx,
      audit(c, actor, "award.winnerRemoved", "winner", w.id, { tier: tier?.key ?? null, number: p?.number ?? null, source: w.source }, { reason: input.reason }),
    );
    return { ok: true };
  });
}
