import { describe, expect, it } from "vitest";
import {
  checkAssignment,
  evaluateAssignment,
  referenceSolve,
  solveAssignment,
  type SolverInstance,
} from "~/domain/assignment";
import { shapedInstance } from "~/domain/assignment/random-instance";

const pairsOf = (flat: Int32Array | number[]) => {
  const out: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
};

/** Juror `gone` withdraws: drop it, keep every other pair as an existing one. */
function withdraw(inst: SolverInstance, pairs: Int32Array, gone: number): SolverInstance {
  const map = (j: number) => (j > gone ? j - 1 : j);
  const existing: number[] = [];
  for (const [p, j] of [...pairsOf(inst.existing), ...pairsOf(pairs)]) if (j !== gone) existing.push(p, map(j));
  const conflicts: number[] = [];
  for (const [p, j] of pairsOf(inst.conflicts)) if (j !== gone) conflicts.push(p, map(j));
  return { ...inst, jurors: inst.jurors.filter((_, j) => j !== gone), existing, conflicts };
}

describe("repair after a juror withdraws", () => {
  for (const diversity of [false, true]) {
    it(`only the withdrawn juror's proposals get new jurors, and the repair is optimal (diversity ${diversity})`, () => {
      const inst = shapedInstance({ proposals: 180, jurors: 15, seed: 5, conflictRate: 0.1, diversity });
      const first = solveAssignment(inst);
      expect(first.complete).toBe(true);
      const gone = 4;
      const former = pairsOf(first.pairs)
        .filter(([, j]) => j === gone)
        .map(([p]) => p)
        .sort((a, b) => a - b);
      expect(former.length).toBeGreaterThan(0);
      const repair = withdraw(inst, first.pairs, gone);
      const second = solveAssignment(repair);
      expect(second.complete).toBe(true);
      expect(second.reasons).toEqual([]);
      expect(checkAssignment(repair, second.pairs)).toEqual([]);
      expect(pairsOf(second.pairs).map(([p]) => p)).toEqual(former);
      const ref = referenceSolve(repair);
      const key = (o: typeof ref.objective) => [o.assigned, o.minLoadDeficit, o.mismatches, o.sumSquares, diversity ? o.diversity : 0];
      expect(key(second.objective)).toEqual(key(ref.objective));
    });
  }
});

describe("determinism", () => {
  it("same input and seed: byte-identical pairs; another seed: same objective", () => {
    const inst = shapedInstance({ proposals: 400, jurors: 25, seed: 9 });
    const a = solveAssignment({ ...inst, seed: 42 });
    const b = solveAssignment({ ...inst, seed: 42 });
    expect(Buffer.from(a.pairs.buffer).equals(Buffer.from(b.pairs.buffer))).toBe(true);
    const c = solveAssignment({ ...inst, seed: 43 });
    expect(Buffer.from(a.pairs.buffer).equals(Buffer.from(c.pairs.buffer))).toBe(false);
    const { diversity: _a, ...oa } = a.objective;
    const { diversity: _c, ...oc } = c.objective;
    expect(oc).toEqual(oa);
  });

  it("with diversity, different seeds reach the same optimum", () => {
    const inst = shapedInstance({ proposals: 300, jurors: 20, seed: 3, diversity: true });
    expect(solveAssignment({ ...inst, seed: 1 }).objective).toEqual(solveAssignment({ ...inst, seed: 2 }).objective);
  });
});

describe("kept (existing) pairs", () => {
  const inst: SolverInstance = {
    k: 2,
    proposals: [0, 1, 2, 3].map(() => ({ category: 1, agency: 1, region: null })),
    jurors: [0, 1, 2].map(() => ({ expertise: [1], minLoad: 0, maxLoad: 3, affiliation: null, region: null })),
    conflicts: [3, 2],
    existing: [0, 0, 0, 1, 1, 0],
  };

  it("are never repeated or moved, and count toward k and load", () => {
    const res = solveAssignment(inst);
    expect(res.complete).toBe(true);
    const pairs = pairsOf(res.pairs);
    expect(pairs.some(([p]) => p === 0)).toBe(false); // proposal 0 is full already
    expect(pairs.filter(([p]) => p === 1)).toHaveLength(1);
    expect(pairs.filter(([, j]) => j === 0)).toHaveLength(1); // juror 0 had 2 kept pairs, max 3
    expect(res.objective.assigned).toBe(8);
    expect(res.objective).toEqual(evaluateAssignment(inst, res.pairs));
    expect([res.objective.maxLoad, res.objective.minLoad]).toEqual([3, 2]);
    expect(checkAssignment(inst, res.pairs)).toEqual([]);
  });

  it("a conflicted kept pair, a duplicate and an overload are reported by checkAssignment", () => {
    const bad: SolverInstance = { ...inst, existing: [...inst.existing, 3, 2] };
    expect(checkAssignment(bad, [])).toEqual(["kept pair (3, 2): conflicted"]);
    expect(checkAssignment(inst, [1, 0, 1, 1, 2, 0, 3, 0])).toEqual([
      "new pair (1, 0): juror 0 twice on proposal 1",
      "proposal 1: 3 jurors > k = 2",
      "juror 0: load 5 > max 3",
    ]);
    expect(checkAssignment(inst, [3, 2])).toEqual(["new pair (3, 2): conflicted"]);
    expect(checkAssignment(inst, [], { complete: true })).toEqual([
      "proposal 1: 1 jurors < k = 2",
      "proposal 2: 0 jurors < k = 2",
      "proposal 3: 0 jurors < k = 2",
    ]);
  });
});
