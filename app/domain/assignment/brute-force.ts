/**
 * Exhaustive search over every assignment of a tiny instance (tests only).
 * Lexicographic optimum of (assigned desc, min-load deficit, mismatches,
 * sum of squares, diversity when on); also the smallest load spread among the
 * assignments that are optimal for (assigned, deficit, mismatches).
 */
import type { SolverInstance } from "./types";

export interface BruteForceResult {
  /** [assigned, deficit, mismatches, sumSquares, diversity(0 when off)] of the optimum (kept + new). */
  key: number[];
  /** NEW pairs of one optimum. */
  pairs: number[];
  /** Minimal max-min load spread over assignments optimal for (assigned, deficit, mismatches). */
  minSpread: number;
  leaves: number;
}

export function bruteForceSolve(inst: SolverInstance): BruteForceResult {
  const n = inst.proposals.length;
  const m = inst.jurors.length;
  const k = inst.k;
  const conflict = new Set<number>();
  for (let i = 0; i + 1 < inst.conflicts.length; i += 2) conflict.add(inst.conflicts[i] * m + inst.conflicts[i + 1]);
  const exist = new Set<number>();
  const exOfP: number[][] = Array.from({ length: n }, () => []);
  const load = new Array<number>(m).fill(0);
  for (let i = 0; i + 1 < inst.existing.length; i += 2) {
    const p = inst.existing[i];
    const j = inst.existing[i + 1];
    exist.add(p * m + j);
    exOfP[p].push(j);
    load[j]++;
  }
  // Candidate subsets per proposal.
  const options: number[][][] = [];
  for (let p = 0; p < n; p++) {
    const need = Math.max(0, k - exOfP[p].length);
    const allowed: number[] = [];
    for (let j = 0; j < m; j++) if (!conflict.has(p * m + j) && !exist.has(p * m + j)) allowed.push(j);
    const subsets: number[][] = [];
    const rec = (start: number, cur: number[]) => {
      subsets.push([...cur]);
      if (cur.length === need) return;
      for (let i = start; i < allowed.length; i++) {
        cur.push(allowed[i]);
        rec(i + 1, cur);
        cur.pop();
      }
    };
    rec(0, []);
    options.push(subsets);
  }
  const mis = (p: number, j: number) => {
    const c = inst.proposals[p].category;
    return c !== null && !inst.jurors[j].expertise.includes(c) ? 1 : 0;
  };
  const div = (list: number[]) => {
    let d = 0;
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++) {
        const x = inst.jurors[list[a]];
        const y = inst.jurors[list[b]];
        if (x.affiliation !== null && x.affiliation === y.affiliation) d++;
        if (x.region !== null && x.region === y.region) d++;
      }
    return d;
  };
  const chosen: number[][] = new Array(n);
  let best: number[] | null = null;
  let bestPairs: number[] = [];
  let bestFace: number[] | null = null; // [assigned, deficit, mismatches]
  let minSpread = Infinity;
  let leaves = 0;
  const less = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  };
  const rec = (p: number, assigned: number, mismatches: number, diversity: number) => {
    if (p === n) {
      leaves++;
      let deficit = 0;
      let sq = 0;
      let mx = -Infinity;
      let mn = Infinity;
      for (let j = 0; j < m; j++) {
        deficit += Math.max(0, inst.jurors[j].minLoad - load[j]);
        sq += load[j] * load[j];
        mx = Math.max(mx, load[j]);
        mn = Math.min(mn, load[j]);
      }
      const spread = m ? mx - mn : 0;
      const face = [-assigned, deficit, mismatches];
      const key = [...face, sq, inst.diversity ? diversity : 0];
      if (!bestFace || less(face, bestFace)) {
        bestFace = face;
        minSpread = spread;
      } else if (!less(bestFace, face)) minSpread = Math.min(minSpread, spread);
      if (!best || less(key, best)) {
        best = key;
        bestPairs = [];
        for (let q = 0; q < n; q++) for (const j of chosen[q]) bestPairs.push(q, j);
      }
      return;
    }
    for (const sub of options[p]) {
      let ok = true;
      for (const j of sub) if (load[j] + 1 > inst.jurors[j].maxLoad) ok = false;
      if (!ok) continue;
      let mm = 0;
      for (const j of sub) {
        load[j]++;
        mm += mis(p, j);
      }
      chosen[p] = sub;
      rec(p + 1, assigned + sub.length, mismatches + mm, diversity + div([...exOfP[p], ...sub]));
      for (const j of sub) load[j]--;
    }
  };
  let exMis = 0;
  for (let p = 0; p < n; p++) for (const j of exOfP[p]) exMis += mis(p, j);
  rec(0, inst.existing.length / 2, exMis, 0);
  const key = best as number[] | null;
  if (!key) throw new Error("no assignment (kept pairs exceed a max load?)");
  return { key: [-key[0], key[1], key[2], key[3], key[4]], pairs: bestPairs, minSpread, leaves };
}
