/**
 * Administrative screening (Seleksi administrasi), pure: the automatic check
 * list of each submitted proposal of an edition, the reasons a secretariat
 * can give, and the rules of a decision. No I/O: the model loads the inputs
 * (and says which stored files are readable), the service stores the result.
 *
 * Checks, in the order shown:
 *   completeness     the submission rules (proposal-rules completenessProblems),
 *                    except the two below that have their own heading
 *   age              too_young (the innovation has not run long enough)
 *   quota            the proposal is beyond its agency's quota in its group,
 *                    counting the agency's submitted proposals in submission order
 *   duplicate_title  another submitted proposal of the edition has the same
 *                    normalised title (both are flagged, each naming the other)
 *   filler           answers that look like filler (proposal-rules fillerFindings)
 *   attachments      required slots without a file (attachment_missing) and
 *                    stored files that cannot be read back
 */
import type { MessageKey, Params } from "~/i18n";
import type { EditionSettings, Group } from "./edition";
import {
  completenessProblems,
  fillerFindings,
  normalizeTitle,
  type DraftForCheck,
  type FillerFinding,
  type ProblemCode,
} from "./proposal-rules";

export const CHECK_KINDS = ["completeness", "age", "quota", "duplicate_title", "filler", "attachments"] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export type Finding =
  /** A failed submission rule, as proposal-rules names it. */
  | { type: "problem"; code: ProblemCode; field?: string; params?: Record<string, string | number> }
  /** This proposal is the rank-th of its agency in its group; the quota is `quota`. */
  | { type: "over_quota"; rank: number; quota: number }
  /** Another submitted proposal (by number) has the same normalised title. */
  | { type: "duplicate_title"; number: string }
  | { type: "filler"; sectionKey: string; kind: FillerFinding["kind"]; otherSectionKey?: string }
  /** A proposal_files row whose stored file is gone or has another size. */
  | { type: "file_unreadable"; slotKey: string; name: string }
  /** The proposal's group is not one of the edition's (data damage; never expected). */
  | { type: "group_unknown" };

export interface Check {
  kind: CheckKind;
  findings: Finding[];
}

/** What proposal_screenings.checks_json holds. `problemCount` comes first (see serializeCheckList). */
export interface CheckList {
  problemCount: number;
  checks: Check[];
}

/** One submitted proposal as the check builder needs it. */
export interface ScreeningSubject {
  id: string;
  number: string;
  agencyId: string;
  groupId: string;
  /** ISO UTC; orders an agency's proposals for the quota. */
  submittedAt: string;
  draft: DraftForCheck;
  /** Every proposal_files row, with whether its stored file reads back. */
  files: { slotKey: string; name: string; readable: boolean }[];
}

/** What a proposal's check depends on beyond itself: its place in the quota and its namesakes. */
export interface PeerFacts {
  /** 1 = the agency's first submitted proposal in this group. */
  quotaRank: number;
  /** Numbers of the other submitted proposals with the same normalised title, sorted. */
  duplicateNumbers: string[];
}

export interface CheckContext {
  categoryIds: string[];
  registrationEndsAt: string | null;
  /** YYYY-MM-DD in WIB. */
  today: string;
}

/** Ranks within (agency, group) by submission time (number breaks ties) and same-title namesakes. */
export function peerFacts(subjects: Pick<ScreeningSubject, "id" | "number" | "agencyId" | "groupId" | "submittedAt" | "draft">[]): Map<string, PeerFacts> {
  const facts = new Map<string, PeerFacts>();
  const byAgencyGroup = new Map<string, typeof subjects>();
  const byTitle = new Map<string, typeof subjects>();
  for (const s of subjects) {
    const slot = `${s.agencyId}\u0000${s.groupId}`;
    byAgencyGroup.set(slot, [...(byAgencyGroup.get(slot) ?? []), s]);
    const key = normalizeTitle(s.draft.title);
    if (key) byTitle.set(key, [...(byTitle.get(key) ?? []), s]);
  }
  for (const list of byAgencyGroup.values()) {
    const ordered = [...list].sort((a, b) => compare(a.submittedAt, b.submittedAt) || compare(a.number, b.number));
    ordered.forEach((s, i) => facts.set(s.id, { quotaRank: i + 1, duplicateNumbers: [] }));
  }
  for (const list of byTitle.values()) {
    if (list.length < 2) continue;
    for (const s of list) {
      const f = facts.get(s.id);
      if (f) f.duplicateNumbers = list.filter((o) => o.id !== s.id).map((o) => o.number).sort(compare);
    }
  }
  return facts;
}

/** The check list of one proposal. `group` null when its group is not the edition's. */
export function checkProposal(group: Group | null, subject: ScreeningSubject, peers: PeerFacts, ctx: CheckContext): CheckList {
  const completeness: Finding[] = [];
  const age: Finding[] = [];
  const quota: Finding[] = [];
  const filler: Finding[] = [];
  const attachments: Finding[] = [];

  if (!group) {
    completeness.push({ type: "group_unknown" });
  } else {
    for (const p of completenessProblems(group, subject.draft, ctx)) {
      const finding: Finding = { type: "problem", code: p.code, ...(p.field ? { field: p.field } : {}), ...(p.params ? { params: p.params } : {}) };
      if (p.code === "too_young") age.push(finding);
      else if (p.code === "attachment_missing") attachments.push(finding);
      else completeness.push(finding);
    }
    if (group.quotaPerAgency !== null && peers.quotaRank > group.quotaPerAgency) {
      quota.push({ type: "over_quota", rank: peers.quotaRank, quota: group.quotaPerAgency });
    }
    for (const f of fillerFindings(group, subject.draft.answers)) {
      filler.push({ type: "filler", sectionKey: f.sectionKey, kind: f.kind, ...(f.otherSectionKey ? { otherSectionKey: f.otherSectionKey } : {}) });
    }
  }
  for (const file of subject.files) {
    if (!file.readable) attachments.push({ type: "file_unreadable", slotKey: file.slotKey, name: file.name });
  }
  const duplicates: Finding[] = peers.duplicateNumbers.map((number) => ({ type: "duplicate_title", number }));

  const checks: Check[] = [
    { kind: "completeness", findings: completeness },
    { kind: "age", findings: age },
    { kind: "quota", findings: quota },
    { kind: "duplicate_title", findings: duplicates },
    { kind: "filler", findings: filler },
    { kind: "attachments", findings: attachments },
  ];
  return { problemCount: checks.reduce((n, c) => n + c.findings.length, 0), checks };
}

/** The check lists of every submitted proposal of an edition, by proposal id. */
export function buildChecks(
  settings: Pick<EditionSettings, "groups" | "categories" | "registration">,
  subjects: ScreeningSubject[],
  today: string,
): Map<string, CheckList> {
  const groups = new Map(settings.groups.map((g) => [g.id, g]));
  const ctx: CheckContext = {
    categoryIds: settings.categories.map((c) => c.id),
    registrationEndsAt: settings.registration.endsAt,
    today,
  };
  const peers = peerFacts(subjects);
  const out = new Map<string, CheckList>();
  for (const s of subjects) {
    out.set(s.id, checkProposal(groups.get(s.groupId) ?? null, s, peers.get(s.id) ?? { quotaRank: 1, duplicateNumbers: [] }, ctx));
  }
  return out;
}

/** The kinds of the checks that found something. */
export function failedKinds(list: CheckList | null): CheckKind[] {
  return list ? list.checks.filter((c) => c.findings.length > 0).map((c) => c.kind) : [];
}

/**
 * Stored form. `problemCount` is written first so that the queue can filter
 * "with / without automatic problems" in SQL on both databases with one LIKE
 * on the prefix (see NO_PROBLEMS_PREFIX) instead of reading every row.
 */
export function serializeCheckList(list: CheckList): string {
  return JSON.stringify({ problemCount: list.problemCount, checks: list.checks });
}

export const NO_PROBLEMS_PREFIX = '{"problemCount":0,';

/** The stored form read back; null when never checked or unreadable. */
export function parseCheckList(json: string | null | undefined): CheckList | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as unknown;
    if (!v || typeof v !== "object" || Array.isArray(v)) return null;
    const o = v as { problemCount?: unknown; checks?: unknown };
    if (typeof o.problemCount !== "number" || !Array.isArray(o.checks)) return null;
    return { problemCount: o.problemCount, checks: o.checks as Check[] };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// The queue's filters

export type StatusFilter = "undecided" | "lolos" | "tidak_lolos";

export interface QueueFilters {
  status?: StatusFilter | null;
  /** true: with automatic findings; false: without. */
  problems?: boolean | null;
  groupId?: string | null;
  categoryId?: string | null;
  /** Words of the agency's name or code. */
  q?: string | null;
  page?: number;
}

// ---------------------------------------------------------------------------
// Decisions

export const SCREENING_RESULTS = ["lolos", "tidak_lolos"] as const;
export type ScreeningResult = (typeof SCREENING_RESULTS)[number];

/** The reasons checklist, in the order shown. "other" needs the free text. */
export const SCREENING_REASONS = [
  "incomplete_documents",
  "too_young",
  "over_quota",
  "duplicate_title",
  "filler",
  "out_of_scope",
  "other",
] as const;
export type ScreeningReason = (typeof SCREENING_REASONS)[number];

export function isScreeningReason(v: unknown): v is ScreeningReason {
  return typeof v === "string" && (SCREENING_REASONS as readonly string[]).includes(v);
}

/** The reasons the automatic checks point at, in checklist order: the default ticks of a decide form. */
export function suggestedReasons(list: CheckList | null): ScreeningReason[] {
  const kinds = new Set(failedKinds(list));
  const picked = new Set<ScreeningReason>();
  if (kinds.has("completeness") || kinds.has("attachments")) picked.add("incomplete_documents");
  if (kinds.has("age")) picked.add("too_young");
  if (kinds.has("quota")) picked.add("over_quota");
  if (kinds.has("duplicate_title")) picked.add("duplicate_title");
  if (kinds.has("filler")) picked.add("filler");
  return SCREENING_REASONS.filter((r) => picked.has(r));
}

export interface Decision {
  result: ScreeningResult;
  reasons: ScreeningReason[];
  note: string;
}

export const NOTE_MAX = 2000;

/**
 * What is wrong with a decision, by field: "Tidak lolos" needs at least one
 * reason; "Lainnya" needs the free text to say what it is.
 */
export function decisionErrors(d: { result: string; reasons: string[]; note: string }): Partial<Record<"result" | "reasons" | "note", MessageKey>> {
  const errors: Partial<Record<"result" | "reasons" | "note", MessageKey>> = {};
  if (!(SCREENING_RESULTS as readonly string[]).includes(d.result)) errors.result = "screening.errors.resultRequired";
  if (!d.reasons.every(isScreeningReason)) errors.reasons = "errors.invalid";
  else if (d.result === "tidak_lolos" && d.reasons.length === 0) errors.reasons = "screening.errors.reasonRequired";
  if (d.note.length > NOTE_MAX) errors.note = "errors.tooLong";
  else if (d.reasons.includes("other") && d.note.trim() === "") errors.note = "screening.errors.noteRequired";
  return errors;
}

/** Reasons as stored: deduplicated, checklist order. */
export function normalizeReasons(reasons: string[]): ScreeningReason[] {
  const set = new Set(reasons);
  return SCREENING_REASONS.filter((r) => set.has(r));
}

export function parseReasons(json: string | null | undefined): ScreeningReason[] {
  try {
    const v = JSON.parse(json ?? "[]") as unknown;
    return Array.isArray(v) ? normalizeReasons(v.filter((x): x is string => typeof x === "string")) : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------
// Words

/** Section and slot names of a group in one language, to name them in findings. */
export interface Names {
  section(key: string): string;
  slot(key: string): string;
}

export function groupNames(group: Group | null | undefined, locale: "id" | "en"): Names {
  const sections = new Map((group?.sections ?? []).map((s) => [s.key, locale === "en" ? s.titleEn : s.titleId]));
  const slots = new Map((group?.slots ?? []).map((s) => [s.key, locale === "en" ? s.labelEn : s.labelId]));
  return { section: (k) => sections.get(k) ?? k, slot: (k) => slots.get(k) ?? k };
}

/**
 * The message of a finding: its key and parameters (section and slot keys
 * given as names), and for a filler finding the section it is about, shown
 * before the message ("Ide Inovatif: Jawaban sangat singkat.").
 */
export function findingMessage(f: Finding, names: Names): { key: MessageKey; params: Params; section?: string } {
  switch (f.type) {
    case "problem": {
      const params: Params = { ...(f.params ?? {}) };
      // proposal-rules names sections and slots by key; show their titles.
      if (typeof params.section === "string") params.section = names.section(params.section);
      if (typeof params.slot === "string") params.slot = names.slot(params.slot);
      return { key: `problem.${f.code}` as MessageKey, params };
    }
    case "over_quota":
      return { key: "screening.finding.over_quota", params: { rank: f.rank, quota: f.quota } };
    case "duplicate_title":
      return { key: "screening.finding.duplicate_title", params: { number: f.number } };
    case "filler":
      return {
        key: `filler.${f.kind}` as MessageKey,
        params: f.otherSectionKey ? { other: names.section(f.otherSectionKey) } : {},
        section: names.section(f.sectionKey),
      };
    case "file_unreadable":
      return { key: "screening.finding.file_unreadable", params: { name: f.name, slot: names.slot(f.slotKey) } };
    case "group_unknown":
      return { key: "screening.finding.group_unknown", params: {} };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
