export type {
  Reason,
  SolverInstance,
  SolverJuror,
  SolverObjective,
  SolverProposal,
  SolverResult,
} from "./types";
export { solveAssignment, type SolverTuning } from "./solver";
export { checkAssignment, evaluateAssignment, type CheckOptions } from "./check";
export { referenceSolve, type ReferenceResult } from "./reference";
export { bruteForceSolve, type BruteForceResult } from "./brute-force";
export { diversityTree, type DiversityTree } from "./diversity-model";
export { mulberry32, seededPermutation } from "./prng";
