/**
 * Ranking of a round (issue 5): totals, score methods, tie-breaks,
 * advancement rules, juror statistics and replay. Definitions: docs/ranking.md.
 */
export * from "./types";
export { compileRubric, jurorTotal, type Rubric } from "./totals";
export { computeRanking, DEFAULT_BAND, DEFAULT_THRESHOLD, MIN_JUROR_SCORES } from "./compute";
export { replayDecision, type RecordedEntry, type ReplayDifference, type ReplayResult } from "./replay";
export { allocateLargestRemainder, applyRule, type LargestRemainderStratum, type RuleOutcome } from "./advancement";
export { cmp9, compareProposalNumbers, eq9, ge9, gt9, isZero9, q9 } from "./compare";
export { fitShrunk, SHRUNK_MAX_ITERATIONS, type ShrunkFit } from "./shrunk";
