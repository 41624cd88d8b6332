/**
 * Pure rules of awards: tier presets (KIPP and a provincial contest), the
 * allocation of winners to tiers from a round's decision, and the breakdown of
 * a list by agency cluster. No I/O.
 */

/* ------------------------------------------------------------------------ */
/* Cluster breakdown                                                         */
/* ------------------------------------------------------------------------ */

/** The buckets of a breakdown, in display order. BUMN and BUMD share one. */
export const CLUSTER_BUCKETS = ["kementerian", "lembaga", "provinsi", "kabupaten", "kota", "bumn_bumd", "opd"] as const;
export type ClusterBucket = (typeof CLUSTER_BUCKETS)[number];

/** Buckets always shown, even at zero (KIPP's clusters); the rest only when > 0. */
export const FIXED_CLUSTER_BUCKETS: readonly ClusterBucket[] = ["kementerian", "lembaga", "provinsi", "kabupaten", "kota", "bumn_bumd"];

export interface ClusterBreakdownRow {
  bucket: ClusterBucket;
  count: number;
  /** Share of the total in percent, one decimal (0 when the list is empty). */
  percent: number;
}

/** The bucket of an agency cluster; unknown clusters fall into "opd" (regional units), never lost. */
export function clusterBucket(cluster: string): ClusterBucket {
  switch (cluster) {
    case "kementerian":
    case "lembaga":
    case "provinsi":
    case "kabupaten":
    case "kota":
      return cluster;
    case "bumn":
    case "bumd":
      return "bumn_bumd";
    default:
      return "opd";
  }
}

/**
 * Counts per bucket of a list (of clusters, or of anything with a cluster),
 * in the fixed bucket order; the fixed buckets are kept at zero, "opd" shows
 * only when it has entries. Percentages are of the whole list, one decimal.
 */
export function clusterBreakdown(items: readonly (string | { cluster: string })[]): ClusterBreakdownRow[] {
  const counts = new Map<ClusterBucket, number>();
  for (const item of items) {
    const b = clusterBucket(typeof item === "string" ? item : item.cluster);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  const total = items.length;
  return CLUSTER_BUCKETS.filter((b) => FIXED_CLUSTER_BUCKETS.includes(b) || (counts.get(b) ?? 0) > 0).map((bucket) => {
    const count = counts.get(bucket) ?? 0;
    return { bucket, count, percent: total === 0 ? 0 : Math.round((count * 1000) / total) / 10 };
  });
}

/** i18n key of a bucket's label. */
export function clusterBucketKey(bucket: ClusterBucket): `awards.bucket.${ClusterBucket}` {
  return `awards.bucket.${bucket}`;
}

/* ------------------------------------------------------------------------ */
/* Tier presets                                                              */
/* ------------------------------------------------------------------------ */

export const TIER_PRESETS = ["kipp", "provincial"] as const;
export type TierPreset = (typeof TIER_PRESETS)[number];

export interface PresetTier {
  key: string;
  nameId: string;
  nameEn: string;
  size: number;
  /** Key of the edition's group the tier draws from; null = every group. */
  groupKey: string | null;
}

/**
 * The usual tiers. KIPP: Top 45 (Kelompok Umum), Outstanding Achievement
 * (Kelompok Khusus), Top 5 Replikasi. A provincial contest: Juara I–III,
 * Harapan I–III and a Top 30, all groups.
 */
export const PRESET_TIERS: Record<TierPreset, readonly PresetTier[]> = {
  kipp: [
    { key: "top45", nameId: "Top 45 Inovasi Pelayanan Publik Terpuji", nameEn: "Top 45 Commendable Public Service Innovations", size: 45, groupKey: "umum" },
    { key: "outstanding", nameId: "Outstanding Achievement", nameEn: "Outstanding Achievement", size: 5, groupKey: "khusus" },
    { key: "top5_replikasi", nameId: "Top 5 Replikasi", nameEn: "Top 5 Replication", size: 5, groupKey: "replikasi" },
  ],
  provincial: [
    { key: "juara1", nameId: "Juara I", nameEn: "First Prize", size: 1, groupKey: null },
    { key: "juara2", nameId: "Juara II", nameEn: "Second Prize", size: 1, groupKey: null },
    { key: "juara3", nameId: "Juara III", nameEn: "Third Prize", size: 1, groupKey: null },
    { key: "harapan1", nameId: "Harapan I", nameEn: "Honourable Mention I", size: 1, groupKey: null },
    { key: "harapan2", nameId: "Harapan II", nameEn: "Honourable Mention II", size: 1, groupKey: null },
    { key: "harapan3", nameId: "Harapan III", nameEn: "Honourable Mention III", size: 1, groupKey: null },
    { key: "top30", nameId: "Top 30 Inovasi", nameEn: "Top 30 Innovations", size: 30, groupKey: null },
  ],
};

/** Limits of a tier (the form checks them; the service again). */
export const TIER_SIZE_MAX = 500;
export const TIER_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;
/** A deviation's reason: at least this many characters (after trimming). */
export const DEVIATION_REASON_MIN = 10;
export const DEVIATION_REASON_MAX = 2000;

/* ------------------------------------------------------------------------ */
/* Allocation                                                                */
/* ------------------------------------------------------------------------ */

export type DecisionKind = "advance" | "stop" | "override_advance" | "override_stop";

export interface AllocationTier {
  id: string;
  size: number;
  /** Group drawn from; null = every group. */
  groupId: string | null;
  /** Round ranked by; null = `defaultRoundId` (the last decided round). */
  roundId: string | null;
}

export interface AllocationCandidate {
  proposalId: string;
  /** Proposal number: the last, stable tie-break. */
  number: string;
  groupId: string;
  rank: number;
  decision: DecisionKind;
}

export interface AllocationInput {
  /** In position order: an earlier tier picks first. */
  tiers: readonly AllocationTier[];
  /** Decision entries of each DECIDED round, by round id. */
  rounds: Readonly<Record<string, readonly AllocationCandidate[]>>;
  /** The last decided round (for tiers without a round); null when none is decided. */
  defaultRoundId: string | null;
  /** Winners kept as they are (deviations): taken everywhere, and each fills a place of its tier. */
  fixed?: readonly { tierId: string; proposalId: string }[];
}

export interface AllocatedWinner {
  tierId: string;
  proposalId: string;
  rank: number;
}

export type AllocationProblem =
  /** The tier's round is not decided (or there is no decided round at all). */
  | { kind: "round_missing"; tierId: string; roundId: string | null }
  /** Fewer candidates than places. */
  | { kind: "short"; tierId: string; size: number; filled: number }
  /** The last place went to one of several proposals with the same rank. */
  | { kind: "tie"; tierId: string; rank: number; proposalIds: string[] };

export interface AllocationResult {
  /** Rule winners in tier order, then rank order within a tier. */
  winners: AllocatedWinner[];
  problems: AllocationProblem[];
}

const advancing = (d: DecisionKind) => d === "advance" || d === "override_advance";

/** Advancing proposals first, then by rank, then by number (a stable, visible tie-break). */
export function compareCandidates(a: AllocationCandidate, b: AllocationCandidate): number {
  const adv = Number(advancing(b.decision)) - Number(advancing(a.decision));
  if (adv !== 0) return adv;
  if (a.rank !== b.rank) return a.rank - b.rank;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

/**
 * The winners the rule gives: tiers in position order, each takes the next
 * `size` best-ranked proposals (by its round's decision, advancing ones
 * first) of its group that no earlier tier and no fixed winner took. Fixed
 * winners fill places of their own tier first. Reports a tier whose round is
 * not decided, a tier left short, and a tie for the last place (broken by
 * proposal number; the organizer may deviate with a reason).
 */
export function allocateWinners(input: AllocationInput): AllocationResult {
  const taken = new Set<string>((input.fixed ?? []).map((f) => f.proposalId));
  const fixedPerTier = new Map<string, number>();
  for (const f of input.fixed ?? []) fixedPerTier.set(f.tierId, (fixedPerTier.get(f.tierId) ?? 0) + 1);
  const sorted = new Map<string, AllocationCandidate[]>();
  const winners: AllocatedWinner[] = [];
  const problems: AllocationProblem[] = [];

  for (const tier of input.tiers) {
    const roundId = tier.roundId ?? input.defaultRoundId;
    const entries = roundId === null ? undefined : input.rounds[roundId];
    if (roundId === null || !entries) {
      problems.push({ kind: "round_missing", tierId: tier.id, roundId });
      continue;
    }
    let list = sorted.get(roundId);
    if (!list) {
      list = [...entries].sort(compareCandidates);
      sorted.set(roundId, list);
    }
    const places = Math.max(0, tier.size - (fixedPerTier.get(tier.id) ?? 0));
    const pool = list.filter((c) => !taken.has(c.proposalId) && (tier.groupId === null || c.groupId === tier.groupId));
    const picked = pool.slice(0, places);
    for (const c of picked) {
      taken.add(c.proposalId);
      winners.push({ tierId: tier.id, proposalId: c.proposalId, rank: c.rank });
    }
    const filled = picked.length + (fixedPerTier.get(tier.id) ?? 0);
    if (filled < tier.size) problems.push({ kind: "short", tierId: tier.id, size: tier.size, filled });
    const last = picked[picked.length - 1];
    const next = pool[picked.length];
    if (last && next && advancing(last.decision) === advancing(next.decision) && last.rank === next.rank) {
      const tied = pool.filter((c) => c.rank === last.rank && advancing(c.decision) === advancing(last.decision)).map((c) => c.proposalId);
      problems.push({ kind: "tie", tierId: tier.id, rank: last.rank, proposalIds: tied });
    }
  }
  return { winners, problems };
}
