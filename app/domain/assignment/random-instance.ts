/**
 * Seeded random instances for the tests and the benchmark (never used by the
 * app). `shaped` follows real editions: categories, each juror 2-3 of them,
 * a share of conflicted pairs, generous caps, a few min loads.
 */
import { mulberry32 } from "./prng";
import type { SolverInstance } from "./types";

export interface ShapeOptions {
  proposals: number;
  jurors: number;
  k?: number;
  categories?: number;
  conflictRate?: number;
  /** maxLoad = ceil(capFactor * n * k / m). */
  capFactor?: number;
  /** Share of jurors with a min load of floor(minFactor * n * k / m). */
  minShare?: number;
  minFactor?: number;
  agencies?: number;
  regions?: number;
  /** Affiliations; each sits in one region (so diversity is exact). */
  affiliations?: number;
  diversity?: boolean;
  seed?: number;
}

export function shapedInstance(o: ShapeOptions): SolverInstance {
  const rand = mulberry32(o.seed ?? 7);
  const n = o.proposals;
  const m = o.jurors;
  const k = o.k ?? 3;
  const cats = o.categories ?? 9;
  const regions = o.regions ?? 34;
  const affs = o.affiliations ?? Math.max(1, Math.round(m / 4));
  const affRegion = Array.from({ length: affs }, () => Math.floor(rand() * regions));
  const int = (a: number) => Math.floor(rand() * a);
  const proposals = Array.from({ length: n }, () => ({
    category: int(cats),
    agency: int(o.agencies ?? 500),
    region: int(regions),
  }));
  const avg = (n * k) / m;
  const maxLoad = Math.ceil((o.capFactor ?? 1.3) * avg);
  const minLoad = Math.floor((o.minFactor ?? 0.8) * avg);
  const jurors = Array.from({ length: m }, () => {
    const ex = new Set<number>();
    const want = 2 + int(2);
    while (ex.size < want && ex.size < cats) ex.add(int(cats));
    const affiliation = int(affs);
    return {
      expertise: [...ex].sort((a, b) => a - b),
      minLoad: rand() < (o.minShare ?? 0.05) ? minLoad : 0,
      maxLoad,
      affiliation,
      region: affRegion[affiliation],
    };
  });
  // conflicts: each pair with probability conflictRate (geometric skipping keeps it O(conflicts))
  const rate = o.conflictRate ?? 0.05;
  const conflicts: number[] = [];
  if (rate > 0) {
    const total = n * m;
    const logq = Math.log(1 - rate);
    let x = -1;
    for (;;) {
      x += 1 + Math.floor(Math.log(1 - rand()) / logq);
      if (x >= total) break;
      conflicts.push(Math.floor(x / m), x % m);
    }
  }
  return { k, proposals, jurors, conflicts: Int32Array.from(conflicts), existing: new Int32Array(0), seed: o.seed ?? 1, diversity: o.diversity };
}

/** Tiny/medium fully random instances for brute-force style tests. */
export function tinyInstance(seed: number, opt: { maxP?: number; maxJ?: number; maxK?: number; nested?: boolean } = {}): SolverInstance {
  const rand = mulberry32(seed);
  const int = (a: number) => Math.floor(rand() * a);
  const n = 1 + int(opt.maxP ?? 5);
  const m = 1 + int(opt.maxJ ?? 4);
  const k = 1 + int(opt.maxK ?? 3);
  const cats = 1 + int(3);
  const proposals = Array.from({ length: n }, () => ({
    category: rand() < 0.15 ? null : int(cats),
    agency: int(2),
    region: int(2),
  }));
  const affRegion = [int(2), int(2), int(2)];
  const jurors = Array.from({ length: m }, () => {
    const expertise: number[] = [];
    for (let c = 0; c < cats; c++) if (rand() < 0.5) expertise.push(c);
    const maxLoad = int(n + 1);
    const affiliation = rand() < 0.2 ? null : int(3);
    const region = opt.nested === false ? (rand() < 0.2 ? null : int(2)) : affiliation === null ? null : affRegion[affiliation];
    return { expertise, minLoad: rand() < 0.3 ? int(maxLoad + 2) : 0, maxLoad, affiliation, region };
  });
  const conflicts: number[] = [];
  const existing: number[] = [];
  const exP = new Array(n).fill(0);
  const exJ = new Array(m).fill(0);
  for (let p = 0; p < n; p++)
    for (let j = 0; j < m; j++) {
      const x = rand();
      if (x < 0.2) conflicts.push(p, j);
      else if (x < 0.28 && exP[p] < k && exJ[j] < jurors[j].maxLoad) {
        existing.push(p, j);
        exP[p]++;
        exJ[j]++;
      }
    }
  return { k, proposals, jurors, conflicts, existing, seed: 1 + int(1000), diversity: rand() < 0.5 };
}
