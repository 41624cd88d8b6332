import { describe, expect, it } from "vitest";
import {
  bruteForceSolve,
  checkAssignment,
  referenceSolve,
  solveAssignment,
  type SolverInstance,
  type SolverObjective,
} from "~/domain/assignment";
import { shapedInstance, tinyInstance } from "~/domain/assignment/random-instance";
import { mulberry32 } from "~/domain/assignment/prng";

/** (assigned, min-load deficit, mismatches, sum of squares[, diversity]) */
const key = (o: SolverObjective, withDiversity: boolean) =>
  [o.assigned, o.minLoadDeficit, o.mismatches, o.sumSquares, ...(withDiversity ? [o.diversity] : [])];
const bfKey = (k: number[], withDiversity: boolean) => k.slice(0, withDiversity ? 5 : 4);

function certificate(inst: SolverInstance) {
  const res = solveAssignment(inst);
  return { res, cert: res.stats.certificate as { maxFlowOk: boolean; reducedCostsOk: boolean; balanceOk: boolean } };
}

describe("solver = brute force on small random instances", () => {
  it("objectives without diversity (600 instances, 1-6 proposals, 1-5 jurors, k 1-3)", () => {
    for (let seed = 1; seed <= 600; seed++) {
      const inst = { ...tinyInstance(seed, { maxP: 6, maxJ: 5 }), diversity: false };
      const bf = bruteForceSolve(inst);
      const { res, cert } = certificate(inst);
      const ctx = `seed ${seed}`;
      expect(key(res.objective, false), ctx).toEqual(bfKey(bf.key, false));
      expect(res.objective.spread, ctx).toBe(bf.minSpread);
      expect(checkAssignment(inst, res.pairs, { minLoads: false }), ctx).toEqual([]);
      expect(cert, ctx).toEqual({ maxFlowOk: true, reducedCostsOk: true, balanceOk: true });
      if (res.objective.minLoadDeficit === 0) expect(checkAssignment(inst, res.pairs), ctx).toEqual([]);
      expect(res.complete, ctx).toBe(res.shortfall.length === 0);
      const needed = inst.proposals.length * inst.k;
      expect(res.complete, ctx).toBe(res.objective.assigned === needed);
    }
  });

  it("objectives with diversity, affiliations nested in regions (600 instances)", () => {
    for (let seed = 1001; seed <= 1600; seed++) {
      const inst = { ...tinyInstance(seed, { maxP: 6, maxJ: 5, nested: true }), diversity: true };
      const bf = bruteForceSolve(inst);
      const res = solveAssignment(inst);
      const ctx = `seed ${seed}`;
      expect(key(res.objective, true), ctx).toEqual(bfKey(bf.key, true));
      expect(res.objective.spread, ctx).toBe(bf.minSpread);
      expect(checkAssignment(inst, res.pairs, { minLoads: false }), ctx).toEqual([]);
      expect(res.stats.diversityCertified, ctx).toBe(true);
    }
  });

  it("stage C's exact fallback (expanded network only) agrees with brute force", () => {
    for (let seed = 2001; seed <= 2300; seed++) {
      const inst = { ...tinyInstance(seed, { maxP: 6, maxJ: 5, nested: true }), diversity: true };
      const bf = bruteForceSolve(inst);
      const res = solveAssignment(inst, { diversitySearch: "expanded" });
      expect(key(res.objective, true), `seed ${seed}`).toEqual(bfKey(bf.key, true));
    }
  });

  it("undoing a rejected compressed cycle and falling back to the expanded network stays exact", () => {
    let fallbacks = 0;
    for (let seed = 2301; seed <= 2500; seed++) {
      const inst = { ...tinyInstance(seed, { maxP: 6, maxJ: 5, nested: true }), diversity: true };
      const bf = bruteForceSolve(inst);
      const res = solveAssignment(inst, { rejectCompressed: true });
      fallbacks += res.stats.diversityFallbacks as number;
      expect(key(res.objective, true), `seed ${seed}`).toEqual(bfKey(bf.key, true));
      expect(checkAssignment(inst, res.pairs, { minLoads: false }), `seed ${seed}`).toEqual([]);
    }
    expect(fallbacks).toBeGreaterThan(0);
  });

  it("crossing affiliations/regions: first four objectives exact, diversity never below the optimum, flagged", () => {
    let uncertified = 0;
    for (let seed = 3001; seed <= 3300; seed++) {
      const inst = { ...tinyInstance(seed, { maxP: 6, maxJ: 5, nested: false }), diversity: true };
      const bf = bruteForceSolve(inst);
      const res = solveAssignment(inst);
      const ctx = `seed ${seed}`;
      expect(key(res.objective, false), ctx).toEqual(bfKey(bf.key, false));
      expect(res.objective.diversity, ctx).toBeGreaterThanOrEqual(bf.key[4]);
      if (res.stats.diversityCertified === true) expect(res.objective.diversity, ctx).toBe(bf.key[4]);
      else uncertified++;
    }
    expect(uncertified).toBeGreaterThan(0);
  });

  it("referenceSolve = brute force", () => {
    for (let seed = 1; seed <= 400; seed++) {
      const inst = tinyInstance(seed, { maxP: 6, maxJ: 5, nested: true });
      const bf = bruteForceSolve(inst);
      const ref = referenceSolve(inst);
      const ctx = `seed ${seed}`;
      expect(key(ref.objective, !!inst.diversity), ctx).toEqual(bfKey(bf.key, !!inst.diversity));
      expect(checkAssignment(inst, ref.pairs, { minLoads: false }), ctx).toEqual([]);
    }
  });
});

describe("solver = reference solver on medium instances", () => {
  it("~200 proposals x ~20 jurors, varied conflicts, caps, min loads, kept pairs, diversity", () => {
    for (let seed = 1; seed <= 8; seed++) {
      const rnd = mulberry32(seed * 77);
      const n = 150 + Math.floor(rnd() * 80);
      const m = 10 + Math.floor(rnd() * 12);
      const inst = shapedInstance({
        proposals: n,
        jurors: m,
        seed,
        categories: 4 + Math.floor(rnd() * 6),
        conflictRate: rnd() * 0.3,
        capFactor: 0.8 + rnd() * 0.8,
        minShare: rnd() * 0.5,
        minFactor: 0.5 + rnd(),
        affiliations: 3 + Math.floor(rnd() * 8),
        regions: 3 + Math.floor(rnd() * 5),
        diversity: seed % 2 === 0,
      });
      const conflicted = new Set<number>();
      for (let i = 0; i < inst.conflicts.length; i += 2) conflicted.add(inst.conflicts[i] * m + inst.conflicts[i + 1]);
      const existing: number[] = [];
      for (let p = 0; p < n; p += 7) {
        const j = Math.floor(rnd() * m);
        if (!conflicted.has(p * m + j)) existing.push(p, j);
      }
      inst.existing = existing;
      const ref = referenceSolve(inst);
      const res = solveAssignment(inst);
      const ctx = `seed ${seed}`;
      expect(key(res.objective, !!inst.diversity), ctx).toEqual(key(ref.objective, !!inst.diversity));
      expect(res.objective.spread, ctx).toBe(ref.objective.spread);
      expect(checkAssignment(inst, res.pairs, { minLoads: false }), ctx).toEqual([]);
    }
  });

  it("skewed categories (many mismatches, several primal-dual phases, Dinic paths)", () => {
    let dinicPaths = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const inst = shapedInstance({
        proposals: 260,
        jurors: 24,
        seed,
        minShare: 0.3,
        conflictRate: 0.1 * seed,
        capFactor: 1 + 0.05 * seed,
        diversity: seed % 2 === 0,
      });
      inst.proposals.forEach((p, i) => {
        if (i % (seed + 1) === 0) p.category = seed % 3;
      });
      const ref = referenceSolve(inst);
      const res = solveAssignment(inst);
      dinicPaths += res.stats.dinicPaths as number;
      const ctx = `seed ${seed}`;
      expect(key(res.objective, !!inst.diversity), ctx).toEqual(key(ref.objective, !!inst.diversity));
      expect(res.objective.spread, ctx).toBe(ref.objective.spread);
      expect(res.objective.mismatches, ctx).toBeGreaterThan(0);
    }
    expect(dinicPaths).toBeGreaterThan(0);
  });
});
