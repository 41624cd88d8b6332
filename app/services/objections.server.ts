/**
 * Objections (keberatan) during an announcement's objection window (masa
 * sanggah): an agency's Admin Lokal files one about one proposal with reasons
 * and evidence files, and may withdraw it while it is pending and the window
 * is open; the organizer answers each (accept with an outcome, or reject).
 * An accepted objection changes the decision (objection-outcomes.server.ts)
 * and leads to a correction draft that supersedes the announcement.
 * See docs/objections.md.
 *
 * The window is judged on the server clock when the request arrives
 * (objectionWindowState): a filing that started before 23:59:59 WIB of the
 * last day is accepted even if its files take a while to arrive.
 */
import { rm } from "node:fs/promises";
import type { Readable } from "node:stream";
import { z } from "zod";
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import { objectionWindowState, type ObjectionWindowState } from "~/domain/announcements";
import { downloadName, kindOfMime, MB, MIME_TYPES } from "~/domain/filetype";
import { can, isAgencyMember } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { translate, type Locale, type MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { newId, nowIso } from "~/lib/ids.server";
import { getStorage, newStorageKey, storageFor, StoredFileMissing } from "~/lib/storage.server";
import { findAgency } from "~/models/agencies.server";
import { appendAudit } from "~/models/audit.server";
import { findCompetitionBySlug } from "~/models/competitions.server";
import { notifyAgencies } from "~/models/notifications.server";
import {
  adminLokalOf,
  agencyTakesPart,
  findEntryByNumber,
  findObjection,
  findObjectionFile,
  findOwnSubmittedProposal,
  findPendingDuplicate,
  findPublishedAnnouncement,
  insertObjection,
  insertObjectionFiles,
  listObjectionFiles,
  listObjectionsOfAgency,
  listObjectionsOfCompetition,
  listOwnSubmittedProposals,
  listWindowAnnouncements,
  listWindowsForAgency,
  markAnswered,
  markWithdrawn,
  setCorrection,
  type NewObjectionFile,
  type ObjectionFileRow,
  type ObjectionRow,
} from "~/models/objections.server";
import { receiveEvidenceForm, type ReceivedFile } from "~/lib/evidence-form.server";
import { createCorrectionDraft } from "./announcements.server";
import { sendMail } from "./mail.server";
import { applyAcceptedOutcome, objectionReason, type Outcome } from "./objection-outcomes.server";

// ---------------------------------------------------------------------------
// Rules

export const REASONS_MIN = 30;
export const REASONS_MAX = 5000;
export const ANSWER_MIN = 10;
export const ANSWER_MAX = 5000;
export const MAX_FILES = 3;
export const FILE_MAX_MB = 10;
/** The "proposal" choice that names another agency's proposal on the list by its number. */
export const LISTED = "listed";

export const FilingSchema = z
  .object({
    proposal: z.string({ required_error: "objections.errors.proposalRequired" }).min(1, "objections.errors.proposalRequired").max(64, "errors.invalid"),
    listedNumber: z.string().max(64, "errors.tooLong").optional(),
    reasons: z
      .string({ required_error: "objections.errors.reasonsRequired" })
      .trim()
      .min(1, "objections.errors.reasonsRequired")
      .min(REASONS_MIN, "objections.errors.reasonsTooShort")
      .max(REASONS_MAX, "objections.errors.reasonsTooLong"),
  })
  .superRefine((v, ctx) => {
    if (v.proposal === LISTED && !(v.listedNumber ?? "").trim()) {
      ctx.addIssue({ code: "custom", path: ["listedNumber"], message: "objections.errors.listedNumberRequired" });
    }
  });

export const AnswerSchema = z
  .object({
    decision: z.enum(["accept", "reject"], { errorMap: () => ({ message: "objections.errors.decisionRequired" }) }),
    outcome: z.union([z.enum(["include", "exclude"]), z.literal("")]).optional(),
    answer: z
      .string({ required_error: "objections.errors.answerRequired" })
      .trim()
      .min(1, "objections.errors.answerRequired")
      .min(ANSWER_MIN, "objections.errors.answerTooShort")
      .max(ANSWER_MAX, "errors.tooLong"),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "accept" && !v.outcome) ctx.addIssue({ code: "custom", path: ["outcome"], message: "objections.errors.outcomeRequired" });
  });
export type AnswerInput = z.input<typeof AnswerSchema>;

export interface ObjectionsContext {
  /** The server clock (tests move it). */
  now?: Date;
  ip?: string;
}

function windowOf(a: { published_at: string | null; objection_ends_at: string | null }, now: Date): ObjectionWindowState {
  return objectionWindowState({ publishedAt: a.published_at, objectionEndsAt: a.objection_ends_at }, now);
}

function competitionResource(c: { id: string; organizer_id: string }) {
  return { type: "competition" as const, id: c.id, organizerId: c.organizer_id };
}

function fileView(f: ObjectionFileRow) {
  return { id: f.id, name: f.original_name, mimeType: f.mime_type, sizeBytes: f.size_bytes };
}

function filesByObjection(files: ObjectionFileRow[]) {
  const m = new Map<string, ReturnType<typeof fileView>[]>();
  for (const f of files) m.set(f.objection_id, [...(m.get(f.objection_id) ?? []), fileView(f)]);
  return m;
}

function objectionView(o: ObjectionRow, files: ReturnType<typeof fileView>[]) {
  return {
    id: o.id,
    competition: { id: o.competition_id, slug: o.competition_slug, name: o.competition_name },
    announcement: {
      id: o.announcement_id,
      kind: o.announcement_kind,
      number: o.announcement_number,
      title: o.announcement_title,
      objectionEndsAt: o.objection_ends_at,
      supersededById: o.superseded_by_id,
    },
    agency: { id: o.agency_id, name: o.agency_name },
    proposal: { id: o.proposal_id, number: o.proposal_number, title: o.proposal_title, agencyId: o.proposal_agency_id, agencyName: o.proposal_agency_name },
    reasons: o.reasons,
    status: o.status,
    answer: o.answer,
    outcome: o.outcome,
    filedBy: o.filed_by_name,
    filedAt: o.created_at,
    answeredBy: o.answered_by_name,
    answeredAt: o.answered_at,
    correctionId: o.correction_id,
    files,
  };
}

export type ObjectionView = ReturnType<typeof objectionView>;

// ---------------------------------------------------------------------------
// The agency's page

/**
 * The agency's objections page: the open windows that concern it (published,
 * not superseded announcements of editions where it has a submitted
 * proposal), its submitted proposals there, its own objections with their
 * files and answers, and — when `announcementId` names one of those open
 * windows — the filing form's data. For the agency's Admin Lokal and
 * innovators (403 anyone else, 404 unknown agency); only an Admin Lokal may
 * file or withdraw (canFile).
 */
export async function getAgencyObjections(db: DB, actor: Actor, agencyId: string, opts: { now?: Date; announcementId?: string | null } = {}) {
  assertCan(actor, "agency.view", { type: "agency", id: agencyId });
  const agency = await findAgency(db, agencyId);
  if (!agency) notFound();
  const now = opts.now ?? new Date();
  const canFile = can(actor, "objection.file", { type: "agency", id: agencyId });
  const windows = (await listWindowsForAgency(db, agencyId, new Date(now.getTime() - 60_000).toISOString())).filter(
    (a) => windowOf(a, now) === "open",
  );
  const [own, objections] = await Promise.all([
    listOwnSubmittedProposals(db, agencyId, [...new Set(windows.map((w) => w.competition_id))]),
    listObjectionsOfAgency(db, agencyId),
  ]);
  const files = filesByObjection(await listObjectionFiles(db, objections.map((o) => o.id)));
  const selected = opts.announcementId ? (windows.find((w) => w.id === opts.announcementId) ?? null) : null;
  return {
    agency: { id: agency.id, name: agency.name, code: agency.code },
    canFile,
    windows: windows.map((w) => ({
      id: w.id,
      kind: w.kind,
      number: w.number,
      title: w.title,
      competitionName: w.competition_name,
      publishedAt: w.published_at,
      objectionEndsAt: w.objection_ends_at,
    })),
    selected: selected
      ? {
          id: selected.id,
          number: selected.number,
          title: selected.title,
          competitionName: selected.competition_name,
          objectionEndsAt: selected.objection_ends_at,
          ownProposals: own.filter((p) => p.competition_id === selected.competition_id).map((p) => ({ id: p.id, number: p.number, title: p.title })),
        }
      : null,
    objections: objections.map((o) => ({
      ...objectionView(o, files.get(o.id) ?? []),
      canWithdraw: canFile && o.status === "pending" && windowOf({ published_at: o.announcement_published_at, objection_ends_at: o.objection_ends_at }, now) === "open",
    })),
  };
}

// ---------------------------------------------------------------------------
// Filing (multipart: proposal, listedNumber, reasons, then up to 3 "files")

export interface FilingFailure {
  ok: false;
  errors: FieldErrors;
  values: Record<string, string>;
  /** The file a files error is about (shown with the message). */
  fileName?: string;
}

export type FilingResult = { ok: true; id: string } | FilingFailure;

/** Form values given back after a refusal (text fields only; never the files). */
function echo(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["proposal", "listedNumber", "reasons"]) if (typeof fields[k] === "string") out[k] = fields[k];
  return out;
}

/**
 * An agency's Admin Lokal files an objection about one proposal: its own
 * submitted proposal in the edition, or (proposal = "listed") a proposal on
 * the announcement's list named by its number; with reasons (30–5000
 * characters) and up to 3 evidence files (PDF/JPEG/PNG by their content,
 * 10 MB each).
 * Refused with a message (the typed text given back): the window closed (on
 * the server clock when the request arrived, so 00:00 WIB after the last day
 * is late), never opened, or the announcement superseded; a file too large,
 * of another type, empty, or one too many; invalid fields; a pending
 * objection of the agency about the same proposal in the same announcement.
 * 403 unless the actor is the agency's Admin Lokal; 404 for an announcement
 * that is not published or does not concern the agency.
 * Side effects: the files in storage under random keys; one objections row,
 * its objection_files rows and one audit row "objection.filed" in one
 * transaction (stored files are removed again if it fails).
 */
export async function fileObjection(
  db: DB,
  actor: Actor,
  agencyId: string,
  announcementId: string,
  request: Request,
  ctx: ObjectionsContext = {},
): Promise<FilingResult> {
  const now = ctx.now ?? new Date();
  assertCan(actor, "objection.file", { type: "agency", id: agencyId });
  const a = await findPublishedAnnouncement(db, announcementId);
  if (!a || !(await agencyTakesPart(db, agencyId, a.competition_id))) notFound();

  const state = windowOf(a, now);
  const windowError: MessageKey | null = a.superseded_by_id
    ? "objections.errors.superseded"
    : state === "none"
      ? "objections.errors.noWindow"
      : state === "open"
        ? null
        : "objections.errors.windowClosed";

  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_FILES * FILE_MAX_MB * MB + MB) {
    return { ok: false, errors: windowError ? { _form: windowError } : { files: "objections.errors.fileTooLarge" }, values: {} };
  }
  const received = await receiveEvidenceForm(request, { area: "objections", maxFiles: MAX_FILES, maxMb: FILE_MAX_MB, acceptFiles: windowError === null });
  const values = echo(received.fields);
  if (windowError) {
    if (received.ok) await Promise.all(received.files.map((f) => rm(f.path, { force: true })));
    return { ok: false, errors: { _form: windowError }, values };
  }
  if (!received.ok) {
    const errors: FieldErrors = { files: received.failure.error };
    const parsed = FilingSchema.safeParse(received.fields);
    if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message as MessageKey;
    return { ok: false, errors, values, fileName: received.failure.fileName };
  }
  const temps = received.files;
  const cleanup = () => Promise.all(temps.map((f) => rm(f.path, { force: true })));
  try {
    const parsed = FilingSchema.safeParse(received.fields);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const i of parsed.error.issues) errors[String(i.path[0] ?? "_form")] ??= i.message as MessageKey;
      return { ok: false, errors, values };
    }
    const input = parsed.data;
    let proposal: { id: string; number: string };
    if (input.proposal === LISTED) {
      const entry = await findEntryByNumber(db, a.id, input.listedNumber ?? "");
      if (!entry) return { ok: false, errors: { listedNumber: "objections.errors.notListed" }, values };
      proposal = { id: entry.proposal_id, number: entry.proposal_number };
    } else {
      const own = await findOwnSubmittedProposal(db, agencyId, a.competition_id, input.proposal);
      if (!own) return { ok: false, errors: { proposal: "objections.errors.proposalUnknown" }, values };
      proposal = { id: own.id, number: own.number };
    }
    if (await findPendingDuplicate(db, a.id, agencyId, proposal.id)) {
      return { ok: false, errors: { proposal: "objections.errors.duplicate" }, values };
    }

    const storage = getStorage();
    const stored: { storage: "local" | "uploadthing"; storageKey: string; file: ReceivedFile }[] = [];
    const forget = () =>
      Promise.all(
        stored.map((s) => storageFor(s.storage).delete(s.storageKey).catch((e) => console.error("objections: removing an unrecorded object failed", e))),
      );
    try {
      for (const f of temps) {
        const s = await storage.put(f.path, { key: newStorageKey(), mime: MIME_TYPES[f.kind], size: f.size });
        stored.push({ ...s, file: f });
      }
    } catch (e) {
      console.error("objections: storing an upload failed", e);
      await forget();
      return { ok: false, errors: { files: "objections.errors.storage" }, values };
    }
    const id = newId();
    const at = nowIso(now);
    try {
      const outcome = await db.transaction().execute(async (trx) => {
        // Corrected while the files travelled: the objection would be about a replaced list.
        const fresh = await findPublishedAnnouncement(trx, a.id);
        if (!fresh || fresh.superseded_by_id) return "superseded" as const;
        await insertObjection(trx, { id, announcementId: a.id, competitionId: a.competition_id, agencyId, proposalId: proposal.id, reasons: input.reasons, filedBy: actor.userId, at });
        const rows: NewObjectionFile[] = stored.map((s) => ({
          id: newId(),
          objectionId: id,
          storage: s.storage,
          storageKey: s.storageKey,
          originalName: s.file.originalName,
          mimeType: MIME_TYPES[s.file.kind],
          sizeBytes: s.file.size,
          sha256: s.file.sha256,
          uploadedBy: actor.userId,
          at,
        }));
        await insertObjectionFiles(trx, rows);
        await appendAudit(trx, {
          actorUserId: actor.userId,
          action: "objection.filed",
          entityType: "objection",
          entityId: id,
          organizerId: a.organizer_id,
          competitionId: a.competition_id,
          agencyId,
          after: {
            announcement_id: a.id,
            announcement_number: a.number,
            proposal: proposal.number,
            reasons: input.reasons,
            files: rows.map((r) => ({ name: r.originalName, mime: r.mimeType, size: r.sizeBytes, sha256: r.sha256, storage: r.storage })),
          },
          ip: ctx.ip ?? null,
        });
        return "ok" as const;
      });
      if (outcome === "superseded") {
        await forget();
        return { ok: false, errors: { _form: "objections.errors.superseded" }, values };
      }
      return { ok: true, id };
    } catch (e) {
      await forget();
      throw e;
    }
  } finally {
    await cleanup();
  }
}

// ---------------------------------------------------------------------------
// Withdrawing

export type SimpleResult = { ok: true } | { ok: false; errors: FieldErrors };

/**
 * The agency's Admin Lokal withdraws its own pending objection before the
 * window ends. Side effects: status withdrawn and one audit row
 * "objection.withdrawn". 403 unless Admin Lokal of the agency; 404 for an
 * objection of another agency.
 */
export async function withdrawObjection(db: DB, actor: Actor, agencyId: string, objectionId: string, ctx: ObjectionsContext = {}): Promise<SimpleResult> {
  const now = ctx.now ?? new Date();
  assertCan(actor, "objection.file", { type: "agency", id: agencyId });
  return db.transaction().execute(async (trx): Promise<SimpleResult> => {
    const o = await findObjection(trx, objectionId);
    if (!o || o.agency_id !== agencyId) notFound();
    if (o.status !== "pending") return { ok: false, errors: { _form: "objections.errors.notPending" } };
    if (windowOf({ published_at: o.announcement_published_at, objection_ends_at: o.objection_ends_at }, now) !== "open") {
      return { ok: false, errors: { _form: "objections.errors.withdrawClosed" } };
    }
    const at = nowIso(now);
    if (!(await markWithdrawn(trx, o.id, agencyId, at))) return { ok: false, errors: { _form: "objections.errors.notPending" } };
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "objection.withdrawn",
      entityType: "objection",
      entityId: o.id,
      organizerId: o.organizer_id,
      competitionId: o.competition_id,
      agencyId,
      before: { status: "pending" },
      after: { status: "withdrawn", announcement_number: o.announcement_number, proposal: o.proposal_number },
      ip: ctx.ip ?? null,
    });
    return { ok: true };
  });
}

// ---------------------------------------------------------------------------
// The organizer's page

async function managedCompetition(db: DB, actor: Actor, slug: string) {
  const c = await findCompetitionBySlug(db, slug);
  if (!c) notFound();
  assertCan(actor, "announcement.manage", competitionResource(c));
  return c;
}

/** Where the organizer changes the winners for an accepted objection on a winners list: the awards page, reason prefilled. */
export function awardsLinkFor(slug: string, o: { announcementNumber: string | null; agencyName: string; answer: string | null; proposalNumber: string }): string {
  const reason = objectionReason({ announcement_number: o.announcementNumber, agency_name: o.agencyName }, o.answer ?? "", 1000);
  return `/competitions/${encodeURIComponent(slug)}/awards?number=${encodeURIComponent(o.proposalNumber)}&reason=${encodeURIComponent(reason)}`;
}

/**
 * The organizer's objections page: the edition's published announcements
 * with an objection window (state and counts) and every objection filed,
 * grouped by announcement, with files and answers; `objectionId` selects one
 * for the answer form (404 when it is not of this edition). 403 unless the
 * actor may manage the edition's announcements.
 */
export async function getCompetitionObjections(db: DB, actor: Actor, slug: string, opts: { now?: Date; objectionId?: string | null } = {}) {
  const c = await managedCompetition(db, actor, slug);
  const now = opts.now ?? new Date();
  const [announcements, objections] = await Promise.all([listWindowAnnouncements(db, c.id), listObjectionsOfCompetition(db, c.id)]);
  const files = filesByObjection(await listObjectionFiles(db, objections.map((o) => o.id)));
  const views = objections.map((o) => {
    const v = objectionView(o, files.get(o.id) ?? []);
    return {
      ...v,
      awardsLink:
        o.status === "accepted" && o.announcement_kind === "winners"
          ? awardsLinkFor(c.slug, { announcementNumber: o.announcement_number, agencyName: o.agency_name, answer: o.answer, proposalNumber: o.proposal_number })
          : null,
    };
  });
  let selected = null;
  if (opts.objectionId) {
    selected = views.find((v) => v.id === opts.objectionId) ?? null;
    if (!selected) notFound();
  }
  return {
    competition: { id: c.id, slug: c.slug, name: c.name },
    announcements: announcements.map((a) => ({
      id: a.id,
      kind: a.kind,
      number: a.number,
      title: a.title,
      publishedAt: a.published_at,
      objectionEndsAt: a.objection_ends_at,
      supersededById: a.superseded_by_id,
      window: windowOf(a, now),
      objections: views.filter((v) => v.announcement.id === a.id),
    })),
    pending: views.filter((v) => v.status === "pending").length,
    selected,
  };
}

// ---------------------------------------------------------------------------
// Answering

export type AnswerResult =
  | { ok: true; status: "accepted" | "rejected"; decisionChanged: boolean; correctionId: string | null; mailed: number }
  | { ok: false; errors: FieldErrors };

class Refused extends Error {
  constructor(readonly result: { ok: false; errors: FieldErrors }) {
    super("refused");
  }
}

/**
 * The organizer answers a pending objection: reject, or accept with the
 * outcome (include / exclude the proposal); the answer text is required.
 * Side effects, in one transaction: the objection's status, answer, outcome,
 * who and when; for an accepted one the decision change
 * (applyAcceptedOutcome: screening result or round decision entry + override
 * + next round's entrants, each with its audit row); one audit row
 * "objection.answered"; an in-app notification to the filing agency's people.
 * for an accepted one, the correction draft (ensureCorrection) linked to it.
 * Then one e-mail to each active Admin Lokal of the filing agency.
 * Refused (nothing changed): invalid input, already answered or withdrawn,
 * a change the normal path cannot make (error at "outcome").
 * 404 unknown slug or objection not of this edition; 403 unless the actor
 * manages the edition's announcements.
 */
export async function answerObjection(
  db: DB,
  actor: Actor,
  slug: string,
  objectionId: string,
  input: AnswerInput,
  ctx: { origin: string; now?: Date; ip?: string },
): Promise<AnswerResult> {
  const now = ctx.now ?? new Date();
  const c = await managedCompetition(db, actor, slug);
  const parsed = AnswerSchema.safeParse(input);
  const existing = await findObjection(db, objectionId);
  if (!existing || existing.competition_id !== c.id) notFound();
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const i of parsed.error.issues) errors[String(i.path[0] ?? "_form")] ??= i.message as MessageKey;
    return { ok: false, errors };
  }
  const d = parsed.data;
  const status = d.decision === "accept" ? ("accepted" as const) : ("rejected" as const);
  const outcome: Outcome | null = d.decision === "accept" ? (d.outcome as Outcome) : null;
  const at = nowIso(now);

  const done = await db
    .transaction()
    .execute(async (trx) => {
      const o = await findObjection(trx, objectionId);
      if (!o || o.competition_id !== c.id) notFound();
      if (o.status !== "pending") return { ok: false as const, errors: { _form: "objections.errors.notPending" } as FieldErrors };
      if (!(await markAnswered(trx, o.id, { status, answer: d.answer, outcome, userId: actor.userId, at }))) {
        return { ok: false as const, errors: { _form: "objections.errors.notPending" } as FieldErrors };
      }
      let changed = false;
      if (outcome) {
        const applied = await applyAcceptedOutcome(trx, actor, o, outcome, d.answer, at);
        if (!applied.ok) throw new Refused({ ok: false, errors: { outcome: applied.error } });
        changed = applied.changed;
      }
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "objection.answered",
        entityType: "objection",
        entityId: o.id,
        organizerId: c.organizer_id,
        competitionId: c.id,
        agencyId: o.agency_id,
        before: { status: "pending" },
        after: { status, outcome, answer: d.answer, announcement_number: o.announcement_number, proposal: o.proposal_number, decision_changed: changed },
        ip: ctx.ip ?? null,
      });
      await notifyAgencies(trx, {
        agencyIds: [o.agency_id],
        competitionId: c.id,
        messageKey: status === "accepted" ? "objections.notify.accepted" : "objections.notify.rejected",
        params: { announcement: o.announcement_number ?? o.announcement_title, proposal: o.proposal_number },
        link: `/agency/${o.agency_id}/objections`,
        at,
      });
      let correctionId: string | null = null;
      if (outcome) {
        try {
          correctionId = await ensureCorrection(trx, actor, o, now);
        } catch (e) {
          if (e instanceof Response && e.status === 409) throw new Refused({ ok: false, errors: { _form: "objections.errors.correctionImpossible" } });
          throw e;
        }
      }
      return { ok: true as const, o, changed, correctionId };
    })
    .catch((e: unknown) => {
      if (e instanceof Refused) return e.result;
      throw e;
    });
  if (!done.ok) return done;

  const mailed = await mailAnswer(db, done.o, { status, answer: d.answer, origin: ctx.origin });
  return { ok: true, status, decisionChanged: done.changed, correctionId: done.correctionId, mailed };
}

async function mailAnswer(db: DB, o: ObjectionRow, a: { status: "accepted" | "rejected"; answer: string; origin: string }): Promise<number> {
  const recipients = await adminLokalOf(db, o.agency_id);
  for (const r of recipients) {
    const locale: Locale = r.locale === "en" ? "en" : "id";
    const params = {
      name: r.name,
      agency: o.agency_name,
      announcement: o.announcement_number ?? o.announcement_title,
      proposal: `${o.proposal_number} ${o.proposal_title}`.trim(),
      status: translate(locale, a.status === "accepted" ? "objections.status.accepted" : "objections.status.rejected"),
      answer: a.answer,
      link: `${a.origin}/agency/${o.agency_id}/objections`,
    };
    await sendMail(db, { to: r.email, subject: translate(locale, "objections.mail.subject", params), text: translate(locale, "objections.mail.body", params) });
  }
  return recipients.length;
}

/**
 * The correction draft an accepted objection leads to, made in the caller's
 * transaction: createCorrectionDraft of the CURRENT announcement of the chain
 * (a corrected one may have been published meanwhile), which returns the open
 * (draft or scheduled) correction when there is one, so several accepted
 * objections share it. Links the objection to it (audit
 * "objection.correctionLinked").
 */
async function ensureCorrection(trx: DB, actor: Actor, o: ObjectionRow, now: Date): Promise<string> {
  let currentId = o.announcement_id;
  for (let i = 0; i < 50; i++) {
    const a = await findPublishedAnnouncement(trx, currentId);
    if (!a?.superseded_by_id) break;
    const next = await findPublishedAnnouncement(trx, a.superseded_by_id);
    if (!next) break;
    currentId = next.id;
  }
  const { id: correctionId } = await createCorrectionDraft(trx, actor, currentId, now);
  await setCorrection(trx, o.id, correctionId, nowIso(now));
  await appendAudit(trx, {
    actorUserId: actor.userId,
    action: "objection.correctionLinked",
    entityType: "objection",
    entityId: o.id,
    organizerId: o.organizer_id,
    competitionId: o.competition_id,
    agencyId: o.agency_id,
    before: { correction_id: o.correction_id },
    after: { correction_id: correctionId, announcement_id: currentId },
  });
  return correctionId;
}

/**
 * "Buat draf koreksi" for an accepted objection that has none yet (the
 * automatic step failed). 404 / 403 as answerObjection.
 */
export async function createCorrectionForObjection(db: DB, actor: Actor, slug: string, objectionId: string, now: Date = new Date()): Promise<SimpleResult & { correctionId?: string }> {
  const c = await managedCompetition(db, actor, slug);
  const o = await findObjection(db, objectionId);
  if (!o || o.competition_id !== c.id) notFound();
  if (o.status !== "accepted") return { ok: false, errors: { _form: "objections.errors.notAccepted" } };
  if (o.correction_id) return { ok: true, correctionId: o.correction_id };
  return { ok: true, correctionId: await db.transaction().execute((trx) => ensureCorrection(trx, actor, o, now)) };
}

// ---------------------------------------------------------------------------
// Evidence downloads

export interface ObjectionFileDownload {
  stream: Readable;
  size: number;
  mime: string;
  name: string;
}

/**
 * An evidence file of an objection, for the filing agency's people (Admin
 * Lokal, innovators) and the organizer's admins of the edition. Anyone else,
 * signed out included, gets the same 404 as for an id that does not exist.
 */
export async function openObjectionFile(db: DB, actor: Actor | null, objectionId: string, fileId: string): Promise<ObjectionFileDownload> {
  if (!actor) notFound();
  const o = await findObjection(db, objectionId);
  if (!o) notFound();
  const allowed = isAgencyMember(actor, o.agency_id) || can(actor, "announcement.manage", { type: "competition", id: o.competition_id, organizerId: o.organizer_id });
  if (!allowed) notFound();
  const f = await findObjectionFile(db, o.id, fileId);
  if (!f) notFound();
  const kind = kindOfMime(f.mime_type) ?? "pdf";
  try {
    const { stream, size } = await storageFor(f.storage).get(f.storage_key);
    return { stream, size: size ?? f.size_bytes, mime: MIME_TYPES[kind], name: downloadName(f.original_name, kind) };
  } catch (e) {
    if (e instanceof StoredFileMissing) notFound();
    throw e;
  }
}
