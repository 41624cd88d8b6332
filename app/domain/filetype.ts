/**
 * What an uploaded file really is, decided by its first bytes (magic numbers),
 * never by the name or the type the browser declared: a program renamed
 * "laporan.pdf" is still a program. Also the safe display and download names.
 * Pure: no I/O. See docs/decisions/0004-uploads.md.
 */
import type { MessageKey } from "~/i18n";
import type { FileKind } from "./edition";

export type { FileKind };

/** Why an upload or a delete was refused, shown at its slot (or above the slots when `slot` is null). */
export interface FileFailure {
  slot: string | null;
  error: MessageKey;
  /** files.errors.type: the kinds the slot accepts. */
  kinds?: FileKind[];
  /** files.errors.tooLarge: the limit that applied. */
  maxSizeMb?: number;
}

export const FILE_KINDS: readonly FileKind[] = ["pdf", "jpeg", "png"];

/** The Content-Type we serve for each kind (from our sniffing, never from the upload). */
export const MIME_TYPES: Record<FileKind, string> = {
  pdf: "application/pdf",
  jpeg: "image/jpeg",
  png: "image/png",
};

/** Extensions a name may already end with for each kind; the first is the one we add. */
export const EXTENSIONS: Record<FileKind, readonly string[]> = {
  pdf: [".pdf"],
  jpeg: [".jpg", ".jpeg"],
  png: [".png"],
};

/** Human labels for messages ("PDF, JPEG, PNG"). */
export const KIND_LABELS: Record<FileKind, string> = { pdf: "PDF", jpeg: "JPEG", png: "PNG" };

const SIGNATURES: { kind: FileKind; bytes: readonly number[] }[] = [
  // "%PDF-"
  { kind: "pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  // SOI marker followed by the start of the next marker
  { kind: "jpeg", bytes: [0xff, 0xd8, 0xff] },
  // \x89 P N G \r \n \x1a \n
  { kind: "png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** How many leading bytes sniffFileKind needs. */
export const SNIFF_BYTES = 8;

/** The kind of a file from its first bytes, or null when it is none we accept (or too short to tell). */
export function sniffFileKind(head: Uint8Array): FileKind | null {
  for (const { kind, bytes } of SIGNATURES) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return kind;
  }
  return null;
}

export function isFileKind(v: unknown): v is FileKind {
  return typeof v === "string" && (FILE_KINDS as readonly string[]).includes(v);
}

export function kindOfMime(mime: string): FileKind | null {
  for (const kind of FILE_KINDS) if (MIME_TYPES[kind] === mime) return kind;
  return null;
}

/** "PDF, JPEG atau PNG" / "PDF, JPEG, or PNG": the accepted kinds of a slot, for messages. */
export function kindList(kinds: readonly FileKind[], locale: "id" | "en"): string {
  const labels = FILE_KINDS.filter((k) => kinds.includes(k)).map((k) => KIND_LABELS[k]);
  return new Intl.ListFormat(locale === "id" ? "id-ID" : "en-GB", { type: "disjunction" }).format(labels);
}

/** The `accept` attribute of a file input for these kinds (a hint to the browser only). */
export function acceptAttribute(kinds: readonly FileKind[]): string {
  return kinds.flatMap((k) => [...EXTENSIONS[k], MIME_TYPES[k]]).join(",");
}

export const MAX_NAME_LENGTH = 200;

// C0 and C1 control characters, DEL, and the bidirectional overrides that can make
// "gpj.exe" display as "exe.jpg".
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name a person uploaded, made safe to show and to offer back as a download
 * name: the last path component only (both / and \), no control or bidi
 * characters, no leading dots, at most 200 characters (the extension kept).
 * Never used to build a path. Falls back to `fallback` when nothing is left.
 */
export function sanitizeFileName(name: string, fallback = "berkas"): string {
  let n = name.normalize("NFC").replace(UNSAFE_CHARS, "");
  n = n.split(/[/\\]/).pop() ?? "";
  n = n.replace(/\s+/g, " ").trim().replace(/^[.\s]+/, "");
  if (!n) return fallback;
  const chars = Array.from(n);
  if (chars.length <= MAX_NAME_LENGTH) return n;
  const dot = n.lastIndexOf(".");
  const ext = dot > 0 ? Array.from(n.slice(dot)) : [];
  if (ext.length > 0 && ext.length <= 10) {
    return chars.slice(0, MAX_NAME_LENGTH - ext.length).join("").trimEnd() + ext.join("");
  }
  return chars.slice(0, MAX_NAME_LENGTH).join("");
}

/** The download name: the sanitized name, with the right extension added when it does not end with one. */
export function downloadName(name: string, kind: FileKind): string {
  const safe = sanitizeFileName(name);
  const lower = safe.toLowerCase();
  if (EXTENSIONS[kind].some((e) => lower.endsWith(e))) return safe;
  return safe + EXTENSIONS[kind][0];
}

/**
 * A Content-Disposition header value offering the file as a download: an ASCII
 * fallback name for old clients and the exact UTF-8 name per RFC 5987/6266.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%;]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** 1 MB as the slots count it (MiB, what operating systems show). */
export const MB = 1024 * 1024;

/** "1,5 MB" / "1.5 MB", "830 KB", "12 B". */
export function formatFileSize(bytes: number, locale: "id" | "en"): string {
  const fmt = (n: number) =>
    new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB", { maximumFractionDigits: 1 }).format(n);
  if (bytes >= MB) return `${fmt(bytes / MB)} MB`;
  if (bytes >= 1024) return `${fmt(bytes / 1024)} KB`;
  return `${bytes} B`;
}
