/**
 * Jury assignment: the solver's index-based data model. The service layer maps
 * database rows to indexes (proposal p, juror j, dense category/agency/region
 * ids) and back; nothing here knows about the database.
 */

export interface SolverProposal {
  category: number | null;
  agency: number | null;
  region: number | null;
}

export interface SolverJuror {
  expertise: number[];
  minLoad: number;
  maxLoad: number;
  affiliation: number | null;
  region: number | null;
}

export interface SolverInstance {
  /** Jurors per proposal. */
  k: number;
  /** Index p. */
  proposals: SolverProposal[];
  /** Index j: only AVAILABLE jurors of the pool (the caller filters). */
  jurors: SolverJuror[];
  /** Flat pairs [p0, j0, p1, j1, ...] that may never be assigned (hard). */
  conflicts: Int32Array | number[];
  /** Flat pairs [p, j, ...] kept as they are; they count toward k and toward the juror's load. */
  existing: Int32Array | number[];
  /** Tie-break seed (default 1): same input + same seed => identical output. */
  seed?: number;
  /** Third objective: spread each proposal's jurors across affiliations and regions (default false). */
  diversity?: boolean;
}

export type Reason =
  /** These proposals have fewer than `needed` jurors they may get at all (not conflicted, not unavailable). */
  | { kind: "too_few_eligible"; proposals: number[]; eligible: number; needed: number; agency: number | null }
  /** The jurors' remaining capacity (sum of max load minus kept pairs) is below the work left. */
  | { kind: "capacity"; capacity: number; needed: number }
  /**
   * Hall-type bottleneck from the minimum cut: these proposals can only get new jurors from `jurors`,
   * whose remaining capacity is below what the proposals still need.
   */
  | { kind: "bottleneck"; proposals: number[]; jurors: number[]; capacity: number; needed: number }
  /** Minimum loads add up to more than the work there is (n * k). */
  | { kind: "min_load_total"; minTotal: number; work: number }
  /** This juror's minimum load cannot be met: `possible` = kept pairs + proposals without conflict (capped by max load). */
  | { kind: "min_load_juror"; juror: number; minLoad: number; possible: number };

export interface SolverObjective {
  /** Pairs in the assignment, kept + new. */
  assigned: number;
  /** Pairs whose proposal category is not in the juror's expertise (null category: never). */
  mismatches: number;
  /** Sum over all jurors of (kept + new load)^2. */
  sumSquares: number;
  maxLoad: number;
  minLoad: number;
  spread: number;
  /** Sum over proposals of pairs of its jurors sharing a non-null affiliation + pairs sharing a non-null region. */
  diversity: number;
  /** Sum over jurors of max(0, minLoad - load): min loads left unmet (0 when min loads are met). */
  minLoadDeficit: number;
}

export interface SolverResult {
  /** Flat [p, j, ...]: the NEW pairs only (kept pairs are not repeated). */
  pairs: Int32Array;
  /** Every proposal has k jurors (kept + new). */
  complete: boolean;
  shortfall: { proposal: number; missing: number }[];
  /** Empty when complete and min loads met. */
  reasons: Reason[];
  objective: SolverObjective;
  stats: { ms: number; phases?: number; [k: string]: unknown };
}
