/**
 * A round's set-up and life (issue 5, organizer side): settings, rubric,
 * the state machine (open, close, reopen; the decision is the plenary's),
 * presentation slots with the agencies' attendance, and field verification
 * (checklist and teams of at least one Panelis and one Evaluator).
 *
 * Every organizer function checks "scoring.manage" on the round's
 * competition (unknown slug or a round of another edition → 404, anyone but
 * the organizer's admins → 403). Agencies confirm attendance with
 * "presentation.confirm" on their own agency; slot queries are scoped by the
 * agency. Each change is one transaction with one audit row; mails go out
 * after the commit (the outbox keeps them).
 */
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import type { AdvancementRule, Method, Stratum, TieKey } from "~/domain/ranking/types";
import { METHODS } from "~/domain/ranking/types";
import {
  checklistEditable,
  closeRefusals,
  fieldTeamOk,
  fieldTeamsEditable,
  openRefusals,
  reopenRefusals,
  rubricEditable,
  settingsEditable,
  slotsEditable,
  transitionsFrom,
  type FieldTeam,
  type RefusalCode,
  type RoundState,
} from "~/domain/round-state";
import { CLUSTERS, type Actor } from "~/domain/roles";
import { formatWib } from "~/domain/time";
import { translate, type Locale, type MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { newId } from "~/lib/ids.server";
import { appendAudit } from "~/models/audit.server";
import { findCompetitionBySlug } from "~/models/competitions.server";
import {
  activeConflictSources,
  countAssignments,
  countMissingSheets,
  countSheets,
  deleteAllCriteria,
  deleteAssignment,
  deleteChecklistItem,
  deleteCriterion,
  deleteSlot,
  findAgencyName,
  findAgencySlot,
  findAssignment,
  findJurorOfEdition,
  findRoundSettings,
  findSlot,
  findSlotOfProposal,
  findTeamMember,
  insertChecklistItem,
  insertCriterion,
  insertManualAssignment,
  insertSlot,
  listActiveJurorsOfEdition,
  listAdminLokalOfAgency,
  listAgencySlots,
  listAssignedJurorsToNotify,
  listChecklistItems,
  listCriteria,
  listEntrants,
  listSlots,
  listStrataOfEdition,
  listTeamMembers,
  setAttendanceRow,
  setCriterionPosition,
  setRoundState,
  setTiebreakJson,
  updateChecklistItem,
  updateCriterion,
  updateRoundSettingsRow,
  updateSlot,
  type CriterionRecord,
  type CriterionValues,
  type EntrantRecord,
  type RoundSettingsRow,
} from "~/models/round-settings.server";
import {
  formatLevels,
  type AttendanceInput,
  type ChecklistItemInput,
  type CriterionInput,
  type Level,
  type RoundSettingsInput,
  type RubricPresetKey,
  type SlotInput,
  type TeamMemberInput,
} from "~/schemas/round-settings";
import { sendMail } from "./mail.server";

type Competition = NonNullable<Awaited<ReturnType<typeof findCompetitionBySlug>>>;

export type Result = { ok: true } | { ok: false; errors: FieldErrors };

export interface MailContext {
  /** Origin put in mailed links (default APP_ORIGIN). */
  origin?: string;
  now?: Date;
}

function competitionResource(c: { id: string; organizer_id: string }) {
  return { type: "competition" as const, id: c.id, organizerId: c.organizer_id };
}

/** Runs `fn` in a transaction, or inside the caller's when `db` already is one. */
function inTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** The competition and round for an organizer: 404 for an unknown slug, then 403, then 404 for a round of another edition. */
async function managedRound(db: DB, actor: Actor, slug: string, roundId: string): Promise<{ c: Competition; round: RoundSettingsRow }> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "scoring.manage", competitionResource(c));
  const round = await findRoundSettings(db, c.id, roundId);
  if (!round) notFound();
  return { c, round };
}

function fail(errors: FieldErrors): { ok: false; errors: FieldErrors } {
  return { ok: false, errors };
}

function originOf(ctx: MailContext): string {
  return (ctx.origin ?? process.env.APP_ORIGIN ?? "").replace(/\/+$/, "");
}

function localeOf(v: string | null | undefined): Locale {
  return v === "en" ? "en" : "id";
}

function audit(trx: DB, actor: Actor, c: Competition, round: { id: string }, action: string, before: unknown, after: unknown, extra: { entityType?: string; entityId?: string; agencyId?: string } = {}) {
  return appendAudit(trx, {
    actorUserId: actor.userId,
    action,
    entityType: extra.entityType ?? "round",
    entityId: extra.entityId ?? round.id,
    organizerId: c.organizer_id,
    competitionId: c.id,
    agencyId: extra.agencyId ?? null,
    before,
    after,
  });
}

/**
 * Throws 409 unless the round is open (for the scoring service: saving a
 * score in a round that is not open is refused).
 */
export function assertRoundOpen(round: { status: string }): void {
  if (round.status !== "open") throw new Response("Conflict: the round is not open", { status: 409 });
}

// ---------------------------------------------------------------------------
// Settings

/** The stored advancement rule, or manual when the JSON is unreadable. */
export function parseRule(json: string): AdvancementRule {
  try {
    const v = JSON.parse(json) as AdvancementRule;
    return v && typeof v === "object" && typeof v.kind === "string" ? v : { kind: "manual" };
  } catch {
    return { kind: "manual" };
  }
}

export function parseTiebreak(json: string): TieKey[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((k): k is TieKey => typeof k === "string") : [];
  } catch {
    return [];
  }
}

export interface SettingsView {
  blind: boolean;
  scoreVisibility: "never" | "after_submit" | "always";
  scoreMethod: Method;
  rule: AdvancementRule;
  tiebreak: TieKey[];
  disagreementThreshold: number;
  borderlineBand: number;
}

export function settingsOf(r: RoundSettingsRow): SettingsView {
  return {
    blind: r.blind === 1,
    scoreVisibility: r.score_visibility,
    scoreMethod: (METHODS as readonly string[]).includes(r.score_method) ? (r.score_method as Method) : "normalized",
    rule: parseRule(r.advancement_json),
    tiebreak: parseTiebreak(r.tiebreak_json),
    disagreementThreshold: r.disagreement_threshold,
    borderlineBand: r.borderline_band,
  };
}

function roundHead(c: Competition, r: RoundSettingsRow) {
  return {
    competition: { id: c.id, slug: c.slug, name: c.name },
    round: { id: r.id, name: r.name, position: r.position, kind: r.kind, poolRole: r.pool_role, status: r.status },
  };
}

export interface StratumValue {
  value: string;
  nameId: string | null;
  nameEn: string | null;
  /** Entrants of the round in this stratum value. */
  entrants: number;
}

/**
 * The values each quota stratum can take: the edition's categories and
 * groups, and the clusters of the round's entrants (every cluster while the
 * round has no entrants yet), each with its number of entrants.
 */
async function strataOf(db: DB, c: Competition, entrants: EntrantRecord[]): Promise<Record<Stratum, StratumValue[]>> {
  const { groups, categories } = await listStrataOfEdition(db, c.id);
  const count = (by: Stratum, v: string) =>
    entrants.filter((e) => (by === "cluster" ? e.cluster : by === "group" ? e.group_key : e.category_key) === v).length;
  const presentClusters = CLUSTERS.filter((cl) => entrants.some((e) => e.cluster === cl));
  return {
    cluster: (presentClusters.length > 0 ? presentClusters : [...CLUSTERS]).map((v) => ({ value: v, nameId: null, nameEn: null, entrants: count("cluster", v) })),
    category: categories.map((g) => ({ value: g.key, nameId: g.name_id, nameEn: g.name_en, entrants: count("category", g.key) })),
    group: groups.map((g) => ({ value: g.key, nameId: g.name_id, nameEn: g.name_en, entrants: count("group", g.key) })),
  };
}

/** The settings page: the round, its settings, what may change now, the rubric keys (tie-breaks) and the quota strata. */
export async function getSettingsPage(db: DB, actor: Actor, slug: string, roundId: string) {
  const { c, round } = await managedRound(db, actor, slug, roundId);
  const [criteria, entrants, state] = await Promise.all([listCriteria(db, round.id), listEntrants(db, round), stateOf(db, round)]);
  return {
    ...roundHead(c, round),
    settings: settingsOf(round),
    editable: { scoring: settingsEditable(round.status, "scoring"), ranking: settingsEditable(round.status, "ranking") },
    criteria: criteria.map((k) => ({ key: k.key, nameId: k.name_id, nameEn: k.name_en })),
    strata: await strataOf(db, c, entrants),
    entrants: entrants.length,
    state,
  };
}

/**
 * Saves the round's settings. Draft or open: everything; closed: only the
 * ranking part (rule, tie-break, threshold, band; the scoring part keeps its
 * stored values whatever the form says); decided: refused. A tie-break on a
 * criterion must name one of the rubric. Quota values outside the stratum's
 * known values are dropped. Side effects: the rounds row and one audit row
 * "round.settingsUpdated" with the changed fields before and after (nothing
 * changed → no write).
 */
export async function saveRoundSettings(db: DB, actor: Actor, slug: string, roundId: string, input: RoundSettingsInput, now = new Date()): Promise<Result> {
  return inTransaction(db, async (trx) => {
    const { c, round } = await managedRound(trx, actor, slug, roundId);
    if (!settingsEditable(round.status, "ranking")) return fail({ _form: "scoring.round.errors.locked" });
    const current = settingsOf(round);
    const criteria = await listCriteria(trx, round.id);
    const keys = new Set(criteria.map((k) => `criterion:${k.key}`));
    const errors: FieldErrors = {};
    input.tiebreak.forEach((k, i) => {
      if (k.startsWith("criterion:") && !keys.has(k)) errors[`tiebreak${i + 1}`] = "scoring.round.errors.tieCriterion";
    });
    if (Object.keys(errors).length > 0) return fail(errors);

    let rule = input.rule;
    if (rule.kind === "quota") {
      const strata = await strataOf(trx, c, await listEntrants(trx, round));
      const known = new Set(strata[rule.by].map((s) => s.value));
      const quotas: Record<string, number> = {};
      for (const [k, n] of Object.entries(rule.quotas)) if (known.has(k)) quotas[k] = n;
      if (Object.values(quotas).reduce((a, b) => a + b, 0) === 0) return fail({ ruleBy: "scoring.round.errors.quotaEmpty" });
      rule = { ...rule, quotas };
    }
    const scoringOpen = settingsEditable(round.status, "scoring");
    const next: SettingsView = {
      blind: scoringOpen ? input.blind : current.blind,
      scoreVisibility: scoringOpen ? input.scoreVisibility : current.scoreVisibility,
      scoreMethod: scoringOpen ? input.scoreMethod : current.scoreMethod,
      rule,
      tiebreak: input.tiebreak,
      disagreementThreshold: input.disagreementThreshold,
      borderlineBand: input.borderlineBand,
    };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of Object.keys(next) as (keyof SettingsView)[]) {
      if (JSON.stringify(next[key]) !== JSON.stringify(current[key])) {
        before[key] = current[key];
        after[key] = next[key];
      }
    }
    if (Object.keys(after).length === 0) return { ok: true as const };
    await updateRoundSettingsRow(
      trx,
      round.id,
      {
        blind: next.blind ? 1 : 0,
        score_visibility: next.scoreVisibility,
        score_method: next.scoreMethod,
        advancement_json: JSON.stringify(next.rule),
        tiebreak_json: JSON.stringify(next.tiebreak),
        disagreement_threshold: next.disagreementThreshold,
        borderline_band: next.borderlineBand,
      },
      now.toISOString(),
    );
    await audit(trx, actor, c, round, "round.settingsUpdated", before, after);
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------
// Rubric

export interface CriterionView {
  id: string;
  key: string;
  nameId: string;
  nameEn: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  scaleStep: number;
  levels: Level[];
  levelsText: string;
}

function parseLevelsJson(json: string): Level[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as Level[]).filter((l) => l && typeof l.score === "number") : [];
  } catch {
    return [];
  }
}

function criterionView(k: CriterionRecord): CriterionView {
  const levels = parseLevelsJson(k.levels_json);
  return {
    id: k.id,
    key: k.key,
    nameId: k.name_id,
    nameEn: k.name_en,
    weight: k.weight,
    scaleMin: k.scale_min,
    scaleMax: k.scale_max,
    scaleStep: k.scale_step,
    levels,
    levelsText: formatLevels(levels),
  };
}

/** What the audit keeps of a criterion. */
function criterionAudit(k: CriterionView | (CriterionInput & { id?: string })) {
  return {
    key: k.key,
    nameId: k.nameId,
    nameEn: k.nameEn,
    weight: k.weight,
    scale: [k.scaleMin, k.scaleMax, k.scaleStep],
    levels: k.levels,
  };
}

function valuesOf(input: CriterionInput): CriterionValues {
  return {
    key: input.key,
    name_id: input.nameId,
    name_en: input.nameEn,
    weight: input.weight,
    scale_min: input.scaleMin,
    scale_max: input.scaleMax,
    scale_step: input.scaleStep,
    levels_json: JSON.stringify(input.levels),
  };
}

/** The rubric page: criteria in order, whether it can change now and why not, the presets. */
export async function getRubricPage(db: DB, actor: Actor, slug: string, roundId: string) {
  const { c, round } = await managedRound(db, actor, slug, roundId);
  const [criteria, sheets] = await Promise.all([listCriteria(db, round.id), countSheets(db, round.id)]);
  const views = criteria.map(criterionView);
  const weightSum = views.reduce((a, k) => a + k.weight, 0);
  return {
    ...roundHead(c, round),
    criteria: views,
    weightSum,
    sheets,
    editable: rubricEditable(round.status, sheets),
    presets: RUBRIC_PRESETS.map((p) => ({ key: p.key, criteria: p.criteria.length })),
  };
}

async function rubricContext(trx: DB, actor: Actor, slug: string, roundId: string) {
  const { c, round } = await managedRound(trx, actor, slug, roundId);
  const sheets = await countSheets(trx, round.id);
  const criteria = (await listCriteria(trx, round.id)).map(criterionView);
  return { c, round, criteria, editable: rubricEditable(round.status, sheets) };
}

/**
 * Keeps the tie-break in step with the rubric: a renamed criterion's key is
 * renamed there, a removed one dropped. Returns the change for the audit row,
 * or null when nothing changed.
 */
async function syncTiebreak(trx: DB, round: RoundSettingsRow, rename: Map<string, string | null>, now: Date) {
  const before = parseTiebreak(round.tiebreak_json);
  const after: TieKey[] = [];
  for (const k of before) {
    if (!k.startsWith("criterion:")) {
      after.push(k);
      continue;
    }
    const key = k.slice("criterion:".length);
    if (!rename.has(key)) after.push(k);
    else {
      const to = rename.get(key);
      if (to) after.push(`criterion:${to}`);
    }
  }
  if (JSON.stringify(after) === JSON.stringify(before)) return null;
  await setTiebreakJson(trx, round.id, JSON.stringify(after), now.toISOString());
  return { before, after };
}

/**
 * Adds a criterion (at the end) or edits one (`criterionId`). Refused once the
 * rubric is locked (a sheet exists in an open or closed round, or decided) or
 * when the key is taken. Side effects: the round_criteria row; a renamed key
 * is renamed in the tie-break; one audit row "rubric.updated".
 */
export async function saveCriterion(
  db: DB,
  actor: Actor,
  slug: string,
  roundId: string,
  input: CriterionInput & { criterionId: string | null },
  now = new Date(),
): Promise<Result> {
  return inTransaction(db, async (trx) => {
    const { c, round, criteria, editable } = await rubricContext(trx, actor, slug, roundId);
    if (!editable) return fail({ _form: "scoring.rubric.errors.locked" });
    const existing = input.criterionId ? criteria.find((k) => k.id === input.criterionId) : undefined;
    if (input.criterionId && !existing) notFound();
    if (criteria.some((k) => k.key === input.key && k.id !== input.criterionId)) return fail({ key: "scoring.rubric.errors.keyTaken" });
    if (existing) {
      await updateCriterion(trx, round.id, existing.id, valuesOf(input));
      const tie = existing.key !== input.key ? await syncTiebreak(trx, round, new Map([[existing.key, input.key]]), now) : null;
      await audit(trx, actor, c, round, "rubric.updated", { criterion: criterionAudit(existing), ...(tie ? { tiebreak: tie.before } : {}) }, {
        op: "changed",
        criterion: criterionAudit(input),
        ...(tie ? { tiebreak: tie.after } : {}),
      });
    } else {
      await insertCriterion(trx, round.id, newId(), valuesOf(input), criteria.length + 1);
      await audit(trx, actor, c, round, "rubric.updated", null, { op: "added", criterion: criterionAudit(input) });
    }
    await renumber(trx, round.id);
    return { ok: true as const };
  });
}

/** Positions 1..n in the current order (so moves swap neighbours cleanly). */
async function renumber(trx: DB, roundId: string) {
  const list = await listCriteria(trx, roundId);
  for (let i = 0; i < list.length; i++) if (list[i].position !== i + 1) await setCriterionPosition(trx, roundId, list[i].id, i + 1);
}

/** Removes a criterion (unless locked); a tie-break on it is dropped. One audit row "rubric.updated". */
export async function removeCriterion(db: DB, actor: Actor, slug: string, roundId: string, criterionId: string, now = new Date()): Promise<Result> {
  return inTransaction(db, async (trx) => {
    const { c, round, criteria, editable } = await rubricContext(trx, actor, slug, roundId);
    const k = criteria.find((x) => x.id === criterionId);
    if (!k) notFound();
    if (!editable) return fail({ _form: "scoring.rubric.errors.locked" });
    await deleteCriterion(trx, round.id, k.id);
    const tie = await syncTiebreak(trx, round, new Map([[k.key, null]]), now);
    await renumber(trx, round.id);
    await audit(trx, actor, c, round, "rubric.updated", { criterion: criterionAudit(k), ...(tie ? { tiebreak: tie.before } : {}) }, {
      op: "removed",
      key: k.key,
      ...(tie ? { tiebreak: tie.after } : {}),
    });
    return { ok: true as const };
  });
}

/** Moves a criterion one place up or down (unless locked). One audit row "rubric.updated" with the order. */
export async function moveCriterion(db: DB, actor: Actor, slug: string, roundId: string, criterionId: string, direction: "up" | "down"): Promise<Result> {
  return inTransaction(db, async (trx) => {
    const { c, round, criteria, editable } = await rubricContext(trx, actor, slug, roundId);
    const i = criteria.findIndex((x) => x.id === criterionId);
    if (i === -1) notFound();
    if (!editable) return fail({ _form: "scoring.rubric.errors.locked" });
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= criteria.length) return { ok: true as const };
    const order = criteria.map((k) => k.key);
    const moved = [...criteria];
    [moved[i], moved[j]] = [moved[j], moved[i]];
    for (let p = 0; p < moved.length; p++) await setCriterionPosition(trx, round.id, moved[p].id, p + 1);
    await audit(trx, actor, c, round, "rubric.updated", { order }, { op: "moved", order: moved.map((k) => k.key) });
    return { ok: true as const };
  });
}

// Presets from the DOMAIN examples (a provincial copy of the national form).
const LEVELS_5: Level[] = [
  { score: 1, id: "Sangat kurang", en: "Very poor" },
  { score: 2, id: "Kurang", en: "Poor" },
  { score: 3, id: "Cukup", en: "Fair" },
  { score: 4, id: "Baik", en: "Good" },
  { score: 5, id: "Sangat baik", en: "Excellent" },
];
const LEVELS_100: Level[] = [
  { score: 0, id: "Tidak ada bukti", en: "No evidence" },
  { score: 25, id: "Kurang", en: "Poor" },
  { score: 50, id: "Cukup", en: "Fair" },
  { score: 75, id: "Baik", en: "Good" },
  { score: 100, id: "Sangat baik", en: "Excellent" },
];
const PROPOSAL_CRITERIA: [string, string, string, number][] = [
  ["latar_belakang", "Latar belakang & tujuan", "Background & objectives", 10],
  ["kebaruan", "Kebaruan", "Novelty", 15],
  ["implementasi", "Implementasi", "Implementation", 5],
  ["signifikansi", "Signifikansi", "Significance", 30],
  ["adaptabilitas", "Adaptabilitas", "Adaptability", 20],
  ["sumber_daya", "Sumber daya", "Resources", 5],
  ["keberlanjutan", "Keberlanjutan", "Sustainability", 15],
];
const PRESENTATION_CRITERIA: [string, string, string, number][] = [
  ["penyampaian", "Penyampaian", "Delivery", 30],
  ["substansi", "Substansi, manfaat & replikasi", "Substance, benefit & replicability", 50],
  ["video", "Video", "Video", 10],
  ["kehadiran_pimpinan", "Kehadiran pimpinan", "Leadership attendance", 10],
];

function preset(key: RubricPresetKey, list: [string, string, string, number][], scale: "5" | "100") {
  return {
    key,
    criteria: list.map(
      ([k, id, en, weight]): CriterionInput => ({
        key: k,
        nameId: id,
        nameEn: en,
        weight,
        scaleMin: scale === "5" ? 1 : 0,
        scaleMax: scale === "5" ? 5 : 100,
        scaleStep: 1,
        levels: scale === "5" ? LEVELS_5 : LEVELS_100,
      }),
    ),
  };
}

export const RUBRIC_PRESETS = [
  preset("proposal_100", PROPOSAL_CRITERIA, "100"),
  preset("proposal_5", PROPOSAL_CRITERIA, "5"),
  preset("presentation_100", PRESENTATION_CRITERIA, "100"),
  preset("presentation_5", PRESENTATION_CRITERIA, "5"),
];

/**
 * Replaces the rubric by a preset (unless locked). A rubric that already has
 * criteria is replaced only with `replace` ticked. Tie-breaks on criteria
 * that no longer exist are dropped. One audit row "rubric.updated" with the
 * keys before and the preset after.
 */
export async function applyRubricPreset(
  db: DB,
  actor: Actor,
  slug: string,
  roundId: string,
  input: { preset: RubricPresetKey; replace: boolean },
  now = new Date(),
): Promise<Result> {
  return inTransaction(db, async (trx) => {
    const { c, round, criteria, editable } = await rubricContext(trx, actor, slug, roundId);
    if (!editable) return fail({ _form: "scoring.rubric.errors.locked" });
    if (criteria.length > 0 && !input.replace) return fail({ replace: "scoring.rubric.errors.replaceConfirm" });
    const p = RUBRIC_PRESETS.find((x) => x.key === input.preset);
    if (!p) return fail({ preset: "scoring.rubric.errors.preset" });
    await deleteAllCriteria(trx, round.id);
    for (let i = 0; i < p.criteria.length; i++) await insertCriterion(trx, round.id, newId(), valuesOf(p.criteria[i]), i + 1);
    const kept = new Set(p.criteria.map((k) => k.key));
    const tie = await syncTiebreak(trx, round, new Map(criteria.filter((k) => !kept.has(k.key)).map((k) => [k.key, null])), now);
    await audit(
      trx,
      actor,
      c,
      round,
      "rubric.updated",
      { criteria: criteria.map(criterionAudit), ...(tie ? { tiebreak: tie.before } : {}) },
      { op: "preset", preset: p.key, criteria: p.criteria.map(criterionAudit), ...(tie ? { tiebreak: tie.after } : {}) },
    );
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------
// State machine

export interface TeamView {
  proposalId: string;
  number: string;
  title: string;
  agencyName: string;
  members: { assignmentId: string; jurorId: string; name: string; email: string; role: "evaluator" | "panelist"; source: string; hasSheet: boolean }[];
  panelists: number;
  evaluators: number;
  ok: boolean;
}

async function fieldTeamsOf(db: DB, round: RoundSettingsRow): Promise<TeamView[]> {
  const [entrants, members] = await Promise.all([listEntrants(db, round), listTeamMembers(db, round.id)]);
  return entrants.map((e) => {
    const mine = members.filter((m) => m.proposal_id === e.id);
    const panelists = mine.filter((m) => m.role === "panelist").length;
    const evaluators = mine.filter((m) => m.role === "evaluator").length;
    return {
      proposalId: e.id,
      number: e.number,
      title: e.title,
      agencyName: e.agency_name,
      members: mine.map((m) => ({
        assignmentId: m.id,
        jurorId: m.juror_id,
        name: m.name,
        email: m.email,
        role: m.role,
        source: m.source,
        hasSheet: m.sheet_id !== null,
      })),
      panelists,
      evaluators,
      ok: fieldTeamOk({ panelists, evaluators }),
    };
  });
}

async function openFacts(db: DB, round: RoundSettingsRow) {
  const [criteria, assignments, teams] = await Promise.all([
    listCriteria(db, round.id),
    countAssignments(db, round.id),
    round.kind === "field" ? fieldTeamsOf(db, round) : Promise.resolve([] as TeamView[]),
  ]);
  const fieldTeams: FieldTeam[] = teams.map((t) => ({ proposalId: t.proposalId, panelists: t.panelists, evaluators: t.evaluators }));
  return { state: round.status, kind: round.kind, criteria, assignments, fieldTeams };
}

export interface StateView {
  status: RoundState;
  openedAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  decidedAt: string | null;
  transitions: ReturnType<typeof transitionsFrom>;
  /** Why the round cannot open now (draft only). */
  openRefusals: RefusalCode[];
  /** Assigned sheets not yet submitted (open and closed rounds). */
  missingSheets: number;
}

async function stateOf(db: DB, round: RoundSettingsRow): Promise<StateView> {
  const refusals = round.status === "draft" ? openRefusals(await openFacts(db, round)) : [];
  const missing = round.status === "open" || round.status === "closed" ? await countMissingSheets(db, round.id) : 0;
  return {
    status: round.status,
    openedAt: round.opened_at,
    closedAt: round.closed_at,
    closeReason: round.close_reason,
    decidedAt: round.decided_at,
    transitions: transitionsFrom(round.status),
    openRefusals: refusals,
    missingSheets: missing,
  };
}

/** The round's state for the round page: status, times, what can happen next and why not. */
export async function getRoundState(db: DB, actor: Actor, slug: string, roundId: string): Promise<StateView> {
  const { round } = await managedRound(db, actor, slug, roundId);
  return stateOf(db, round);
}

export type TransitionResult = { ok: true; notified: number } | { ok: false; errors: FieldErrors; refusals: RefusalCode[] };

function refused(refusals: RefusalCode[]): TransitionResult {
  const errors: FieldErrors = {};
  if (refusals.includes("reasonRequired")) errors.reason = "scoring.state.refusal.reasonRequired";
  const other = refusals.find((r) => r !== "reasonRequired");
  errors._form = other ? (`scoring.state.refusal.${other}` as MessageKey) : "errors.form";
  return { ok: false, errors, refusals };
}

async function notifyJurors(
  db: DB,
  c: Competition,
  round: RoundSettingsRow,
  kind: "opened" | "closed" | "reopened",
  ctx: MailContext,
): Promise<number> {
  const jurors = await listAssignedJurorsToNotify(db, round.id);
  const link = `${originOf(ctx)}/juror/${c.slug}`;
  for (const j of jurors) {
    const locale = localeOf(j.user_locale);
    const params = { name: j.name, round: round.name, position: round.position, competition: c.name, link };
    await sendMail(db, {
      to: j.user_email ?? j.email,
      subject: translate(locale, `scoring.state.mail.${kind}.subject` as MessageKey, params),
      text: translate(locale, `scoring.state.mail.${kind}.body` as MessageKey, params),
    });
  }
  return jurors.length;
}

/**
 * draft → open. Guard (openRefusals): a rubric with ≥ 1 criterion and every
 * weight > 0, ≥ 1 assignment, and for field rounds a team of ≥ 1 Panelis and
 * ≥ 1 Evaluator on every entrant. Side effects: status open, opened_at; one
 * audit row "round.opened"; after the commit one mail to every active
 * assigned juror with the link to /juror/:slug.
 */
export async function openRound(db: DB, actor: Actor, slug: string, roundId: string, ctx: MailContext = {}): Promise<TransitionResult> {
  const now = ctx.now ?? new Date();
  const outcome = await inTransaction(db, async (trx) => {
    const { c, round } = await managedRound(trx, actor, slug, roundId);
    const facts = await openFacts(trx, round);
    const refusals = openRefusals(facts);
    if (refusals.length > 0) return { ok: false as const, refused: refusals };
    const at = now.toISOString();
    if (!(await setRoundState(trx, round.id, "draft", { status: "open", opened_at: at }, at))) return { ok: false as const, refused: ["state"] as RefusalCode[] };
    await audit(trx, actor, c, round, "round.opened", { status: "draft" }, { status: "open", openedAt: at, criteria: facts.criteria.length, assignments: facts.assignments });
    return { ok: true as const, c, round };
  });
  if (!outcome.ok) return refused(outcome.refused);
  return { ok: true, notified: await notifyJurors(db, outcome.c, outcome.round, "opened", ctx) };
}

/**
 * open → closed: scores are locked. With assigned sheets not submitted a
 * reason is required (kept in close_reason). Side effects: status closed,
 * closed_at, close_reason; one audit row "round.closed" with the missing
 * count; one mail to every active assigned juror.
 */
export async function closeRound(
  db: DB,
  actor: Actor,
  slug: string,
  roundId: string,
  input: { reason: string },
  ctx: MailContext = {},
): Promise<TransitionResult> {
  const now = ctx.now ?? new Date();
  const outcome = await inTransaction(db, async (trx) => {
    const { c, round } = await managedRound(trx, actor, slug, roundId);
    const missingSheets = round.status === "open" ? await countMissingSheets(trx, round.id) : 0;
    const refusals = closeRefusals({ state: round.status, missingSheets, reason: input.reason });
    if (refusals.length > 0) return { ok: false as const, refused: refusals };
    const at = now.toISOString();
    const reason = input.reason.trim() || null;
    if (!(await setRoundState(trx, round.id, "open", { status: "closed", closed_at: at, close_reason: reason }, at))) return { ok: false as const, refused: ["state"] as RefusalCode[] };
    await audit(trx, actor, c, round, "round.closed", { status: "open" }, { status: "closed", closedAt: at, missingSheets, reason });
    return { ok: true as const, c, round };
  });
  if (!outcome.ok) return refused(outcome.refused);
  return { ok: true, notified: await notifyJurors(db, outcome.c, outcome.round, "closed", ctx) };
}

/**
 * closed → open (before the decision), with a reason. Side effects: status
 * open, closed_at and close_reason cleared (opened_at kept: the first
 * opening); one audit row "round.reopened" with the reason and the previous
 * close; one mail to every active assigned juror.
 */
export async function reopenRound(
  db: DB,
  actor: Actor,
  slug: string,
  roundId: string,
  input: { reason: string },
  ctx: MailContext = {},
): Promise<TransitionResult> {
  const now = ctx.now ?? new Date();
  const outcome = await inTransaction(db, async (trx) => {
    const { c, round } = await managedRound(trx, actor, slug, roundId);
    const refusals = reopenRefusals({ state: round.status, reason: input.reason });
    if (refusals.length > 0) return { ok: false as const, refused: refusals };
    const at = now.toISOString();
    if (!(await setRoundState(trx, round.id, "closed", { status: "open", closed_at: null, close_reason: null }, at))) return { ok: false as const, refused: ["state"] as RefusalCode[] };
    await audit(
      trx,
      actor,
      c,
      round,
      "round.reopened",
      { status: "closed", closedAt: round.closed_at, closeReason: round.close_reason },
      { status: "open", reason: input.reason.trim() },
    );
    return { ok: true as const, c, round };
  });
  if (!outcome.ok) return refused(outcome.refused);
  return { ok: true, notified: await notifyJurors(db, outcome.c, outcome.round, "reopened", ctx) };
}

// ---------------------------------------------------------------------------
// Presentation slots

async function presentationRound(db: DB, actor: Actor, slug: string, roundId: string) {
  const r = await managedRound(db, actor, slug, roundId);
  if (r.round.kind !== "presentation") notFound();
  return r;
}

/** The slots page: entrants (with or without a slot), slots by time with attendance. */
export async function getSlotsPage(db: DB, actor: Actor, slug: string, roundId: string) {
  const { c, round } = await presentationRound(db, actor, slug, roundId);
  const [entrants, slots] = await Promise.all([listEntrants(db, round), listSlots(db, round.id)]);
  const withSlot = new Set(slots.map((s) => s.proposal_id));
  return {
    ...roundHead(c, round),
    editable: slotsEditable(round.status),
    entrants: entrants.map((e) => ({ id: e.id, number: e.number, title: e.title, agencyName: e.agency_name, hasSlot: withSlot.has(e.id) })),
    slots: slots.map((s) => ({
      id: s.id,
      proposalId: s.proposal_id,
      number: s.number,
      title: s.title,
      agencyName: s.agency_name,
      startsAt: s.starts_at,
      lengthMinutes: s.length_minutes,
      meetingLink: s.meeting_link,
      attendance: s.attendance,
      attendanceNote: s.attendance_note,
      confirmedAt: s.confirmed_at,
      confirmedBy: s.confirmed_by_name,
    })),
  };
}

async function mailSlot(
  db: DB,
  c: Competition,
  round: RoundSettingsRow,
  slot: { number: string; title: string; agencyId: string; startsAt: string; lengthMinutes: number; meetingLink: string },
  kind: "set" | "changed" | "cancelled",
  ctx: MailContext,
): Promise<number> {
  const people = await listAdminLokalOfAgency(db, slot.agencyId);
  for (const p of people) {
    const locale = localeOf(p.locale);
    const params = {
      name: p.name,
      competition: c.name,
      round: round.name,
      number: slot.number,
      title: slot.title,
      time: formatWib(slot.startsAt, locale),
      minutes: slot.lengthMinutes,
      meeting: slot.meetingLink || "—",
      link: `${originOf(ctx)}/agency/${slot.agencyId}/presentations`,
    };
    await sendMail(db, {
      to: p.email,
      subject: translate(locale, `scoring.slots.mail.${kind}.subject` as MessageKey, params),
      text: translate(locale, `scoring.slots.mail.${kind}.body` as MessageKey, params),
    });
  }
  return people.length;
}

/**
 * Creates a slot for an entrant (one per entrant) or edits one (`slotId`).
 * Moving the start time resets the agency's answer to pending. Refused once
 * the round is decided. Side effects: the presentation_slots row, one audit
 * row "slot.created" / "slot.updated" (with the agency), and a mail to the
 * agency's Admin Lokal when the slot is new or its time, length or link
 * changed.
 */
export async function saveSlot(db: DB, actor: Actor, slug: string, roundId: string, input: SlotInput, ctx: MailContext = {}): Promise<Result> {
  const now = ctx.now ?? new Date();
  const outcome = await inTransaction(db, async (trx) => {
    const { c, round } = await presentationRound(trx, actor, slug, roundId);
    if (!slotsEditable(round.status)) return { ok: false as const, errors: { _form: "scoring.slots.errors.locked" } as FieldErrors };
    const entrant = (await listEntrants(trx, round)).find((e) => e.id === input.proposalId);
    if (!entrant) return { ok: false as const, errors: { proposalId: "scoring.slots.errors.notEntrant" } as FieldErrors };
    const fields = { startsAt: input.startsAt, lengthMinutes: input.lengthMinutes, meetingLink: input.meetingLink };
    const mailOf = { number: entrant.number, title: entrant.title, agencyId: entrant.agency_id, ...fields };
    if (input.slotId) {
      const slot = await findSlot(trx, round.id, input.slotId);
      if (!slot) notFound();
      if (slot.proposal_id !== entrant.id) return { ok: false as const, errors: { proposalId: "scoring.slots.errors.proposalFixed" } as FieldErrors };
      const before = { startsAt: slot.starts_at, lengthMinutes: slot.length_minutes, meetingLink: slot.meeting_link };
      if (JSON.stringify(before) === JSON.stringify(fields)) return { ok: true as const, done: null };
      const resetAttendance = slot.starts_at !== input.startsAt && slot.attendance !== "pending";
      await updateSlot(trx, round.id, slot.id, { ...fields, resetAttendance });
      await audit(
        trx,
        actor,
        c,
        round,
        "slot.updated",
        { ...before, attendance: slot.attendance },
        { ...fields, number: entrant.number, attendance: resetAttendance ? "pending" : slot.attendance },
        { entityType: "presentation_slot", entityId: slot.id, agencyId: entrant.agency_id },
      );
      return { ok: true as const, done: { c, round, kind: "changed" as const, mail: mailOf } };
    }
    if (await findSlotOfProposal(trx, round.id, entrant.id)) return { ok: false as const, errors: { proposalId: "scoring.slots.errors.taken" } as FieldErrors };
    const id = newId();
    await insertSlot(trx, { id, roundId: round.id, proposalId: entrant.id, ...fields, now: now.toISOString() });
    await audit(trx, actor, c, round, "slot.created", null, { ...fields, number: entrant.number }, { entityType: "presentation_slot", entityId: id, agencyId: entrant.agency_id });
    return { ok: true as const, done: { c, round, kind: "set" as const, mail: mailOf } };
  });
  if (!outcome.ok) return fail(outcome.errors);
  if (outcome.done) await mailSlot(db, outcome.done.c, outcome.done.round, outcome.done.mail, outcome.done.kind, ctx);
  return { ok: true };
}

/** Deletes a slot (until decided). One audit row "slot.deleted"; the agency's Admin Lokal is told it is cancelled. */
export async function removeSlot(db: DB, actor: Actor, slug: string, roundId: string, slotId: string, ctx: MailContext = {}): Promise<Result> {
  const outcome = await inTransaction(db, async (trx) => {
    const { c, round } = await presentationRound(trx, actor, slug, roundId);
    const slot = await findSlot(trx, round.id, slotId);
    if (!slot) notFound();
    if (!slotsEditable(round.status)) return { ok: false as const, errors: { _form: "scoring.slots.errors.locked" } as FieldErrors };
    await deleteSlot(trx, round.id, slot.id);
    await audit(
      trx,
      actor,
      c,
      round,
      "slot.deleted",
      { number: slot.number, startsAt: slot.starts_at, lengthMinutes: slot.length_minutes, meetingLink: slot.meeting_link, attendance: slot.attendance },
      null,
      { entityType: "presentation_slot", entityId: slot.id, agencyId: slot.agency_id },
    );
    return { ok: true as const, c, round, slot };
  });
  if (!outcome.ok) return fail(outcome.errors);
  const s = outcome.slot;
  await mailSlot(
    db,
    outcome.c,
    outcome.round,
    { number: s.number, title: s.title, agencyId: s.agency_id, startsAt: s.starts_at, lengthMinutes: s.length_minutes, meetingLink: s.meeting_link },
    "cancelled",
    ctx,
  );
  return { ok: true };
}

function agencyResource(agencyId: string) {
  return { type: "agency" as const, id: agencyId };
}

/**
 * An agency's presentation slots (every edition), for its Admin Lokal
 * ("presentation.confirm"). Scoped by the proposals' agency.
 */
export async function getAgencyPresentations(db: DB, actor: Actor, agencyId: string) {
  assertCan(actor, "presentation.confirm", agencyResource(agencyId));
  const agency = await findAgencyName(db, agencyId);
  if (!agency) notFound();
  const slots = await listAgencySlots(db, agencyId);
  return {
    agency: { id: agency.id, name: agency.name, code: agency.code },
    slots: slots.map((s) => ({
      id: s.id,
      number: s.number,
      title: s.title,
      competitionName: s.competition_name,
      roundName: s.round_name,
      startsAt: s.starts_at,
      lengthMinutes: s.length_minutes,
      meetingLink: s.meeting_link,
      attendance: s.attendance,
      attendanceNote: s.attendance_note,
      confirmedAt: s.confirmed_at,
      confirmedBy: s.confirmed_by_name,
      answerable: slotsEditable(s.round_status),
    })),
  };
}

/**
 * The agency confirms or declines attendance at its slot, with a note
 * (required to decline). Refused once the round is decided. Side effects: the
 * slot's attendance, note, who and when; one audit row "slot.confirmed" or
 * "slot.declined" with the agency.
 */
export async function setAttendance(db: DB, actor: Actor, agencyId: string, input: AttendanceInput, now = new Date()): Promise<Result> {
  return inTransaction(db, async (trx) => {
    assertCan(actor, "presentation.confirm", agencyResource(agencyId));
    const slot = await findAgencySlot(trx, agencyId, input.slotId);
    if (!slot) notFound();
    if (!slotsEditable(slot.round_status)) return fail({ _form: "scoring.slots.errors.locked" });
    const at = now.toISOString();
    await setAttendanceRow(trx, slot.id, { attendance: input.attendance, note: input.note, by: actor.userId, at });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: input.attendance === "confirmed" ? "slot.confirmed" : "slot.declined",
      entityType: "presentation_slot",
      entityId: slot.id,
      organizerId: slot.organizer_id,
      competitionId: slot.competition_id,
      agencyId,
      before: { attendance: slot.attendance, note: slot.attendance_note },
      after: { attendance: input.attendance, note: input.note, number: slot.number },
    });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------
// Field verification

async function fieldRound(db: DB, actor: Actor, slug: string, roundId: string) {
  const r = await managedRound(db, actor, slug, roundId);
  if (r.round.kind !== "field") notFound();
  return r;
}

/** The field page: checklist items, the team of every entrant (flagged when it breaks the rule), jurors of both pools. */
export async function getFieldPage(db: DB, actor: Actor, slug: string, roundId: string) {
  const { c, round } = await fieldRound(db, actor, slug, roundId);
  const [items, teams, jurors, sheets] = await Promise.all([
    listChecklistItems(db, round.id),
    fieldTeamsOf(db, round),
    listActiveJurorsOfEdition(db, c.id),
    countSheets(db, round.id),
  ]);
  return {
    ...roundHead(c, round),
    checklist: items.map((i) => ({ id: i.id, key: i.key, labelId: i.label_id, labelEn: i.label_en })),
    checklistEditable: checklistEditable(round.status, sheets),
    teams,
    broken: teams.filter((t) => !t.ok).length,
    teamsEditable: fieldTeamsEditable(round.status),
    jurors: jurors.map((j) => ({ id: j.id, name: j.name, email: j.email, role: j.role })),
  };
}

/**
 * Adds or edits a checklist item (unique key per round). Locked like the
 * rubric. One audit row "checklist.updated".
 */
export async function saveChecklistItem(db: DB, actor: Actor, slug: string, roundId: string, input: ChecklistItemInput): Promise<Result> {
  return inTransaction(db, async (trx) => {
    const { c, round } = await fieldRound(trx, actor, slug, roundId);
    const items = await listChecklistItems(trx, round.id);
    const existing = input.itemId ? items.find((i) => i.id === input.itemId) : undefined;
    if (input.itemId && !existing) notFound();
    if (!checklistEditable(round.status, await countSheets(trx, round.id))) return fail({ _form: "scoring.field.errors.locked" });
    if (items.some((i) => i.key === input.key && i.id !== input.itemId)) return fail({ key: "scoring.field.errors.keyTaken" });
    const values = { key: input.key, label_id: input.labelId, label_en: input.labelEn };
    if (existing) {
      await updateChecklistItem(trx, round.id, existing.id, values);
      await audit(trx, actor, c, round, "checklist.updated", { key: existing.key, labelId: existing.label_id, labelEn: existing.label_en }, {
        op: "changed",
        key: input.key,
        labelId: input.labelId,
        labelEn: input.labelEn,
      });
    } else {
      await insertChecklistItem(trx, round.id, newId(), values, items.length + 1);
      await audit(trx, actor, c, round, "checklist.updated", null, { op: "added", key: input.key, labelId: input.labelId, labelEn: input.labelEn });
    }
    return { ok: true as const };
  });
}

export async function removeChecklistItem(db: DB, actor: Actor, slug: string, roundId: string, itemId: string): Promise<Result> {
  return inTransaction(db, async (trx) => {
    const { c, round } = await fieldRound(trx, actor, slug, roundId);
    const item = (await listChecklistItems(trx, round.id)).find((i) => i.id === itemId);
    if (!item) notFound();
    if (!checklistEditable(round.status, await countSheets(trx, round.id))) return fail({ _form: "scoring.field.errors.locked" });
    await deleteChecklistItem(trx, round.id, item.id);
    await audit(trx, actor, c, round, "checklist.updated", { key: item.key, labelId: item.label_id, labelEn: item.label_en }, { op: "removed", key: item.key });
    return { ok: true as const };
  });
}

/**
 * Adds a juror of either pool to an entrant's field team, as a manual
 * assignment (the round's pool_role names one pool; field teams need both).
 * Refused: a juror who is not active in the edition, a proposal that is not
 * an entrant, a pair already assigned, an active conflict on the pair, a
 * round that is closed or decided. One audit row "assignment.added".
 */
export async function addFieldTeamMember(db: DB, actor: Actor, slug: string, roundId: string, input: TeamMemberInput, now = new Date()): Promise<Result> {
  return inTransaction(db, async (trx) => {
    const { c, round } = await fieldRound(trx, actor, slug, roundId);
    if (!fieldTeamsEditable(round.status)) return fail({ _form: "scoring.field.errors.teamLocked" });
    const entrant = (await listEntrants(trx, round)).find((e) => e.id === input.proposalId);
    if (!entrant) return fail({ proposalId: "scoring.field.errors.notEntrant" });
    const juror = await findJurorOfEdition(trx, c.id, input.jurorId);
    if (!juror || juror.status !== "active") return fail({ jurorId: "scoring.field.errors.jurorInactive" });
    if (await findAssignment(trx, round.id, juror.id, entrant.id)) return fail({ jurorId: "scoring.field.errors.already" });
    const conflicts = await activeConflictSources(trx, c.id, juror.id, entrant.id);
    if (conflicts.length > 0) return fail({ jurorId: "scoring.field.errors.conflict" });
    const id = newId();
    await insertManualAssignment(trx, { id, roundId: round.id, jurorId: juror.id, proposalId: entrant.id, createdBy: actor.userId, now: now.toISOString() });
    await audit(trx, actor, c, round, "assignment.added", null, { field: true, juror: juror.email, role: juror.role, number: entrant.number }, { entityType: "assignment", entityId: id });
    return { ok: true as const };
  });
}

/** Removes a team member (an assignment without a score sheet) while the round is draft or open. One audit row "assignment.removed". */
export async function removeFieldTeamMember(db: DB, actor: Actor, slug: string, roundId: string, assignmentId: string): Promise<Result> {
  return inTransaction(db, async (trx) => {
    const { c, round } = await fieldRound(trx, actor, slug, roundId);
    const m = await findTeamMember(trx, round.id, assignmentId);
    if (!m) notFound();
    if (!fieldTeamsEditable(round.status)) return fail({ _form: "scoring.field.errors.teamLocked" });
    if (m.sheet_id) return fail({ _form: "scoring.field.errors.hasSheet" });
    await deleteAssignment(trx, round.id, m.id);
    await audit(trx, actor, c, round, "assignment.removed", { field: true, jurorId: m.juror_id, role: m.role, proposalId: m.proposal_id }, null, {
      entityType: "assignment",
      entityId: m.id,
    });
    return { ok: true as const };
  });
}
