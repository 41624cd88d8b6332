/**
 * Independent, deliberately simple code to check and score an assignment.
 * Used by the solver for its reported objective, by the tests and by the
 * benchmark; it shares nothing with the solver's algorithm.
 */
import type { SolverInstance, SolverObjective } from "./types";

export interface CheckOptions {
  /** Report jurors below their min load (default true). */
  minLoads?: boolean;
  /** Report proposals with fewer than k jurors (default false: a partial result is allowed). */
  complete?: boolean;
}

function pairList(pairs: Int32Array | number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) out.push([pairs[i], pairs[i + 1]]);
  return out;
}

/**
 * Rule violations of `pairs` (the NEW pairs) together with `inst.existing`;
 * [] when there are none. Kept pairs that break a rule are reported too.
 */
export function checkAssignment(
  inst: SolverInstance,
  pairs: Int32Array | number[],
  options: CheckOptions = {},
): string[] {
  const { minLoads = true, complete = false } = options;
  const n = inst.proposals.length;
  const m = inst.jurors.length;
  const errors: string[] = [];
  if (pairs.length % 2 !== 0) errors.push("pairs: odd length");
  const conflicted = new Set<string>();
  for (const [p, j] of pairList(inst.conflicts)) conflicted.add(`${p}:${j}`);
  const seen = new Set<string>();
  const perProposal = new Array<number>(n).fill(0);
  const perJuror = new Array<number>(m).fill(0);
  const all = [
    ...pairList(inst.existing).map((x) => [...x, 0] as const),
    ...pairList(pairs).map((x) => [...x, 1] as const),
  ];
  for (const [p, j, isNew] of all) {
    const what = isNew ? "new pair" : "kept pair";
    if (!Number.isInteger(p) || p < 0 || p >= n || !Number.isInteger(j) || j < 0 || j >= m) {
      errors.push(`${what} (${p}, ${j}): index out of range`);
      continue;
    }
    const key = `${p}:${j}`;
    if (conflicted.has(key)) errors.push(`${what} (${p}, ${j}): conflicted`);
    if (seen.has(key)) errors.push(`${what} (${p}, ${j}): juror ${j} twice on proposal ${p}`);
    seen.add(key);
    perProposal[p]++;
    perJuror[j]++;
  }
  for (let p = 0; p < n; p++) {
    if (perProposal[p] > inst.k) errors.push(`proposal ${p}: ${perProposal[p]} jurors > k = ${inst.k}`);
    if (complete && perProposal[p] < inst.k) errors.push(`proposal ${p}: ${perProposal[p]} jurors < k = ${inst.k}`);
  }
  for (let j = 0; j < m; j++) {
    const { minLoad, maxLoad } = inst.jurors[j];
    if (perJuror[j] > maxLoad) errors.push(`juror ${j}: load ${perJuror[j]} > max ${maxLoad}`);
    if (minLoads && perJuror[j] < minLoad) errors.push(`juror ${j}: load ${perJuror[j]} < min ${minLoad}`);
  }
  return errors;
}

/** The objective of `pairs` (NEW pairs) + `inst.existing`, over all pairs and all jurors. */
export function evaluateAssignment(inst: SolverInstance, pairs: Int32Array | number[]): SolverObjective {
  const m = inst.jurors.length;
  const loads = new Array<number>(m).fill(0);
  const byProposal = new Map<number, number[]>();
  let assigned = 0;
  let mismatches = 0;
  for (const [p, j] of [...pairList(inst.existing), ...pairList(pairs)]) {
    assigned++;
    loads[j]++;
    const cat = inst.proposals[p].category;
    if (cat !== null && !inst.jurors[j].expertise.includes(cat)) mismatches++;
    const list = byProposal.get(p) ?? [];
    list.push(j);
    byProposal.set(p, list);
  }
  let diversity = 0;
  for (const list of byProposal.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const x = inst.jurors[list[a]];
        const y = inst.jurors[list[b]];
        if (x.affiliation !== null && x.affiliation === y.affiliation) diversity++;
        if (x.region !== null && x.region === y.region) diversity++;
      }
    }
  }
  let sumSquares = 0;
  let minLoadDeficit = 0;
  for (let j = 0; j < m; j++) {
    sumSquares += loads[j] * loads[j];
    minLoadDeficit += Math.max(0, inst.jurors[j].minLoad - loads[j]);
  }
  const maxLoad = m ? Math.max(...loads) : 0;
  const minLoad = m ? Math.min(...loads) : 0;
  return { assigned, mismatches, sumSquares, maxLoad, minLoad, spread: maxLoad - minLoad, diversity, minLoadDeficit };
}
