/**
 * Evidence files of a proposal (docs/decisions/0004-uploads.md): upload and
 * delete (the agency, while the proposal is a draft or returned and the
 * registration window is open), list and download (whoever may see the
 * proposal: its agency; the organizer's admins once it is submitted).
 *
 * An upload is checked before a byte of the body is read (404 / 403 / window),
 * then streamed part by part to a temporary file: counted against the slot's
 * limit (the partial file is deleted the moment it goes over), hashed, and its
 * type decided by its first bytes. Only then is it handed to the storage
 * module under a random key and recorded, with its audit row, in one
 * transaction.
 */
import { rm } from "node:fs/promises";
import type { Readable } from "node:stream";
import { unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import { assertCan } from "~/auth/actor.server";
import type { DB } from "~/db.server";
import type { AttachmentSlot, FileKind } from "~/domain/edition";
import { downloadName, kindOfMime, MB, MIME_TYPES, sanitizeFileName, sniffFileKind, type FileFailure } from "~/domain/filetype";
import { can, isJurorOf, type Resource } from "~/domain/permissions";
import { registrationState } from "~/domain/proposal-rules";
import type { Actor } from "~/domain/roles";
import { notFound } from "~/lib/http.server";
import {
  getStorage,
  HARD_CAP_BYTES,
  newStorageKey,
  storageFor,
  StoredFileMissing,
  UploadTooLarge,
  writeTempFile,
} from "~/lib/storage.server";
import { appendAudit } from "~/models/audit.server";
import { getEditionSettings } from "~/models/edition.server";
import { jurorUserIdsFor } from "~/models/juror-access.server";
import { findFileForJuror, findProposalForJuror } from "~/models/juror-views.server";
import { deleteProposalFileRow, findProposalFile, findVisibleFile, insertProposalFile, type ProposalFile } from "~/models/files.server";
import { findProposalInScope, listProposalFiles, scopeOf, type ProposalRecord } from "~/models/proposals.server";

/** The server clock (tests move it) and the client address for the audit log. */
export interface FilesContext {
  now?: Date;
  ip?: string;
}

const EDITABLE = new Set(["draft", "returned"]);
/** Text fields of the upload form (slot, redirectTo) are short. */
const FIELD_MAX_BYTES = 4096;

type ProposalResource = Extract<Resource, { type: "proposal" }>;

function resourceOf(p: { agency_id: string; competition_id: string; organizer_id: string; status: string }): ProposalResource {
  return { type: "proposal", agencyId: p.agency_id, competitionId: p.competition_id, organizerId: p.organizer_id, status: p.status };
}

/**
 * The proposal if the actor may see it; 404 otherwise (never 403, so others'
 * numbers stay secret). A juror finds it only through their own assignments,
 * and reads it only while not conflicted on it (assignedUserIds).
 */
async function loadVisible(db: DB, actor: Actor, number: string): Promise<ProposalRecord> {
  const p =
    (await findProposalInScope(db, number, scopeOf(actor))) ??
    (isJuror(actor) ? await findProposalForJuror(db, number, actor.userId) : undefined);
  if (!p) notFound();
  const r = resourceOf(p);
  if (isJurorOf(actor, p.competition_id)) r.assignedUserIds = await jurorUserIdsFor(db, p.id);
  if (!can(actor, "proposal.view", r)) notFound();
  return p;
}

function isJuror(actor: Actor): boolean {
  return actor.memberships.some((m) => m.role === "evaluator" || m.role === "panelist");
}

type WindowError = "files.errors.closed" | "files.errors.notOpen";

async function groupAndWindow(db: DB, p: ProposalRecord, now: Date) {
  const settings = await getEditionSettings(db, p.competition_id);
  const group = settings?.groups.find((g) => g.id === p.group_id);
  if (!settings || !group) notFound();
  const w = registrationState(settings.registration, now);
  const windowError: WindowError | null =
    w.state === "open" ? null : w.state === "closed" ? "files.errors.closed" : "files.errors.notOpen";
  return { group, windowError };
}

/**
 * 404 unless the actor sees the proposal, 403 unless they may edit it; then
 * the group's slots, or the window's refusal (the body is never read then).
 */
async function loadForChange(db: DB, actor: Actor, number: string, now: Date) {
  const p = await loadVisible(db, actor, number);
  assertCan(actor, "proposal.edit", resourceOf(p));
  const { group, windowError } = await groupAndWindow(db, p, now);
  return { p, slots: group.slots, windowError };
}

// ---------------------------------------------------------------------------
// Reading

/** The files page: the group's slots with their files, and whether the actor may change them now. */
export async function getProposalFiles(db: DB, actor: Actor, number: string, ctx: FilesContext = {}) {
  const p = await loadVisible(db, actor, number);
  const { group, windowError } = await groupAndWindow(db, p, ctx.now ?? new Date());
  const files = await listProposalFiles(db, p.id);
  return {
    proposal: { number: p.number, title: p.title, status: p.status },
    slots: group.slots,
    files: files.map((f) => ({ ...f, size_bytes: Number(f.size_bytes) })),
    canEdit: windowError === null && can(actor, "proposal.edit", resourceOf(p)),
  };
}

export interface FileDownload {
  stream: Readable;
  size: number;
  mime: string;
  /** The safe download name (sanitized, with the extension of its real type). */
  name: string;
}

/**
 * A stored file for someone allowed to see its proposal. Anyone else,
 * signed out included, gets the same 404 as for an id that does not exist.
 */
export async function openProposalFile(db: DB, actor: Actor | null, fileId: string): Promise<FileDownload> {
  if (!actor) notFound();
  const found =
    (await findVisibleFile(db, fileId, scopeOf(actor))) ?? (isJuror(actor) ? await findFileForJuror(db, fileId, actor.userId) : null);
  if (!found) notFound();
  const { file, owner } = found;
  const resource: ProposalResource = {
    type: "proposal",
    agencyId: owner.agencyId,
    competitionId: owner.competitionId,
    organizerId: owner.organizerId,
    status: owner.status,
  };
  if (isJurorOf(actor, owner.competitionId)) resource.assignedUserIds = await jurorUserIdsFor(db, owner.proposalId);
  if (!can(actor, "proposal.view", resource)) notFound();
  const kind = kindOfMime(file.mimeType) ?? "pdf";
  try {
    const { stream, size } = await storageFor(file.storage).get(file.storageKey);
    return { stream, size: size ?? file.sizeBytes, mime: MIME_TYPES[kind], name: downloadName(file.originalName, kind) };
  } catch (e) {
    if (e instanceof StoredFileMissing) notFound();
    throw e;
  }
}

// ---------------------------------------------------------------------------
// Receiving an upload

interface Received {
  slot: AttachmentSlot;
  path: string;
  size: number;
  sha256: string;
  kind: FileKind;
  originalName: string;
}

type ReceiveResult = ({ ok: true } & Received & { fields: Record<string, string> }) | { ok: false; failure: FileFailure; fields: Record<string, string> };

async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > HARD_CAP_BYTES) throw new UploadTooLarge();
  }
}

async function readField(data: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > HARD_CAP_BYTES) throw new UploadTooLarge();
    if (size <= FIELD_MAX_BYTES) chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8").slice(0, FIELD_MAX_BYTES);
}

function limitMb(slot: AttachmentSlot | undefined): number {
  return Math.min(slot?.maxSizeMb ?? Infinity, HARD_CAP_BYTES / MB);
}

/**
 * Reads a multipart upload: text fields (slot, redirectTo) and one part named
 * "file". The slot is ?slot= or the `slot` field, which the form puts before
 * the file so its limit and types are known when the file's bytes arrive.
 */
async function receiveUpload(request: Request, slots: AttachmentSlot[], querySlot: string | null): Promise<ReceiveResult> {
  const fields: Record<string, string> = {};
  const state: { got: Received | null; failure: FileFailure | null } = { got: null, failure: null };
  const slotKey = () => querySlot ?? fields.slot ?? null;

  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > HARD_CAP_BYTES + MB) {
    const slot = slots.find((s) => s.key === querySlot);
    return { ok: false, failure: { slot: querySlot, error: "files.errors.tooLarge", maxSizeMb: limitMb(slot) }, fields };
  }

  const handler = async (part: UploadHandlerPart): Promise<undefined> => {
    if (part.filename === undefined) {
      fields[part.name] = await readField(part.data);
      return undefined;
    }
    if (part.name !== "file" || state.failure) {
      await drain(part.data);
      return undefined;
    }
    if (state.got) {
      await drain(part.data);
      state.failure = { slot: state.got.slot.key, error: "files.errors.tooMany" };
      return undefined;
    }
    const key = slotKey();
    const slot = slots.find((s) => s.key === key);
    if (!slot) {
      await drain(part.data);
      state.failure = { slot: key, error: "files.errors.unknownSlot" };
      return undefined;
    }
    const maxSizeMb = limitMb(slot);
    const tmp = await writeTempFile(part.data, maxSizeMb * MB);
    if (!tmp.ok) {
      state.failure = { slot: slot.key, error: "files.errors.tooLarge", maxSizeMb };
      return undefined;
    }
    const kind = sniffFileKind(tmp.head);
    if (tmp.size === 0 || !kind || !slot.acceptedTypes.includes(kind)) {
      await rm(tmp.path, { force: true });
      state.failure =
        tmp.size === 0
          ? { slot: slot.key, error: part.filename === "" ? "files.errors.noFile" : "files.errors.empty" }
          : { slot: slot.key, error: "files.errors.type", kinds: slot.acceptedTypes };
      return undefined;
    }
    state.got = {
      slot,
      path: tmp.path,
      size: tmp.size,
      sha256: tmp.sha256,
      kind,
      originalName: sanitizeFileName(part.filename),
    };
    return undefined;
  };

  let parseError: unknown = null;
  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (e) {
    parseError = e;
  }
  const { got } = state;
  let failure = state.failure;
  if (parseError) {
    const key = slotKey();
    failure =
      parseError instanceof UploadTooLarge
        ? { slot: key, error: "files.errors.tooLarge", maxSizeMb: limitMb(slots.find((s) => s.key === key)) }
        : { slot: key, error: "files.errors.malformed" };
  }
  if (failure || !got) {
    if (got) await rm(got.path, { force: true });
    return { ok: false, failure: failure ?? { slot: slotKey(), error: "files.errors.noFile" }, fields };
  }
  return { ok: true, ...got, fields };
}

// ---------------------------------------------------------------------------
// Changing

export type UploadResult =
  | { ok: true; file: ProposalFile; redirectTo: string | null }
  | { ok: false; failure: FileFailure; values: Record<string, string> };

/** What the audit log keeps of a file. */
function auditShape(number: string, f: ProposalFile) {
  return {
    proposal: number,
    slot: f.slotKey,
    name: f.originalName,
    mime: f.mimeType,
    size: f.sizeBytes,
    sha256: f.sha256,
    storage: f.storage,
  };
}

/** Whether the proposal can still take changes, read inside the caller's transaction. */
async function stillEditable(db: DB, proposalId: string): Promise<boolean> {
  const row = await db.selectFrom("proposals").select("status").where("id", "=", proposalId).executeTakeFirst();
  return row !== undefined && EDITABLE.has(row.status);
}

/**
 * An agency member uploads one evidence file to a slot of a proposal.
 * Side effects: the file in storage (local disk or UploadThing) under a new
 * random key; one proposal_files row and one audit row ("file.uploaded", with
 * the competition and agency) in one transaction. Nothing is kept when the
 * upload is refused (too large, wrong type, empty, window closed) or when the
 * proposal was submitted while the file travelled.
 * Throws 404 when the actor cannot see the proposal, 403 when they may not edit it.
 */
export async function uploadProposalFile(
  db: DB,
  actor: Actor,
  number: string,
  request: Request,
  ctx: FilesContext = {},
): Promise<UploadResult> {
  const { p, slots, windowError } = await loadForChange(db, actor, number, ctx.now ?? new Date());
  const querySlot = new URL(request.url).searchParams.get("slot");
  if (windowError) return { ok: false, failure: { slot: null, error: windowError }, values: {} };

  const received = await receiveUpload(request, slots, querySlot);
  if (!received.ok) return { ok: false, failure: received.failure, values: received.fields };
  const values = received.fields;
  const redirectTo = values.redirectTo ?? null;
  try {
    const storage = getStorage();
    const mime = MIME_TYPES[received.kind];
    let stored;
    try {
      stored = await storage.put(received.path, { key: newStorageKey(), mime, size: received.size });
    } catch (e) {
      console.error("files: storing an upload failed", e);
      return { ok: false, failure: { slot: received.slot.key, error: "files.errors.storage" }, values };
    }
    const forget = () =>
      storageFor(stored.storage)
        .delete(stored.storageKey)
        .catch((e) => console.error("files: removing an unrecorded object failed", e));
    try {
      const file = await db.transaction().execute(async (trx) => {
        if (!(await stillEditable(trx, p.id))) return null;
        const f = await insertProposalFile(trx, {
          proposalId: p.id,
          slotKey: received.slot.key,
          storage: stored.storage,
          storageKey: stored.storageKey,
          originalName: received.originalName,
          mimeType: mime,
          sizeBytes: received.size,
          sha256: received.sha256,
          uploadedBy: actor.userId,
        });
        await appendAudit(trx, {
          actorUserId: actor.userId,
          action: "file.uploaded",
          entityType: "proposal_file",
          entityId: f.id,
          organizerId: p.organizer_id,
          competitionId: p.competition_id,
          agencyId: p.agency_id,
          after: auditShape(p.number, f),
          ip: ctx.ip ?? null,
        });
        return f;
      });
      if (!file) {
        await forget();
        return { ok: false, failure: { slot: received.slot.key, error: "files.errors.notEditable" }, values };
      }
      return { ok: true, file, redirectTo };
    } catch (e) {
      await forget();
      throw e;
    }
  } finally {
    // Moved into place by the local backend; still here after an UploadThing upload or a failure.
    await rm(received.path, { force: true });
  }
}

export type DeleteResult = { ok: true } | { ok: false; failure: FileFailure };

/**
 * An agency member deletes one evidence file of a proposal.
 * Side effects: the proposal_files row and one audit row ("file.deleted",
 * before = the file) in one transaction; then the stored object (a failure
 * there only leaves an unreferenced object, logged).
 * Throws 404 for a proposal the actor cannot see or a file not of this
 * proposal, 403 when they may not edit it.
 */
export async function deleteProposalFile(
  db: DB,
  actor: Actor,
  number: string,
  fileId: string,
  ctx: FilesContext = {},
): Promise<DeleteResult> {
  const { p, windowError } = await loadForChange(db, actor, number, ctx.now ?? new Date());
  if (windowError) return { ok: false, failure: { slot: null, error: windowError } };
  const result = await db.transaction().execute(async (trx): Promise<DeleteResult & { file?: ProposalFile }> => {
    const file = await findProposalFile(trx, p.id, fileId);
    if (!file) notFound();
    if (!(await stillEditable(trx, p.id))) return { ok: false, failure: { slot: file.slotKey, error: "files.errors.notEditable" } };
    await deleteProposalFileRow(trx, p.id, file.id);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "file.deleted",
      entityType: "proposal_file",
      entityId: file.id,
      organizerId: p.organizer_id,
      competitionId: p.competition_id,
      agencyId: p.agency_id,
      before: auditShape(p.number, file),
      ip: ctx.ip ?? null,
    });
    return { ok: true, file };
  });
  if (result.ok && result.file) {
    const { storage, storageKey } = result.file;
    try {
      await storageFor(storage).delete(storageKey);
    } catch (e) {
      console.error("files: removing a deleted file's object failed", e);
    }
  }
  return result.ok ? { ok: true } : result;
}
