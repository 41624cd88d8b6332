/**
 * Automatic and manual jury assignment of a round (organizer side).
 *
 * The flow: previewAssignment builds the round's instance from the database
 * (eligible proposals, the available pool, active conflicts, the assignments
 * kept), runs the exact solver (app/domain/assignment) and stores the result
 * as a run (a preview) with a hash of its input; commitAssignment applies
 * exactly that preview, if nothing it depends on changed since. Repair is a
 * preview that replaces only the affected assignments (a withdrawn juror, a
 * conflict that appeared) and fills only the proposals they leave short.
 * Manual add / remove / swap warn (expertise, loads, availability) and need
 * a confirmation; a conflict is always refused.
 *
 * Every use case checks "jury.manage" on the round's competition (unknown →
 * 404, others → 403); each change is one transaction with one audit row.
 * See docs/assignment.md.
 */
import { createHash } from "node:crypto";
import type { DB } from "~/db.server";
import { solveAssignment, type Reason, type SolverInstance } from "~/domain/assignment";
import { automaticConflicts, type RegistryAgency } from "~/domain/conflicts";
import type { Actor } from "~/domain/roles";
import type { MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { newId } from "~/lib/ids.server";
import {
  activeConflictPairs,
  activeConflictsOnPair,
  categoryNames,
  deleteAssignments,
  dismissedSourcesOnPair,
  expertiseOfPool,
  findProposalByNumber,
  findRun,
  insertAssignments,
  insertRun,
  latestCommittedRun,
  latestRun,
  listEligibleProposals,
  listPoolJurors,
  listRoundAssignments,
  markRunCommitted,
  proposalLabels,
  registryAgencies,
  unavailableInPeriod,
  type CurrentAssignment,
  type EligibleProposal,
  type NewAssignment,
  type PoolJuror,
} from "~/models/assignments.server";
import { appendAudit } from "~/models/audit.server";
import { findRoundById, type RoundRow } from "~/models/rounds.server";
import type { ManualInput } from "~/schemas/rounds";
import { syncAutomaticConflicts } from "~/services/conflicts.server";
import { inTransaction, juryCompetitionById, juryCompetitionBySlug, roundOf, roundView, type CompetitionRow } from "./rounds.server";

export type PreviewMode = "keep" | "restart" | "repair";

// ---------------------------------------------------------------------------
// What a preview stores (assignment_runs.plan_json) and the page shows

export interface JurorLine {
  id: string;
  name: string;
  email: string;
  status: string;
  /** Active, but unavailable during the round: gets no new work. */
  unavailable: boolean;
  before: number;
  after: number;
  minLoad: number;
  maxLoad: number;
  /** Proposal numbers gained and lost. */
  added: string[];
  removed: string[];
}

/** A solver reason with indices resolved to proposal numbers, agency and juror names. */
export type ResolvedReason =
  | { kind: "too_few_eligible"; agency: string | null; proposals: string[]; eligible: number; needed: number }
  | { kind: "capacity"; capacity: number; needed: number }
  | { kind: "bottleneck"; proposals: string[]; agencies: { name: string; count: number }[]; jurors: string[]; capacity: number; needed: number }
  | { kind: "min_load_total"; minTotal: number; work: number }
  | { kind: "min_load_juror"; juror: string; minLoad: number; possible: number };

export interface PlanSummary {
  mode: PreviewMode;
  k: number;
  seed: number;
  diversityOn: boolean;
  /** Eligible proposals, available jurors, active jurors unavailable during the round. */
  proposals: number;
  pool: number;
  unavailable: number;
  complete: boolean;
  /** Proposals left with fewer than k jurors, with how many are missing (repair: only the ones it was to fill). */
  shortfall: { number: string; agency: string; missing: number }[];
  /** Over the round's eligible proposals after the change. */
  pairs: number;
  expertPairs: number;
  mismatches: number;
  uncategorisedPairs: number;
  proposalsWithExpert: number;
  /** Loads of the available jurors after the change. */
  load: { max: number; min: number; spread: number };
  diversity: number | null;
  diff: { added: number; removed: number; unchanged: number };
  jurors: JurorLine[];
  /** Kept assignments beyond k on a proposal or on proposals no longer eligible (left as they are, counted in loads). */
  outside: number;
  solverMs: number;
}

export interface Plan {
  /** [proposalId, jurorId, expertise match 1/0] */
  add: [string, string, number][];
  /** Assignment ids. */
  remove: string[];
  summary: PlanSummary;
  reasons: ResolvedReason[];
}

// ---------------------------------------------------------------------------
// Loading a round

interface RoundData {
  competition: CompetitionRow;
  round: RoundRow;
  proposals: EligibleProposal[];
  pool: PoolJuror[];
  expertise: Map<string, string[]>;
  unavailable: Map<string, { starts_at: string; ends_at: string; note: string }>;
  conflicts: { juror_id: string; proposal_id: string }[];
  current: CurrentAssignment[];
}

async function loadRoundData(db: DB, competition: CompetitionRow, round: RoundRow): Promise<RoundData> {
  const role = round.pool_role;
  const [proposals, pool, expertise, unavailable, conflicts, current] = await Promise.all([
    listEligibleProposals(db, round),
    listPoolJurors(db, competition.id, role),
    expertiseOfPool(db, competition.id, role),
    round.starts_at && round.ends_at
      ? unavailableInPeriod(db, competition.id, role, round.starts_at, round.ends_at)
      : Promise.resolve(new Map<string, { starts_at: string; ends_at: string; note: string }>()),
    activeConflictPairs(db, competition.id, role),
    listRoundAssignments(db, round.id),
  ]);
  return { competition, round, proposals, pool, expertise, unavailable, conflicts, current };
}

const pairKey = (jurorId: string, proposalId: string) => `${jurorId}|${proposalId}`;

/**
 * Assignments that must go: the juror is no longer an active juror of the
 * round's pool, or the pair is in an active conflict. They are what repair
 * replaces (and keep mode drops).
 */
function affectedIds(data: RoundData): Set<string> {
  const active = new Set(data.pool.filter((j) => j.status === "active").map((j) => j.id));
  const conflicted = new Set(data.conflicts.map((c) => pairKey(c.juror_id, c.proposal_id)));
  const out = new Set<string>();
  for (const a of data.current) {
    if (!active.has(a.juror_id) || conflicted.has(pairKey(a.juror_id, a.proposal_id))) out.add(a.id);
  }
  return out;
}

/** A university or other body typed by hand, compared loosely ("Universitas  Tanjungpura" = "universitas tanjungpura"). */
function normaliseOther(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** Dense indices in sorted order of the keys, so the same data always gives the same instance. */
function indexer(keys: Iterable<string>): Map<string, number> {
  return new Map([...new Set(keys)].sort().map((k, i) => [k, i]));
}

interface BuiltInstance {
  instance: SolverInstance;
  hash: string;
  proposals: EligibleProposal[];
  /** Jurors of the instance, index j. */
  jurors: PoolJuror[];
  /** Index j is an active juror unavailable during the round, in only to keep their assignments. */
  fixed: boolean[];
  remove: CurrentAssignment[];
  kept: CurrentAssignment[];
  /** Proposal indices repair leaves alone (not touched by an affected assignment). */
  frozen: Set<number>;
  /** Kept pairs counted toward k per proposal index. */
  keptPerProposal: number[];
  outside: number;
}

/**
 * The solver's instance for a round and a mode, with the bookkeeping to map
 * the result back. Indices: proposals by number, jurors by name then id;
 * categories, agencies, affiliations and regions by sorted id/code.
 *
 * - restart: every current assignment goes; nothing is kept.
 * - keep: affected assignments go; every other is kept (counted toward k and
 *   the juror's load) and every proposal short of k jurors is filled.
 * - repair: as keep, but only the proposals that lose an affected assignment
 *   are filled; the others are frozen (they can get no new juror).
 *
 * Kept assignments on proposals no longer eligible stay untouched and count
 * against the juror's caps (their min and max load are lowered by them).
 * A kept juror who is unavailable during the round is in the instance with
 * max load = their kept pairs, so they keep them and get nothing new.
 */
function buildInstance(data: RoundData, mode: PreviewMode): BuiltInstance {
  const k = Number(data.round.k);
  const affected = affectedIds(data);
  const remove = mode === "restart" ? data.current : data.current.filter((a) => affected.has(a.id));
  const removeSet = new Set(remove.map((a) => a.id));
  const keptAll = data.current.filter((a) => !removeSet.has(a.id));

  const proposalIndex = new Map(data.proposals.map((p, i) => [p.id, i]));
  const available = data.pool.filter((j) => j.status === "active" && !data.unavailable.has(j.id));
  const availableSet = new Set(available.map((j) => j.id));

  // Kept pairs inside the instance (at most k per proposal; extras count as outside load).
  const keptInside: CurrentAssignment[] = [];
  const outsideLoad = new Map<string, number>();
  const keptPerProposal = new Array<number>(data.proposals.length).fill(0);
  for (const a of [...keptAll].sort((x, y) => (x.id < y.id ? -1 : 1))) {
    const p = proposalIndex.get(a.proposal_id);
    if (p === undefined || keptPerProposal[p] >= k) {
      outsideLoad.set(a.juror_id, (outsideLoad.get(a.juror_id) ?? 0) + 1);
      continue;
    }
    keptPerProposal[p]++;
    keptInside.push(a);
  }
  const insideLoad = new Map<string, number>();
  for (const a of keptInside) insideLoad.set(a.juror_id, (insideLoad.get(a.juror_id) ?? 0) + 1);

  // Jurors: the available pool, plus active-but-unavailable jurors who keep pairs.
  const jurors = data.pool.filter((j) => availableSet.has(j.id) || insideLoad.has(j.id));
  const jurorIndex = new Map(jurors.map((j, i) => [j.id, i]));
  const fixed = jurors.map((j) => !availableSet.has(j.id));

  const categoryIdx = indexer([...data.proposals.map((p) => p.category_id), ...jurors.flatMap((j) => data.expertise.get(j.id) ?? [])].filter((c): c is string => c !== null));
  const agencyIdx = indexer(data.proposals.map((p) => p.agency_id));
  const affiliationKey = (j: PoolJuror) =>
    j.affiliation_agency_id ? `a:${j.affiliation_agency_id}` : normaliseOther(j.affiliation_other) ? `o:${normaliseOther(j.affiliation_other)}` : null;
  const affiliationIdx = indexer(jurors.map(affiliationKey).filter((x): x is string => x !== null));
  const regionIdx = indexer(
    [...data.proposals.map((p) => p.province_code), ...jurors.map((j) => j.affiliation_province)].filter((x): x is string => !!x),
  );

  const proposals = data.proposals.map((p) => ({
    category: p.category_id === null ? null : (categoryIdx.get(p.category_id) ?? null),
    agency: agencyIdx.get(p.agency_id) ?? null,
    region: p.province_code ? (regionIdx.get(p.province_code) ?? null) : null,
  }));
  const solverJurors = jurors.map((j, i) => {
    const inside = insideLoad.get(j.id) ?? 0;
    const outside = outsideLoad.get(j.id) ?? 0;
    const maxLoad = fixed[i] ? inside : Math.max(inside, j.max_load - outside);
    const minLoad = fixed[i] ? 0 : Math.min(maxLoad, Math.max(0, j.min_load - outside));
    const aff = affiliationKey(j);
    return {
      expertise: (data.expertise.get(j.id) ?? []).map((c) => categoryIdx.get(c)!).sort((a, b) => a - b),
      minLoad,
      maxLoad,
      affiliation: aff === null ? null : affiliationIdx.get(aff)!,
      region: j.affiliation_province ? (regionIdx.get(j.affiliation_province) ?? null) : null,
    };
  });

  // Repair fills only the proposals that lost an affected assignment.
  const frozen = new Set<number>();
  if (mode === "repair") {
    const touched = new Set(remove.map((a) => proposalIndex.get(a.proposal_id)).filter((p): p is number => p !== undefined));
    for (let p = 0; p < data.proposals.length; p++) if (!touched.has(p)) frozen.add(p);
  }

  const conflictSet = new Set<string>();
  const conflicts: number[] = [];
  const addConflict = (p: number, j: number) => {
    const key = `${p}:${j}`;
    if (conflictSet.has(key)) return;
    conflictSet.add(key);
    conflicts.push(p, j);
  };
  for (const c of data.conflicts) {
    const p = proposalIndex.get(c.proposal_id);
    const j = jurorIndex.get(c.juror_id);
    if (p !== undefined && j !== undefined) addConflict(p, j);
  }
  const existing: number[] = [];
  const keptPairs = new Set<string>();
  for (const a of keptInside) {
    const p = proposalIndex.get(a.proposal_id)!;
    const j = jurorIndex.get(a.juror_id)!;
    existing.push(p, j);
    keptPairs.add(`${p}:${j}`);
  }
  // A frozen proposal short of jurors can take no one new: block every juror not already on it.
  for (const p of frozen) {
    if (keptPerProposal[p] >= k) continue;
    for (let j = 0; j < jurors.length; j++) if (!keptPairs.has(`${p}:${j}`)) addConflict(p, j);
  }
  // Sorted flat pairs, so the hash does not depend on query order.
  const sortPairs = (flat: number[]) => {
    const list: [number, number][] = [];
    for (let i = 0; i < flat.length; i += 2) list.push([flat[i], flat[i + 1]]);
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return list.flat();
  };

  const instance: SolverInstance = {
    k,
    proposals,
    jurors: solverJurors,
    conflicts: sortPairs(conflicts),
    existing: sortPairs(existing),
    seed: Number(data.round.assignment_seed),
    diversity: Number(data.round.spread_affiliations) === 1,
  };
  const hash = createHash("sha256")
    .update(
      JSON.stringify({
        mode,
        proposalIds: data.proposals.map((p) => p.id),
        jurorIds: jurors.map((j) => j.id),
        instance,
        remove: remove.map((a) => a.id).sort(),
        kept: keptAll.map((a) => a.id).sort(),
      }),
    )
    .digest("hex");
  return {
    instance,
    hash,
    proposals: data.proposals,
    jurors,
    fixed,
    remove,
    kept: keptAll,
    frozen,
    keptPerProposal,
    outside: keptAll.length - keptInside.length,
  };
}

// ---------------------------------------------------------------------------
// Turning a solver result into a plan

function groupByAgency(indices: number[], proposals: EligibleProposal[]): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const p of indices) counts.set(proposals[p].agency_name, (counts.get(proposals[p].agency_name) ?? 0) + 1);
  return [...counts.entries()].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/**
 * Reasons in words: proposal numbers and agency names, per-proposal shortages
 * regrouped by agency (and their count of eligible jurors), frozen proposals
 * of a repair left out.
 */
function resolveReasons(reasons: Reason[], built: BuiltInstance): ResolvedReason[] {
  const { proposals, jurors, frozen } = built;
  const k = built.instance.k;
  const live = (ps: number[]) => ps.filter((p) => !frozen.has(p));
  const frozenNeed = [...frozen].reduce((s, p) => s + Math.max(0, k - built.keptPerProposal[p]), 0);
  const out: ResolvedReason[] = [];
  const shortages = new Map<string, { agency: string | null; eligible: number; needed: number; proposals: number[] }>();
  for (const r of reasons) {
    switch (r.kind) {
      case "too_few_eligible": {
        for (const p of live(r.proposals)) {
          const agency = proposals[p].agency_name;
          const key = `${agency}|${r.eligible}|${r.needed}`;
          const g = shortages.get(key) ?? { agency, eligible: r.eligible, needed: r.needed, proposals: [] };
          g.proposals.push(p);
          shortages.set(key, g);
        }
        break;
      }
      case "capacity": {
        const needed = r.needed - frozenNeed;
        if (r.capacity < needed) out.push({ kind: "capacity", capacity: r.capacity, needed });
        break;
      }
      case "bottleneck": {
        const ps = live(r.proposals);
        if (ps.length === 0) break;
        out.push({
          kind: "bottleneck",
          proposals: ps.map((p) => proposals[p].number),
          agencies: groupByAgency(ps, proposals),
          jurors: r.jurors.map((j) => jurors[j].name),
          capacity: r.capacity,
          needed: r.needed,
        });
        break;
      }
      case "min_load_total":
        out.push({ kind: "min_load_total", minTotal: r.minTotal, work: r.work });
        break;
      case "min_load_juror":
        out.push({ kind: "min_load_juror", juror: jurors[r.juror].name, minLoad: r.minLoad, possible: r.possible });
        break;
    }
  }
  const grouped = [...shortages.values()]
    .sort((a, b) => b.proposals.length - a.proposals.length || (a.agency ?? "").localeCompare(b.agency ?? ""))
    .map((g) => ({
      kind: "too_few_eligible" as const,
      agency: g.agency,
      proposals: g.proposals.map((p) => proposals[p].number),
      eligible: g.eligible,
      needed: g.needed,
    }));
  return [...grouped, ...out];
}

/** `otherNumbers`: numbers of proposals no longer eligible whose assignments are removed. */
function makePlan(data: RoundData, built: BuiltInstance, mode: PreviewMode, otherNumbers: Map<string, string>): Plan {
  const result = solveAssignment(built.instance);
  const { proposals, jurors, instance } = built;
  const numberOf = new Map(data.proposals.map((p) => [p.id, p.number]));
  const categoryOf = new Map(data.proposals.map((p) => [p.id, p.category_id]));
  const expertiseOf = (jurorId: string) => new Set(data.expertise.get(jurorId) ?? []);

  const solved: [string, string, number][] = [];
  for (let i = 0; i < result.pairs.length; i += 2) {
    const p = proposals[result.pairs[i]];
    const j = jurors[result.pairs[i + 1]];
    const match = p.category_id === null || expertiseOf(j.id).has(p.category_id) ? 1 : 0;
    solved.push([p.id, j.id, match]);
  }
  // The plan is the net change: a pair that a restart removes and assigns again is left as it is
  // (with its scoring progress), so the diff shows what really changes.
  const removedByPair = new Map(built.remove.map((a) => [pairKey(a.juror_id, a.proposal_id), a]));
  const again = new Set(solved.map(([p, j]) => pairKey(j, p)).filter((k) => removedByPair.has(k)));
  const add = solved.filter(([p, j]) => !again.has(pairKey(j, p)));
  const remove = built.remove.filter((a) => !again.has(pairKey(a.juror_id, a.proposal_id)));

  // Final pairs over the eligible proposals: kept inside + new.
  const finalPairs: [string, string][] = [];
  for (let i = 0; i < instance.existing.length; i += 2) {
    finalPairs.push([proposals[instance.existing[i]].id, jurors[instance.existing[i + 1]].id]);
  }
  for (const [p, j] of solved) finalPairs.push([p, j]);
  let expertPairs = 0;
  let mismatches = 0;
  let uncategorisedPairs = 0;
  const withExpert = new Set<string>();
  for (const [p, j] of finalPairs) {
    const cat = categoryOf.get(p) ?? null;
    if (cat === null) uncategorisedPairs++;
    else if (expertiseOf(j).has(cat)) {
      expertPairs++;
      withExpert.add(p);
    } else mismatches++;
  }

  // Loads per juror: before = current assignments of the round; after = before − removed + added.
  const before = new Map<string, number>();
  for (const a of data.current) before.set(a.juror_id, (before.get(a.juror_id) ?? 0) + 1);
  const addedBy = new Map<string, string[]>();
  for (const [p, j] of add) addedBy.set(j, [...(addedBy.get(j) ?? []), numberOf.get(p) ?? p]);
  const removedBy = new Map<string, string[]>();
  for (const a of remove) {
    const n = numberOf.get(a.proposal_id) ?? otherNumbers.get(a.proposal_id) ?? a.proposal_id;
    removedBy.set(a.juror_id, [...(removedBy.get(a.juror_id) ?? []), n]);
  }
  const available = new Set(jurors.filter((_, i) => !built.fixed[i]).map((j) => j.id));
  const lines: JurorLine[] = data.pool
    .filter((j) => available.has(j.id) || before.has(j.id) || addedBy.has(j.id))
    .map((j) => {
      const b = before.get(j.id) ?? 0;
      const added = (addedBy.get(j.id) ?? []).sort();
      const removed = (removedBy.get(j.id) ?? []).sort();
      return {
        id: j.id,
        name: j.name,
        email: j.email,
        status: j.status,
        unavailable: j.status === "active" && data.unavailable.has(j.id),
        before: b,
        after: b - removed.length + added.length,
        minLoad: j.min_load,
        maxLoad: j.max_load,
        added,
        removed,
      };
    });
  const availableLoads = lines.filter((l) => available.has(l.id)).map((l) => l.after);
  const maxLoad = availableLoads.length ? Math.max(...availableLoads) : 0;
  const minLoad = availableLoads.length ? Math.min(...availableLoads) : 0;

  const shortfall = result.shortfall
    .filter((s) => !built.frozen.has(s.proposal))
    .map((s) => ({ number: proposals[s.proposal].number, agency: proposals[s.proposal].agency_name, missing: s.missing }));
  const summary: PlanSummary = {
    mode,
    k: instance.k,
    seed: instance.seed ?? 1,
    diversityOn: Boolean(instance.diversity),
    proposals: proposals.length,
    pool: available.size,
    unavailable: data.pool.filter((j) => j.status === "active" && data.unavailable.has(j.id)).length,
    complete: shortfall.length === 0,
    shortfall,
    pairs: finalPairs.length,
    expertPairs,
    mismatches,
    uncategorisedPairs,
    proposalsWithExpert: withExpert.size,
    load: { max: maxLoad, min: minLoad, spread: maxLoad - minLoad },
    diversity: instance.diversity ? result.objective.diversity : null,
    diff: { added: add.length, removed: remove.length, unchanged: data.current.length - remove.length },
    jurors: lines,
    outside: built.outside,
    solverMs: Math.round(result.stats.ms),
  };
  return { add, remove: remove.map((a) => a.id).sort(), summary, reasons: resolveReasons(result.reasons, built) };
}

// ---------------------------------------------------------------------------
// Use cases

async function roundForManager(db: DB, actor: Actor, roundId: string) {
  const round = await findRoundById(db, roundId);
  if (!round) notFound();
  const competition = await juryCompetitionById(db, actor, round.competition_id);
  return { competition, round };
}

export type PreviewResult = { ok: true; runId: string; plan: Plan };

/**
 * Runs the solver for a round and keeps the result as a preview. First brings
 * the automatic conflicts up to date (syncAutomaticConflicts, its own audit
 * row). Side effects: conflicts (through the sync), one assignment_runs row
 * (kind preview, or repair-preview for mode repair) with the plan and the
 * input hash. No assignment changes, so no audit row of its own.
 */
export async function previewAssignment(
  db: DB,
  actor: Actor,
  roundId: string,
  opts: { mode: PreviewMode },
  now = new Date(),
): Promise<PreviewResult> {
  const { competition } = await roundForManager(db, actor, roundId);
  await syncAutomaticConflicts(db, actor, competition.id, now);
  return inTransaction(db, async (trx) => {
    const { competition: c, round } = await roundForManager(trx, actor, roundId);
    const data = await loadRoundData(trx, c, round);
    const built = buildInstance(data, opts.mode);
    const eligible = new Set(data.proposals.map((p) => p.id));
    const others = await proposalLabels(trx, c.id, [...new Set(built.remove.map((a) => a.proposal_id).filter((id) => !eligible.has(id)))]);
    const plan = makePlan(data, built, opts.mode, new Map([...others].map(([id, l]) => [id, l.number])));
    const runId = newId();
    // Runs are ordered by created_at: keep it strictly increasing so "the latest" is never a tie.
    const last = await latestRun(trx, round.id);
    const createdAt = last && last.created_at >= now.toISOString() ? new Date(Date.parse(last.created_at) + 1) : now;
    await insertRun(trx, {
      id: runId,
      roundId: round.id,
      kind: opts.mode === "repair" ? "repair-preview" : "preview",
      mode: opts.mode,
      seed: Number(round.assignment_seed),
      inputHash: built.hash,
      planJson: JSON.stringify(plan),
      createdBy: actor.userId,
      createdAt: createdAt.toISOString(),
    });
    return { ok: true as const, runId, plan };
  });
}

export type CommitResult =
  | { ok: true; added: number; removed: number; roundId: string }
  | { ok: false; errors: FieldErrors };

/**
 * Applies a preview: only the latest run of its round, not committed yet, and
 * only if the round's input is still what the preview saw (same hash), else
 * "preview again". Side effects, in one transaction: the removed assignments
 * deleted, the added ones inserted (source auto, run_id, expertise_match),
 * the run marked committed, one audit row "assignment.committed" with the
 * counts and the run id.
 */
export async function commitAssignment(
  db: DB,
  actor: Actor,
  runId: string,
  now = new Date(),
  opts: { confirmScores?: boolean } = {},
): Promise<CommitResult> {
  return inTransaction(db, async (trx) => {
    const run = await findRun(trx, runId);
    if (!run) notFound();
    const { competition, round } = await roundForManager(trx, actor, run.round_id);
    const refuse = (key: MessageKey) => ({ ok: false as const, errors: { _form: key } as FieldErrors });
    if (run.committed_at) return refuse("assignment.errors.alreadyCommitted");
    const latest = await latestRun(trx, round.id);
    if (!latest || latest.id !== run.id) return refuse("assignment.errors.notLatest");
    const data = await loadRoundData(trx, competition, round);
    const built = buildInstance(data, run.mode);
    if (built.hash !== run.input_hash) return refuse("assignment.errors.stale");
    const plan = JSON.parse(run.plan_json) as Plan;
    // Removing an assignment deletes its score sheet: only when the organizer says so.
    const scoredRemoved = await countScoredAssignments(trx, plan.remove);
    if (scoredRemoved > 0 && !opts.confirmScores) {
      return { ok: false as const, errors: { confirmScores: "assignment.errors.confirmScores" } as FieldErrors };
    }
    if (!(await markRunCommitted(trx, run.id, now.toISOString()))) return refuse("assignment.errors.alreadyCommitted");

    const removed = await deleteAssignments(trx, round.id, plan.remove);
    const at = now.toISOString();
    const rows: NewAssignment[] = plan.add.map(([proposalId, jurorId, match]) => ({
      id: newId(),
      roundId: round.id,
      jurorId,
      proposalId,
      source: "auto",
      expertiseMatch: match === 1,
      runId: run.id,
      createdBy: actor.userId,
      createdAt: at,
    }));
    await insertAssignments(trx, rows);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "assignment.committed",
      entityType: "round",
      entityId: round.id,
      organizerId: competition.organizer_id,
      competitionId: competition.id,
      before: { assignments: data.current.length },
      after: {
        runId: run.id,
        mode: run.mode,
        added: rows.length,
        removed,
        assignments: data.current.length - removed + rows.length,
        complete: plan.summary.complete,
        mismatches: plan.summary.mismatches,
        scoreSheetsDeleted: scoredRemoved,
      },
    });
    return { ok: true as const, added: rows.length, removed, roundId: round.id };
  });
}

/** How many of these assignments already have a score sheet (draft or submitted): removing them deletes it. */
async function countScoredAssignments(db: DB, assignmentIds: string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < assignmentIds.length; i += 400) {
    const row = await db
      .selectFrom("score_sheets")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("assignment_id", "in", assignmentIds.slice(i, i + 400))
      .executeTakeFirstOrThrow();
    n += Number(row.n);
  }
  return n;
}

// ---------------------------------------------------------------------------
// The round page

/** Everything the round page shows: facts, counts, the latest preview and whether it is still current. */
export async function getRoundPage(db: DB, actor: Actor, slug: string, roundId: string) {
  const competition = await juryCompetitionBySlug(db, actor, slug);
  const round = await roundOf(db, competition.id, roundId);
  const data = await loadRoundData(db, competition, round);
  const k = Number(round.k);
  const affected = affectedIds(data);
  const eligible = new Set(data.proposals.map((p) => p.id));
  const valid = new Map<string, number>();
  for (const a of data.current) {
    if (!affected.has(a.id) && eligible.has(a.proposal_id)) valid.set(a.proposal_id, (valid.get(a.proposal_id) ?? 0) + 1);
  }
  const underK = data.proposals.filter((p) => (valid.get(p.id) ?? 0) < k).length;
  const active = data.pool.filter((j) => j.status === "active");
  const unavailable = active
    .filter((j) => data.unavailable.has(j.id))
    .map((j) => ({ id: j.id, name: j.name, startsAt: data.unavailable.get(j.id)!.starts_at, endsAt: data.unavailable.get(j.id)!.ends_at }));
  const nameOf = new Map(data.pool.map((j) => [j.id, j.name]));
  const numberOf = new Map(data.proposals.map((p) => [p.id, p.number]));
  const affectedList = data.current
    .filter((a) => affected.has(a.id))
    .map((a) => ({ id: a.id, juror: nameOf.get(a.juror_id) ?? a.juror_id, proposal: numberOf.get(a.proposal_id) ?? null }))
    .sort((a, b) => a.juror.localeCompare(b.juror) || (a.proposal ?? "").localeCompare(b.proposal ?? ""));

  const [run, committed] = await Promise.all([latestRun(db, round.id), latestCommittedRun(db, round.id)]);
  let preview: null | {
    id: string;
    mode: PreviewMode;
    createdAt: string;
    committedAt: string | null;
    stale: boolean;
    summary: PlanSummary;
    reasons: ResolvedReason[];
    /** Assignments the plan removes that already have a score sheet (deleted with them on commit). */
    scoredRemoved: number;
  } = null;
  if (run) {
    const plan = JSON.parse(run.plan_json) as Plan;
    preview = {
      scoredRemoved: run.committed_at ? 0 : await countScoredAssignments(db, plan.remove),
      id: run.id,
      mode: run.mode,
      createdAt: run.created_at,
      committedAt: run.committed_at,
      stale: run.committed_at ? false : buildInstance(data, run.mode).hash !== run.input_hash,
      summary: plan.summary,
      reasons: plan.reasons,
    };
  }
  return {
    competition: { id: competition.id, slug: competition.slug, name: competition.name },
    round: roundView(round),
    counts: {
      eligible: data.proposals.length,
      pool: active.length - unavailable.length,
      unavailable: unavailable.length,
      assignments: data.current.length,
      affected: affected.size,
      underK,
    },
    unavailable,
    affected: affectedList,
    preview,
    lastCommit: committed ? { id: committed.id, mode: committed.mode, at: committed.committed_at as string } : null,
  };
}

// ---------------------------------------------------------------------------
// Manual changes

export type ManualWarningCode = "notExpert" | "overMax" | "belowMin" | "unavailable" | "full" | "belowK" | "started";

export interface ManualWarning {
  code: ManualWarningCode;
  params: Record<string, string | number>;
}

/** A manual change as parsed by ManualSchema; `acknowledged` = the warning codes shown with the confirmation box. */
export type ManualChangeInput = (
  | Omit<Extract<ManualInput, { op: "add" }>, "confirm">
  | Omit<Extract<ManualInput, { op: "remove" }>, "confirm">
  | Omit<Extract<ManualInput, { op: "swap" }>, "confirm">
) & { confirm?: boolean; acknowledged?: string[] };

export type ManualResult =
  | { ok: true; op: "add" | "remove" | "swap" }
  | { ok: false; errors: FieldErrors; warnings?: undefined }
  | { ok: false; errors?: undefined; warnings: ManualWarning[] };

/** The manual page: the round, its pool (for the selects) and, when asked, one proposal's jurors. */
export async function getManualPage(db: DB, actor: Actor, slug: string, roundId: string, proposalNumber: string | null) {
  const competition = await juryCompetitionBySlug(db, actor, slug);
  const round = await roundOf(db, competition.id, roundId);
  const all = await listPoolJurors(db, competition.id, round.pool_role);
  const loads = new Map<string, number>();
  const current = await listRoundAssignments(db, round.id);
  for (const a of current) loads.set(a.juror_id, (loads.get(a.juror_id) ?? 0) + 1);
  let proposal: null | { number: string; title: string; agency: string; jurors: { id: string; name: string; source: string; match: boolean }[] } = null;
  let proposalMissing = false;
  if (proposalNumber) {
    const p = await findProposalByNumber(db, competition.id, proposalNumber);
    if (!p) proposalMissing = true;
    else {
      const names = new Map(all.map((j) => [j.id, j.name]));
      proposal = {
        number: p.number,
        title: p.title,
        agency: p.agency_name,
        jurors: current
          .filter((a) => a.proposal_id === p.id)
          .map((a) => ({ id: a.juror_id, name: names.get(a.juror_id) ?? a.juror_id, source: a.source, match: a.expertise_match === 1 }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      };
    }
  }
  const pool = all.filter((j) => j.status === "active");
  // Jurors no longer active who still hold assignments here: they can be removed or swapped out.
  const former = all.filter((j) => j.status !== "active" && (loads.get(j.id) ?? 0) > 0);
  return {
    competition: { id: competition.id, slug: competition.slug, name: competition.name },
    round: roundView(round),
    pool: pool.map((j) => ({ id: j.id, name: j.name, email: j.email, load: loads.get(j.id) ?? 0, maxLoad: j.max_load })),
    former: former.map((j) => ({ id: j.id, name: j.name, status: j.status, load: loads.get(j.id) ?? 0 })),
    proposal,
    proposalMissing,
  };
}

interface PairContext {
  competition: CompetitionRow;
  round: RoundRow;
  proposal: NonNullable<Awaited<ReturnType<typeof findProposalByNumber>>>;
  current: CurrentAssignment[];
  pool: Map<string, PoolJuror>;
  categories: Map<string, { id: string; en: string }>;
}

/** Why a juror may not judge a proposal at all: a stored active conflict, or one the automatic rules give now. */
async function conflictOn(db: DB, ctx: PairContext, juror: PoolJuror): Promise<string | null> {
  const stored = await activeConflictsOnPair(db, ctx.competition.id, juror.id, ctx.proposal.id);
  if (stored.length > 0) return stored[0].source;
  // The rules may give a conflict the last check has not stored yet (a new juror, a changed affiliation).
  if (!juror.affiliation_agency_id) return null;
  const agencies = await registryAgencies(db, [juror.affiliation_agency_id, ctx.proposal.agency_id]);
  const asRule = (id: string): RegistryAgency | undefined => {
    const a = agencies.get(id);
    return a ? { id: a.id, name: a.name, cluster: a.cluster, provinceCode: a.province_code, regencyCode: a.regency_code, parentId: a.parent_id } : undefined;
  };
  const j = asRule(juror.affiliation_agency_id);
  const p = asRule(ctx.proposal.agency_id);
  if (!j || !p) return null;
  const found = automaticConflicts(j, p, { sameRegion: Number(ctx.competition.conflict_same_region) === 1 }, asRule);
  if (found.length === 0) return null;
  const dismissed = new Set(await dismissedSourcesOnPair(db, ctx.competition.id, juror.id, ctx.proposal.id));
  const live = found.filter((c) => !dismissed.has(c.source));
  return live.length > 0 ? live[0].source : null;
}

function loadOf(ctx: PairContext, jurorId: string): number {
  return ctx.current.filter((a) => a.juror_id === jurorId).length;
}

/** Warnings for giving `juror` the proposal (refusals come back as field errors instead). */
async function gainChecks(
  db: DB,
  ctx: PairContext,
  juror: PoolJuror,
  opts: { countsToward: boolean },
): Promise<{ error?: MessageKey; warnings: ManualWarning[]; match: boolean }> {
  if (ctx.current.some((a) => a.juror_id === juror.id && a.proposal_id === ctx.proposal.id)) {
    return { error: "assignment.manual.refuse.already", warnings: [], match: false };
  }
  const conflict = await conflictOn(db, ctx, juror);
  if (conflict) return { error: "assignment.manual.refuse.conflict", warnings: [], match: false };
  const warnings: ManualWarning[] = [];
  const expertise = await db.selectFrom("juror_expertise").select("category_id").where("juror_id", "=", juror.id).execute();
  const cat = ctx.proposal.category_id;
  const match = cat === null || expertise.some((e) => e.category_id === cat);
  if (!match) {
    const names = ctx.categories.get(cat as string);
    warnings.push({ code: "notExpert", params: { juror: juror.name, categoryId: names?.id ?? "", categoryEn: names?.en ?? "" } });
  }
  const load = loadOf(ctx, juror.id);
  if (load + 1 > juror.max_load) warnings.push({ code: "overMax", params: { juror: juror.name, load: load + 1, max: juror.max_load } });
  if (ctx.round.starts_at && ctx.round.ends_at) {
    const away = await unavailableInPeriod(db, ctx.competition.id, ctx.round.pool_role, ctx.round.starts_at, ctx.round.ends_at);
    const period = away.get(juror.id);
    if (period) warnings.push({ code: "unavailable", params: { juror: juror.name, from: period.starts_at, to: period.ends_at } });
  }
  if (opts.countsToward) {
    const onIt = ctx.current.filter((a) => a.proposal_id === ctx.proposal.id).length;
    if (onIt + 1 > Number(ctx.round.k)) warnings.push({ code: "full", params: { count: onIt + 1, k: Number(ctx.round.k) } });
  }
  return { warnings, match };
}

/** Warnings for taking the proposal away from the juror of `assignment`. */
function loseChecks(ctx: PairContext, juror: PoolJuror | undefined, assignment: CurrentAssignment, opts: { countsToward: boolean }): ManualWarning[] {
  const warnings: ManualWarning[] = [];
  const name = juror?.name ?? assignment.juror_id;
  if (juror && juror.status === "active") {
    const load = loadOf(ctx, assignment.juror_id);
    if (load - 1 < juror.min_load) warnings.push({ code: "belowMin", params: { juror: name, load: load - 1, min: juror.min_load } });
  }
  if (assignment.opened_at || assignment.completed_at) warnings.push({ code: "started", params: { juror: name } });
  if (opts.countsToward) {
    const onIt = ctx.current.filter((a) => a.proposal_id === ctx.proposal.id).length;
    if (onIt - 1 < Number(ctx.round.k)) warnings.push({ code: "belowK", params: { count: onIt - 1, k: Number(ctx.round.k) } });
  }
  return warnings;
}

/** Whether the proposal takes part in the round (eligible). */
async function isEligible(db: DB, round: RoundRow, proposalId: string): Promise<boolean> {
  const list = await listEligibleProposals(db, round);
  return list.some((p) => p.id === proposalId);
}

/**
 * Manual add, remove or swap on one proposal of a round. Refused (at the
 * field): an unknown or ineligible proposal, a juror not active in the
 * round's pool, a conflicted pair, a juror already on the proposal, removing
 * a juror who is not on it. Warned (needs `confirm`, and every warning must
 * be among `acknowledged`, the ones shown): not an expert, over the max load,
 * the juror losing it falls below their min load, unavailable during the
 * round, the proposal above or below k jurors, scoring already started.
 * Side effects: the assignment row(s) (source manual, expertise_match), one
 * audit row assignment.added / assignment.removed / assignment.swapped.
 */
export async function manualChange(
  db: DB,
  actor: Actor,
  roundId: string,
  input: ManualChangeInput,
  now = new Date(),
): Promise<ManualResult> {
  return inTransaction(db, async (trx) => {
    const { competition, round } = await roundForManager(trx, actor, roundId);
    const refuse = (field: string, key: MessageKey): ManualResult => ({ ok: false, errors: { [field]: key } });
    const proposal = await findProposalByNumber(trx, competition.id, input.proposalNumber);
    if (!proposal) return refuse("proposalNumber", "assignment.errors.proposalUnknown");
    if (!(await isEligible(trx, round, proposal.id))) return refuse("proposalNumber", "assignment.errors.proposalNotEligible");
    const poolList = await listPoolJurors(trx, competition.id, round.pool_role);
    const ctx: PairContext = {
      competition,
      round,
      proposal,
      current: await listRoundAssignments(trx, round.id),
      pool: new Map(poolList.map((j) => [j.id, j])),
      categories: await categoryNames(trx, competition.id),
    };
    const activeJuror = (id: string) => {
      const j = ctx.pool.get(id);
      return j && j.status === "active" ? j : undefined;
    };
    const warnings: ManualWarning[] = [];
    const at = now.toISOString();
    const auditBase = {
      actorUserId: actor.userId,
      entityType: "assignment",
      organizerId: competition.organizer_id,
      competitionId: competition.id,
    };
    const confirmed = (ws: ManualWarning[]) => {
      if (ws.length === 0) return true;
      if (!input.confirm) return false;
      const shown = new Set(input.acknowledged ?? []);
      return ws.every((w) => shown.has(w.code));
    };

    if (input.op === "add") {
      const juror = activeJuror(input.jurorId);
      if (!juror) return refuse("jurorId", "assignment.errors.jurorNotInPool");
      const gain = await gainChecks(trx, ctx, juror, { countsToward: true });
      if (gain.error) return refuse("jurorId", gain.error);
      warnings.push(...gain.warnings);
      if (!confirmed(warnings)) return { ok: false, warnings };
      const id = newId();
      await insertAssignments(trx, [
        { id, roundId: round.id, jurorId: juror.id, proposalId: proposal.id, source: "manual", expertiseMatch: gain.match, runId: null, createdBy: actor.userId, createdAt: at },
      ]);
      await appendAudit(trx, {
        ...auditBase,
        action: "assignment.added",
        entityId: id,
        after: { roundId: round.id, proposal: proposal.number, juror: juror.email, expertiseMatch: gain.match, warnings: warnings.map((w) => w.code) },
      });
      return { ok: true, op: "add" };
    }

    const assignment = ctx.current.find((a) => a.juror_id === input.jurorId && a.proposal_id === proposal.id);
    if (!assignment) return refuse("jurorId", "assignment.manual.refuse.notAssigned");
    const losing = ctx.pool.get(assignment.juror_id);

    if (input.op === "remove") {
      warnings.push(...loseChecks(ctx, losing, assignment, { countsToward: true }));
      if (!confirmed(warnings)) return { ok: false, warnings };
      await deleteAssignments(trx, round.id, [assignment.id]);
      await appendAudit(trx, {
        ...auditBase,
        action: "assignment.removed",
        entityId: assignment.id,
        before: { roundId: round.id, proposal: proposal.number, juror: losing?.email ?? assignment.juror_id, source: assignment.source },
        after: { warnings: warnings.map((w) => w.code) },
      });
      return { ok: true, op: "remove" };
    }

    // swap
    if (input.newJurorId === input.jurorId) return refuse("newJurorId", "assignment.manual.refuse.same");
    const juror = activeJuror(input.newJurorId);
    if (!juror) return refuse("newJurorId", "assignment.errors.jurorNotInPool");
    const gain = await gainChecks(trx, ctx, juror, { countsToward: false });
    if (gain.error) return refuse("newJurorId", gain.error);
    warnings.push(...loseChecks(ctx, losing, assignment, { countsToward: false }), ...gain.warnings);
    if (!confirmed(warnings)) return { ok: false, warnings };
    const id = newId();
    await deleteAssignments(trx, round.id, [assignment.id]);
    await insertAssignments(trx, [
      { id, roundId: round.id, jurorId: juror.id, proposalId: proposal.id, source: "manual", expertiseMatch: gain.match, runId: null, createdBy: actor.userId, createdAt: at },
    ]);
    await appendAudit(trx, {
      ...auditBase,
      action: "assignment.swapped",
      entityId: id,
      before: { roundId: round.id, proposal: proposal.number, juror: losing?.email ?? assignment.juror_id, assignmentId: assignment.id },
      after: { roundId: round.id, proposal: proposal.number, juror: juror.email, expertiseMatch: gain.match, warnings: warnings.map((w) => w.code) },
    });
    return { ok: true, op: "swap" };
  });
}
