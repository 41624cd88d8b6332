/**
 * The storage module for evidence files (docs/decisions/0004-uploads.md).
 *
 * Two backends behind one interface: local disk under data/uploads (or
 * UPLOADS_DIR) by default, UploadThing when UPLOADTHING_TOKEN is set. Objects
 * are named only by a random key we make; nothing a person typed ever reaches
 * a path. Uploads arrive as a temporary file on local disk (writeTempFile
 * streams them there, counting, hashing and keeping the first bytes for
 * sniffing) and `put` moves that file into the backend, so no backend ever
 * holds a whole file in memory.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, openAsBlob } from "node:fs";
import { copyFile, mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { EXTENSIONS, kindOfMime, SNIFF_BYTES } from "~/domain/filetype";

export type StorageName = "local" | "uploadthing";

export interface StoredObject {
  storage: StorageName;
  storageKey: string;
}

export interface PutMeta {
  /** Our random key (newStorageKey). */
  key: string;
  /** The sniffed MIME type. */
  mime: string;
  size: number;
}

export interface StoredFile {
  stream: Readable;
  /** Bytes, when the backend knows. */
  size: number | null;
}

export interface Storage {
  readonly name: StorageName;
  /** Moves (local) or uploads (UploadThing) the temporary file; the caller removes the temp path afterwards. */
  put(localTempPath: string, meta: PutMeta): Promise<StoredObject>;
  /** A stream of the stored bytes; throws StoredFileMissing when the object is gone. */
  get(storageKey: string): Promise<StoredFile>;
  /** Removes the object; a missing object is not an error. */
  delete(storageKey: string): Promise<void>;
}

export class StoredFileMissing extends Error {
  constructor(storageKey: string) {
    super(`stored file ${storageKey} is missing`);
    this.name = "StoredFileMissing";
  }
}

/** A hard cap for any upload whatever a slot allows: nothing bigger is read past this. */
export const HARD_CAP_BYTES = 100 * 1024 * 1024;

const KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const KEY_PATTERN = /^[a-z2-7]{32}$/;

/** A random object key: 32 base32 characters (160 bits). */
export function newStorageKey(): string {
  const bytes = randomBytes(32);
  let out = "";
  for (let i = 0; i < 32; i++) out += KEY_ALPHABET[bytes[i] & 31];
  return out;
}

export function isStorageKey(v: string): boolean {
  return KEY_PATTERN.test(v);
}

/** The root of local storage, read at call time so tests and operators can point it elsewhere. */
export function uploadsDir(): string {
  return path.resolve(process.env.UPLOADS_DIR || path.join(process.cwd(), "data", "uploads"));
}

/** Temporary files live under the uploads root, so moving one into place is a rename on the same disk. */
export function tempDir(): string {
  return path.join(uploadsDir(), "tmp");
}

// ---------------------------------------------------------------------------
// Receiving bytes: stream a part to a temporary file.

export type TempFileResult =
  | { ok: true; path: string; size: number; sha256: string; head: Uint8Array }
  /** Over `maxBytes`: nothing is kept on disk. `size` is how far we read. */
  | { ok: false; reason: "too_large"; size: number };

/** Thrown when a body goes past HARD_CAP_BYTES: we stop reading it at all. */
export class UploadTooLarge extends Error {
  constructor() {
    super("upload exceeds the hard cap");
    this.name = "UploadTooLarge";
  }
}

/**
 * Writes `data` to a new temporary file chunk by chunk (each write awaited, so
 * a slow disk slows the reader instead of filling memory), hashing it and
 * keeping its first bytes. Past `maxBytes` the partial file is deleted at once
 * and the rest of the part is read and dropped, so the browser still gets our
 * answer instead of a reset connection; past HARD_CAP_BYTES in total it throws
 * UploadTooLarge and stops reading.
 */
export async function writeTempFile(data: AsyncIterable<Uint8Array>, maxBytes: number): Promise<TempFileResult> {
  const dir = tempDir();
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${newStorageKey()}.part`);
  const handle = await open(file, "wx", 0o600);
  const hash = createHash("sha256");
  const head = new Uint8Array(SNIFF_BYTES);
  let headLength = 0;
  let size = 0;
  let closed = false;
  try {
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        closed = true;
        await handle.close();
        await rm(file, { force: true });
        if (size > HARD_CAP_BYTES) throw new UploadTooLarge();
        for await (const rest of data) {
          size += rest.byteLength;
          if (size > HARD_CAP_BYTES) throw new UploadTooLarge();
        }
        return { ok: false, reason: "too_large", size };
      }
      if (headLength < SNIFF_BYTES) {
        const take = Math.min(SNIFF_BYTES - headLength, chunk.byteLength);
        head.set(chunk.subarray(0, take), headLength);
        headLength += take;
      }
      hash.update(chunk);
      let written = 0;
      while (written < chunk.byteLength) {
        const { bytesWritten } = await handle.write(chunk, written);
        written += bytesWritten;
      }
    }
    closed = true;
    await handle.close();
    return { ok: true, path: file, size, sha256: hash.digest("hex"), head: head.slice(0, headLength) };
  } catch (e) {
    if (!closed) await handle.close().catch(() => undefined);
    await rm(file, { force: true });
    throw e;
  }
}

// ---------------------------------------------------------------------------
// Local disk.

/** data/uploads/<first 2 characters>/<key>: built from our key only. */
function localPath(storageKey: string): string {
  if (!isStorageKey(storageKey)) throw new Error("invalid storage key");
  return path.join(uploadsDir(), storageKey.slice(0, 2), storageKey);
}

export const localDiskStorage: Storage = {
  name: "local",
  async put(localTempPath, meta) {
    const dest = localPath(meta.key);
    await mkdir(path.dirname(dest), { recursive: true });
    try {
      await rename(localTempPath, dest);
    } catch (e) {
      // UPLOADS_DIR on another disk than the temp file (not the default layout).
      if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
      await copyFile(localTempPath, dest);
      await rm(localTempPath, { force: true });
    }
    return { storage: "local", storageKey: meta.key };
  },
  async get(storageKey) {
    const file = localPath(storageKey);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new StoredFileMissing(storageKey);
      throw e;
    }
    return { stream: createReadStream(file), size };
  },
  async delete(storageKey) {
    await rm(localPath(storageKey), { force: true });
  },
};

// ---------------------------------------------------------------------------
// UploadThing (server SDK).

type UTApiInstance = InstanceType<typeof import("uploadthing/server").UTApi>;

export interface UploadThingOptions {
  token: string;
  /** Defaults to the global fetch; tests pass a fake. */
  fetch?: typeof fetch;
}

/**
 * UploadThing through its server SDK (UTApi). Upload: the SDK signs an ingest
 * URL locally and PUTs the file as multipart form data; we hand it a Blob
 * backed by the temp file (fs.openAsBlob), which fetch streams from disk.
 * Download: a short-lived signed URL (made locally, works for private files)
 * fetched and streamed through our permission-checked route, so the file URL
 * is never given to the browser. Set the app's default ACL to private in the
 * UploadThing dashboard: readers only ever get files through that route.
 */
export function uploadThingStorage(opts: UploadThingOptions): Storage {
  const fetchImpl = opts.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  let api: Promise<UTApiInstance> | undefined;
  const utapi = () =>
    (api ??= import("uploadthing/server").then(({ UTApi }) => new UTApi({ token: opts.token, fetch: fetchImpl })));
  return {
    name: "uploadthing",
    async put(localTempPath, meta) {
      const kind = kindOfMime(meta.mime);
      const blob = await openAsBlob(localTempPath, { type: meta.mime });
      // A File over the disk-backed Blob: still read lazily, chunk by chunk, when fetch sends it.
      const file = Object.assign(new File([blob], `${meta.key}${kind ? EXTENSIONS[kind][0] : ""}`, { type: meta.mime }), {
        customId: meta.key,
      });
      const result = await (await utapi()).uploadFiles(file, { contentDisposition: "attachment" });
      if (result.error) throw new Error(`UploadThing upload failed: ${result.error.code} ${result.error.message}`);
      return { storage: "uploadthing", storageKey: result.data.key };
    },
    async get(storageKey) {
      const { ufsUrl } = await (await utapi()).generateSignedURL(storageKey, { expiresIn: 300 });
      const res = await fetchImpl(ufsUrl);
      if (res.status === 404) throw new StoredFileMissing(storageKey);
      if (!res.ok || !res.body) throw new Error(`UploadThing download failed: HTTP ${res.status}`);
      const length = res.headers.get("content-length");
      return {
        stream: Readable.fromWeb(res.body as unknown as NodeWebReadableStream<Uint8Array>),
        size: length !== null && /^\d+$/.test(length) ? Number(length) : null,
      };
    },
    async delete(storageKey) {
      await (await utapi()).deleteFiles(storageKey);
    },
  };
}

let cachedUploadThing: { token: string; storage: Storage } | undefined;

function configuredUploadThing(): Storage | null {
  const token = process.env.UPLOADTHING_TOKEN;
  if (!token) return null;
  if (cachedUploadThing?.token !== token) cachedUploadThing = { token, storage: uploadThingStorage({ token }) };
  return cachedUploadThing.storage;
}

/** Where new uploads go: UploadThing when UPLOADTHING_TOKEN is set, else local disk. */
export function getStorage(): Storage {
  return configuredUploadThing() ?? localDiskStorage;
}

/** The backend that holds an existing object (files keep the backend they were stored with). */
export function storageFor(name: StorageName): Storage {
  if (name === "local") return localDiskStorage;
  const ut = configuredUploadThing();
  if (!ut) throw new Error("This file is stored on UploadThing but UPLOADTHING_TOKEN is not set");
  return ut;
}
