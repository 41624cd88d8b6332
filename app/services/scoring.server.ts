/**
 * Juror scoring (issue 5, "Scoring (juror)"): the score page of one
 * assignment, saving a draft (also by autosave), submitting, editing until
 * the round closes, and what of other jurors' scores a juror may see.
 * docs/scoring.md explains the rules; in short:
 *
 * - Access: "score.edit" on the actor's OWN juror row, and only an
 *   assignment of theirs in that round (queries scoped by jurors.user_id).
 *   Unknown edition 404; not an active juror of the edition 403; any other
 *   round, proposal or assignment 404; an active conflict 404 (with a note).
 * - One sheet per assignment, created on the first save. Every save checks
 *   the version the form was loaded at (optimistic concurrency): a mismatch
 *   writes nothing and returns the stored values (409 from the routes).
 * - Saving needs the round open (status "open"); otherwise read-only.
 * - Submit: every criterion, within its scale and on its step. Sets status
 *   submitted, submitted_at (the latest submission) and, the first time,
 *   assignments.completed_at. A submitted sheet stays submitted: each later
 *   save re-validates as a submission (autosave refuses it: the juror saves
 *   with the buttons). Audit: "score.submitted" (with the total) on the first
 *   submission, "score.updated" on each edit of a submitted sheet. Drafts are
 *   versioned but not audited (they never enter the ranking).
 * - Field rounds (kind "field"): the sheet also carries the round's
 *   verification checklist (field_checklist_answers: one checkbox and note
 *   per item), saved with every save of the sheet (draft, autosave, submit)
 *   when the form carried it (app/schemas/field-checklist.ts), read-only once
 *   the round is not open. Submitting requires nothing of it: the checklist
 *   records what was verified, the score is the rubric. A submission's audit
 *   carries the answers.
 * - Blind rounds: agency, innovators, contact, service unit, decree and
 *   region never leave the server for this page; the proposal is labelled by
 *   its position in the juror's list (blindLabel).
 */
import { json } from "@remix-run/node";
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import { normalizeAgencyCode } from "~/domain/agencies";
import { jurorTotal } from "~/domain/ranking";
import type { Criterion } from "~/domain/ranking/types";
import type { Actor } from "~/domain/roles";
import type { FieldErrors } from "~/lib/forms";
import { forbidden, notFound } from "~/lib/http.server";
import { newId, nowIso } from "~/lib/ids.server";
import { appendAudit } from "~/models/audit.server";
import { findCompetitionBySlug } from "~/models/competitions.server";
import { getEditionSettings } from "~/models/edition.server";
import { listOwnJurorRows } from "~/models/juror-views.server";
import { getAnswers, listProposalFiles } from "~/models/proposals.server";
import {
  findOwnAssignment,
  findOwnAssignmentById,
  findOwnAssignmentBySheet,
  findProposalForScoring,
  findSheetByAssignment,
  insertSheet,
  listChecklistAnswers,
  listFieldChecklistItems,
  listJurorRoundWork,
  listOtherSubmittedSheets,
  listRoundCriteria,
  listSheetItems,
  markAssignmentCompleted,
  replaceChecklistAnswers,
  replaceSheetItems,
  updateSheetIfVersion,
  type ChecklistAnswerRow,
  type CriterionRow,
  type ItemRow,
  type OwnAssignmentRow,
  type SheetRow,
} from "~/models/scores.server";
import { checklistPosted, checklistToValues, parseChecklistInput } from "~/schemas/field-checklist";
import { parseSheetInput, scaleValues, sheetToValues, type ScaleCriterion } from "~/schemas/scoring";
import { recordJurorOpened } from "./juror-views.server";

// ---------------------------------------------------------------------------
// Blind labels

/**
 * How a proposal is named on a blind round's pages: its position in the
 * juror's list ("Proposal #12"), plus its number only when the number cannot
 * carry the agency. This platform numbers proposals <PREFIX>-000123 with the
 * edition's prefix, which names no agency; a number in any other shape
 * (imported, legacy) or containing the agency's code is hidden.
 */
export function blindLabel(
  number: string,
  position: number,
  ctx: { numberPrefix: string; agencyCode: string },
): { position: number; number: string | null } {
  const prefix = ctx.numberPrefix.trim().toUpperCase();
  const upper = number.trim().toUpperCase();
  const ownShape = prefix !== "" && new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-\\d+$`).test(upper);
  const code = normalizeAgencyCode(ctx.agencyCode);
  const codeParts = code ? [code, code.replace(/[^A-Z0-9]/g, "")].filter((x) => x.length >= 3) : [];
  const namesAgency = codeParts.some((part) => upper.includes(part) || upper.replace(/[^A-Z0-9]/g, "").includes(part));
  return { position, number: ownShape && !namesAgency ? number : null };
}

// ---------------------------------------------------------------------------
// Access

export type ScoreTarget = { slug: string; roundId: string; number: string } | { sheetId: string } | { assignmentId: string };

/** A 404 that says why: the juror declared (or was found to have) a conflict on it. */
function conflictNotFound(slug: string): never {
  throw json({ reason: "conflict", slug }, { status: 404 });
}

/**
 * The actor's own assignment behind a target, or the right refusal. Checks
 * "score.edit" on the juror row and leaves out withdrawn and conflicted
 * proposals.
 */
async function loadOwnAssignment(db: DB, actor: Actor, target: ScoreTarget): Promise<OwnAssignmentRow> {
  let a: OwnAssignmentRow | undefined;
  if ("slug" in target) {
    const c = await findCompetitionBySlug(db, target.slug);
    if (!c) notFound();
    const own = (await listOwnJurorRows(db, c.id, actor.userId)).filter((r) => r.status === "active");
    if (own.length === 0) forbidden();
    a = await findOwnAssignment(db, actor.userId, c.id, target.roundId, target.number);
  } else if ("sheetId" in target) {
    a = await findOwnAssignmentBySheet(db, actor.userId, target.sheetId);
  } else {
    a = await findOwnAssignmentById(db, actor.userId, target.assignmentId);
  }
  if (!a) notFound();
  assertCan(actor, "score.edit", { type: "juror", competitionId: a.competition_id, organizerId: a.organizer_id, userId: a.juror_user_id });
  if (a.proposal_status === "withdrawn") notFound();
  if (Number(a.conflicted)) conflictNotFound(a.competition_slug);
  return a;
}

function toCriterion(c: CriterionRow): Criterion {
  return { key: c.key, weight: c.weight, min: c.scale_min, max: c.scale_max };
}

function toScale(c: CriterionRow): ScaleCriterion {
  return { key: c.key, min: c.scale_min, max: c.scale_max, step: c.scale_step };
}

/** The 0–100 total of complete scores (null while a criterion is missing or the rubric is empty). */
export function sheetTotal(criteria: CriterionRow[], scores: Record<string, number | null | undefined>): number | null {
  if (criteria.length === 0) return null;
  const full: Record<string, number> = {};
  for (const c of criteria) {
    const v = scores[c.key];
    if (v === null || v === undefined) return null;
    full[c.key] = v;
  }
  return jurorTotal(criteria.map(toCriterion), full);
}

function scoresOf(items: readonly { criterion_key: string; value: number | null }[]): Record<string, number | null> {
  return Object.fromEntries(items.map((i) => [i.criterion_key, i.value]));
}

interface Level {
  score: number;
  id: string;
  en: string;
}

function parseLevels(text: string): Level[] {
  try {
    const v = JSON.parse(text) as unknown;
    if (!Array.isArray(v)) return [];
    return v
      .filter((x): x is Level => typeof x === "object" && x !== null && typeof (x as Level).score === "number")
      .map((x) => ({ score: x.score, id: String(x.id ?? ""), en: String(x.en ?? "") }))
      .sort((a, b) => a.score - b.score);
  } catch {
    return [];
  }
}

type Work = Awaited<ReturnType<typeof listJurorRoundWork>>;

/** The next assignment to score after `assignmentId` in the juror's list (wrapping around), or null when all are submitted. */
function nextUnsubmitted(work: Work, assignmentId: string): string | null {
  const open = (w: Work[number]) => !w.conflicted && w.sheet_status !== "submitted" && w.assignment_id !== assignmentId;
  const i = work.findIndex((w) => w.assignment_id === assignmentId);
  const after = work.slice(i + 1).find(open) ?? work.slice(0, Math.max(i, 0)).find(open);
  return after?.number ?? null;
}

/** The stored answers of the round's current items (an item without a row: unchecked, no note). */
function answersOf(items: readonly { key: string }[], answers: readonly ChecklistAnswerRow[]) {
  const byKey = new Map(answers.map((x) => [x.item_key, x]));
  return items.map((i) => ({ key: i.key, checked: byKey.get(i.key)?.checked ?? false, note: byKey.get(i.key)?.note ?? "" }));
}

function checklistSnapshot(answers: readonly { key: string; checked: boolean; note: string }[]) {
  return Object.fromEntries(answers.map((x) => [x.key, { checked: x.checked, note: x.note }]));
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function jurorLetter(i: number): string {
  return i < LETTERS.length ? LETTERS[i] : `${LETTERS[Math.floor(i / LETTERS.length) - 1]}${LETTERS[i % LETTERS.length]}`;
}

// ---------------------------------------------------------------------------
// The score page

/**
 * Everything the score page shows: the proposal (without identity in a blind
 * round), the rubric with descriptor levels, the juror's sheet, whether it can
 * still be edited, the next assignment to score, and other jurors' totals when
 * the round lets the juror see them. The first visit stamps the assignment
 * opened (as opening the proposal does).
 */
export async function getScorePage(db: DB, actor: Actor, slug: string, roundId: string, number: string, now: Date = new Date()) {
  const a = await loadOwnAssignment(db, actor, { slug, roundId, number });
  await recordJurorOpened(db, actor, { id: a.proposal_id, competition_id: a.competition_id, organizer_id: a.organizer_id, agency_id: a.agency_id }, now);

  const [criteria, sheet, work, p, settings, answers, files] = await Promise.all([
    listRoundCriteria(db, a.round_id),
    findSheetByAssignment(db, a.assignment_id),
    listJurorRoundWork(db, a.juror_id, a.round_id),
    findProposalForScoring(db, a.proposal_id),
    getEditionSettings(db, a.competition_id),
    getAnswers(db, a.proposal_id),
    listProposalFiles(db, a.proposal_id),
  ]);
  if (!p || !settings) notFound();
  const items: ItemRow[] = sheet ? await listSheetItems(db, sheet.id) : [];
  const isField = a.round_kind === "field";
  const checklistItems = isField ? await listFieldChecklistItems(db, a.round_id) : [];
  const checklistAnswers = isField && sheet ? await listChecklistAnswers(db, sheet.id) : [];
  const blind = Number(a.round_blind) === 1;
  const group = settings.groups.find((g) => g.id === p.group_id);
  const index = work.findIndex((w) => w.assignment_id === a.assignment_id);
  const position = index + 1;
  const label = blind
    ? blindLabel(p.number, position, { numberPrefix: a.competition_number_prefix ?? "", agencyCode: p.agency_code })
    : { position, number: p.number };

  const visibility = a.round_score_visibility;
  const mayView = visibility === "always" || (visibility === "after_submit" && sheet?.status === "submitted");
  const others = mayView ? await listOtherSubmittedSheets(db, a.round_id, a.proposal_id, a.juror_id) : [];

  const editable = a.round_status === "open" && criteria.length > 0;
  const total = sheet ? sheetTotal(criteria, scoresOf(items)) : null;
  const submittedCount = work.filter((w) => !w.conflicted && w.sheet_status === "submitted").length;
  const workCount = work.filter((w) => !w.conflicted).length;

  return {
    competition: { slug: a.competition_slug, name: a.competition_name },
    round: {
      id: a.round_id,
      position: Number(a.round_position),
      name: a.round_name,
      kind: a.round_kind,
      status: a.round_status,
      blind,
      scoreVisibility: visibility,
      endsAt: a.round_ends_at,
    },
    assignmentId: a.assignment_id,
    editable,
    readOnlyReason: editable ? null : criteria.length === 0 ? ("noRubric" as const) : ("notOpen" as const),
    proposal: {
      number: p.number,
      label,
      title: p.title,
      group: group ? { nameId: group.nameId, nameEn: group.nameEn } : { nameId: p.group_name_id, nameEn: p.group_name_en },
      category: p.category_name_id ? { nameId: p.category_name_id, nameEn: p.category_name_en ?? "" } : null,
      startedOn: p.started_on,
      videoUrl: p.video_url,
      // Identity never reaches a blind round's page.
      identity: blind
        ? null
        : {
            agencyName: p.agency_name,
            agencyCode: p.agency_code,
            serviceUnit: p.service_unit,
            innovatorKind: p.innovator_kind === "team" ? ("team" as const) : ("person" as const),
            innovatorNames: p.innovator_names,
            innovatorDecree: p.innovator_decree,
            contact: [p.contact_name, p.contact_email, p.contact_phone].filter(Boolean).join(" · "),
          },
      sections: (group?.sections ?? []).map((s) => ({
        key: s.key,
        titleId: s.titleId,
        titleEn: s.titleEn,
        body: answers[s.key] ?? "",
      })),
      // In a blind round a file is named by its slot and place, not by its (often telling) file name.
      files: files.map((f) => {
        const slot = group?.slots.find((s) => s.key === f.slot_key);
        const nth = files.filter((x) => x.slot_key === f.slot_key).indexOf(f) + 1;
        return {
          id: f.id,
          slotLabelId: slot?.labelId ?? f.slot_key,
          slotLabelEn: slot?.labelEn ?? f.slot_key,
          nth,
          name: blind ? null : f.original_name,
          mimeType: f.mime_type,
          sizeBytes: Number(f.size_bytes),
        };
      }),
    },
    criteria: criteria.map((c) => ({
      key: c.key,
      nameId: c.name_id,
      nameEn: c.name_en,
      weight: c.weight,
      min: c.scale_min,
      max: c.scale_max,
      step: c.scale_step,
      levels: parseLevels(c.levels_json),
      choices: scaleValues(toScale(c)),
    })),
    sheet: sheet
      ? { id: sheet.id, status: sheet.status, version: sheet.version, source: sheet.source, submittedAt: sheet.submitted_at, updatedAt: sheet.updated_at, total }
      : null,
    values: {
      ...sheetToValues(sheet ? { version: sheet.version, overallComment: sheet.overall_comment } : null, items.map((i) => ({ key: i.criterion_key, value: i.value, comment: i.comment }))),
      ...checklistToValues(answersOf(checklistItems, checklistAnswers)),
    },
    /** The field-verification checklist (kind "field" rounds only; null otherwise), in the round's order. */
    checklist: isField ? checklistItems.map((i) => ({ key: i.key, labelId: i.label_id, labelEn: i.label_en })) : null,
    progress: { submitted: submittedCount, total: workCount },
    next: nextUnsubmitted(work, a.assignment_id),
    others: mayView
      ? others.map((o, i) => ({ label: jurorLetter(i), total: sheetTotal(criteria, o.scores), submittedAt: o.submittedAt }))
      : null,
  };
}

export type ScorePage = Awaited<ReturnType<typeof getScorePage>>;

// ---------------------------------------------------------------------------
// Saving

export type SaveIntent = "draft" | "submit" | "autosave";

export type SaveSheetResult =
  | { ok: true; sheetId: string; version: number; status: "draft" | "submitted"; savedAt: string; total: number | null; next: string | null; slug: string; roundId: string }
  | { ok: false; reason: "invalid"; errors: FieldErrors }
  /** Saved meanwhile (another tab): nothing written; the stored values to compare. */
  | { ok: false; reason: "conflict"; version: number; savedAt: string | null; theirs: Record<string, string> }
  /** The round is not open (or has no rubric): nothing can be saved. */
  | { ok: false; reason: "closed" | "no_rubric" }
  /** Autosave of a submitted sheet: the juror saves it with the buttons (it re-validates). */
  | { ok: false; reason: "submitted" };

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

class VersionConflict extends Error {}

async function conflictOf(db: DB, assignmentId: string, checklistKeys: readonly { key: string }[]): Promise<SaveSheetResult> {
  const sheet = await findSheetByAssignment(db, assignmentId);
  const items = sheet ? await listSheetItems(db, sheet.id) : [];
  const answers = sheet && checklistKeys.length > 0 ? answersOf(checklistKeys, await listChecklistAnswers(db, sheet.id)) : [];
  return {
    ok: false,
    reason: "conflict",
    version: sheet?.version ?? 0,
    savedAt: sheet?.updated_at ?? null,
    theirs: {
      ...sheetToValues(
        sheet ? { version: sheet.version, overallComment: sheet.overall_comment } : null,
        items.map((i) => ({ key: i.criterion_key, value: i.value, comment: i.comment })),
      ),
      ...checklistToValues(answers),
    },
  };
}

function itemsSnapshot(items: readonly { criterion_key: string; value: number | null; comment: string }[]) {
  return Object.fromEntries(items.map((i) => [i.criterion_key, { value: i.value, comment: i.comment }]));
}

/**
 * Save the juror's sheet of one assignment: a draft ("draft", "autosave") or
 * a submission ("submit"); an already submitted sheet is always saved as a
 * submission. `values` are the posted fields (version, overall, score_<key>,
 * comment_<key>; in a field round also checklist=1, check_<key>,
 * checknote_<key>). One transaction; audited only for submissions (see the
 * module comment). Side effects: the sheet and its items (and, in a field
 * round whose form carried the checklist, its checklist answers),
 * completed_at on the first submission, one audit row for a submission.
 */
export async function saveScoreSheet(
  db: DB,
  actor: Actor,
  target: ScoreTarget,
  values: Record<string, string>,
  intent: SaveIntent,
  now: Date = new Date(),
): Promise<SaveSheetResult> {
  const a = await loadOwnAssignment(db, actor, target);
  if (a.round_status !== "open") return { ok: false, reason: "closed" };
  const criteria = await listRoundCriteria(db, a.round_id);
  if (criteria.length === 0) return { ok: false, reason: "no_rubric" };
  const at = nowIso(now);
  const isField = a.round_kind === "field";
  const checklistItems = isField ? await listFieldChecklistItems(db, a.round_id) : [];

  try {
    return await db.transaction().execute(async (trx): Promise<SaveSheetResult> => {
      const sheet = await findSheetByAssignment(trx, a.assignment_id);
      if (intent === "autosave" && sheet?.status === "submitted") return { ok: false, reason: "submitted" };
      const mode = intent === "submit" || sheet?.status === "submitted" ? "submit" : "draft";
      const versionText = (values.version ?? "").trim();
      if (/^\d{1,9}$/.test(versionText) && Number(versionText) !== (sheet?.version ?? 0)) throw new VersionConflict();
      const parsed = parseSheetInput(values, criteria.map(toScale), mode);
      // The checklist never blocks a submission; only an over-long note is refused (at its field).
      const checklist = isField && checklistPosted(values) ? parseChecklistInput(values, checklistItems.map((i) => i.key)) : null;
      if (!parsed.ok || (checklist && !checklist.ok)) {
        return { ok: false, reason: "invalid", errors: { ...(parsed.ok ? {} : parsed.errors), ...(checklist && !checklist.ok ? checklist.errors : {}) } };
      }
      const input = parsed.data;

      const status = mode === "submit" ? "submitted" : "draft";
      const submittedAt = mode === "submit" ? at : null;
      const items: ItemRow[] = input.items.map((i) => ({ criterion_key: i.key, value: i.value, comment: i.comment }));
      let sheetId: string;
      let version: number;
      const before = sheet ? await listSheetItems(trx, sheet.id) : [];
      if (!sheet) {
        sheetId = newId();
        version = 1;
        await insertSheet(trx, {
          id: sheetId,
          assignmentId: a.assignment_id,
          roundId: a.round_id,
          jurorId: a.juror_id,
          proposalId: a.proposal_id,
          status,
          overallComment: input.overallComment,
          source: "web",
          submittedAt,
          now: at,
        });
      } else {
        sheetId = sheet.id;
        if (!(await updateSheetIfVersion(trx, sheet.id, sheet.version, { status, overallComment: input.overallComment, source: "web", submittedAt, now: at }))) {
          throw new VersionConflict();
        }
        version = sheet.version + 1;
      }
      await replaceSheetItems(trx, sheetId, items);
      const answersBefore = isField && sheet ? answersOf(checklistItems, await listChecklistAnswers(trx, sheet.id)) : [];
      let answersAfter = answersBefore;
      if (checklist?.ok) {
        await replaceChecklistAnswers(
          trx,
          sheetId,
          checklist.answers.map((x) => ({ item_key: x.key, checked: x.checked, note: x.note })),
        );
        answersAfter = checklist.answers;
      }

      const total = sheetTotal(criteria, scoresOf(items));
      if (mode === "submit") {
        await markAssignmentCompleted(trx, a.assignment_id, at);
        const wasSubmitted = sheet?.status === "submitted";
        await appendAudit(trx, {
          actorUserId: actor.userId,
          action: wasSubmitted ? "score.updated" : "score.submitted",
          entityType: "score_sheet",
          entityId: sheetId,
          organizerId: a.organizer_id,
          competitionId: a.competition_id,
          before:
            wasSubmitted && sheet
              ? {
                  version: sheet.version,
                  total: sheetTotal(criteria, scoresOf(before)),
                  items: itemsSnapshot(before),
                  overallComment: sheet.overall_comment,
                  ...(isField ? { checklist: checklistSnapshot(answersBefore) } : {}),
                }
              : undefined,
          after: {
            round: Number(a.round_position),
            proposal: a.number,
            jurorId: a.juror_id,
            version,
            total,
            items: itemsSnapshot(items),
            overallComment: input.overallComment,
            ...(isField ? { checklist: checklistSnapshot(answersAfter) } : {}),
          },
        });
      }
      const work = await listJurorRoundWork(trx, a.juror_id, a.round_id);
      return {
        ok: true,
        sheetId,
        version,
        status,
        savedAt: at,
        total,
        next: nextUnsubmitted(work, a.assignment_id),
        slug: a.competition_slug,
        roundId: a.round_id,
      };
    });
  } catch (e) {
    if (e instanceof VersionConflict || isUniqueViolation(e)) return conflictOf(db, a.assignment_id, checklistItems);
    throw e;
  }
}

/** The stored sheet row (tests and the import read it). */
export type { SheetRow };
