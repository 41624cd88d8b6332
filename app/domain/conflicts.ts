/**
 * Conflicts of interest: the automatic rules (pure, no I/O) and the plan of a
 * conflict check (what to add, delete and keep). The rules are described for
 * people in docs/conflicts.md; keep the two in step.
 *
 * A juror is affiliated with an agency of the registry, or with a university
 * or other body (no agency): only a registry affiliation can give an
 * automatic conflict. For a juror's affiliation J and a proposal's agency P:
 *
 * - auto_agency  J is P.
 * - auto_parent  J is above P in the registry: P's parent (by parent_id, at
 *                any depth), or by structure the province government of a
 *                regency, city, OPD or BUMD of its province, or the regency or
 *                city government of an OPD or BUMD of that regency or city.
 * - auto_child   P is above J (the same relation, reversed).
 * - auto_region  only when the edition turns the rule on: J and P lie in the
 *                same province (e.g. Kota Pontianak and Kab. Kubu Raya, both
 *                61). National agencies (kementerian, lembaga, BUMN) have no
 *                region, so never.
 *
 * One automatic source per pair, the most specific (agency, then parent or
 * child, then region): a juror of Pemprov Kalbar and a proposal of Kota
 * Pontianak get auto_parent, not auto_parent and auto_region; dismissing it
 * frees the pair of every automatic rule.
 */

export type AutoConflictSource = "auto_agency" | "auto_parent" | "auto_child" | "auto_region";
export type DeclaredConflictSource = "juror" | "agency" | "organizer";
export type ConflictSource = AutoConflictSource | DeclaredConflictSource;

export const AUTO_SOURCES: readonly AutoConflictSource[] = ["auto_agency", "auto_parent", "auto_child", "auto_region"];
export const DECLARED_SOURCES: readonly DeclaredConflictSource[] = ["juror", "agency", "organizer"];
export const CONFLICT_SOURCES: readonly ConflictSource[] = [...AUTO_SOURCES, ...DECLARED_SOURCES];
export const CONFLICT_STATUSES = ["active", "dismissed"] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

export function isAutoSource(source: string): source is AutoConflictSource {
  return (AUTO_SOURCES as readonly string[]).includes(source);
}

export function isConflictSource(source: unknown): source is ConflictSource {
  return typeof source === "string" && (CONFLICT_SOURCES as readonly string[]).includes(source);
}

/** An agency as the rules see it (registry columns). */
export interface RegistryAgency {
  id: string;
  /** Shown in the reason; the rules never look at it. */
  name?: string;
  cluster: string;
  provinceCode: string | null;
  regencyCode: string | null;
  parentId: string | null;
}

/** Looks an agency up by id, to follow parent_id chains longer than one step. */
export type AgencyLookup = (id: string) => RegistryAgency | undefined;

export interface ConflictRules {
  /** competitions.conflict_same_region = 1 */
  sameRegion: boolean;
}

/** An i18n key of app/i18n/messages/conflicts.ts with its parameters. */
export type AutoReasonKey = "conflicts.auto.agency" | "conflicts.auto.parent" | "conflicts.auto.child" | "conflicts.auto.region";

export interface AutoConflict {
  source: AutoConflictSource;
  reasonKey: AutoReasonKey;
  params: { juror: string; proposal: string; province?: string };
}

/** Agencies with no region: central government and state enterprises. */
const NATIONAL_CLUSTERS = new Set(["kementerian", "lembaga", "bumn"]);
/** Regional agencies a province government stands above. */
const UNDER_PROVINCE = new Set(["kabupaten", "kota", "opd", "bumd"]);
/** Agencies a regency or city government stands above (its own OPD and BUMD). */
const UNDER_REGENCY = new Set(["opd", "bumd"]);
const REGENCY_GOVERNMENTS = new Set(["kabupaten", "kota"]);
/** Deeper than any real registry chain (province → regency → OPD → unit); stops a cycle. */
const MAX_DEPTH = 8;

/** Whether an agency has a region for the same-region rule. */
export function regionOf(a: RegistryAgency): string | null {
  if (NATIONAL_CLUSTERS.has(a.cluster)) return null;
  return a.provinceCode || null;
}

/**
 * Whether `upper` stands above `lower` in the registry: an ancestor by
 * parent_id (followed through `lookup` when given), or by structure (a
 * province government over its regencies, cities, OPD and BUMD; a regency or
 * city government over the OPD and BUMD of its regency code).
 */
export function isAbove(upper: RegistryAgency, lower: RegistryAgency, lookup?: AgencyLookup): boolean {
  if (upper.id === lower.id) return false;
  let parentId = lower.parentId;
  const seen = new Set<string>([lower.id]);
  for (let depth = 0; parentId && depth < MAX_DEPTH && !seen.has(parentId); depth++) {
    if (parentId === upper.id) return true;
    seen.add(parentId);
    parentId = lookup?.(parentId)?.parentId ?? null;
  }
  if (upper.cluster === "provinsi" && upper.provinceCode && UNDER_PROVINCE.has(lower.cluster) && lower.provinceCode === upper.provinceCode) {
    return true;
  }
  if (REGENCY_GOVERNMENTS.has(upper.cluster) && upper.regencyCode && UNDER_REGENCY.has(lower.cluster) && lower.regencyCode === upper.regencyCode) {
    return true;
  }
  return false;
}

/**
 * The automatic conflict between a juror's affiliation and a proposal's
 * agency, as a list of at most one (the most specific rule; see the file
 * comment). `juror` null: a university or other body, never a conflict.
 */
export function automaticConflicts(
  juror: RegistryAgency | null,
  proposal: RegistryAgency,
  rules: ConflictRules,
  lookup?: AgencyLookup,
): AutoConflict[] {
  if (!juror) return [];
  const params = { juror: juror.name ?? juror.id, proposal: proposal.name ?? proposal.id };
  if (juror.id === proposal.id) return [{ source: "auto_agency", reasonKey: "conflicts.auto.agency", params }];
  if (isAbove(juror, proposal, lookup)) return [{ source: "auto_parent", reasonKey: "conflicts.auto.parent", params }];
  if (isAbove(proposal, juror, lookup)) return [{ source: "auto_child", reasonKey: "conflicts.auto.child", params }];
  if (rules.sameRegion) {
    const region = regionOf(juror);
    if (region && region === regionOf(proposal)) {
      return [{ source: "auto_region", reasonKey: "conflicts.auto.region", params: { ...params, province: region } }];
    }
  }
  return [];
}

/** The stored `reason` of an automatic conflict: its i18n key and parameters as JSON. */
export function encodeAutoReason(c: AutoConflict): string {
  return JSON.stringify({ key: c.reasonKey, params: c.params });
}

/** The key and parameters back from a stored reason, or null for a written one. */
export function decodeAutoReason(reason: string): { key: AutoReasonKey; params: Record<string, string> } | null {
  if (!reason.startsWith("{")) return null;
  try {
    const v = JSON.parse(reason) as { key?: unknown; params?: unknown };
    const keys: readonly string[] = ["conflicts.auto.agency", "conflicts.auto.parent", "conflicts.auto.child", "conflicts.auto.region"];
    if (typeof v.key !== "string" || !keys.includes(v.key) || typeof v.params !== "object" || v.params === null) return null;
    const params: Record<string, string> = {};
    for (const [k, p] of Object.entries(v.params as Record<string, unknown>)) params[k] = String(p);
    return { key: v.key as AutoReasonKey, params };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// The plan of a conflict check

export interface SyncJuror {
  id: string;
  affiliationAgencyId: string | null;
}

export interface SyncProposal {
  id: string;
  agencyId: string;
}

/** An automatic conflict already stored. */
export interface StoredAutoConflict {
  id: string;
  jurorId: string;
  proposalId: string;
  source: AutoConflictSource;
  status: ConflictStatus;
}

export interface WantedConflict {
  jurorId: string;
  proposalId: string;
  conflict: AutoConflict;
}

export interface SyncPlan<S extends StoredAutoConflict = StoredAutoConflict> {
  add: WantedConflict[];
  /** Active automatic conflicts the rules no longer give. */
  remove: S[];
  /** Active ones the rules still give. */
  kept: number;
  /** Dismissed ones the rules still give: they stay dismissed. */
  dismissedKept: number;
}

export function conflictKey(jurorId: string, proposalId: string, source: string): string {
  return `${jurorId}\u0000${proposalId}\u0000${source}`;
}

/**
 * What a conflict check changes: every juror × every proposal through the
 * rules (computed once per pair of agencies, so 30 jurors × 2,100 proposals
 * from ~350 agencies is ~10,000 rule calls), compared with what is stored.
 * A stored dismissed conflict is never added again nor removed; an obsolete
 * dismissed one stays as the record of the dismissal. Output in input order.
 */
export function planSync<S extends StoredAutoConflict>(
  jurors: readonly SyncJuror[],
  proposals: readonly SyncProposal[],
  agencies: ReadonlyMap<string, RegistryAgency>,
  rules: ConflictRules,
  stored: readonly S[],
): SyncPlan<S> {
  const lookup: AgencyLookup = (id) => agencies.get(id);
  const byPair = new Map<string, AutoConflict[]>();
  const rulesFor = (jurorAgencyId: string, proposalAgencyId: string): AutoConflict[] => {
    const k = `${jurorAgencyId}\u0000${proposalAgencyId}`;
    let found = byPair.get(k);
    if (!found) {
      const j = agencies.get(jurorAgencyId);
      const p = agencies.get(proposalAgencyId);
      found = j && p ? automaticConflicts(j, p, rules, lookup) : [];
      byPair.set(k, found);
    }
    return found;
  };

  const storedByKey = new Map(stored.map((s) => [conflictKey(s.jurorId, s.proposalId, s.source), s]));
  const wantedKeys = new Set<string>();
  const add: WantedConflict[] = [];
  let kept = 0;
  let dismissedKept = 0;
  for (const j of jurors) {
    if (!j.affiliationAgencyId) continue;
    for (const p of proposals) {
      for (const c of rulesFor(j.affiliationAgencyId, p.agencyId)) {
        const key = conflictKey(j.id, p.id, c.source);
        if (wantedKeys.has(key)) continue;
        wantedKeys.add(key);
        const have = storedByKey.get(key);
        if (!have) add.push({ jurorId: j.id, proposalId: p.id, conflict: c });
        else if (have.status === "active") kept++;
        else dismissedKept++;
      }
    }
  }
  const remove = stored.filter((s) => s.status === "active" && !wantedKeys.has(conflictKey(s.jurorId, s.proposalId, s.source)));
  return { add, remove, kept, dismissedKept };
}

// ---------------------------------------------------------------------------
// Written reasons

export const REASON_MIN = 10;
export const REASON_MAX = 1000;

/** The error key for a written reason (declaration, dismissal), or null when it will do. */
export function reasonError(reason: string): "errors.required" | "conflicts.errors.reasonShort" | "errors.tooLong" | null {
  const r = reason.trim();
  if (r.length === 0) return "errors.required";
  if (r.length < REASON_MIN) return "conflicts.errors.reasonShort";
  if (r.length > REASON_MAX) return "errors.tooLong";
  return null;
}

/**
 * A proposal number as typed, trimmed. Prefixes keep their case
 * ("Sivablik2025-000012"), so look-ups compare lower-cased.
 */
export function normalizeProposalNumber(n: string): string {
  return n.trim();
}

/** A proposal number as it may look (prefix, dash, digits): catches typing slips without asking the database. */
export function looksLikeProposalNumber(n: string): boolean {
  return /^[A-Za-z0-9._]{1,40}-\d{1,12}$/.test(n);
}
