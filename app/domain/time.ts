/**
 * Time in WIB (Asia/Jakarta, UTC+7, no daylight saving since 1964). Stored
 * times are ISO-8601 UTC strings; people see and type WIB.
 */
export const WIB_TIME_ZONE = "Asia/Jakarta";
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/** "2025-06-30T23:59" typed as WIB → "2025-06-30T16:59:00.000Z". Null when malformed. */
export function wibLocalToUtcIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi) - WIB_OFFSET_MS;
  const back = new Date(utc + WIB_OFFSET_MS);
  // Reject 2025-02-30 and the like instead of rolling over.
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) return null;
  return new Date(utc).toISOString();
}

/** "2025-06-30T16:59:00.000Z" → "2025-06-30T23:59", the value of a datetime-local input in WIB. */
export function utcIsoToWibLocal(iso: string): string {
  const d = new Date(new Date(iso).getTime() + WIB_OFFSET_MS);
  return d.toISOString().slice(0, 16);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The one date formatter: "30 Juni 2025 23.59 WIB" / "30 June 2025 23:59 WIB". */
export function formatWib(iso: string | null | undefined, locale: "id" | "en", withTime = true): string {
  if (!iso) return "—";
  const key = `${locale}:${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", {
      timeZone: WIB_TIME_ZONE,
      day: "numeric",
      month: "long",
      year: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit", hour12: false } : {}),
    });
    formatters.set(key, f);
  }
  const text = f.format(new Date(iso)).replace(" pukul ", " ").replace(" at ", " ");
  return withTime ? `${text} WIB` : text;
}

/** Which stage of a timeline is current at `now` (the last one that has started). */
export function currentStage<S extends string>(
  timeline: { stage: S; startsAt: string | null; endsAt: string | null }[],
  now: Date,
): S | null {
  const t = now.toISOString();
  let current: S | null = null;
  for (const s of timeline) {
    if (s.startsAt && s.startsAt <= t) current = s.stage;
  }
  return current;
}
