import { describe, expect, it } from "vitest";
import { tinyInstance, shapedInstance } from "~/domain/assignment/random-instance";
import {
  checkAssignment,
  referenceSolve,
  solveAssignment,
  type SolverInstance,
  type SolverJuror,
  type SolverProposal,
} from "~/domain/assignment";

const juror = (over: Partial<SolverJuror> = {}): SolverJuror => ({
  expertise: [1, 2],
  minLoad: 0,
  maxLoad: 100,
  affiliation: null,
  region: null,
  ...over,
});
const proposal = (over: Partial<SolverProposal> = {}): SolverProposal => ({ category: 1, agency: 1, region: null, ...over });
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

/** The result is a maximum partial: the reference solver (max flow first) assigns exactly as many pairs. */
function expectMaximal(inst: SolverInstance) {
  const res = solveAssignment(inst);
  const ref = referenceSolve(inst);
  expect(res.objective.assigned).toBe(ref.objective.assigned);
  expect(res.objective.minLoadDeficit).toBe(ref.objective.minLoadDeficit);
  expect(res.objective.mismatches).toBe(ref.objective.mismatches);
  expect(res.objective.sumSquares).toBe(ref.objective.sumSquares);
  expect(checkAssignment(inst, res.pairs, { minLoads: false })).toEqual([]);
  return res;
}

describe("explanations of an incomplete assignment", () => {
  it("names the proposals with too few jurors without conflict, grouped by agency", () => {
    // 30 proposals; 12 of agency 5 (even numbers below 24) conflict with all jurors but 0 and 1; k = 3
    const agency5 = range(0, 30).filter((p) => p % 2 === 0 && p < 24);
    const proposals = range(0, 30).map((p) => proposal({ agency: agency5.includes(p) ? 5 : 2 }));
    const conflicts: number[] = [];
    for (const p of agency5) for (const j of range(2, 10)) conflicts.push(p, j);
    const inst: SolverInstance = { k: 3, proposals, jurors: range(0, 10).map(() => juror()), conflicts, existing: [] };
    const res = expectMaximal(inst);
    expect(res.complete).toBe(false);
    expect(res.objective.assigned).toBe(18 * 3 + 12 * 2);
    expect(res.shortfall).toEqual(agency5.map((p) => ({ proposal: p, missing: 1 })));
    expect(res.reasons).toEqual([{ kind: "too_few_eligible", proposals: agency5, eligible: 2, needed: 3, agency: 5 }]);
  });

  it("groups too-few proposals by (agency, eligible count)", () => {
    const proposals = [proposal({ agency: 1 }), proposal({ agency: 1 }), proposal({ agency: 2 }), proposal({ agency: 1 })];
    // p0, p3: only juror 0; p1: jurors 0, 1; p2: only juror 1
    const conflicts = [0, 1, 0, 2, 1, 2, 2, 0, 2, 2, 3, 1, 3, 2];
    const inst: SolverInstance = { k: 3, proposals, jurors: range(0, 3).map(() => juror()), conflicts, existing: [] };
    const res = expectMaximal(inst);
    expect(res.reasons).toEqual([
      { kind: "too_few_eligible", proposals: [0, 3], eligible: 1, needed: 3, agency: 1 },
      { kind: "too_few_eligible", proposals: [1], eligible: 2, needed: 3, agency: 1 },
      { kind: "too_few_eligible", proposals: [2], eligible: 1, needed: 3, agency: 2 },
    ]);
  });

  it("finds a Hall bottleneck: 40 proposals that can only use 6 jurors with capacity 110 < 120", () => {
    // proposals 0..39 (agency 7) conflict with jurors 6..19; proposals 40..99 may use anyone
    const proposals = range(0, 100).map((p) => proposal({ agency: p < 40 ? 7 : 3 }));
    const conflicts: number[] = [];
    for (const p of range(0, 40)) for (const j of range(6, 20)) conflicts.push(p, j);
    const caps = [20, 20, 20, 20, 15, 15]; // 110
    const jurors = range(0, 20).map((j) => juror({ maxLoad: j < 6 ? caps[j] : 30 }));
    const inst: SolverInstance = { k: 3, proposals, jurors, conflicts, existing: [] };
    const res = expectMaximal(inst);
    expect(res.complete).toBe(false);
    expect(res.objective.assigned).toBe(110 + 60 * 3);
    expect(res.reasons).toEqual([
      { kind: "bottleneck", proposals: range(0, 40), jurors: range(0, 6), capacity: 110, needed: 120 },
    ]);
    expect(res.shortfall.reduce((s, x) => s + x.missing, 0)).toBe(10);
    for (const { proposal: p } of res.shortfall) expect(p).toBeLessThan(40);
  });

  it("reports the global capacity when the jurors cannot carry the work", () => {
    const inst: SolverInstance = {
      k: 3,
      proposals: range(0, 10).map(() => proposal()),
      jurors: range(0, 3).map(() => juror({ maxLoad: 5 })),
      conflicts: [],
      existing: [],
    };
    const res = expectMaximal(inst);
    expect(res.objective.assigned).toBe(15);
    expect(res.reasons).toEqual([{ kind: "capacity", capacity: 15, needed: 30 }]);
  });

  it("counts kept pairs in the capacity (remaining capacity)", () => {
    const inst: SolverInstance = {
      k: 2,
      proposals: range(0, 4).map(() => proposal()),
      jurors: range(0, 2).map(() => juror({ maxLoad: 3 })),
      conflicts: [],
      existing: [0, 0, 1, 0],
    };
    const res = expectMaximal(inst);
    // remaining: juror 0 has 1, juror 1 has 3; needed: 8 - 2 = 6
    expect(res.reasons).toEqual([{ kind: "capacity", capacity: 4, needed: 6 }]);
  });

  it("min loads that add up to more than the work: relaxed, and said so", () => {
    const inst: SolverInstance = {
      k: 1,
      proposals: range(0, 5).map(() => proposal()),
      jurors: [juror({ minLoad: 4 }), juror({ minLoad: 4 })],
      conflicts: [],
      existing: [],
    };
    const res = expectMaximal(inst);
    expect(res.complete).toBe(true);
    expect(res.objective.minLoadDeficit).toBe(3);
    expect(res.reasons[0]).toEqual({ kind: "min_load_total", minTotal: 8, work: 5 });
    expect(res.reasons.slice(1).map((r) => r.kind)).toEqual(res.reasons.slice(1).map(() => "min_load_juror"));
  });

  it("a juror's min load above the proposals without conflict", () => {
    const proposals = range(0, 20).map(() => proposal());
    const conflicts: number[] = [];
    for (const p of range(6, 20)) conflicts.push(p, 0); // juror 0 may only take proposals 0..5
    const inst: SolverInstance = {
      k: 2,
      proposals,
      jurors: [juror({ minLoad: 10 }), juror(), juror(), juror()],
      conflicts,
      existing: [],
    };
    const res = expectMaximal(inst);
    expect(res.complete).toBe(true);
    expect(res.objective.minLoadDeficit).toBe(4);
    expect(res.reasons).toEqual([{ kind: "min_load_juror", juror: 0, minLoad: 10, possible: 6 }]);
    expect(checkAssignment(inst, res.pairs)).toEqual(["juror 0: load 6 < min 10"]);
  });

  it("keeps satisfiable min loads as hard rules even when it costs mismatches", () => {
    // juror 0 is no expert for category 1 but must take 3
    const inst: SolverInstance = {
      k: 1,
      proposals: range(0, 6).map(() => proposal({ category: 1 })),
      jurors: [juror({ expertise: [9], minLoad: 3 }), juror({ expertise: [1] })],
      conflicts: [],
      existing: [],
    };
    const res = expectMaximal(inst);
    expect(res.reasons).toEqual([]);
    expect(res.objective.mismatches).toBe(3);
    expect(checkAssignment(inst, res.pairs)).toEqual([]);
  });
});

describe("every reported bottleneck is a true Hall violation (random partial instances)", () => {
  it("its proposals can only use its jurors (besides pairs they already have), which are full, and the gap is the shortfall", () => {
    let bottlenecks = 0;
    const instances = [
      ...Array.from({ length: 400 }, (_, i) => tinyInstance(5000 + i, { maxP: 8, maxJ: 6 })),
      ...Array.from({ length: 6 }, (_, i) =>
        shapedInstance({ proposals: 150, jurors: 12, seed: 70 + i, capFactor: 0.9, conflictRate: 0.4, categories: 3 }),
      ),
    ];
    for (const inst of instances) {
      const res = solveAssignment(inst);
      const m = inst.jurors.length;
      const blocked = new Set<number>();
      for (let i = 0; i < inst.conflicts.length; i += 2) blocked.add(inst.conflicts[i] * m + inst.conflicts[i + 1]);
      const load = new Array<number>(m).fill(0);
      const kept = new Array<number>(m).fill(0);
      for (let i = 0; i < inst.existing.length; i += 2) {
        blocked.add(inst.existing[i] * m + inst.existing[i + 1]);
        load[inst.existing[i + 1]]++;
        kept[inst.existing[i + 1]]++;
      }
      const newOf = new Map<number, number[]>();
      for (let i = 0; i < res.pairs.length; i += 2) {
        load[res.pairs[i + 1]]++;
        newOf.set(res.pairs[i], [...(newOf.get(res.pairs[i]) ?? []), res.pairs[i + 1]]);
      }
      const missing = new Map(res.shortfall.map((x) => [x.proposal, x.missing]));
      // too_few_eligible lists exactly the short proposals with fewer than k eligible jurors
      const eligible = (p: number) => {
        let e = countKept(inst, p);
        for (let j = 0; j < m; j++) if (!blocked.has(p * m + j) && inst.jurors[j].maxLoad - kept[j] > 0) e++;
        return e;
      };
      const listed = res.reasons.flatMap((r) => (r.kind === "too_few_eligible" ? r.proposals : []));
      const expected = inst.proposals.map((_, p) => p).filter((p) => countKept(inst, p) < inst.k && eligible(p) < inst.k);
      expect(listed.sort((a, b) => a - b)).toEqual(expected);
      for (const r of res.reasons) if (r.kind === "too_few_eligible") for (const p of r.proposals) expect(eligible(p)).toBe(r.eligible);
      for (const r of res.reasons) {
        if (r.kind !== "bottleneck") continue;
        bottlenecks++;
        const J = new Set(r.jurors);
        let outside = 0;
        for (const p of r.proposals) {
          for (let j = 0; j < m; j++) {
            if (blocked.has(p * m + j) || J.has(j)) continue;
            // a juror outside the set: only if already on p
            expect(newOf.get(p) ?? []).toContain(j);
          }
          outside += (newOf.get(p) ?? []).filter((j) => !J.has(j)).length;
        }
        for (const j of r.jurors) expect(load[j]).toBe(Math.max(inst.jurors[j].maxLoad, kept[j]));
        const remaining = r.jurors.reduce((s, j) => s + Math.max(0, inst.jurors[j].maxLoad - kept[j]), 0);
        expect(r.capacity).toBe(remaining);
        const shortfall = r.proposals.reduce((s, p) => s + (missing.get(p) ?? 0), 0);
        expect(shortfall).toBeGreaterThan(0);
        expect(r.needed - r.capacity).toBe(shortfall);
        const demand = r.proposals.reduce((s, p) => s + Math.max(0, inst.k - (inst.existing.length ? countKept(inst, p) : 0)), 0);
        expect(r.needed).toBe(demand - outside);
      }
    }
    expect(bottlenecks).toBeGreaterThan(10);
  });
});

function countKept(inst: SolverInstance, p: number) {
  let c = 0;
  for (let i = 0; i < inst.existing.length; i += 2) if (inst.existing[i] === p) c++;
  return c;
}
