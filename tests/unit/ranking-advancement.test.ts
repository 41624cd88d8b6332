import { describe, expect, it } from "vitest";
import {
  allocateLargestRemainder,
  computeRanking,
  type AdvancementRule,
  type Criterion,
  type Entrant,
  type RankingInput,
} from "~/domain/ranking";

const ONE: Criterion[] = [{ key: "x", weight: 1, min: 0, max: 100 }];

/** Entrant n with total `score` from one juror (null: no sheet), in `cluster`. */
function round(rows: [number, number | null, string?][], extra: Partial<RankingInput> = {}) {
  const entrants: Entrant[] = rows.map(([n, , cluster]) => ({
    proposalId: `p${n}`,
    number: `Q-${String(n).padStart(6, "0")}`,
    submittedAt: null,
    cluster: cluster ?? "k",
    category: cluster === "none" ? null : (cluster ?? "k"),
    group: "umum",
  }));
  const sheets = rows.filter(([, s]) => s !== null).map(([n, s]) => ({ proposalId: `p${n}`, jurorId: "J", scores: { x: s! } }));
  return computeRanking({ criteria: ONE, sheets, entrants, method: "raw_mean", tiebreak: [], rule: { kind: "manual" }, ...extra });
}

function decisions(rule: AdvancementRule, rows: [number, number | null, string?][], extra: Partial<RankingInput> = {}) {
  return round(rows, { rule, ...extra }).rows.map((r) => `${r.proposalId}:${r.decision}`);
}

const FIVE: [number, number | null][] = [
  [1, 90],
  [2, 80],
  [3, 70],
  [4, 69],
  [5, null],
];

describe("rules", () => {
  it("manual: everybody stops until overridden; no cut-off", () => {
    const r = round(FIVE, { rule: { kind: "manual" } });
    expect(r.rows.map((x) => x.decision)).toEqual(["stop", "stop", "stop", "stop", "stop"]);
    expect(r.cutoff).toBeNull();
    expect(r.rows.some((x) => x.borderline)).toBe(false);
  });

  it("top_n: the first n scored; cut-off = the last advancing score; borderline within the band", () => {
    const r = round(FIVE, { rule: { kind: "top_n", n: 2 }, band: 10 });
    expect(r.rows.map((x) => [x.proposalId, x.decision, x.borderline])).toEqual([
      ["p1", "advance", true], // |90 − 80| = 10 <= 10
      ["p2", "advance", true],
      ["p3", "stop", true], // |70 − 80| = 10
      ["p4", "stop", false], // 11
      ["p5", "stop", false], // no score
    ]);
    expect(r.cutoff).toBe(80);
    expect(decisions({ kind: "top_n", n: 9 }, FIVE)).toEqual(["p1:advance", "p2:advance", "p3:advance", "p4:advance", "p5:stop"]);
    expect(decisions({ kind: "top_n", n: 0 }, FIVE)).toEqual(["p1:stop", "p2:stop", "p3:stop", "p4:stop", "p5:stop"]);
    expect(round(FIVE, { rule: { kind: "top_n", n: 0 } }).cutoff).toBeNull();
  });

  it("pass_grade: score >= X", () => {
    const r = round(FIVE, { rule: { kind: "pass_grade", min: 70 } });
    expect(r.rows.map((x) => x.decision)).toEqual(["advance", "advance", "advance", "stop", "stop"]);
    expect(r.cutoff).toBe(70);
  });

  it("top_n_pass: at most n, each passing", () => {
    expect(decisions({ kind: "top_n_pass", n: 2, min: 70 }, FIVE)).toEqual(["p1:advance", "p2:advance", "p3:stop", "p4:stop", "p5:stop"]);
    expect(decisions({ kind: "top_n_pass", n: 4, min: 75 }, FIVE)).toEqual(["p1:advance", "p2:advance", "p3:stop", "p4:stop", "p5:stop"]);
  });

  it("quota: fixed seats per stratum in rank order, missing value = 0, optional pass grade; per-stratum cut-offs", () => {
    const rows: [number, number | null, string][] = [
      [1, 95, "A"],
      [2, 90, "A"],
      [3, 85, "B"],
      [4, 80, "A"],
      [5, 60, "B"],
      [6, 55, "B"],
      [7, 99, "C"],
    ];
    const r = round(rows, { rule: { kind: "quota", by: "cluster", quotas: { A: 2, B: 2 } }, band: 5 });
    expect(r.rows.map((x) => `${x.proposalId}:${x.decision}:${x.borderline}`)).toEqual([
      "p7:stop:false", // C has no quota; no C cut-off
      "p1:advance:true", // A cut-off 90: |95 − 90| = 5
      "p2:advance:true",
      "p3:advance:false", // B cut-off 60: |85 − 60| = 25
      "p4:stop:false", // A: third, |80 − 90| = 10
      "p5:advance:true",
      "p6:stop:true", // |55 − 60| = 5
    ]);
    expect(r.cutoff).toBe(60);
    expect(r.strata).toEqual([
      { key: "A", size: 3, eligible: 3, seats: 2, cutoff: 90 },
      { key: "B", size: 3, eligible: 3, seats: 2, cutoff: 60 },
      { key: "C", size: 1, eligible: 1, seats: 0, cutoff: null },
    ]);
    expect(decisions({ kind: "quota", by: "cluster", quotas: { A: 2, B: 2 }, min: 70 }, rows)).toEqual([
      "p7:stop",
      "p1:advance",
      "p2:advance",
      "p3:advance",
      "p4:stop",
      "p5:stop",
      "p6:stop",
    ]);
  });

  it("quota by category: a null category is the stratum \"\"", () => {
    const rows: [number, number | null, string][] = [
      [1, 90, "none"],
      [2, 80, "none"],
      [3, 70, "A"],
    ];
    expect(decisions({ kind: "quota", by: "category", quotas: { "": 1, A: 1 } }, rows)).toEqual(["p1:advance", "p2:stop", "p3:advance"]);
  });
});

describe("largest remainder", () => {
  it("hand-worked: 10 seats over A 7, B 5, C 3 (N = 15)", () => {
    // A: 10·7/15 = 4.667 → 4, remainder 70 − 60 = 10 (/15)
    // B: 10·5/15 = 3.333 → 3, remainder 50 − 45 = 5
    // C: 10·3/15 = 2     → 2, remainder 0
    // 9 given, 1 left → largest remainder A → A 5, B 3, C 2
    expect(
      allocateLargestRemainder(10, [
        { key: "A", size: 7 },
        { key: "B", size: 5 },
        { key: "C", size: 3 },
      ]),
    ).toEqual({ A: 5, B: 3, C: 2 });
  });

  it("equal remainders: the larger stratum, then the smaller key", () => {
    // 2 seats, A 1, B 3 (N = 4): A 2/4 → 0 r 2; B 6/4 → 1 r 2; tie → larger B → A 0, B 2
    expect(
      allocateLargestRemainder(2, [
        { key: "A", size: 1 },
        { key: "B", size: 3 },
      ]),
    ).toEqual({ A: 0, B: 2 });
    // 2 seats, A 1, B 1, C 2 (N = 4): A 0 r 2, B 0 r 2, C 1 r 0; tie A/B, same size → key A
    expect(
      allocateLargestRemainder(2, [
        { key: "B", size: 1 },
        { key: "A", size: 1 },
        { key: "C", size: 2 },
      ]),
    ).toEqual({ A: 1, B: 0, C: 1 });
  });

  it("no stratum gets more seats than it can fill: the rest is shared again", () => {
    // 4 seats, A 6 (capacity 1), B 2 (capacity 2), C 4 (capacity 4), N = 12:
    //   A 24/12 = 2 > 1 → A fixed at 1; 3 seats left over B 2, C 4 (N = 6): B 1, C 2
    expect(
      allocateLargestRemainder(4, [
        { key: "A", size: 6, capacity: 1 },
        { key: "B", size: 2, capacity: 2 },
        { key: "C", size: 4, capacity: 4 },
      ]),
    ).toEqual({ A: 1, B: 1, C: 2 });
    // More seats than fillable: everybody who can, no more.
    expect(
      allocateLargestRemainder(10, [
        { key: "A", size: 3, capacity: 1 },
        { key: "B", size: 2 },
      ]),
    ).toEqual({ A: 1, B: 2 });
  });

  it("proportional rule in a round: sizes count every entrant, seats only eligible ones", () => {
    // A: 4 entrants (one without a score), B: 2. total 3: A 12/6 = 2, B 6/6 = 1.
    const rows: [number, number | null, string][] = [
      [1, 90, "A"],
      [2, 88, "B"],
      [3, 70, "A"],
      [4, 60, "A"],
      [5, 50, "B"],
      [6, null, "A"],
    ];
    const r = round(rows, { rule: { kind: "proportional", by: "cluster", total: 3 } });
    expect(r.rows.map((x) => `${x.proposalId}:${x.decision}`)).toEqual(["p1:advance", "p2:advance", "p3:advance", "p4:stop", "p5:stop", "p6:stop"]);
    expect(r.strata).toEqual([
      { key: "A", size: 4, eligible: 3, seats: 2, cutoff: 70 },
      { key: "B", size: 2, eligible: 2, seats: 1, cutoff: 88 },
    ]);
    // With a pass grade of 65 the capacities are A 2 (90, 70) and B 1 (88); total 5 over sizes A 4, B 2:
    //   A 20/6 = 3 r 2, B 10/6 = 1 r 4, one left → B (remainder 4) → A 3 > 2 and B 2 > 1:
    //   both fixed at capacity, A 2, B 1. Three seats filled (min(5, 2 + 1)).
    const g = round(rows, { rule: { kind: "proportional", by: "cluster", total: 5, min: 65 } });
    expect(g.rows.filter((x) => x.decision === "advance").map((x) => x.proposalId)).toEqual(["p1", "p2", "p3"]);
    expect(g.strata!.map((s) => [s.key, s.seats])).toEqual([
      ["A", 2],
      ["B", 1],
    ]);
  });
});

describe("overrides", () => {
  it("are recorded apart from the rule's decision and do not move the cut-off", () => {
    const r = round(FIVE, { rule: { kind: "top_n", n: 2 }, overrides: { p2: "stop", p4: "advance" } });
    expect(r.rows.map((x) => [x.proposalId, x.ruleDecision, x.decision])).toEqual([
      ["p1", "advance", "advance"],
      ["p2", "advance", "override_stop"],
      ["p3", "stop", "stop"],
      ["p4", "stop", "override_advance"],
      ["p5", "stop", "stop"],
    ]);
    expect(r.cutoff).toBe(80);
  });

  it("work with the manual rule, including on a proposal without score (an explicit, reasoned exception)", () => {
    const r = round(FIVE, { rule: { kind: "manual" }, overrides: { p3: "advance", p5: "advance", nobody: "advance" } });
    expect(r.rows.map((x) => `${x.proposalId}:${x.ruleDecision}:${x.decision}`)).toEqual([
      "p1:stop:stop",
      "p2:stop:stop",
      "p3:stop:override_advance",
      "p4:stop:stop",
      "p5:stop:override_advance",
    ]);
  });
});
