/**
 * The pure rules of a proposal: word counting, numbers and receipts, the
 * innovation's age, the registration window, eligibility, completeness,
 * quota and filler detection. No I/O: services, routes and screening call
 * these with data they loaded, so the same rule runs everywhere.
 *
 * Decisions documented here (and pinned by tests/unit/proposal-rules.test.ts):
 *
 * WORDS (countWords)
 *   A word is a run of letters/digits (any script, accents and combining marks
 *   included) possibly joined by internal
 *     - hyphens  (- ‐ ‑):              "sehari-hari", "e-KTP"          = 1 word
 *     - apostrophes (' ’ ʼ):           "Jum'at"                        = 1 word
 *     - slashes (/):                   "24/7", "dan/atau", "12/2023"   = 1 word
 *       (as a word processor counts them, so applicants see the same number)
 *     - dots or commas between digits: "1.500.000", "3,5"             = 1 word
 *   So "Rp1.500.000" = 1, "Rp 1.500.000" = 2, "3,5%" = 1. A dot or comma next to
 *   a letter ends the word ("akhir.Awal" = 2). A URL (http(s)://…, www.…) or an
 *   email address counts as 1 word. Punctuation, emoji, symbols and whitespace
 *   (spaces, tabs, newlines, non-breaking spaces) alone are not words; an
 *   en/em dash separates words ("2019–2023" = 2).
 *
 * AGE (innovationAgeMonths)
 *   Whole months from the start date to the registration close, both taken on
 *   the WIB calendar (close 2025-06-30T16:59Z is 30 June 2025 WIB). A month is
 *   complete when the same day-of-month is reached, or the last day of a shorter
 *   month: started 31 Jan, close 28 Feb 2025 = 1; close 27 Feb = 0; started
 *   2023-06-30, close 2025-06-30 = 24; started 2023-07-01 = 23. A start after
 *   the close gives 0. Malformed dates throw a RangeError (callers validate).
 *
 * REGISTRATION WINDOW (registrationState) — the rule the server enforces
 *   startsAt is the first valid instant (open from startsAt inclusive).
 *   endsAt is the LAST VALID MINUTE, inclusive through the end of that minute:
 *   the window is open while  startsAt <= now < endsAt + 60 s.  With endsAt =
 *   23:59 WIB, 23:59:59.999 WIB is inside and 00:00:00 the next day is outside.
 *   An extension simply moves endsAt later. Missing startsAt or endsAt =
 *   "unscheduled" (nobody can submit). minutesLeft (only when open) is whole
 *   minutes, rounded down, until the closing instant endsAt + 60 s: at 23:59:00
 *   it is 1, at 23:59:30 it is 0 (less than a minute left).
 *
 * FILLER (fillerFindings) — hints for the secretariat, never a blocker
 *   placeholder: the whole answer is "-", "...", "tidak ada", "n/a", "test",
 *     "belum", "kosong", … (see PLACEHOLDERS), contains "lorem ipsum", has no
 *     letter at all (only digits/punctuation), or is one character repeated
 *     ("xxxx").
 *   too_short: a REQUIRED section with fewer than minMeaningfulWords(limit)
 *     words = max(5, ceil(5% of its word limit)) — 5 without a limit, 25 for a
 *     500-word limit. Not reported for a placeholder (already flagged) nor an
 *     empty answer (that is completeness' section_missing).
 *   repetitive (≥ 3 words): one word is more than half of all words; or
 *     (≥ 8 words) fewer than half of the word 3-grams are distinct (a short
 *     phrase repeated three times or more); or (≥ 20 words) fewer than 20% of
 *     the words are distinct (word salad).
 *   copied: two sections (both with words, neither a placeholder) whose
 *     normalised texts are identical, or one contains the other when both have
 *     ≥ 20 words, or whose word 5-shingles have Jaccard similarity ≥ 0.8. One
 *     finding per pair, on the later section in form order, naming the earlier
 *     one in otherSectionKey.
 */
import type { EditionSettings, Group } from "./edition";
import { utcIsoToWibLocal } from "./time";

export type ProblemCode =
  | "title_missing" | "category_missing" | "service_unit_missing" | "innovator_missing"
  | "start_date_missing" | "start_date_future" | "too_young" | "contact_missing" | "declaration_missing"
  | "video_missing" | "video_invalid" | "section_missing" | "section_over_limit" | "attachment_missing"
  | "sources_missing" | "quota_reached" | "agency_not_eligible" | "registration_closed" | "registration_not_open";

export const PROBLEM_CODES: readonly ProblemCode[] = [
  "title_missing", "category_missing", "service_unit_missing", "innovator_missing",
  "start_date_missing", "start_date_future", "too_young", "contact_missing", "declaration_missing",
  "video_missing", "video_invalid", "section_missing", "section_over_limit", "attachment_missing",
  "sources_missing", "quota_reached", "agency_not_eligible", "registration_closed", "registration_not_open",
];

export interface Problem { code: ProblemCode; field?: string; params?: Record<string, string | number> }

// ---------------------------------------------------------------------------
// Words

const ALNUM = "[\\p{L}\\p{N}\\p{M}]";
const JOINER = "(?:[\\-\\u2010\\u2011'\\u2019\\u02BC/]|(?<=\\p{N})[.,](?=\\p{N}))";
const WORD = `[\\p{L}\\p{N}]${ALNUM}*(?:${JOINER}${ALNUM}+)*`;
// Bounded quantifiers keep the scan linear on long runs without whitespace.
const URL_OR_EMAIL = "(?:https?:\\/\\/|www\\.)\\S+|[^\\s@]{1,64}@[^\\s@]{1,253}\\.[^\\s@]{1,63}";
const TOKEN_RE = new RegExp(`${URL_OR_EMAIL}|${WORD}`, "giu");

/** The words of a text as strings, in order (see the header for what a word is). */
export function wordsOf(text: string): string[] {
  return text ? text.match(TOKEN_RE) ?? [] : [];
}

/** Words as a person would count them in Indonesian text (see the header for the rules). */
export function countWords(text: string): number {
  return wordsOf(text).length;
}

/** Lower-case, accents removed, apostrophes dropped, other punctuation → space, spaces collapsed. */
function normalizeText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['\u2019\u02BC`]/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Words compared for filler: lower-case, accents folded, numbers kept whole ("rp1.500.000"). */
function normalizedWords(text: string): string[] {
  return wordsOf(text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[\u2019\u02BC]/gu, "'"));
}

/**
 * The key for duplicate-title detection: "SIPANDU: Sistem Pelayanan  Terpadu!"
 * and "sipandu sistem pelayanan terpadu" give the same key.
 */
export function normalizeTitle(title: string): string {
  return normalizeText(title);
}

// ---------------------------------------------------------------------------
// Numbers and receipts

/** "KIPP2025", 123 → "KIPP2025-000123" (six digits, more when needed). */
export function formatProposalNumber(prefix: string, n: number): string {
  return `${prefix}-${String(Math.trunc(n)).padStart(6, "0")}`;
}

/**
 * "KIPP 2025" → "KIPP2025", "Sivablik 2025" → "SIVABLIK2025": only A–Z and
 * 0–9 (accents folded), the year exactly once at the end ("2025 Lomba" →
 * "LOMBA2025", "Lomba Inovasi" → "LOMBAINOVASI2025").
 */
export function defaultNumberPrefix(name: string, year: number): string {
  const y = String(year);
  const base = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .split(y)
    .join("");
  return `${base}${y}`;
}

/** "KIPP2025-000123", "2025-06-30T16:59:30Z" → "KIPP2025-000123/20250630.2359" (WIB). */
export function receiptNumber(proposalNumber: string, submittedAtIso: string): string {
  const local = utcIsoToWibLocal(submittedAtIso); // "2025-06-30T23:59"
  const stamp = `${local.slice(0, 4)}${local.slice(5, 7)}${local.slice(8, 10)}.${local.slice(11, 13)}${local.slice(14, 16)}`;
  return `${proposalNumber}/${stamp}`;
}

// ---------------------------------------------------------------------------
// Video

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/**
 * A link to one YouTube video: youtube.com/watch?v=ID (www., m., music.),
 * youtube.com/shorts/ID, /embed/ID, /live/ID, youtube-nocookie.com/embed/ID
 * or youtu.be/ID, over http(s). Channels, playlists and lookalike hosts are not.
 */
export function isYoutubeUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return false;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return false;
  if (u.username || u.password) return false;
  const host = u.hostname.toLowerCase();
  const parts = u.pathname.split("/").filter(Boolean);
  if (host === "youtu.be") return parts.length === 1 && YOUTUBE_ID.test(parts[0]);
  if (["youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"].includes(host)) {
    if (parts.length === 1 && parts[0] === "watch") return YOUTUBE_ID.test(u.searchParams.get("v") ?? "");
    if (parts.length === 2 && ["shorts", "embed", "live", "v"].includes(parts[0])) return YOUTUBE_ID.test(parts[1]);
    return false;
  }
  if (host === "www.youtube-nocookie.com" || host === "youtube-nocookie.com") {
    return parts.length === 2 && parts[0] === "embed" && YOUTUBE_ID.test(parts[1]);
  }
  return false;
}

// ---------------------------------------------------------------------------
// Dates

interface Ymd { y: number; m: number; d: number }

function parseYmd(s: string | null | undefined): Ymd | null {
  if (!s) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Whole months from `from` to `to` (see the header); 0 when `from` is after `to`. */
function wholeMonths(from: Ymd, to: Ymd): number {
  let months = (to.y - from.y) * 12 + (to.m - from.m);
  if (to.d < from.d && to.d < daysInMonth(to.y, to.m)) months -= 1;
  return Math.max(0, months);
}

/** The WIB calendar date ("YYYY-MM-DD") of an ISO instant. */
export function wibDate(iso: string): string {
  return utcIsoToWibLocal(iso).slice(0, 10);
}

/**
 * Whole months the innovation has run at registration close, on the WIB
 * calendar: "2023-06-30" with close "2025-06-30T16:59:00Z" → 24.
 */
export function innovationAgeMonths(startedOn: string /* YYYY-MM-DD */, registrationEndsAtIso: string): number {
  const from = parseYmd(startedOn);
  if (!from) throw new RangeError(`Invalid start date: ${startedOn}`);
  if (Number.isNaN(Date.parse(registrationEndsAtIso))) throw new RangeError(`Invalid instant: ${registrationEndsAtIso}`);
  const to = parseYmd(wibDate(registrationEndsAtIso))!;
  return wholeMonths(from, to);
}

// ---------------------------------------------------------------------------
// Registration window

export type WindowState = { state: "not_open" | "open" | "closed" | "unscheduled"; minutesLeft: number | null };

/** The instant the window actually closes: the end of the endsAt minute (endsAt + 60 s). */
export function registrationClosesAt(endsAtIso: string): Date {
  return new Date(Date.parse(endsAtIso) + 60_000);
}

/** Where `now` falls in the registration window (endsAt inclusive through the end of its minute). */
export function registrationState(window: { startsAt: string | null; endsAt: string | null }, now: Date): WindowState {
  if (!window.startsAt || !window.endsAt) return { state: "unscheduled", minutesLeft: null };
  const start = Date.parse(window.startsAt);
  const end = Date.parse(window.endsAt);
  if (Number.isNaN(start) || Number.isNaN(end)) return { state: "unscheduled", minutesLeft: null };
  const t = now.getTime();
  if (t < start) return { state: "not_open", minutesLeft: null };
  const closes = end + 60_000;
  if (t < closes) return { state: "open", minutesLeft: Math.floor((closes - t) / 60_000) };
  return { state: "closed", minutesLeft: null };
}

/** The window as a Problem for submission, or null when open. */
export function windowProblem(state: WindowState): Problem | null {
  if (state.state === "open") return null;
  if (state.state === "not_open") return { code: "registration_not_open" };
  return { code: "registration_closed" };
}

// ---------------------------------------------------------------------------
// Eligibility

/** allowedClusters empty = every cluster; eligibleProvinceCode set = the agency must be in that province. */
export function isAgencyEligible(
  settings: Pick<EditionSettings, "allowedClusters" | "eligibleProvinceCode">,
  agency: { cluster: string; provinceCode: string | null },
): boolean {
  const clusters = settings.allowedClusters as readonly string[];
  if (clusters.length > 0 && !clusters.includes(agency.cluster)) return false;
  if (settings.eligibleProvinceCode && agency.provinceCode !== settings.eligibleProvinceCode) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Completeness

export interface DraftForCheck {
  title: string; categoryId: string | null; serviceUnit: string; innovatorNames: string; startedOn: string | null;
  contactName: string; contactEmail: string; declaration: boolean; videoUrl: string;
  answers: Record<string, string>; fileSlots: string[]; sourceCount: number;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const blank = (s: string | null | undefined) => !s || s.trim() === "";

function byPosition<T extends { position: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.position - b.position);
}

/**
 * Everything that must hold before the Admin Lokal can submit, each failed rule named. Quota and window are separate.
 *
 * Order: header fields (title, category, service unit, innovators, start
 * date/age, contact, declaration), video, sections (form order), attachments
 * (form order), sources. Fields are form field names: "title", "categoryId",
 * "serviceUnit", "innovatorNames", "startedOn", "contactName", "contactEmail",
 * "declaration", "videoUrl", "section.<key>", "file.<slotKey>", "sources".
 * Section/slot params carry the KEY ({section}, {slot}); the UI maps it to the title.
 * The age is counted back from registrationEndsAt, or from `today` when the
 * window has no end yet. A malformed start date is start_date_missing.
 */
export function completenessProblems(
  group: Group,
  draft: DraftForCheck,
  ctx: { categoryIds: string[]; registrationEndsAt: string | null; today: string /* YYYY-MM-DD WIB */ },
): Problem[] {
  const problems: Problem[] = [];
  if (blank(draft.title)) problems.push({ code: "title_missing", field: "title" });
  if (ctx.categoryIds.length > 0 && (!draft.categoryId || !ctx.categoryIds.includes(draft.categoryId))) {
    problems.push({ code: "category_missing", field: "categoryId" });
  }
  if (blank(draft.serviceUnit)) problems.push({ code: "service_unit_missing", field: "serviceUnit" });
  if (blank(draft.innovatorNames)) problems.push({ code: "innovator_missing", field: "innovatorNames" });

  const started = parseYmd(draft.startedOn);
  if (!started) {
    problems.push({ code: "start_date_missing", field: "startedOn" });
  } else {
    const today = parseYmd(ctx.today);
    const startedKey = draft.startedOn!.trim();
    if (today && startedKey > ctx.today.trim()) {
      problems.push({ code: "start_date_future", field: "startedOn" });
    } else if (group.minAgeMonths > 0) {
      const closeIso = ctx.registrationEndsAt && !Number.isNaN(Date.parse(ctx.registrationEndsAt)) ? ctx.registrationEndsAt : null;
      const reference = closeIso ? parseYmd(wibDate(closeIso)) : today;
      if (reference) {
        const actual = wholeMonths(started, reference);
        if (actual < group.minAgeMonths) {
          problems.push({ code: "too_young", field: "startedOn", params: { months: group.minAgeMonths, actual } });
        }
      }
    }
  }

  if (blank(draft.contactName)) problems.push({ code: "contact_missing", field: "contactName" });
  if (blank(draft.contactEmail) || !EMAIL_RE.test(draft.contactEmail.trim())) {
    problems.push({ code: "contact_missing", field: "contactEmail" });
  }
  if (!draft.declaration) problems.push({ code: "declaration_missing", field: "declaration" });

  if (blank(draft.videoUrl)) {
    if (group.videoRequired) problems.push({ code: "video_missing", field: "videoUrl" });
  } else if (!isYoutubeUrl(draft.videoUrl)) {
    problems.push({ code: "video_invalid", field: "videoUrl" });
  }

  for (const section of byPosition(group.sections)) {
    const words = countWords(draft.answers[section.key] ?? "");
    const field = `section.${section.key}`;
    if (section.required && words === 0) {
      problems.push({ code: "section_missing", field, params: { section: section.key } });
    } else if (section.wordLimit !== null && words > section.wordLimit) {
      problems.push({ code: "section_over_limit", field, params: { section: section.key, limit: section.wordLimit, words } });
    }
  }

  const uploaded = new Set(draft.fileSlots);
  for (const slot of byPosition(group.slots)) {
    if (slot.required && !uploaded.has(slot.key)) {
      problems.push({ code: "attachment_missing", field: `file.${slot.key}`, params: { slot: slot.key } });
    }
  }

  if (group.requiresSources && draft.sourceCount <= 0) problems.push({ code: "sources_missing", field: "sources" });
  return problems;
}

/**
 * The agency's quota in this group. `submittedInGroup` counts the agency's
 * proposals already submitted in the group, NOT counting the one being submitted.
 */
export function quotaProblem(group: Group, submittedInGroup: number): Problem | null {
  if (group.quotaPerAgency === null) return null;
  if (submittedInGroup >= group.quotaPerAgency) return { code: "quota_reached", params: { quota: group.quotaPerAgency } };
  return null;
}

// ---------------------------------------------------------------------------
// Filler

export interface FillerFinding { sectionKey: string; kind: "too_short" | "repetitive" | "placeholder" | "copied"; otherSectionKey?: string }

/** Normalised whole answers that are placeholders, not content. */
export const PLACEHOLDERS: ReadonlySet<string> = new Set([
  "", "n a", "na", "n a n a", "nil", "nihil", "none", "null", "nol", "kosong",
  "tidak ada", "tdk ada", "tidak", "ada", "belum", "belum ada", "belum diisi", "akan diisi", "diisi nanti",
  "nanti", "menyusul", "isi", "diisi", "tbd", "todo", "tba", "test", "tes", "testing", "tes tes", "test test",
  "coba", "percobaan", "dummy", "contoh", "sample", "asdf", "qwerty", "abc", "xxx", "x",
  "tidak ada data", "data menyusul", "lihat lampiran",
]);

function isPlaceholder(text: string): boolean {
  const norm = normalizeText(text);
  if (PLACEHOLDERS.has(norm)) return true;
  if (norm.includes("lorem ipsum")) return true;
  if (!/\p{L}/u.test(norm)) return true; // only digits and punctuation
  if (/^(\p{L})\1+$/u.test(norm)) return true; // "xxxx", "aaaaa"
  return false;
}

/** The fewest words a required answer should have: max(5, ceil(5% of its limit)). */
export function minMeaningfulWords(wordLimit: number | null): number {
  return Math.max(5, wordLimit ? Math.ceil(wordLimit * 0.05) : 0);
}

function ngrams(words: string[], k: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + k <= words.length; i++) out.push(words.slice(i, i + k).join(" "));
  return out;
}

function isRepetitive(words: string[]): boolean {
  const n = words.length;
  if (n < 3) return false;
  const freq = new Map<string, number>();
  for (const w of words) freq.set(w, (freq.get(w) ?? 0) + 1);
  let top = 0;
  for (const c of freq.values()) if (c > top) top = c;
  if (top / n > 0.5) return true;
  if (n >= 8) {
    const tri = ngrams(words, 3);
    if (new Set(tri).size / tri.length < 0.5) return true;
  }
  if (n >= 20 && freq.size / n < 0.2) return true;
  return false;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

function isCopied(a: string[], b: string[]): boolean {
  const ja = a.join(" ");
  const jb = b.join(" ");
  if (ja === jb) return true;
  if (a.length >= 20 && b.length >= 20) {
    const [long, short] = ja.length >= jb.length ? [ja, jb] : [jb, ja];
    if (` ${long} `.includes(` ${short} `)) return true;
  }
  if (a.length >= 5 && b.length >= 5) {
    if (jaccard(new Set(ngrams(a, 5)), new Set(ngrams(b, 5))) >= 0.8) return true;
  }
  return false;
}

/** Answers that look like filler (see the header for each rule), in form order. */
export function fillerFindings(group: Group, answers: Record<string, string>): FillerFinding[] {
  const findings: FillerFinding[] = [];
  const seen: { key: string; words: string[] }[] = [];
  for (const section of byPosition(group.sections)) {
    const text = answers[section.key] ?? "";
    if (text.trim() === "") continue;
    if (isPlaceholder(text)) {
      findings.push({ sectionKey: section.key, kind: "placeholder" });
      continue;
    }
    const count = countWords(text);
    if (section.required && count > 0 && count < minMeaningfulWords(section.wordLimit)) {
      findings.push({ sectionKey: section.key, kind: "too_short" });
    }
    const words = normalizedWords(text);
    if (isRepetitive(words)) findings.push({ sectionKey: section.key, kind: "repetitive" });
    for (const other of seen) {
      if (isCopied(other.words, words)) {
        findings.push({ sectionKey: section.key, kind: "copied", otherSectionKey: other.key });
      }
    }
    seen.push({ key: section.key, words });
  }
  return findings;
}
