import { cmp9 } from "./compare";
import type { Criterion } from "./types";

/** A validated rubric in arrays, for the inner loops. */
export interface Rubric {
  keys: string[];
  weight: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  weightSum: number;
}

/**
 * Validates the rubric once. Throws on a rubric that cannot give a total (no
 * criterion, a key twice, a negative or non-finite weight, zero total weight,
 * max <= min): the rubric editor rejects those before they are saved.
 */
export function compileRubric(criteria: readonly Criterion[]): Rubric {
  if (criteria.length === 0) throw new Error("ranking: the rubric has no criterion");
  let weightSum = 0;
  const seen = new Set<string>();
  for (const c of criteria) {
    if (seen.has(c.key)) throw new Error(`ranking: criterion "${c.key}" appears twice`);
    seen.add(c.key);
    if (!Number.isFinite(c.weight) || c.weight < 0) throw new Error(`ranking: criterion "${c.key}" has an invalid weight`);
    if (!Number.isFinite(c.min) || !Number.isFinite(c.max) || !(c.max > c.min)) {
      throw new Error(`ranking: criterion "${c.key}" needs min < max`);
    }
    weightSum += c.weight;
  }
  if (!(weightSum > 0)) throw new Error("ranking: the weights of the rubric sum to 0");
  return {
    keys: criteria.map((c) => c.key),
    weight: Float64Array.from(criteria, (c) => c.weight),
    lo: Float64Array.from(criteria, (c) => c.min),
    hi: Float64Array.from(criteria, (c) => c.max),
    weightSum,
  };
}

/**
 * Copies one sheet's scores, in rubric order, into `into` at `at`. Throws on a
 * missing or non-finite score and on a score outside the scale (at 9 decimal
 * places): the scoring and import services reject both before saving.
 */
export function readScores(rubric: Rubric, scores: Record<string, number>, into: Float64Array, at: number): void {
  const { keys, lo, hi } = rubric;
  for (let c = 0; c < keys.length; c++) {
    const s = scores[keys[c]];
    if (typeof s !== "number" || !Number.isFinite(s)) {
      throw new Error(`ranking: a sheet has no score for criterion "${keys[c]}"`);
    }
    if ((s < lo[c] && cmp9(s, lo[c]) < 0) || (s > hi[c] && cmp9(s, hi[c]) > 0)) {
      throw new Error(`ranking: score ${s} for criterion "${keys[c]}" is outside [${lo[c]}, ${hi[c]}]`);
    }
    into[at + c] = s;
  }
}

/** T = 100 · Σ_c w_c·(s_c − lo_c)/(hi_c − lo_c) / Σ_c w_c for the scores at `values[at…]`. */
export function totalAt(rubric: Rubric, values: Float64Array, at: number): number {
  const { weight, lo, hi } = rubric;
  let sum = 0;
  for (let c = 0; c < weight.length; c++) sum += (weight[c] * (values[at + c] - lo[c])) / (hi[c] - lo[c]);
  return (100 * sum) / rubric.weightSum;
}

/**
 * A juror's total T (0–100) for one sheet:
 *   T = 100 · Σ_c w_c·(s_c − lo_c)/(hi_c − lo_c) / Σ_c w_c
 * Same arithmetic, in the same order, as computeRanking.
 */
export function jurorTotal(criteria: readonly Criterion[], scores: Record<string, number>): number {
  const rubric = compileRubric(criteria);
  const values = new Float64Array(criteria.length);
  readScores(rubric, scores, values, 0);
  return totalAt(rubric, values, 0);
}
