/**
 * Administrative screening (Seleksi administrasi) use cases: the queue with
 * its automatic checks, decisions one by one or in bulk, publication, and an
 * agency's own results once published.
 */
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import type { EditionSettings } from "~/domain/edition";
import { wibDate } from "~/domain/proposal-rules";
import type { Actor } from "~/domain/roles";
import {
  buildChecks,
  decisionErrors,
  normalizeReasons,
  parseCheckList,
  parseReasons,
  serializeCheckList,
  suggestedReasons,
  type Decision,
  type QueueFilters,
  type ScreeningReason,
  type ScreeningResult,
  type ScreeningSubject,
} from "~/domain/screening";
import { translate, type Locale } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { nowIso } from "~/lib/ids.server";
import { findAgency } from "~/models/agencies.server";
import { appendAudit } from "~/models/audit.server";
import { findCompetitionBySlug } from "~/models/competitions.server";
import { getEditionSettings } from "~/models/edition.server";
import {
  adminLokalOfEntrants,
  countStaleChecks,
  countUndecided,
  fileReadable,
  findForDecision,
  findSubmittedProposal,
  groupNamesOf,
  listAgencyResults,
  listProposalAnswers,
  listProposalFiles,
  listQueue,
  listScreeningHistory,
  loadScreeningInputs,
  markScreeningPublished,
  queueTotals,
  saveCheckLists,
  saveDecisions,
} from "~/models/screening.server";
import { sendMail } from "./mail.server";

type Competition = NonNullable<Awaited<ReturnType<typeof findCompetitionBySlug>>>;

function competitionResource(c: { id: string; organizer_id: string }) {
  return { type: "competition" as const, id: c.id, organizerId: c.organizer_id };
}

/** The competition by slug, if the actor manages its screening: 404 unknown, 403 otherwise. */
async function managedCompetition(db: DB, actor: Actor, slug: string): Promise<Competition> {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "screening.manage", competitionResource(c));
  return c;
}

async function settingsOf(db: DB, competitionId: string): Promise<EditionSettings> {
  const s = await getEditionSettings(db, competitionId);
  if (!s) notFound();
  return s;
}

/**
 * The check lists of every submitted proposal of the competition, ready to
 * store: a fixed number of queries (settings, inputs) plus one file-system
 * look per stored file.
 */
async function computeChecks(db: DB, competitionId: string, now: Date) {
  const [settings, inputs] = await Promise.all([settingsOf(db, competitionId), loadScreeningInputs(db, competitionId)]);
  const answers = new Map<string, Record<string, string>>();
  for (const a of inputs.answers) {
    const m = answers.get(a.proposal_id) ?? {};
    m[a.section_key] = a.body;
    answers.set(a.proposal_id, m);
  }
  const readable = await Promise.all(inputs.files.map((f) => fileReadable(f)));
  const files = new Map<string, ScreeningSubject["files"]>();
  inputs.files.forEach((f, i) => {
    files.set(f.proposal_id, [...(files.get(f.proposal_id) ?? []), { slotKey: f.slot_key, name: f.original_name, readable: readable[i] }]);
  });
  const sources = new Map(inputs.sources.map((s) => [s.proposal_id, s.n]));
  const subjects: ScreeningSubject[] = inputs.proposals.map((p) => {
    const own = files.get(p.id) ?? [];
    return {
      id: p.id,
      number: p.number,
      agencyId: p.agency_id,
      groupId: p.group_id,
      submittedAt: p.submitted_at ?? "",
      draft: {
        title: p.title,
        categoryId: p.category_id,
        serviceUnit: p.service_unit,
        innovatorNames: p.innovator_names,
        startedOn: p.started_on,
        contactName: p.contact_name,
        contactEmail: p.contact_email,
        declaration: p.declaration === 1,
        videoUrl: p.video_url,
        answers: answers.get(p.id) ?? {},
        fileSlots: [...new Set(own.map((f) => f.slotKey))],
        sourceCount: sources.get(p.id) ?? 0,
      },
      files: own,
    };
  });
  const lists = buildChecks(settings, subjects, wibDate(now.toISOString()));
  return {
    rows: [...lists].map(([proposalId, list]) => ({ proposalId, checksJson: serializeCheckList(list) })),
    counts: { checked: lists.size, withProblems: [...lists.values()].filter((l) => l.problemCount > 0).length },
  };
}

/**
 * Checks are "pre-filled": when any submitted proposal has none, or older than
 * its (last) submission, every list is recomputed (a new proposal can make an
 * older one a duplicate or push it over the quota) and stored. A derived
 * cache, so no audit row; the explicit "Jalankan pemeriksaan" writes one.
 */
async function ensureChecks(db: DB, competitionId: string, now: Date): Promise<void> {
  if ((await countStaleChecks(db, competitionId)) === 0) return;
  const { rows } = await computeChecks(db, competitionId, now);
  await db.transaction().execute((trx) => saveCheckLists(trx, rows, nowIso(now)));
}

function decisionOf(row: { result: string | null; reasons_json: string | null; note: string | null }) {
  return row.result === "lolos" || row.result === "tidak_lolos"
    ? { result: row.result as ScreeningResult, reasons: parseReasons(row.reasons_json), note: row.note ?? "" }
    : null;
}

// ---------------------------------------------------------------------------
// Queue

/**
 * One page of the screening queue with filters, the queue's totals and the
 * edition's groups and categories (for the filters and names). A fixed number
 * of queries whatever the size of the queue. 404 unknown slug, 403 unless the
 * actor administers the competition's organizer.
 */
export async function getScreeningQueue(db: DB, actor: Actor, slug: string, filters: QueueFilters, now: Date = new Date()) {
  const c = await managedCompetition(db, actor, slug);
  await ensureChecks(db, c.id, now);
  const [settings, page, totals] = await Promise.all([settingsOf(db, c.id), listQueue(db, c.id, filters), queueTotals(db, c.id)]);
  return {
    competition: { id: c.id, slug: c.slug, name: c.name, year: c.year, screeningPublishedAt: c.screening_published_at },
    groups: settings.groups,
    categories: settings.categories,
    totals,
    page: page.page,
    pageCount: page.pageCount,
    total: page.total,
    rows: page.rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      groupId: r.group_id,
      categoryId: r.category_id,
      submittedAt: r.submitted_at,
      agency: { id: r.agency_id, name: r.agency_name, code: r.agency_code },
      checks: parseCheckList(r.checks_json),
      checkedAt: r.checked_at,
      decision: decisionOf(r),
      decidedAt: r.decided_at,
      decidedBy: r.decided_by_name,
    })),
  };
}

/**
 * "Jalankan pemeriksaan": recompute the automatic checks of every submitted
 * proposal. Side effects: proposal_screenings checks_json/checked_at of each
 * (decisions untouched) and one audit row ("screening.checked", after = counts).
 */
export async function runScreeningChecks(db: DB, actor: Actor, slug: string, now: Date = new Date()) {
  const c = await managedCompetition(db, actor, slug);
  const { rows, counts } = await computeChecks(db, c.id, now);
  await db.transaction().execute(async (trx) => {
    await saveCheckLists(trx, rows, nowIso(now));
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "screening.checked",
      entityType: "competition",
      entityId: c.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      after: counts,
    });
  });
  return counts;
}

// ---------------------------------------------------------------------------
// One proposal

/**
 * A submitted proposal in the screening view: its checks, summary, files,
 * decision and decision history, and the reasons the checks suggest.
 * 404 for an unknown slug or a number that is not a submitted proposal of
 * this competition; 403 unless the actor manages its screening.
 */
export async function getScreeningProposal(db: DB, actor: Actor, slug: string, number: string, now: Date = new Date()) {
  const c = await managedCompetition(db, actor, slug);
  let p = await findSubmittedProposal(db, c.id, number);
  if (!p) notFound();
  if (!p.checked_at || (p.submitted_at && p.checked_at < p.submitted_at)) {
    await ensureChecks(db, c.id, now);
    p = (await findSubmittedProposal(db, c.id, number)) ?? notFound();
  }
  const [settings, answers, files, history] = await Promise.all([
    settingsOf(db, c.id),
    listProposalAnswers(db, p.id),
    listProposalFiles(db, p.id),
    listScreeningHistory(db, c.id, p.id),
  ]);
  const checks = parseCheckList(p.checks_json);
  const group = settings.groups.find((g) => g.id === p.group_id) ?? null;
  const answerBy = new Map(answers.map((a) => [a.section_key, a.body]));
  return {
    competition: { id: c.id, slug: c.slug, name: c.name, screeningPublishedAt: c.screening_published_at },
    proposal: {
      id: p.id,
      number: p.number,
      title: p.title,
      agency: { id: p.agency_id, name: p.agency_name, code: p.agency_code },
      groupId: p.group_id,
      categoryId: p.category_id,
      serviceUnit: p.service_unit,
      innovatorKind: p.innovator_kind,
      innovatorNames: p.innovator_names,
      startedOn: p.started_on,
      contactName: p.contact_name,
      contactEmail: p.contact_email,
      videoUrl: p.video_url,
      receiptNumber: p.receipt_number,
      submittedAt: p.submitted_at,
    },
    group,
    categories: settings.categories,
    sections: (group?.sections ?? []).map((s) => ({ key: s.key, titleId: s.titleId, titleEn: s.titleEn, wordLimit: s.wordLimit, body: answerBy.get(s.key) ?? "" })),
    // In form order (slot position), then upload order; unknown slots last.
    files: files
      .map((f, i) => ({ f, i, slot: group?.slots.findIndex((s) => s.key === f.slot_key) ?? -1 }))
      .sort((a, b) => (a.slot === -1 ? 1e9 : a.slot) - (b.slot === -1 ? 1e9 : b.slot) || a.i - b.i)
      .map(({ f }) => ({ id: f.id, slotKey: f.slot_key, name: f.original_name, mimeType: f.mime_type, sizeBytes: Number(f.size_bytes) })),
    checks,
    checkedAt: p.checked_at,
    decision: decisionOf(p),
    decidedAt: p.decided_at,
    decidedBy: p.decided_by_name,
    suggested: suggestedReasons(checks),
    history: history.map((h) => ({
      id: h.id,
      at: h.at,
      action: h.action,
      actor: h.actor_name,
      before: h.before_json ? (JSON.parse(h.before_json) as { result: ScreeningResult; reasons: ScreeningReason[]; note: string } | null) : null,
      after: h.after_json ? (JSON.parse(h.after_json) as { result: ScreeningResult; reasons: ScreeningReason[]; note: string } | null) : null,
    })),
  };
}

// ---------------------------------------------------------------------------
// Decisions

export interface DecisionInput {
  proposalIds: string[];
  result: string;
  reasons: string[];
  note: string;
}

export type DecideResult = { ok: true; changed: number } | { ok: false; errors: FieldErrors };

export const MAX_BULK = 500;

/**
 * Decide Lolos / Tidak lolos for one or many submitted proposals of the
 * competition, or change an earlier decision, until the result is published.
 * Side effects, in one transaction: each proposal's screening row (result,
 * reasons, note, decided_by, decided_at) and one audit row per proposal whose
 * decision changed ("screening.decided" for a first decision,
 * "screening.changed" for a change; before/after = {result, reasons, note}).
 * Proposals whose decision is already exactly this are left alone.
 * Returns field errors for an invalid decision (Tidak lolos without a reason,
 * Lainnya without text), none selected, or a published (locked) screening.
 * 404 when any id is not a submitted proposal of this competition; 403
 * unless the actor manages its screening.
 */
export async function decideScreening(db: DB, actor: Actor, slug: string, input: DecisionInput, now: Date = new Date()): Promise<DecideResult> {
  const ids = [...new Set(input.proposalIds)];
  return db.transaction().execute(async (trx): Promise<DecideResult> => {
    const c = await managedCompetition(trx, actor, slug);
    if (c.screening_published_at) return { ok: false, errors: { _form: "screening.errors.locked" } };
    const errors: FieldErrors = { ...decisionErrors({ result: input.result, reasons: input.reasons, note: input.note }) };
    if (ids.length === 0) errors.ids = "screening.errors.noneSelected";
    else if (ids.length > MAX_BULK) errors.ids = "screening.errors.tooMany";
    if (Object.keys(errors).length > 0) return { ok: false, errors };

    const rows = await findForDecision(trx, c.id, ids);
    if (rows.length !== ids.length) notFound();
    const after: Decision = { result: input.result as ScreeningResult, reasons: normalizeReasons(input.reasons), note: input.note.trim() };
    const changed = rows.filter((r) => JSON.stringify(decisionOf(r)) !== JSON.stringify(after));
    if (changed.length === 0) return { ok: true, changed: 0 };
    const at = nowIso(now);
    await saveDecisions(
      trx,
      changed.map((r) => r.id),
      { result: after.result, reasonsJson: JSON.stringify(after.reasons), note: after.note, decidedBy: actor.userId, decidedAt: at },
    );
    for (const r of [...changed].sort((a, b) => (a.number < b.number ? -1 : 1))) {
      const before = decisionOf(r);
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: before ? "screening.changed" : "screening.decided",
        entityType: "proposal",
        entityId: r.id,
        organizerId: c.organizer_id,
        competitionId: c.id,
        agencyId: r.agency_id,
        before: before ? { number: r.number, ...before } : { number: r.number, result: null },
        after: { number: r.number, ...after },
      });
    }
    return { ok: true, changed: changed.length };
  });
}

/**
 * The one-proposal form: decide (or change) the decision of the submitted
 * proposal with this number, exactly as decideScreening does for one.
 * 404 when the number is not a submitted proposal of this competition.
 */
export async function decideScreeningOf(
  db: DB,
  actor: Actor,
  slug: string,
  number: string,
  decision: Omit<DecisionInput, "proposalIds">,
  now: Date = new Date(),
): Promise<DecideResult> {
  const c = await managedCompetition(db, actor, slug);
  const p = await findSubmittedProposal(db, c.id, number);
  if (!p) notFound();
  return decideScreening(db, actor, slug, { ...decision, proposalIds: [p.id] }, now);
}

// ---------------------------------------------------------------------------
// Publication

export type PublishResult =
  | { ok: true; publishedAt: string; notified: number }
  | { ok: false; errors: FieldErrors; undecided: number };

/**
 * Publish the screening result: each agency then sees its own proposals'
 * results and reasons. Refused while any submitted proposal is undecided (the
 * count is returned), when there is nothing to publish, and when already
 * published. After it, decisions are locked.
 * Side effects: competitions.screening_published_at and one audit row
 * ("screening.published", after = {published_at, total, lolos, tidak_lolos})
 * in one transaction; then one e-mail to each active Admin Lokal of every
 * agency with a submitted proposal, linking to /agency/:id/results.
 */
export async function publishScreening(
  db: DB,
  actor: Actor,
  slug: string,
  ctx: { origin: string; now?: Date },
): Promise<PublishResult> {
  const now = ctx.now ?? new Date();
  const outcome = await db.transaction().execute(async (trx) => {
    const c = await managedCompetition(trx, actor, slug);
    if (c.screening_published_at) return { ok: false as const, errors: { _form: "screening.errors.alreadyPublished" as const }, undecided: 0 };
    const [undecided, totals] = await Promise.all([countUndecided(trx, c.id), queueTotals(trx, c.id)]);
    if (totals.total === 0) return { ok: false as const, errors: { _form: "screening.errors.nothingToPublish" as const }, undecided: 0 };
    if (undecided > 0) return { ok: false as const, errors: { _form: "screening.errors.undecided" as const }, undecided };
    const at = nowIso(now);
    if (!(await markScreeningPublished(trx, c.id, at))) {
      return { ok: false as const, errors: { _form: "screening.errors.alreadyPublished" as const }, undecided: 0 };
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "screening.published",
      entityType: "competition",
      entityId: c.id,
      organizerId: c.organizer_id,
      competitionId: c.id,
      before: { published_at: null },
      after: { published_at: at, total: totals.total, lolos: totals.lolos, tidak_lolos: totals.tidakLolos },
    });
    return { ok: true as const, publishedAt: at, competition: c };
  });
  if (!outcome.ok) return outcome;

  const recipients = await adminLokalOfEntrants(db, outcome.competition.id);
  for (const r of recipients) {
    const locale: Locale = r.locale === "en" ? "en" : "id";
    await sendMail(db, {
      to: r.email,
      subject: translate(locale, "screening.mail.subject", { competition: outcome.competition.name }),
      text: translate(locale, "screening.mail.body", {
        name: r.name,
        agency: r.agency_name,
        competition: outcome.competition.name,
        link: `${ctx.origin}/agency/${r.agency_id}/results`,
      }),
    });
  }
  return { ok: true, publishedAt: outcome.publishedAt, notified: recipients.length };
}

// ---------------------------------------------------------------------------
// An agency's results

/**
 * The agency's screening results, per competition it entered: its own
 * submitted proposals with result and reasons once the competition published
 * them; before that only the competition and "not published yet". For the
 * agency's Admin Lokal and innovators (403 for anyone else, 404 unknown agency).
 */
export async function getAgencyResults(db: DB, actor: Actor, agencyId: string) {
  assertCan(actor, "agency.view", { type: "agency", id: agencyId });
  const agency = await findAgency(db, agencyId);
  if (!agency) notFound();
  const rows = await listAgencyResults(db, agencyId);
  const groups = new Map((await groupNamesOf(db, [...new Set(rows.map((r) => r.group_id))])).map((g) => [g.id, g]));
  const competitions: {
    id: string;
    name: string;
    year: number;
    organizerName: string;
    publishedAt: string | null;
    proposals: { number: string; title: string; groupId: string; groupNameId: string; groupNameEn: string; result: ScreeningResult | null; reasons: ScreeningReason[]; note: string }[];
  }[] = [];
  for (const r of rows) {
    let c = competitions.find((x) => x.id === r.competition_id);
    if (!c) {
      c = { id: r.competition_id, name: r.competition_name, year: r.competition_year, organizerName: r.organizer_name, publishedAt: r.screening_published_at, proposals: [] };
      competitions.push(c);
    }
    // Before publication nothing of the screening is shown, not even which proposals are in it.
    if (!r.screening_published_at) continue;
    const d = decisionOf(r);
    const g = groups.get(r.group_id);
    c.proposals.push({
      number: r.number,
      title: r.title,
      groupId: r.group_id,
      groupNameId: g?.name_id ?? "",
      groupNameEn: g?.name_en ?? "",
      result: d?.result ?? null,
      reasons: d?.reasons ?? [],
      note: d?.note ?? "",
    });
  }
  return { agency: { id: agency.id, name: agency.name, code: agency.code }, competitions };
}
