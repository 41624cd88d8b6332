/**
 * Sustainability monitoring (pemantauan keberlanjutan), pure rules: whether a
 * monitoring period is open on the WIB clock, which agencies still owe
 * reports, whether an agency may be reminded again today, and the dashboard
 * aggregation by edition, province and cluster. No I/O; see docs/monitoring.md.
 */

export const SUSTAINABILITY_STATUSES = ["berlanjut", "berkembang", "berhenti"] as const;
export type SustainabilityStatus = (typeof SUSTAINABILITY_STATUSES)[number];

export type PeriodState = "upcoming" | "open" | "closed";

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;

/**
 * A period is open from its start to the end of its last minute: an end typed
 * as 31 Januari 23:59 WIB still accepts a report sent at 23:59:59 WIB, and
 * 00:00 WIB the next day is late. Times are ISO-8601 UTC.
 */
export function periodState(p: { startsAt: string; endsAt: string }, now: Date): PeriodState {
  const t = now.getTime();
  if (t < new Date(p.startsAt).getTime()) return "upcoming";
  if (t < new Date(p.endsAt).getTime() + MINUTE_MS) return "open";
  return "closed";
}

/** The WIB calendar day (yyyy-mm-dd) of an instant. */
export function wibDay(at: Date | string): string {
  const d = typeof at === "string" ? new Date(at) : at;
  return new Date(d.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** At most one reminder per agency per WIB calendar day. */
export function mayRemind(lastSentAt: string | null | undefined, now: Date): boolean {
  return !lastSentAt || wibDay(lastSentAt) !== wibDay(now);
}

export interface ScopedInnovation {
  id: string;
  agencyId: string;
}

export interface AgencyProgress {
  agencyId: string;
  /** Innovations of the agency in the period's scope. */
  total: number;
  /** Of those, how many have a report in the period. */
  reported: number;
  /** Innovation ids still without a report, in input order. */
  missing: string[];
}

/**
 * Per agency with innovations in scope: how many are reported and which are
 * missing. Agencies come out in order of first appearance.
 */
export function progressByAgency(innovations: ScopedInnovation[], reportedInnovationIds: Iterable<string>): AgencyProgress[] {
  const reported = new Set(reportedInnovationIds);
  const byAgency = new Map<string, AgencyProgress>();
  for (const i of innovations) {
    let p = byAgency.get(i.agencyId);
    if (!p) {
      p = { agencyId: i.agencyId, total: 0, reported: 0, missing: [] };
      byAgency.set(i.agencyId, p);
    }
    p.total += 1;
    if (reported.has(i.id)) p.reported += 1;
    else p.missing.push(i.id);
  }
  return [...byAgency.values()];
}

/** The agencies that still owe at least one report (they get reminders). */
export function agenciesDue(progress: AgencyProgress[]): string[] {
  return progress.filter((p) => p.missing.length > 0).map((p) => p.agencyId);
}

/**
 * Who receives a reminder now: agencies due whose last reminder for the
 * period was not sent on today's WIB day. `lastReminders` maps agency id to
 * the last sent_at.
 */
export function agenciesToRemind(due: string[], lastReminders: ReadonlyMap<string, string>, now: Date): { remind: string[]; skipped: string[] } {
  const remind: string[] = [];
  const skipped: string[] = [];
  for (const a of due) (mayRemind(lastReminders.get(a), now) ? remind : skipped).push(a);
  return { remind, skipped };
}

export interface StatusCounts {
  berlanjut: number;
  berkembang: number;
  berhenti: number;
  /** In scope but not reported in the period. */
  notReported: number;
  total: number;
}

export interface StatusRow {
  key: string;
  label: string;
  counts: StatusCounts;
}

export interface DashboardInput {
  id: string;
  editionKey: string;
  editionLabel: string;
  provinceCode: string | null;
  provinceLabel: string;
  cluster: string;
  /** The report's status, or null when not reported. */
  status: SustainabilityStatus | null;
}

function emptyCounts(): StatusCounts {
  return { berlanjut: 0, berkembang: 0, berhenti: 0, notReported: 0, total: 0 };
}

/** Counts of each status grouped by a key; rows sorted by label, then key. */
export function countByStatus(items: DashboardInput[], keyOf: (i: DashboardInput) => { key: string; label: string }): StatusRow[] {
  const rows = new Map<string, StatusRow>();
  for (const i of items) {
    const { key, label } = keyOf(i);
    let r = rows.get(key);
    if (!r) {
      r = { key, label, counts: emptyCounts() };
      rows.set(key, r);
    }
    r.counts.total += 1;
    if (i.status) r.counts[i.status] += 1;
    else r.counts.notReported += 1;
  }
  return [...rows.values()].sort((a, b) => a.label.localeCompare(b.label, "id") || a.key.localeCompare(b.key));
}

export interface StatusDashboard {
  overall: StatusCounts;
  byEdition: StatusRow[];
  byProvince: StatusRow[];
  byCluster: StatusRow[];
}

/** Status by edition, province ("—" for none) and cluster, and the overall counts. */
export function statusDashboard(items: DashboardInput[]): StatusDashboard {
  const overall = emptyCounts();
  for (const i of items) {
    overall.total += 1;
    if (i.status) overall[i.status] += 1;
    else overall.notReported += 1;
  }
  return {
    overall,
    byEdition: countByStatus(items, (i) => ({ key: i.editionKey, label: i.editionLabel })),
    byProvince: countByStatus(items, (i) => ({ key: i.provinceCode ?? "", label: i.provinceLabel })),
    byCluster: countByStatus(items, (i) => ({ key: i.cluster, label: i.cluster })),
  };
}

/** Share in whole percent (0 when nothing to share). */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

/** Highest count first, then name, then id; at most `limit`. */
export function topByCount<T extends { count: number; name: string; id: string }>(rows: T[], limit: number): T[] {
  return [...rows]
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "id") || a.id.localeCompare(b.id))
    .slice(0, limit);
}

/** users_served as typed: empty → null; a whole number 0…1,000,000,000 (dots/commas as thousands separators allowed). */
export function parseUsersServed(raw: string | null | undefined): { ok: true; value: number | null } | { ok: false } {
  const s = (raw ?? "").trim().replace(/[.,\s]/g, "");
  if (s === "") return { ok: true, value: null };
  if (!/^\d{1,10}$/.test(s)) return { ok: false };
  const n = Number(s);
  if (n > 1_000_000_000) return { ok: false };
  return { ok: true, value: n };
}
