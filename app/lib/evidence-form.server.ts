/**
 * The one multipart reader for evidence forms (objections, replication
 * stages, sustainability reports): text fields kept (so a refusal gives them
 * back), each "files" part streamed to a temporary file counted against
 * `maxMb` and typed by its first bytes (PDF, JPEG, PNG). With `acceptFiles`
 * false (e.g. a window already closed) file bytes are read and dropped.
 * Refusals carry the area's message key (`<area>.errors.tooManyFiles`,
 * `fileTooLarge`, `fileEmpty`, `fileType`, `malformed`) and the file's name;
 * temporary files of a refused form are removed here.
 */
import { rm } from "node:fs/promises";
import { unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import { MB, sanitizeFileName, sniffFileKind, type FileKind } from "~/domain/filetype";
import type { MessageKey } from "~/i18n";
import { HARD_CAP_BYTES, UploadTooLarge, writeTempFile } from "~/lib/storage.server";

export const EVIDENCE_KINDS: readonly FileKind[] = ["pdf", "jpeg", "png"];
/** A text field longer than this is cut (no form here needs more). */
const FIELD_MAX_BYTES = 32 * 1024;

export interface ReceivedFile {
  path: string;
  size: number;
  sha256: string;
  kind: FileKind;
  originalName: string;
}

export type EvidenceForm =
  | { ok: true; fields: Record<string, string>; files: ReceivedFile[] }
  | { ok: false; fields: Record<string, string>; failure: { error: MessageKey; fileName?: string } };

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
  return Buffer.concat(chunks).toString("utf8");
}

export async function receiveEvidenceForm(
  request: Request,
  opts: { area: "objections" | "monitoring" | "replications"; maxFiles: number; maxMb: number; acceptFiles?: boolean },
): Promise<EvidenceForm> {
  const key = (k: "tooManyFiles" | "fileTooLarge" | "fileEmpty" | "fileType" | "malformed") => `${opts.area}.errors.${k}` as MessageKey;
  const acceptFiles = opts.acceptFiles ?? true;
  const fields: Record<string, string> = {};
  const files: ReceivedFile[] = [];
  const state: { failure: { error: MessageKey; fileName?: string } | null } = { failure: null };
  const handler = async (part: UploadHandlerPart): Promise<undefined> => {
    if (part.filename === undefined) {
      const value = await readField(part.data);
      if (!(part.name in fields)) fields[part.name] = value;
      return undefined;
    }
    // An empty file input still sends a part with no name and no bytes.
    if (part.name !== "files" || !acceptFiles || state.failure || part.filename === "") {
      await drain(part.data);
      return undefined;
    }
    const name = sanitizeFileName(part.filename);
    if (files.length >= opts.maxFiles) {
      await drain(part.data);
      state.failure = { error: key("tooManyFiles") };
      return undefined;
    }
    const tmp = await writeTempFile(part.data, opts.maxMb * MB);
    if (!tmp.ok) {
      state.failure = { error: key("fileTooLarge"), fileName: name };
      return undefined;
    }
    const kind = sniffFileKind(tmp.head);
    if (tmp.size === 0 || !kind || !EVIDENCE_KINDS.includes(kind)) {
      await rm(tmp.path, { force: true });
      state.failure = { error: key(tmp.size === 0 ? "fileEmpty" : "fileType"), fileName: name };
      return undefined;
    }
    files.push({ path: tmp.path, size: tmp.size, sha256: tmp.sha256, kind, originalName: name });
    return undefined;
  };
  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (e) {
    state.failure = { error: key(e instanceof UploadTooLarge ? "fileTooLarge" : "malformed") };
  }
  if (state.failure) {
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
    return { ok: false, failure: state.failure, fields };
  }
  return { ok: true, files, fields };
}
