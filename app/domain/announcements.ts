/**
 * Pure rules of announcements (Pengumuman): the number pattern and the
 * objection window (masa sanggah).
 *
 * Number pattern: placeholders {n} (running counter of the edition, required),
 * {year} (the edition's year), {yyyy} and {mm} (WIB date of publication), and
 * {roman} (the WIB month in Roman numerals, as Indonesian letters often use).
 * Example: "B/{n}/PP.00.05/{year}" with n = 187 → "B/187/PP.00.05/2022".
 *
 * Objection window of N days: it ends at 23:59 WIB on the N-th calendar day
 * after the day of publication (the publication day itself is not counted),
 * inclusive through the end of that minute — the same deadline-minute rule
 * as registration (app/domain/proposal-rules.ts): 23:59:59 WIB is inside,
 * 00:00 WIB the next day is outside.
 */
import { utcIsoToWibLocal, wibLocalToUtcIso } from "./time";

export const PATTERN_PLACEHOLDERS = ["{n}", "{year}", "{yyyy}", "{mm}", "{roman}"] as const;
export const DEFAULT_PATTERN = "B/{n}/PP.00.05/{year}";
export const MAX_OBJECTION_DAYS = 60;

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

export type PatternProblem = "empty" | "missing_n" | "unknown_placeholder" | "too_long";

/** Why a number pattern cannot be used, or null when it can. */
export function patternProblem(pattern: string): PatternProblem | null {
  const p = pattern.trim();
  if (!p) return "empty";
  if (p.length > 80) return "too_long";
  if (!p.includes("{n}")) return "missing_n";
  const unknown = (p.match(/\{[^}]*\}/g) ?? []).filter((x) => !(PATTERN_PLACEHOLDERS as readonly string[]).includes(x));
  if (unknown.length > 0) return "unknown_placeholder";
  if (/[{}]/.test(p.replace(/\{(n|year|yyyy|mm|roman)\}/g, ""))) return "unknown_placeholder";
  return null;
}

/** The announcement number for counter value n, published at `publishedAtIso`. */
export function formatAnnouncementNumber(pattern: string, n: number, editionYear: number, publishedAtIso: string): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Invalid counter: ${n}`);
  const problem = patternProblem(pattern);
  if (problem) throw new RangeError(`Invalid pattern (${problem}): ${pattern}`);
  const local = utcIsoToWibLocal(publishedAtIso); // YYYY-MM-DDTHH:mm
  const yyyy = local.slice(0, 4);
  const mm = local.slice(5, 7);
  return pattern
    .trim()
    .replaceAll("{n}", String(n))
    .replaceAll("{year}", String(editionYear))
    .replaceAll("{yyyy}", yyyy)
    .replaceAll("{mm}", mm)
    .replaceAll("{roman}", ROMAN[Number(mm) - 1]);
}

/** Adds whole days to a YYYY-MM-DD calendar date. */
function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The stored end of an N-day window opened at `publishedAtIso`: 23:59 WIB of the N-th day after, as UTC ISO. */
export function objectionWindowEnd(publishedAtIso: string, days: number): string {
  if (!Number.isInteger(days) || days < 1 || days > MAX_OBJECTION_DAYS) throw new RangeError(`Invalid window: ${days} days`);
  if (Number.isNaN(Date.parse(publishedAtIso))) throw new RangeError(`Invalid instant: ${publishedAtIso}`);
  const day = utcIsoToWibLocal(publishedAtIso).slice(0, 10);
  const end = wibLocalToUtcIso(`${addDays(day, days)}T23:59`);
  if (!end) throw new RangeError("Invalid window end");
  return end;
}

export type ObjectionWindowState = "none" | "not_started" | "open" | "closed";

/** Where `now` falls in an announcement's window (endsAt inclusive through the end of its minute). */
export function objectionWindowState(
  a: { publishedAt: string | null; objectionEndsAt: string | null },
  now: Date,
): ObjectionWindowState {
  if (!a.objectionEndsAt) return "none";
  if (!a.publishedAt) return "not_started";
  const t = now.getTime();
  if (t < Date.parse(a.publishedAt)) return "not_started";
  return t < Date.parse(a.objectionEndsAt) + 60_000 ? "open" : "closed";
}
