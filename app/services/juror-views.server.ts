/**
 * What jurors and organizers see of the assignment once it is made:
 * - the juror's own list (/juror/:slug): their assignments per round with
 *   progress, and nothing else of the edition's proposals;
 * - the organizer's matrix of a round (proposals × the round's pool);
 * - the organizer's per-juror progress of a round, and reminders by e-mail.
 *
 * Proposal access for jurors (who may open /proposals/:number) is decided by
 * `proposal.view` with the proposal's `assignedUserIds`; the proposal and
 * file services look a juror's proposal up with findProposalForJuror and
 * stamp opened_at with recordJurorOpened below.
 */
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import { can, isJurorOf } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { formatWib } from "~/domain/time";
import { translate, type Locale } from "~/i18n";
import { forbidden, notFound } from "~/lib/http.server";
import { nowIso } from "~/lib/ids.server";
import { appendAudit } from "~/models/audit.server";
import { findCompetitionBySlug } from "~/models/competitions.server";
import {
  countDeclaredConflicts,
  countMatrixProposals,
  findRoundInCompetition,
  lastRemindedSince,
  listActiveConflictsOn,
  listAgenciesOfRound,
  listAssignmentsOfJurors,
  listCategories,
  listOwnJurorRows,
  listPoolOfRound,
  listRoundAssignmentsOn,
  listRoundsOfPools,
  markAssignmentsOpened,
  openWorkOfRound,
  pageMatrixProposals,
  REMINDED_ACTION,
  roundLoads,
  type MatrixFilter,
  type PoolJuror,
  type RoundRow,
} from "~/models/juror-views.server";
import { listSheetStatuses } from "~/models/scores.server";
import { sendMail } from "./mail.server";

type Competition = NonNullable<Awaited<ReturnType<typeof findCompetitionBySlug>>>;

async function loadCompetition(db: DB, slug: string): Promise<Competition> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  return c;
}

/**
 * A round of an edition for its organizer ("jury.manage"): 404 for an
 * unknown edition, 403 for anyone else, 404 for a round not in the edition.
 */
export async function loadManagedRound(db: DB, actor: Actor, slug: string, roundId: string): Promise<{ c: Competition; round: RoundRow }> {
  const c = await loadCompetition(db, slug);
  assertCan(actor, "jury.manage", { type: "competition", id: c.id, organizerId: c.organizer_id });
  const round = await findRoundInCompetition(db, c.id, roundId);
  if (!round) notFound();
  return { c, round };
}

function roundSummary(r: RoundRow) {
  return { id: r.id, position: r.position, name: r.name, kind: r.kind, poolRole: r.pool_role, k: r.k, status: r.status, startsAt: r.starts_at, endsAt: r.ends_at };
}

// ---------------------------------------------------------------------------
// The juror's own list

export type AssignmentState = "conflict" | "completed" | "opened" | "new";

export interface OwnAssignment {
  number: string;
  title: string;
  category: { key: string; nameId: string; nameEn: string } | null;
  expertiseMatch: boolean;
  state: AssignmentState;
  openedAt: string | null;
  completedAt: string | null;
}

export interface OwnRound {
  id: string;
  position: number;
  name: string;
  kind: string;
  role: string;
  status: string;
  /** Blind round: proposals open on the score page only (which hides identity), never /proposals/:number. */
  blind: boolean;
  startsAt: string | null;
  endsAt: string | null;
  /** Work on proposals not under a conflict. */
  progress: { total: number; opened: number; completed: number };
  assignments: OwnAssignment[];
  /** Score sheet status by proposal number, for the assignments that have a sheet (the scoring issue). */
  sheets: Record<string, "draft" | "submitted">;
}

/**
 * The signed-in juror's assignments in an edition, per round (in order),
 * with progress. Only the actor's own active pool rows are read
 * ("assignment.viewOwn"); anyone who is not an active juror of the edition
 * gets 403, an unknown edition 404. A proposal the juror is conflicted on
 * is listed as a conflict, without a link and outside the progress counts.
 */
export async function getJurorAssignments(db: DB, actor: Actor, slug: string) {
  const c = await loadCompetition(db, slug);
  const own = (await listOwnJurorRows(db, c.id, actor.userId)).filter((r) => r.status === "active");
  if (own.length === 0) forbidden();
  for (const r of own) {
    assertCan(actor, "assignment.viewOwn", { type: "juror", competitionId: c.id, organizerId: c.organizer_id, userId: r.user_id });
  }
  const roles = [...new Set(own.map((r) => r.role))];
  const [rounds, rows] = await Promise.all([
    listRoundsOfPools(
      db,
      c.id,
      roles,
      own.map((r) => r.id),
    ),
    listAssignmentsOfJurors(
      db,
      own.map((r) => r.id),
    ),
  ]);
  const sheetStatus = await listSheetStatuses(
    db,
    rows.map((a) => a.id),
  );
  const sheetsByRound = new Map<string, Record<string, "draft" | "submitted">>();
  const byRound = new Map<string, OwnAssignment[]>();
  for (const a of rows) {
    const st = sheetStatus.get(a.id);
    if (st && !Number(a.conflicted)) sheetsByRound.set(a.round_id, { ...(sheetsByRound.get(a.round_id) ?? {}), [a.number]: st });
    const conflicted = Boolean(Number(a.conflicted));
    const item: OwnAssignment = {
      number: a.number,
      title: a.title,
      category: a.category_key ? { key: a.category_key, nameId: a.category_name_id ?? "", nameEn: a.category_name_en ?? "" } : null,
      expertiseMatch: Number(a.expertise_match) === 1,
      state: conflicted ? "conflict" : a.completed_at ? "completed" : a.opened_at ? "opened" : "new",
      openedAt: a.opened_at,
      completedAt: a.completed_at,
    };
    byRound.set(a.round_id, [...(byRound.get(a.round_id) ?? []), item]);
  }
  const result: OwnRound[] = rounds.map((r) => {
    const list = byRound.get(r.id) ?? [];
    const work = list.filter((a) => a.state !== "conflict");
    return {
      id: r.id,
      position: Number(r.position),
      name: r.name,
      kind: r.kind,
      role: r.pool_role,
      status: r.status,
      blind: Number(r.blind) === 1,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      progress: {
        total: work.length,
        opened: work.filter((a) => a.openedAt !== null).length,
        completed: work.filter((a) => a.completedAt !== null).length,
      },
      assignments: list,
      sheets: sheetsByRound.get(r.id) ?? {},
    };
  });
  return {
    competition: { name: c.name, slug: c.slug, year: c.year },
    roles,
    rounds: result,
    canDeclareConflict: can(actor, "conflict.declareAsJuror", {
      type: "juror",
      competitionId: c.id,
      organizerId: c.organizer_id,
      userId: actor.userId,
    }),
  };
}

export type JurorAssignmentsPage = Awaited<ReturnType<typeof getJurorAssignments>>;

/**
 * The first time an assigned juror opens a proposal's page, stamp opened_at
 * on their own assignments to it (every round they hold it in) and record
 * it ("assignment.opened") in the same transaction. Nothing for anyone else
 * or for later visits. Called by getProposalPage once access is granted.
 */
export async function recordJurorOpened(
  db: DB,
  actor: Actor,
  proposal: { id: string; competition_id: string; organizer_id: string; agency_id: string },
  now: Date = new Date(),
): Promise<number> {
  if (!isJurorOf(actor, proposal.competition_id)) return 0;
  return db.transaction().execute(async (trx) => {
    const stamped = await markAssignmentsOpened(trx, actor.userId, proposal.id, nowIso(now));
    if (stamped.length === 0) return 0;
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "assignment.opened",
      entityType: "proposal",
      entityId: proposal.id,
      organizerId: proposal.organizer_id,
      competitionId: proposal.competition_id,
      agencyId: proposal.agency_id,
      after: { assignmentIds: stamped.map((s) => s.id), openedAt: nowIso(now) },
    });
    return stamped.length;
  });
}

// ---------------------------------------------------------------------------
// The organizer's matrix

export const MATRIX_PAGE_SIZE = 50;

export interface MatrixQuery {
  page?: number;
  agencyId?: string | null;
  categoryId?: string | null;
  /** Only proposals with fewer than k jurors. */
  underK?: boolean;
}

export interface MatrixCell {
  /** Assigned in this round: whether the proposal's category is in the juror's expertise, and how it was made. */
  assigned: { expert: boolean; source: "auto" | "manual" } | null;
  /** Sources of active conflicts on the pair. */
  conflicts: string[];
}

/** A short column label: first name and initials ("Eko Prasetyo Utomo" → "Eko P.U."). */
export function shortName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = words[0].length > 10 ? `${words[0].slice(0, 9)}…` : words[0];
  if (words.length === 1) return first;
  return `${first} ${words
    .slice(1)
    .map((w) => `${w[0].toUpperCase()}.`)
    .join("")}`;
}

function uniqueShortNames(names: string[]): string[] {
  const shorts = names.map(shortName);
  const seen = new Map<string, number>();
  return shorts.map((s) => {
    const n = (seen.get(s) ?? 0) + 1;
    seen.set(s, n);
    return shorts.filter((x) => x === s).length > 1 ? `${s} (${n})` : s;
  });
}

/**
 * The round's matrix for its organizer ("jury.manage"): one page (50) of the
 * eligible proposals, optionally filtered (agency, category, fewer than k
 * jurors), against every juror of the round's pool. A constant number of
 * queries whatever the page or pool size.
 */
export async function getRoundMatrix(db: DB, actor: Actor, slug: string, roundId: string, q: MatrixQuery = {}) {
  const { c, round } = await loadManagedRound(db, actor, slug, roundId);
  const filter: MatrixFilter = {
    agencyId: q.agencyId || null,
    categoryId: q.categoryId || null,
    fewerThan: q.underK ? round.k : null,
  };
  const [pool, total, loads, agencies, categories] = await Promise.all([
    listPoolOfRound(db, round),
    countMatrixProposals(db, round, filter),
    roundLoads(db, round.id),
    listAgenciesOfRound(db, round),
    listCategories(db, c.id),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / MATRIX_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(q.page ?? 1)), pageCount);
  const proposals = await pageMatrixProposals(db, round, filter, MATRIX_PAGE_SIZE, (page - 1) * MATRIX_PAGE_SIZE);
  const proposalIds = proposals.map((p) => p.id);
  const jurorIds = pool.map((j) => j.id);
  const [assignments, conflicts] = await Promise.all([
    listRoundAssignmentsOn(db, round.id, proposalIds),
    listActiveConflictsOn(db, jurorIds, proposalIds),
  ]);

  const jurorIndex = new Map(jurorIds.map((id, i) => [id, i]));
  const cells = new Map<string, MatrixCell[]>();
  const blankRow = (): MatrixCell[] => jurorIds.map(() => ({ assigned: null, conflicts: [] }));
  for (const p of proposals) cells.set(p.id, blankRow());
  for (const a of assignments) {
    const i = jurorIndex.get(a.juror_id);
    const row = cells.get(a.proposal_id);
    if (i === undefined || !row) continue;
    row[i].assigned = { expert: Number(a.expertise_match) === 1, source: a.source };
  }
  for (const x of conflicts) {
    const i = jurorIndex.get(x.juror_id);
    const row = cells.get(x.proposal_id);
    if (i === undefined || !row) continue;
    row[i].conflicts.push(x.source);
  }
  const loadOf = new Map(loads.map((l) => [l.jurorId, l]));
  const shorts = uniqueShortNames(pool.map((j) => j.name));

  return {
    competition: { name: c.name, slug: c.slug },
    round: roundSummary(round),
    jurors: pool.map((j, i) => ({
      id: j.id,
      name: j.name,
      shortName: shorts[i],
      email: j.email,
      status: j.status,
      minLoad: Number(j.min_load),
      maxLoad: Number(j.max_load),
      load: loadOf.get(j.id)?.assigned ?? 0,
      expert: loadOf.get(j.id)?.expert ?? 0,
    })),
    rows: proposals.map((p) => ({
      id: p.id,
      number: p.number,
      title: p.title,
      agencyName: p.agency_name,
      agencyCode: p.agency_code,
      category: p.category_key ? { key: p.category_key, nameId: p.category_name_id ?? "", nameEn: p.category_name_en ?? "" } : null,
      assigned: p.assigned,
      cells: cells.get(p.id) ?? blankRow(),
    })),
    total,
    page,
    pageCount,
    pageSize: MATRIX_PAGE_SIZE,
    filters: { agencyId: filter.agencyId ?? "", categoryId: filter.categoryId ?? "", underK: Boolean(q.underK) },
    agencies: agencies.map((a) => ({ id: a.id, name: a.name, code: a.code })),
    categories: categories.map((x) => ({ id: x.id, key: x.key, nameId: x.name_id, nameEn: x.name_en })),
  };
}

export type RoundMatrix = Awaited<ReturnType<typeof getRoundMatrix>>;

// ---------------------------------------------------------------------------
// Progress and reminders

/** Not more than one reminder per juror in this window. */
export const REMINDER_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Per juror of the round's pool: assigned, opened, completed (work on
 * proposals not withdrawn and not under a conflict), last activity, active
 * conflicts they declared, the last reminder, and whether one may be sent now.
 */
export async function getRoundProgress(db: DB, actor: Actor, slug: string, roundId: string, now: Date = new Date()) {
  const { c, round } = await loadManagedRound(db, actor, slug, roundId);
  const pool = await listPoolOfRound(db, round);
  const ids = pool.map((j) => j.id);
  const [work, loads, declared, reminded] = await Promise.all([
    openWorkOfRound(db, round.id),
    roundLoads(db, round.id),
    countDeclaredConflicts(db, ids),
    lastRemindedSince(db, c.id, new Date(0).toISOString()),
  ]);
  const loadOf = new Map(loads.map((l) => [l.jurorId, l]));
  const jurors = pool.map((j) => {
    const w = work.get(j.id) ?? { total: 0, opened: 0, completed: 0 };
    const l = loadOf.get(j.id);
    const last = [l?.lastOpened, l?.lastCompleted].filter((x): x is string => Boolean(x)).sort().pop() ?? null;
    const lastReminded = reminded.get(j.id) ?? null;
    const throttledUntil =
      lastReminded && now.getTime() - Date.parse(lastReminded) < REMINDER_INTERVAL_MS
        ? new Date(Date.parse(lastReminded) + REMINDER_INTERVAL_MS).toISOString()
        : null;
    return {
      id: j.id,
      name: j.name,
      email: j.email,
      status: j.status,
      assigned: w.total,
      opened: w.opened,
      completed: w.completed,
      percent: w.total === 0 ? 0 : Math.floor((w.completed * 100) / w.total),
      lastActivity: last,
      declaredConflicts: declared.get(j.id) ?? 0,
      lastReminded,
      throttledUntil,
      unfinished: j.status === "active" && w.completed < w.total,
    };
  });
  const totals = jurors.reduce(
    (t, j) => ({ assigned: t.assigned + j.assigned, opened: t.opened + j.opened, completed: t.completed + j.completed }),
    { assigned: 0, opened: 0, completed: 0 },
  );
  return {
    competition: { name: c.name, slug: c.slug },
    round: roundSummary(round),
    jurors,
    totals,
    remindable: jurors.filter((j) => j.unfinished && !j.throttledUntil).length,
  };
}

export type RoundProgress = Awaited<ReturnType<typeof getRoundProgress>>;

export interface ReminderContext {
  now?: Date;
  /** Public origin for the link in the mail, e.g. https://sayembara.example. */
  origin?: string;
}

export type ReminderResult =
  | { ok: true; sent: number; skipped: number }
  /** The juror was reminded less than an hour ago: nothing sent. */
  | { ok: false; reason: "throttled"; until: string }
  /** The juror has nothing left to do in the round (or is not active): nothing sent. */
  | { ok: false; reason: "nothing" };

function reminderMail(
  j: PoolJuror,
  c: Competition,
  round: RoundRow,
  w: { total: number; opened: number; completed: number },
  origin: string,
) {
  const locale: Locale = j.user_locale === "en" ? "en" : "id";
  const deadline = round.ends_at ? translate(locale, "juror.reminder.deadline", { when: formatWib(round.ends_at, locale) }) : "";
  return {
    to: j.user_email ?? j.email,
    subject: translate(locale, "juror.reminder.subject", { competition: c.name, round: round.name }),
    text: translate(locale, "juror.reminder.body", {
      name: j.name,
      competition: c.name,
      round: round.name,
      total: w.total,
      opened: w.opened,
      completed: w.completed,
      remaining: w.total - w.completed,
      deadline,
      link: `${origin}/juror/${c.slug}`,
    }).replace(/\n{3,}/g, "\n\n"),
  };
}

/**
 * Remind one juror of the round (`jurorId`) or every juror with unfinished
 * work (`all`) by e-mail, in the juror's language, with a link to their list.
 * At most one reminder per juror per hour: a single juror reminded within the
 * hour is refused ("throttled"); "all" skips them (counted in `skipped`).
 * Side effects: one audit row "assignment.reminded" listing the juror ids,
 * then one outbox mail per juror. 403 without "jury.manage"; 404 for a juror
 * not in the round's pool.
 */
export async function sendReminders(
  db: DB,
  actor: Actor,
  slug: string,
  roundId: string,
  target: { jurorId: string } | { all: true },
  ctx: ReminderContext = {},
): Promise<ReminderResult> {
  const { c, round } = await loadManagedRound(db, actor, slug, roundId);
  const now = ctx.now ?? new Date();
  const origin = (ctx.origin ?? process.env.APP_ORIGIN ?? "").replace(/\/+$/, "");
  const pool = await listPoolOfRound(db, round);
  const [work, recent] = await Promise.all([
    openWorkOfRound(db, round.id),
    lastRemindedSince(db, c.id, new Date(now.getTime() - REMINDER_INTERVAL_MS).toISOString()),
  ]);
  const unfinished = (j: PoolJuror) => {
    const w = work.get(j.id);
    return j.status === "active" && w !== undefined && w.completed < w.total;
  };

  let chosen: PoolJuror[];
  let skipped = 0;
  if ("jurorId" in target) {
    const j = pool.find((x) => x.id === target.jurorId);
    if (!j) notFound();
    if (!unfinished(j)) return { ok: false, reason: "nothing" };
    const last = recent.get(j.id);
    if (last) return { ok: false, reason: "throttled", until: new Date(Date.parse(last) + REMINDER_INTERVAL_MS).toISOString() };
    chosen = [j];
  } else {
    const candidates = pool.filter(unfinished);
    chosen = candidates.filter((j) => !recent.has(j.id));
    skipped = candidates.length - chosen.length;
  }
  if (chosen.length === 0) return { ok: true, sent: 0, skipped };

  await db.transaction().execute(async (trx) => {
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: REMINDED_ACTION,
      entityType: "round",
      entityId: round.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      after: { round: round.position, jurorIds: chosen.map((j) => j.id), skipped, mode: "jurorId" in target ? "one" : "all" },
    });
  });
  for (const j of chosen) {
    await sendMail(db, reminderMail(j, c, round, work.get(j.id)!, origin));
  }
  return { ok: true, sent: chosen.length, skipped };
}
