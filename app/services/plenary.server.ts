/**
 * The plenary (Sidang pleno) of a round, for the organizer's admins
 * ("scoring.manage"): the results table, overrides, the decision, its replay,
 * the ranking export, and the hand-over of advancing proposals to the next
 * round. Definitions of every figure: docs/ranking.md; this module's
 * choices: docs/plenary.md.
 *
 * - The ranking is computed from the round's SUBMITTED sheets (drafts never),
 *   its rubric, entrants, method, tie-break order, rule and overrides
 *   (computeRanking in ~/domain/ranking). A submitted sheet that does not fit
 *   the rubric (a criterion missing, a score off the scale, e.g. after the
 *   rubric was edited) is left out and listed; the decision is refused while
 *   there is one.
 * - Overrides are allowed only while the round is closed; the decision only
 *   when it is closed. A decided round shows the RECORDED decision.
 * - Replay recomputes the recorded decision from what is stored now and lists
 *   every difference, and whether the inputs hash still matches.
 */
import { createHash } from "node:crypto";
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import { spreadsheetSafe, csvLine, UTF8_BOM } from "~/domain/csv";
import {
  cmp9,
  computeRanking,
  DEFAULT_BAND,
  DEFAULT_THRESHOLD,
  METHODS,
  replayDecision,
  type AdvancementRule,
  type Criterion,
  type Decision,
  type Method,
  type RankingInput,
  type RankingResult,
  type Sheet,
  type TieKey,
} from "~/domain/ranking";
import type { Actor } from "~/domain/roles";
import { canDecide, ROUND_STATES, type RoundState } from "~/domain/round-state";
import { translate, type Locale } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { nowIso } from "~/lib/ids.server";
import { readableFrom, XLSX_CONTENT_TYPE, xlsxStream } from "~/lib/xlsx.server";
import { appendAudit } from "~/models/audit.server";
import { findCompetitionBySlug } from "~/models/competitions.server";
import {
  addRoundEntrants,
  countDraftSheets,
  deleteOverride,
  findDecision,
  findOverride,
  findPlenaryRound,
  findPlenaryRoundById,
  findRoundAtPosition,
  insertDecision,
  listAdvancingProposalIds,
  listDecisionEntries,
  listOverrides,
  listPlenaryEntrants,
  listRoundJurorNames,
  listSubmittedItems,
  listSubmittedSheetIds,
  markRoundDecided,
  upsertOverride,
  type DecisionEntryRow,
  type DecisionRow,
  type OverrideRow,
  type PlenaryEntrantRow,
  type PlenaryRoundRow,
} from "~/models/plenary.server";
import { listRoundCriteria, type CriterionRow } from "~/models/scores.server";
import { RESULTS_PAGE_SIZE, type OverrideInput, type ResultFilter, type ResultsQuery } from "~/schemas/plenary";

// ---------------------------------------------------------------------------
// Access

type CompetitionRow = NonNullable<Awaited<ReturnType<typeof findCompetitionBySlug>>>;

/** 404 unknown edition, 403 without "scoring.manage", 404 a round of another edition. */
export async function loadPlenaryRound(db: DB, actor: Actor, slug: string, roundId: string): Promise<{ c: CompetitionRow; round: PlenaryRoundRow }> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "scoring.manage", { type: "competition", id: c.id, organizerId: c.organizer_id });
  const round = await findPlenaryRound(db, c.id, roundId);
  if (!round) notFound();
  return { c, round };
}

/** Overrides are set and removed only between closing and deciding. */
export function overridesAllowed(status: string): boolean {
  return status === "closed";
}

/** Only a closed round can be decided (the state machine's guard). */
export function decideAllowed(status: string): boolean {
  return (ROUND_STATES as readonly string[]).includes(status) && canDecide(status as RoundState);
}

// ---------------------------------------------------------------------------
// Settings of a round, read forgivingly (the settings form validates them)

export function parseMethod(value: string): Method {
  return (METHODS as readonly string[]).includes(value) ? (value as Method) : "normalized";
}

const STRATA = ["cluster", "category", "group"] as const;
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isScore = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** The advancement rule from its JSON, or null when it is not a rule this version knows. */
export function parseRule(json: string): AdvancementRule | null {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return null;
  }
  if (!v || typeof v !== "object") return null;
  const r = v as Record<string, unknown>;
  const min = r.min === undefined ? undefined : isScore(r.min) ? r.min : null;
  const by = (STRATA as readonly unknown[]).includes(r.by) ? (r.by as (typeof STRATA)[number]) : null;
  switch (r.kind) {
    case "manual":
      return { kind: "manual" };
    case "top_n":
      return isCount(r.n) ? { kind: "top_n", n: r.n } : null;
    case "pass_grade":
      return isScore(r.min) ? { kind: "pass_grade", min: r.min } : null;
    case "top_n_pass":
      return isCount(r.n) && isScore(r.min) ? { kind: "top_n_pass", n: r.n, min: r.min } : null;
    case "quota": {
      if (!by || min === null || !r.quotas || typeof r.quotas !== "object") return null;
      const quotas: Record<string, number> = {};
      for (const [k, n] of Object.entries(r.quotas as Record<string, unknown>)) {
        if (!isCount(n)) return null;
        quotas[k] = n;
      }
      return min === undefined ? { kind: "quota", by, quotas } : { kind: "quota", by, quotas, min };
    }
    case "proportional":
      if (!by || min === null || !isCount(r.total)) return null;
      return min === undefined ? { kind: "proportional", by, total: r.total } : { kind: "proportional", by, total: r.total, min };
    default:
      return null;
  }
}

/** The tie-break keys from their JSON; unknown keys are dropped (number ascending always ends the list). */
export function parseTiebreak(json: string): TieKey[] {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(v)) return [];
  return v.filter(
    (k): k is TieKey =>
      typeof k === "string" && ((METHODS as readonly string[]).includes(k) || k === "submitted_at" || /^criterion:.+/.test(k)),
  );
}

// ---------------------------------------------------------------------------
// The ranking input

export interface SkippedSheet {
  proposalId: string;
  jurorId: string;
  /** missing: a criterion has no score; scale: a score is off the scale; rubric: the rubric cannot be computed. */
  reason: "missing" | "scale" | "rubric";
}

export interface LoadedRanking {
  round: PlenaryRoundRow;
  criteria: CriterionRow[];
  entrants: PlenaryEntrantRow[];
  overrides: OverrideRow[];
  input: RankingInput;
  /** Submitted sheets of the round (all, also of non-entrants) and drafts. */
  submittedSheets: number;
  drafts: number;
  skipped: SkippedSheet[];
  /** The rule JSON could not be read (treated as manual). */
  ruleInvalid: boolean;
  /** Why the ranking cannot be computed at all, if so. */
  problem: "noRubric" | "badRubric" | null;
}

/**
 * Everything the round's ranking is computed from, as stored now. `settings`
 * replaces the round's method, rule and tie-break (replay uses the recorded
 * ones).
 */
export async function loadRankingInput(
  db: DB,
  round: PlenaryRoundRow,
  settings?: { method: string; ruleJson: string; tiebreakJson: string },
): Promise<LoadedRanking> {
  const [criteria, entrants, items, sheetIds, overrides, drafts] = await Promise.all([
    listRoundCriteria(db, round.id),
    listPlenaryEntrants(db, round),
    listSubmittedItems(db, round.id),
    listSubmittedSheetIds(db, round.id),
    listOverrides(db, round.id),
    countDraftSheets(db, round.id),
  ]);
  const rubric: Criterion[] = criteria.map((c) => ({ key: c.key, weight: c.weight, min: c.scale_min, max: c.scale_max }));
  const problem: LoadedRanking["problem"] = rubric.length === 0 ? "noRubric" : rubricFaulty(rubric) ? "badRubric" : null;

  // Scores per sheet, only the rubric's criteria.
  const keys = new Set(rubric.map((c) => c.key));
  const scoresOf = new Map<string, Record<string, number | null>>();
  for (const it of items) {
    if (!keys.has(it.criterion_key)) continue;
    let s = scoresOf.get(it.sheet_id);
    if (!s) scoresOf.set(it.sheet_id, (s = {}));
    s[it.criterion_key] = it.value;
  }
  const sheets: Sheet[] = [];
  const skipped: SkippedSheet[] = [];
  for (const sh of sheetIds) {
    const raw = scoresOf.get(sh.id) ?? {};
    const scores: Record<string, number> = {};
    let missing = false;
    for (const c of rubric) {
      const v = raw[c.key];
      if (typeof v !== "number" || !Number.isFinite(v)) missing = true;
      else scores[c.key] = v;
    }
    if (problem) {
      skipped.push({ proposalId: sh.proposal_id, jurorId: sh.juror_id, reason: "rubric" });
      continue;
    }
    if (missing) {
      skipped.push({ proposalId: sh.proposal_id, jurorId: sh.juror_id, reason: "missing" });
      continue;
    }
    if (rubric.some((c) => cmp9(scores[c.key], c.min) < 0 || cmp9(scores[c.key], c.max) > 0)) {
      skipped.push({ proposalId: sh.proposal_id, jurorId: sh.juror_id, reason: "scale" });
      continue;
    }
    sheets.push({ proposalId: sh.proposal_id, jurorId: sh.juror_id, scores });
  }

  const ruleJson = settings?.ruleJson ?? round.advancement_json;
  const parsedRule = parseRule(ruleJson);
  const overrideMap: Record<string, "advance" | "stop"> = {};
  for (const o of overrides) overrideMap[o.proposal_id] = o.decision;
  const input: RankingInput = {
    criteria: rubric,
    sheets,
    entrants: entrants.map((e) => ({
      proposalId: e.id,
      number: e.number,
      submittedAt: e.submitted_at,
      cluster: e.cluster,
      category: e.category_key,
      group: e.group_key,
    })),
    method: parseMethod(settings?.method ?? round.score_method),
    tiebreak: parseTiebreak(settings?.tiebreakJson ?? round.tiebreak_json),
    threshold: Number.isFinite(round.disagreement_threshold) ? round.disagreement_threshold : DEFAULT_THRESHOLD,
    rule: parsedRule ?? { kind: "manual" },
    overrides: overrideMap,
    band: Number.isFinite(round.borderline_band) ? round.borderline_band : DEFAULT_BAND,
  };
  return {
    round,
    criteria,
    entrants,
    overrides,
    input,
    submittedSheets: sheetIds.length,
    drafts,
    skipped,
    ruleInvalid: parsedRule === null,
    problem,
  };
}

/** A rubric that cannot give a total (the same refusals as the ranking module's). */
function rubricFaulty(rubric: Criterion[]): boolean {
  const keys = new Set(rubric.map((c) => c.key));
  if (keys.size !== rubric.length) return true;
  let sum = 0;
  for (const c of rubric) {
    if (!Number.isFinite(c.weight) || c.weight < 0) return true;
    if (!Number.isFinite(c.min) || !Number.isFinite(c.max) || !(c.max > c.min)) return true;
    sum += c.weight;
  }
  return !(sum > 0);
}

/** The ranking of a loaded input, or null when the rubric cannot give totals. */
function rank(loaded: LoadedRanking): RankingResult | null {
  if (loaded.problem) return null;
  try {
    return computeRanking(loaded.input);
  } catch {
    // Whatever the ranking module refuses beyond the checks above is a rubric or data problem to fix, not a crash of the page.
    loaded.problem = "badRubric";
    return null;
  }
}

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * sha256 (hex) of the canonical JSON of what decides the outcome: the
 * method, the rubric (key, weight, scale), every submitted sheet's raw
 * scores, the entrants (with what the tie-breaks and quotas read), the rule,
 * the tie-break order and the overrides. Sorted so that row order in the
 * database never changes it. The disagreement threshold and the borderline
 * band only flag rows, so they are not part of it.
 */
export function inputsHash(input: RankingInput): string {
  const doc = {
    v: 1,
    method: input.method,
    criteria: [...input.criteria].map((c) => ({ key: c.key, weight: c.weight, min: c.min, max: c.max })).sort((a, b) => byCodeUnit(a.key, b.key)),
    sheets: [...input.sheets]
      .map((s) => ({ proposalId: s.proposalId, jurorId: s.jurorId, scores: s.scores }))
      .sort((a, b) => byCodeUnit(a.proposalId, b.proposalId) || byCodeUnit(a.jurorId, b.jurorId)),
    entrants: [...input.entrants]
      .map((e) => ({ proposalId: e.proposalId, number: e.number, submittedAt: e.submittedAt, cluster: e.cluster, category: e.category, group: e.group }))
      .sort((a, b) => byCodeUnit(a.proposalId, b.proposalId)),
    rule: input.rule,
    tiebreak: input.tiebreak,
    overrides: input.overrides ?? {},
  };
  return createHash("sha256").update(canonicalJson(doc)).digest("hex");
}

// ---------------------------------------------------------------------------
// The results page

export interface ResultRowView {
  rank: number;
  proposalId: string;
  number: string;
  title: string;
  agencyCode: string;
  agencyName: string;
  cluster: string;
  group: string;
  category: string | null;
  nScores: number;
  rawMean: number | null;
  normalized: number | null;
  median: number | null;
  shrunk: number | null;
  /** The round's method's score (as recorded, once decided). */
  score: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  /** In rubric order. */
  criterionMeans: (number | null)[];
  disagreement: boolean;
  borderline: boolean;
  ruleDecision: "advance" | "stop";
  decision: Decision;
  override: { decision: "advance" | "stop"; reason: string; by: string | null; at: string } | null;
}

export interface DecisionCounts {
  advance: number;
  stop: number;
  override_advance: number;
  override_stop: number;
}

function countDecisions(decisions: Iterable<Decision>): DecisionCounts {
  const n: DecisionCounts = { advance: 0, stop: 0, override_advance: 0, override_stop: 0 };
  for (const d of decisions) n[d]++;
  return n;
}

function emptyRow(e: PlenaryEntrantRow | undefined, proposalId: string, criteria: number) {
  return {
    proposalId,
    number: e?.number ?? "",
    title: e?.title ?? "",
    agencyCode: e?.agency_code ?? "",
    agencyName: e?.agency_name ?? "",
    cluster: e?.cluster ?? "",
    group: e?.group_key ?? "",
    category: e?.category_key ?? null,
    nScores: 0,
    rawMean: null,
    normalized: null,
    median: null,
    shrunk: null,
    sd: null,
    min: null,
    max: null,
    criterionMeans: new Array<number | null>(criteria).fill(null),
    disagreement: false,
    borderline: false,
  };
}

/**
 * The table rows: computed ones (live) or, for a decided round, the recorded
 * rank, score and decision with the figures recomputed beside them.
 */
function buildRows(
  loaded: LoadedRanking,
  result: RankingResult | null,
  recorded: DecisionEntryRow[] | null,
  extraEntrants: Map<string, PlenaryEntrantRow>,
): ResultRowView[] {
  const entrantById = new Map(loaded.entrants.map((e) => [e.id, e]));
  for (const [id, e] of extraEntrants) if (!entrantById.has(id)) entrantById.set(id, e);
  const overrideById = new Map(loaded.overrides.map((o) => [o.proposal_id, o]));
  const keys = loaded.criteria.map((c) => c.key);
  const computed = new Map((result?.rows ?? []).map((r) => [r.proposalId, r]));

  const view = (proposalId: string, rank: number, score: number | null, decision: Decision, ruleDecision: "advance" | "stop"): ResultRowView => {
    const e = entrantById.get(proposalId);
    const r = computed.get(proposalId);
    const o = overrideById.get(proposalId);
    const base = emptyRow(e, proposalId, keys.length);
    return {
      ...base,
      ...(r
        ? {
            nScores: r.nScores,
            rawMean: r.rawMean,
            normalized: r.normalized,
            median: r.median,
            shrunk: r.shrunk,
            sd: r.sd,
            min: r.min,
            max: r.max,
            criterionMeans: keys.map((k) => r.criterionMeans[k] ?? null),
            disagreement: r.disagreement,
            borderline: r.borderline,
          }
        : {}),
      rank,
      score,
      decision,
      ruleDecision,
      override: o ? { decision: o.decision, reason: o.reason, by: o.created_by_name, at: o.created_at } : null,
    };
  };

  if (recorded) {
    return recorded.map((en) => {
      const r = computed.get(en.proposal_id);
      const ruleDecision: "advance" | "stop" =
        en.decision === "advance" || en.decision === "stop" ? en.decision : (r?.ruleDecision ?? (en.decision === "override_advance" ? "stop" : "advance"));
      const row = view(en.proposal_id, en.rank, en.score, en.decision, ruleDecision);
      // The recorded reason is what was decided, whatever the overrides table says now.
      if (en.override_reason !== null) {
        row.override = {
          decision: en.decision === "override_advance" ? "advance" : "stop",
          reason: en.override_reason,
          by: row.override?.by ?? null,
          at: row.override?.at ?? "",
        };
      }
      return row;
    });
  }
  return (result?.rows ?? []).map((r) => view(r.proposalId, r.rank, r.score, r.decision, r.ruleDecision));
}

function matches(row: ResultRowView, filter: ResultFilter, q: string): boolean {
  const pass =
    filter === "all" ||
    (filter === "advance" && (row.decision === "advance" || row.decision === "override_advance")) ||
    (filter === "stop" && (row.decision === "stop" || row.decision === "override_stop")) ||
    (filter === "borderline" && row.borderline) ||
    (filter === "disagreement" && row.disagreement) ||
    (filter === "override" && (row.decision === "override_advance" || row.decision === "override_stop")) ||
    (filter === "unscored" && row.nScores === 0);
  if (!pass) return false;
  if (!q) return true;
  const needle = q.toLowerCase();
  return [row.number, row.title, row.agencyCode, row.agencyName].some((s) => s.toLowerCase().includes(needle));
}

export interface ReplayView {
  /** Rank and decision of every entry equal to the recorded ones. */
  equal: boolean;
  /** The inputs as stored now give the hash recorded with the decision. */
  hashMatches: boolean;
  recordedHash: string;
  currentHash: string;
  differences: { number: string; field: "rank" | "decision" | "score"; recorded: number | string | null; recomputed: number | string | null }[];
  /** The overrides that the recorded decision carries: the rule said one thing, the plenary another. */
  overrides: { number: string; ruleDecision: "advance" | "stop"; decision: Decision; reason: string | null }[];
}

/** A recorded score equals a recomputed one at 9 decimals, or at the single precision PostgreSQL's real column keeps. */
function sameScore(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return cmp9(a, b) === 0 || Math.fround(a) === Math.fround(b);
}

function replayOf(
  loaded: LoadedRanking,
  decision: DecisionRow,
  recorded: DecisionEntryRow[],
  numberOf: (id: string) => string,
): ReplayView {
  const currentHash = inputsHash(loaded.input);
  if (loaded.problem) {
    return {
      equal: false,
      hashMatches: currentHash === decision.inputs_hash,
      recordedHash: decision.inputs_hash,
      currentHash,
      differences: recorded.map((r) => ({ number: numberOf(r.proposal_id), field: "decision" as const, recorded: r.decision, recomputed: null })),
      overrides: [],
    };
  }
  // Rank and decision through the ranking module's replay; scores here, within storage precision.
  const out = replayDecision(
    loaded.input,
    recorded.map((r) => ({ proposalId: r.proposal_id, rank: r.rank, decision: r.decision })),
  );
  const differences: ReplayView["differences"] = out.differences.map((d) => ({
    number: numberOf(d.proposalId),
    field: d.field,
    recorded: d.recorded,
    recomputed: d.recomputed,
  }));
  const now = new Map(out.result.rows.map((r) => [r.proposalId, r]));
  for (const r of recorded) {
    const x = now.get(r.proposal_id);
    if (x && !sameScore(r.score, x.score)) differences.push({ number: numberOf(r.proposal_id), field: "score", recorded: r.score, recomputed: x.score });
  }
  const overrides: ReplayView["overrides"] = recorded
    .filter((r) => r.decision === "override_advance" || r.decision === "override_stop")
    .map((r) => ({
      number: numberOf(r.proposal_id),
      ruleDecision: now.get(r.proposal_id)?.ruleDecision ?? (r.decision === "override_advance" ? "stop" : "advance"),
      decision: r.decision,
      reason: r.override_reason,
    }));
  return {
    equal: differences.length === 0,
    hashMatches: currentHash === decision.inputs_hash,
    recordedHash: decision.inputs_hash,
    currentHash,
    differences,
    overrides,
  };
}

/** Proposals recorded in a decision that are no longer entrants (e.g. withdrawn since), for their labels. */
async function recordedOutsiders(db: DB, round: PlenaryRoundRow, entrants: PlenaryEntrantRow[], recorded: DecisionEntryRow[]) {
  const known = new Set(entrants.map((e) => e.id));
  const missing = recorded.map((r) => r.proposal_id).filter((id) => !known.has(id));
  const out = new Map<string, PlenaryEntrantRow>();
  if (missing.length === 0) return out;
  const rows = await db
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
    .where("p.competition_id", "=", round.competition_id)
    .where("p.id", "in", missing)
    .execute();
  for (const r of rows) out.set(r.id, { ...r, category_key: r.category_key ?? null });
  return out;
}

/** The round's results, in full (the page and the export slice it). */
async function resultsOf(db: DB, round: PlenaryRoundRow) {
  const decision = round.status === "decided" ? await findDecision(db, round.id) : undefined;
  // A decided round is recomputed with the RECORDED method, rule and tie-break.
  const loaded = await loadRankingInput(
    db,
    round,
    decision ? { method: decision.method, ruleJson: decision.rule_json, tiebreakJson: decision.tiebreak_json } : undefined,
  );
  const result = rank(loaded);
  const recorded = decision ? await listDecisionEntries(db, round.id) : null;
  const outsiders = recorded ? await recordedOutsiders(db, round, loaded.entrants, recorded) : new Map<string, PlenaryEntrantRow>();
  const rows = buildRows(loaded, result, recorded, outsiders);
  return { loaded, result, decision: decision ?? null, recorded, rows, outsiders };
}

/**
 * The results page: the table (filtered, 200 rows a page or all), the
 * jurors' severity, the counts, the decision (recorded once decided), and the
 * replay when asked. 404 / 403 as loadPlenaryRound.
 */
export async function getResultsPage(db: DB, actor: Actor, slug: string, roundId: string, query: ResultsQuery) {
  const { c, round } = await loadPlenaryRound(db, actor, slug, roundId);
  const { loaded, result, decision, recorded, rows, outsiders } = await resultsOf(db, round);
  const jurorNames = new Map((await listRoundJurorNames(db, round.id)).map((j) => [j.id, j.name]));
  const numberOf = (id: string) => loaded.entrants.find((e) => e.id === id)?.number ?? outsiders.get(id)?.number ?? id;

  const filtered = rows.filter((r) => matches(r, query.filter, query.q));
  const pages = Math.max(1, Math.ceil(filtered.length / RESULTS_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const shown = query.all ? filtered : filtered.slice((page - 1) * RESULTS_PAGE_SIZE, page * RESULTS_PAGE_SIZE);
  const filterCounts = {} as Record<ResultFilter, number>;
  for (const f of ["all", "advance", "stop", "borderline", "disagreement", "override", "unscored"] as const) {
    filterCounts[f] = rows.filter((r) => matches(r, f, "")).length;
  }

  const nextRound = await findRoundAtPosition(db, c.id, round.position + 1);
  const replay = query.replay && decision && recorded ? replayOf(loaded, decision, recorded, numberOf) : null;

  return {
    competition: { id: c.id, slug: c.slug, name: c.name },
    round: {
      id: round.id,
      position: round.position,
      name: round.name,
      status: round.status,
      blind: round.blind,
      method: loaded.input.method,
      rule: loaded.input.rule,
      ruleInvalid: loaded.ruleInvalid,
      tiebreak: loaded.input.tiebreak,
      threshold: loaded.input.threshold ?? DEFAULT_THRESHOLD,
      band: loaded.input.band ?? DEFAULT_BAND,
      closedAt: round.closed_at,
      decidedAt: round.decided_at,
    },
    nextRound: nextRound ? { id: nextRound.id, position: nextRound.position, name: nextRound.name } : null,
    provisional: round.status !== "decided",
    problem: loaded.problem,
    criteria: loaded.criteria.map((x) => ({ key: x.key, nameId: x.name_id, nameEn: x.name_en, weight: x.weight })),
    counts: {
      entrants: loaded.entrants.length,
      scored: (result?.rows ?? []).filter((r) => r.nScores > 0).length,
      submittedSheets: loaded.submittedSheets,
      drafts: loaded.drafts,
      skipped: loaded.skipped.length,
      ...countDecisions(rows.map((r) => r.decision)),
    },
    skipped: loaded.skipped.slice(0, 50).map((s) => ({ number: numberOf(s.proposalId), juror: jurorNames.get(s.jurorId) ?? s.jurorId, reason: s.reason })),
    roundMean: result?.roundMean ?? null,
    roundSd: result?.roundSd ?? null,
    cutoff: result?.cutoff ?? null,
    strata: result?.strata ?? null,
    jurors: (result?.jurors ?? [])
      .map((j) => ({ id: j.jurorId, name: jurorNames.get(j.jurorId) ?? j.jurorId, n: j.n, mean: j.mean, sd: j.sd, offset: j.offset, histogram: j.histogram }))
      .sort((a, b) => a.offset - b.offset || byCodeUnit(a.name, b.name)),
    table: {
      rows: shown,
      total: filtered.length,
      page,
      pages,
      all: query.all,
      filter: query.filter,
      q: query.q,
      filterCounts,
    },
    overrides: loaded.overrides.map((o) => ({
      number: numberOf(o.proposal_id),
      title: rows.find((r) => r.proposalId === o.proposal_id)?.title ?? "",
      decision: o.decision,
      ruleDecision: result?.rows.find((r) => r.proposalId === o.proposal_id)?.ruleDecision ?? null,
      reason: o.reason,
      by: o.created_by_name,
      at: o.created_at,
    })),
    decision: decision
      ? {
          decidedAt: decision.decided_at,
          decidedBy: decision.decided_by_name,
          method: decision.method,
          inputsHash: decision.inputs_hash,
          ruleBased: rows.filter((r) => r.decision === "advance").map((r) => ({ rank: r.rank, number: r.number, title: r.title, score: r.score })),
          overridden: rows
            .filter((r) => r.decision === "override_advance" || r.decision === "override_stop")
            .map((r) => ({ rank: r.rank, number: r.number, title: r.title, decision: r.decision, reason: r.override?.reason ?? "" })),
        }
      : null,
    replay,
    canOverride: overridesAllowed(round.status),
    canDecide: decideAllowed(round.status) && !loaded.problem && loaded.skipped.length === 0 && loaded.entrants.length > 0,
  };
}

export type ResultsPage = Awaited<ReturnType<typeof getResultsPage>>;

// ---------------------------------------------------------------------------
// Overrides

export type PlenaryActionResult = { ok: true } | { ok: false; errors: FieldErrors };

async function entrantByNumber(db: DB, round: PlenaryRoundRow, number: string): Promise<PlenaryEntrantRow | undefined> {
  const entrants = await listPlenaryEntrants(db, round);
  const wanted = number.trim().toUpperCase();
  return entrants.find((e) => e.number.toUpperCase() === wanted);
}

/**
 * Advance or stop one entrant against the rule, with a reason (>= 10
 * characters, checked by the schema). Only while the round is closed.
 * Side effects: the round_overrides row (replacing an earlier one), one audit
 * row "override.set" with the previous override as `before`.
 */
export async function setOverride(db: DB, actor: Actor, slug: string, roundId: string, input: OverrideInput, now: Date = new Date()): Promise<PlenaryActionResult> {
  return db.transaction().execute(async (trx) => {
    const { c, round } = await loadPlenaryRound(trx, actor, slug, roundId);
    if (!overridesAllowed(round.status)) return { ok: false as const, errors: { _form: "plenary.errors.overrideState" } as FieldErrors };
    const e = await entrantByNumber(trx, round, input.number);
    if (!e) return { ok: false as const, errors: { number: "plenary.errors.notEntrant" } as FieldErrors };
    const previous = await findOverride(trx, round.id, e.id);
    const reason = input.reason.trim();
    await upsertOverride(trx, { roundId: round.id, proposalId: e.id, decision: input.decision, reason, userId: actor.userId, at: nowIso(now) });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "override.set",
      entityType: "round",
      entityId: round.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      agencyId: e.agency_id,
      before: previous ? { number: e.number, decision: previous.decision, reason: previous.reason } : null,
      after: { round: round.position, number: e.number, proposal_id: e.id, decision: input.decision, reason },
    });
    return { ok: true as const };
  });
}

/**
 * Removes the override of one entrant (the rule decides again). Only while
 * the round is closed. Side effects: the row deleted, one audit row
 * "override.removed" with the removed override as `before`.
 */
export async function removeOverride(db: DB, actor: Actor, slug: string, roundId: string, number: string): Promise<PlenaryActionResult> {
  return db.transaction().execute(async (trx) => {
    const { c, round } = await loadPlenaryRound(trx, actor, slug, roundId);
    if (!overridesAllowed(round.status)) return { ok: false as const, errors: { _form: "plenary.errors.overrideState" } as FieldErrors };
    const e = await entrantByNumber(trx, round, number);
    const previous = e ? await findOverride(trx, round.id, e.id) : undefined;
    if (!e || !previous) return { ok: false as const, errors: { _form: "plenary.errors.noOverride" } as FieldErrors };
    await deleteOverride(trx, round.id, e.id);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "override.removed",
      entityType: "round",
      entityId: round.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      agencyId: e.agency_id,
      before: { round: round.position, number: e.number, proposal_id: e.id, decision: previous.decision, reason: previous.reason },
      after: null,
    });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------
// The decision

export type DecideResult =
  | { ok: true; counts: DecisionCounts; entrants: number; inputsHash: string; nextRoundId: string | null; nextEntrantsAdded: number }
  | { ok: false; errors: FieldErrors };

/**
 * Decides a closed round: computes the ranking (SUBMITTED sheets, rubric,
 * rule, tie-breaks, overrides) and fixes it. Refused unless the round is
 * closed, when the rubric cannot give totals, when a submitted sheet does not
 * fit the rubric, and when the round has no entrant.
 * Side effects, in one transaction: rounds.status = decided and decided_at;
 * one round_decisions row (method, rule, tie-break, inputs_hash, who, when);
 * one round_decision_entries row per entrant (rank, score, decision,
 * override reason); the advancing proposals (advance, override_advance)
 * added to the next round's round_entrants when that round exists (a round
 * created later gets them through entrantsForNextRound); one audit row
 * "round.decided" with the counts. Agencies are not told here: the results
 * stay internal until an announcement publishes them
 * (app/services/announcements.server.ts notifies and mails the agencies).
 */
export async function decideRound(db: DB, actor: Actor, slug: string, roundId: string, ctx: { origin?: string; now?: Date } = {}): Promise<DecideResult> {
  const now = ctx.now ?? new Date();
  const at = nowIso(now);
  const outcome = await db.transaction().execute(async (trx) => {
    const { c, round } = await loadPlenaryRound(trx, actor, slug, roundId);
    const fail = (key: "plenary.errors.decideState" | "plenary.errors.noRubric" | "plenary.errors.invalidSheets" | "plenary.errors.noEntrants") => ({
      ok: false as const,
      errors: { _form: key } as FieldErrors,
    });
    if (!decideAllowed(round.status)) return fail("plenary.errors.decideState");
    // Take the round first (closed → decided, guarded): a second decision waits here and then finds it decided.
    if (!(await markRoundDecided(trx, round.id, at))) return fail("plenary.errors.decideState");
    const loaded = await loadRankingInput(trx, round);
    if (loaded.skipped.length > 0 && !loaded.problem) throw new Refused(fail("plenary.errors.invalidSheets"));
    if (loaded.entrants.length === 0) throw new Refused(fail("plenary.errors.noEntrants"));
    const result = rank(loaded);
    if (!result) throw new Refused(fail("plenary.errors.noRubric"));
    const reasons = new Map(loaded.overrides.map((o) => [o.proposal_id, o.reason]));
    const entries: DecisionEntryRow[] = result.rows.map((r) => ({
      proposal_id: r.proposalId,
      rank: r.rank,
      score: r.score,
      decision: r.decision,
      override_reason: r.decision === "override_advance" || r.decision === "override_stop" ? (reasons.get(r.proposalId) ?? null) : null,
    }));
    const hash = inputsHash(loaded.input);
    await insertDecision(
      trx,
      {
        roundId: round.id,
        method: loaded.input.method,
        ruleJson: JSON.stringify(loaded.input.rule),
        tiebreakJson: JSON.stringify(loaded.input.tiebreak),
        inputsHash: hash,
        userId: actor.userId,
        at,
      },
      entries,
    );
    const next = await findRoundAtPosition(trx, c.id, round.position + 1);
    const advancing = entries.filter((e) => e.decision === "advance" || e.decision === "override_advance").map((e) => e.proposal_id);
    const added = next ? await addRoundEntrants(trx, next.id, advancing) : 0;
    const counts = countDecisions(entries.map((e) => e.decision));
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "round.decided",
      entityType: "round",
      entityId: round.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      before: { status: round.status },
      after: {
        status: "decided",
        decided_at: at,
        round: round.position,
        method: loaded.input.method,
        rule: loaded.input.rule,
        tiebreak: loaded.input.tiebreak,
        inputs_hash: hash,
        entrants: entries.length,
        ...counts,
        next_round_id: next?.id ?? null,
        next_round_entrants_added: added,
      },
    });
    return {
      ok: true as const,
      c,
      round,
      entries,
      entrants: loaded.entrants,
      counts,
      hash,
      nextRoundId: next?.id ?? null,
      added,
    };
  }).catch((e: unknown) => {
    if (e instanceof Refused) return e.result;
    throw e;
  });
  if (!outcome.ok) return outcome;
  return {
    ok: true,
    counts: outcome.counts,
    entrants: outcome.entries.length,
    inputsHash: outcome.hash,
    nextRoundId: outcome.nextRoundId,
    nextEntrantsAdded: outcome.added,
  };
}

/** Rolls the decision's transaction back (the round stays closed) and carries the refusal out. */
class Refused extends Error {
  constructor(readonly result: { ok: false; errors: FieldErrors }) {
    super("refused");
  }
}

// ---------------------------------------------------------------------------
// The hand-over to the next round

/**
 * The proposals a DECIDED round sends to the next round (decision advance or
 * override_advance), by rank; [] while the round is not decided. The decision
 * already writes them into the next round when it exists; the rounds module
 * calls copyEntrantsFromPreviousRound when it creates a round later.
 */
export async function entrantsForNextRound(db: DB, roundId: string): Promise<string[]> {
  const round = await findPlenaryRoundById(db, roundId);
  if (!round || round.status !== "decided") return [];
  return listAdvancingProposalIds(db, round.id);
}

/**
 * For a round just created at position p > 1: when the round at p − 1 is
 * decided, its advancing proposals become this round's entrants. Returns how
 * many were added. No permission check and no audit of its own: call it
 * inside the creating service's transaction (its audit covers it).
 */
export async function copyEntrantsFromPreviousRound(db: DB, roundId: string): Promise<number> {
  const round = await findPlenaryRoundById(db, roundId);
  if (!round || round.position <= 1) return 0;
  const previous = await findRoundAtPosition(db, round.competition_id, round.position - 1);
  if (!previous) return 0;
  return addRoundEntrants(db, round.id, await entrantsForNextRound(db, previous.id));
}

// ---------------------------------------------------------------------------
// The ranking export

export const RANKING_EXPORT_COLUMNS = [
  "round",
  "rank",
  "proposal_number",
  "agency_code",
  "group",
  "category",
  "n_scores",
  "raw_mean",
  "normalized",
  "median",
  "sd",
  "min",
  "max",
  "disagreement",
  "decision",
] as const;

export const RANKING_EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type RankingExportFormat = (typeof RANKING_EXPORT_FORMATS)[number];

/**
 * A number at full precision with at least 6 decimals: the shortest text that
 * reads back as the same double, padded with zeros to 6 decimals
 * (85 → "85.000000", 85.33333333333333 stays), never in exponent notation.
 */
export function fullPrecision(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "";
  let s = String(x);
  if (/e/i.test(s)) {
    // Tiny (or huge) values: fixed notation with enough digits to round-trip.
    s = x.toFixed(20).replace(/0+$/, "");
    if (s.endsWith(".")) s = s.slice(0, -1);
  }
  const dot = s.indexOf(".");
  const decimals = dot < 0 ? 0 : s.length - dot - 1;
  if (decimals >= 6) return s;
  return (dot < 0 ? `${s}.` : s) + "0".repeat(6 - decimals);
}

export interface RankingExportFile {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
  /** The header, for tests and docs. */
  header: string[];
}

/**
 * The round's ranking as CSV or XLSX (columns RANKING_EXPORT_COLUMNS, then
 * c_<key> per criterion in rubric order), one row per entrant by rank. Full
 * precision; decision as recorded once decided, otherwise the provisional
 * one (rule and overrides). Not juror-facing: identity (agency code) stays in
 * blind rounds. 404 / 403 as loadPlenaryRound.
 */
export async function exportRanking(
  db: DB,
  actor: Actor,
  slug: string,
  roundId: string,
  format: RankingExportFormat,
  locale: Locale,
  now: Date = new Date(),
): Promise<RankingExportFile> {
  const { c, round } = await loadPlenaryRound(db, actor, slug, roundId);
  const { loaded, rows } = await resultsOf(db, round);
  const header = [...RANKING_EXPORT_COLUMNS, ...loaded.criteria.map((x) => `c_${x.key}`)];
  const text = (s: string) => (format === "csv" ? spreadsheetSafe(s) : s);
  const data = rows.map((r) => [
    String(round.position),
    String(r.rank),
    text(r.number),
    text(r.agencyCode),
    text(r.group),
    text(r.category ?? ""),
    String(r.nScores),
    fullPrecision(r.rawMean),
    fullPrecision(r.normalized),
    fullPrecision(r.median),
    fullPrecision(r.sd),
    fullPrecision(r.min),
    fullPrecision(r.max),
    r.disagreement ? "1" : "0",
    r.decision,
    ...r.criterionMeans.map(fullPrecision),
  ]);
  const filename = `${c.slug}-round-${round.position}-ranking.${format}`;
  if (format === "csv") {
    async function* chunks() {
      let buffer = UTF8_BOM + csvLine(header);
      for (const r of data) {
        buffer += csvLine(r);
        if (buffer.length > 64 * 1024) {
          yield buffer;
          buffer = "";
        }
      }
      if (buffer) yield buffer;
    }
    return { filename, contentType: "text/csv; charset=utf-8", body: readableFrom(chunks()), header };
  }
  const sheet = translate(locale, "plenary.export.sheet", { position: round.position });
  return { filename, contentType: XLSX_CONTENT_TYPE, body: readableFrom(xlsxStream({ name: sheet, header, rows: data }, now)), header };
}
