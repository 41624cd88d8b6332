/**
 * Types of the ranking (issue 5, "Ranking"): exact definitions in
 * docs/ranking.md. Pure data; no database, no dates beyond ISO strings.
 */

/** One rubric criterion: weight w_c and scale [min, max]. */
export interface Criterion {
  key: string;
  weight: number;
  min: number;
  max: number;
}

/** One submitted score sheet (drafts never enter the ranking). */
export interface Sheet {
  proposalId: string;
  jurorId: string;
  /** criterion key -> score; every criterion of the rubric is present. */
  scores: Record<string, number>;
}

/** What the ranking needs to know of an entrant. */
export interface Entrant {
  proposalId: string;
  /** Proposal number: the last tie-break (ascending). */
  number: string;
  /** When the proposal was submitted (ISO), for the "earlier submission" tie-break. */
  submittedAt: string | null;
  /** Strata for quota rules. */
  cluster: string;
  category: string | null;
  group: string;
}

export const METHODS = ["raw_mean", "normalized", "median", "shrunk"] as const;
export type Method = (typeof METHODS)[number];

/** A tie-break key: a method's score, a criterion's mean, or the earlier submission. */
export type TieKey = Method | "submitted_at" | `criterion:${string}`;

export type Stratum = "cluster" | "category" | "group";

export type AdvancementRule =
  | { kind: "manual" }
  | { kind: "top_n"; n: number }
  | { kind: "pass_grade"; min: number }
  /** Both: at most n, each with score >= min. */
  | { kind: "top_n_pass"; n: number; min: number }
  /** Fixed quotas per stratum value (missing value = 0), optionally also requiring a pass grade. */
  | { kind: "quota"; by: Stratum; quotas: Record<string, number>; min?: number }
  /** `total` seats shared by stratum size with the largest-remainder method, optionally with a pass grade. */
  | { kind: "proportional"; by: Stratum; total: number; min?: number };

export interface RankingInput {
  criteria: Criterion[];
  sheets: Sheet[];
  entrants: Entrant[];
  method: Method;
  /** Ordered tie-break list; proposal number ascending is always appended. */
  tiebreak: TieKey[];
  /** disagreement = 1 when max - min > threshold (default 25). */
  threshold?: number;
  rule: AdvancementRule;
  /** Organizer overrides: proposalId -> advance | stop. */
  overrides?: Record<string, "advance" | "stop">;
  /** Half-width of the borderline band around the cut-off score (default 2 points). */
  band?: number;
}

export type Decision = "advance" | "stop" | "override_advance" | "override_stop";

export interface ResultRow {
  proposalId: string;
  number: string;
  /** Strict 1..n. */
  rank: number;
  nScores: number;
  /** null when no submitted score (ranks last, never advances). */
  rawMean: number | null;
  normalized: number | null;
  median: number | null;
  shrunk: number | null;
  /** The round's method's score. */
  score: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  /** Per-criterion mean of the raw scores (criterion key -> mean), null without scores. */
  criterionMeans: Record<string, number | null>;
  disagreement: boolean;
  /** What the rule says (manual rule: "stop" for everyone until overridden). */
  ruleDecision: "advance" | "stop";
  decision: Decision;
  /** Within the band around the cut-off score. */
  borderline: boolean;
}

export interface JurorStat {
  jurorId: string;
  n: number;
  mean: number;
  sd: number;
  /** Severity: the juror's mean total minus the round's mean total (negative = harsh). */
  offset: number;
  /** Counts of totals in ten bins [0,10), [10,20) … [90,100]. */
  histogram: number[];
}

/**
 * One stratum of a quota or proportional rule, for the plenary (added with
 * the ranking implementation; borderline entrants of such a rule are measured
 * against their own stratum's cut-off).
 */
export interface StratumSeats {
  key: string;
  /** Entrants of the stratum (with or without scores). */
  size: number;
  /** Entrants that can take a seat: scored, and passing the grade when the rule has one. */
  eligible: number;
  /** Seats of the stratum: the fixed quota, or the largest-remainder allocation. */
  seats: number;
  /** Score of the stratum's last rule-advancing entrant (null when none advances). */
  cutoff: number | null;
}

export interface RankingResult {
  rows: ResultRow[];
  jurors: JurorStat[];
  /** Mean and population SD of all submitted totals of the round. */
  roundMean: number | null;
  roundSd: number | null;
  /** Score of the last rule-advancing entrant, when the rule has a cut-off. */
  cutoff: number | null;
  /** Quota and proportional rules only: seats and cut-off per stratum, by key ascending. */
  strata?: StratumSeats[];
}
