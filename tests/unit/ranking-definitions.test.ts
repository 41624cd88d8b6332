import { describe, expect, it } from "vitest";
import {
  computeRanking,
  jurorTotal,
  type Criterion,
  type Entrant,
  type RankingInput,
  type Sheet,
} from "~/domain/ranking";

/** One criterion on 0–100 with weight 1: a juror's total T equals the score. */
const ONE: Criterion[] = [{ key: "x", weight: 1, min: 0, max: 100 }];

function entrant(n: number, extra: Partial<Entrant> = {}): Entrant {
  return {
    proposalId: `p${n}`,
    number: `T-${String(n).padStart(6, "0")}`,
    submittedAt: null,
    cluster: "k1",
    category: null,
    group: "umum",
    ...extra,
  };
}

function sheet(p: number, juror: string, scores: Record<string, number> | number): Sheet {
  return { proposalId: `p${p}`, jurorId: juror, scores: typeof scores === "number" ? { x: scores } : scores };
}

function input(sheets: Sheet[], entrants: Entrant[], extra: Partial<RankingInput> = {}): RankingInput {
  return { criteria: ONE, sheets, entrants, method: "raw_mean", tiebreak: [], rule: { kind: "manual" }, ...extra };
}

const s = Math.sqrt(200 / 3); // sd of {80, 60, 70} and of {50, 40, 30}

/**
 * The worked round used below (T = score):
 *   juror A: p1 80, p2 60, p3 70   m_A = 70, sd_A = √((100+100+0)/3) = √66.67 = 8.164965809
 *   juror B: p1 50, p2 40, p3 30   m_B = 40, sd_B = √((100+0+100)/3) = 8.164965809
 *   juror C: p1 90                  one score (< 3): uses the round's M and SD
 *   p4 has no sheet.
 * All T: 80 60 70 50 40 30 90, N = 7, M = 420/7 = 60,
 *   deviations 20 0 10 −10 −20 −30 30, squares sum 2800, SD = √(2800/7) = 20.
 */
function workedRound(extra: Partial<RankingInput> = {}) {
  const sheets = [
    sheet(1, "A", 80),
    sheet(2, "A", 60),
    sheet(3, "A", 70),
    sheet(1, "B", 50),
    sheet(2, "B", 40),
    sheet(3, "B", 30),
    sheet(1, "C", 90),
  ];
  return computeRanking(input(sheets, [entrant(1), entrant(2), entrant(3), entrant(4)], extra));
}

describe("jurorTotal", () => {
  it("is 100 · Σ w·(s − lo)/(hi − lo) / Σ w", () => {
    const criteria: Criterion[] = [
      { key: "a", weight: 2, min: 0, max: 10 },
      { key: "b", weight: 1, min: 1, max: 5 },
    ];
    // 100 · (2·7/10 + 1·(4−1)/(5−1)) / 3 = 100 · (1.4 + 0.75) / 3 = 71.666…
    expect(jurorTotal(criteria, { a: 7, b: 4 })).toBeCloseTo(215 / 3, 12);
    // Bottom and top of every scale: 0 and 100.
    expect(jurorTotal(criteria, { a: 0, b: 1 })).toBe(0);
    expect(jurorTotal(criteria, { a: 10, b: 5 })).toBe(100);
  });

  it("uses the provincial desk weights 10/15/5/30/20/5/15", () => {
    const w = [10, 15, 5, 30, 20, 5, 15];
    const criteria = w.map((weight, i) => ({ key: `c${i}`, weight, min: 0, max: 100 }));
    const scores = { c0: 80, c1: 70, c2: 60, c3: 90, c4: 50, c5: 40, c6: 100 };
    // 100 · (10·.8 + 15·.7 + 5·.6 + 30·.9 + 20·.5 + 5·.4 + 15·1) / 100 = 8 + 10.5 + 3 + 27 + 10 + 2 + 15 = 75.5
    expect(jurorTotal(criteria, scores)).toBeCloseTo(75.5, 12);
  });

  it("refuses a missing score, a score outside the scale and an unusable rubric", () => {
    expect(() => jurorTotal(ONE, {})).toThrow(/no score/);
    expect(() => jurorTotal(ONE, { x: 101 })).toThrow(/outside/);
    expect(() => jurorTotal(ONE, { x: -0.5 })).toThrow(/outside/);
    expect(() => jurorTotal([], { x: 1 })).toThrow(/no criterion/);
    expect(() => jurorTotal([{ key: "x", weight: 0, min: 0, max: 10 }], { x: 1 })).toThrow(/sum to 0/);
    expect(() => jurorTotal([{ key: "x", weight: 1, min: 5, max: 5 }], { x: 5 })).toThrow(/min < max/);
    // Float noise at the edge of the scale is not "outside" (9 decimal places).
    expect(jurorTotal(ONE, { x: 100.0000000000001 })).toBeCloseTo(100, 9);
  });
});

describe("per-proposal figures", () => {
  const r = workedRound();
  const row = (id: string) => r.rows.find((x) => x.proposalId === id)!;

  it("raw_mean, median, sd (population), min, max, n_scores", () => {
    // p1: 80, 50, 90 → mean 220/3 = 73.333…; sorted 50 80 90 → median 80;
    //   deviations 6.667 −23.333 16.667 → squares 44.444 + 544.444 + 277.778 = 866.667; sd = √(866.667/3) = 16.996731712
    expect(row("p1")).toMatchObject({ nScores: 3, median: 80, min: 50, max: 90 });
    expect(row("p1").rawMean).toBeCloseTo(220 / 3, 12);
    expect(row("p1").sd).toBeCloseTo(Math.sqrt(2600 / 9), 12);
    // p2: 60, 40 → mean 50, median (40 + 60)/2 = 50, sd 10
    expect(row("p2")).toMatchObject({ nScores: 2, rawMean: 50, median: 50, sd: 10, min: 40, max: 60 });
    // p3: 70, 30 → mean 50, median 50, sd 20
    expect(row("p3")).toMatchObject({ nScores: 2, rawMean: 50, median: 50, sd: 20, min: 30, max: 70 });
  });

  it("normalized = M + SD · mean(z), z by the juror's own scale from 3 scores, else the round's", () => {
    expect(r.roundMean).toBe(60);
    expect(r.roundSd).toBe(20);
    // p1: z_A = (80−70)/s, z_B = (50−40)/s, z_C = (90−60)/20 = 1.5 (C has 1 score)
    //   = 60 + 20 · (10/s + 10/s + 1.5)/3 = 60 + 20 · (1.224744871 · 2 + 1.5)/3 = 86.329931619
    expect(row("p1").normalized).toBeCloseTo(60 + (20 * (20 / s + 1.5)) / 3, 12);
    expect(row("p1").normalized).toBeCloseTo(86.329931619, 9);
    // p2: z_A = (60−70)/s, z_B = 0 → 60 + 20 · (−1.224744871/2) = 47.752551286
    expect(row("p2").normalized).toBeCloseTo(60 - (20 * (10 / s)) / 2, 12);
    // p3: z_A = 0, z_B = (30−40)/s → the same 47.752551286
    expect(row("p3").normalized).toBeCloseTo(47.752551286, 9);
  });

  it("per-criterion means of the raw scores", () => {
    const criteria: Criterion[] = [
      { key: "a", weight: 1, min: 0, max: 10 },
      { key: "b", weight: 3, min: 1, max: 5 },
    ];
    const res = computeRanking({
      ...input([sheet(1, "A", { a: 7, b: 2 }), sheet(1, "B", { a: 4, b: 5 }), sheet(1, "C", { a: 10, b: 5 })], [entrant(1), entrant(2)]),
      criteria,
    });
    // a: (7 + 4 + 10)/3 = 7; b: (2 + 5 + 5)/3 = 4
    expect(res.rows[0].criterionMeans).toEqual({ a: 7, b: 4 });
    expect(res.rows[1].criterionMeans).toEqual({ a: null, b: null });
  });

  it("disagreement needs max − min strictly above the threshold", () => {
    // p1 range 90 − 50 = 40 > 25; p2 range 20; p3 range 40
    expect(r.rows.map((x) => [x.proposalId, x.disagreement])).toEqual([
      ["p1", true],
      ["p2", false],
      ["p3", true],
      ["p4", false],
    ]);
    const res = computeRanking(
      input(
        [sheet(1, "A", 50), sheet(1, "B", 75), sheet(2, "A", 50), sheet(2, "B", 75.000000001), sheet(3, "A", 50), sheet(3, "B", 70)],
        [entrant(1), entrant(2), entrant(3)],
        { threshold: 20 },
      ),
    );
    const flag = (id: string) => res.rows.find((x) => x.proposalId === id)!.disagreement;
    expect(flag("p1")).toBe(true); // 25 > 20
    expect(flag("p3")).toBe(false); // 20 = 20: not strictly above
    const exact = computeRanking(
      input([sheet(1, "A", 50), sheet(1, "B", 75), sheet(2, "A", 50), sheet(2, "B", 75.000000001)], [entrant(1), entrant(2)]),
    );
    expect(exact.rows.find((x) => x.proposalId === "p1")!.disagreement).toBe(false); // 25 = 25
    expect(exact.rows.find((x) => x.proposalId === "p2")!.disagreement).toBe(true); // 25.000000001 > 25 at 9 dp
  });

  it("a proposal without a submitted score has null figures, ranks last and never advances", () => {
    const res = workedRound({ rule: { kind: "top_n", n: 10 } });
    const last = res.rows[3];
    expect(last).toMatchObject({
      proposalId: "p4",
      rank: 4,
      nScores: 0,
      rawMean: null,
      normalized: null,
      median: null,
      shrunk: null,
      score: null,
      sd: null,
      min: null,
      max: null,
      disagreement: false,
      ruleDecision: "stop",
      decision: "stop",
      borderline: false,
    });
    expect(res.rows.slice(0, 3).map((x) => x.ruleDecision)).toEqual(["advance", "advance", "advance"]);
  });

  it("normalized is not clipped to the scale", () => {
    // Juror A: 0, 0, 0, 100 (4 scores) → m_A = 25, sd_A = √((625·3 + 5625)/4) = √1875 = 43.30127
    // Juror B: 100 on p4 only → round z. All T: 0 0 0 100 100, M = 40, SD = √((1600·3 + 3600·2)/5) = √2400 = 48.98979
    // p4: z_A = 75/43.30127 = 1.732051, z_B = 60/48.98979 = 1.224745 → 40 + 48.98979 · 1.478398 = 112.426407
    const res = computeRanking(
      input(
        [sheet(1, "A", 0), sheet(2, "A", 0), sheet(3, "A", 0), sheet(4, "A", 100), sheet(4, "B", 100)],
        [1, 2, 3, 4].map((n) => entrant(n)),
        { method: "normalized" },
      ),
    );
    expect(res.rows[0].proposalId).toBe("p4");
    expect(res.rows[0].normalized).toBeCloseTo(40 + Math.sqrt(2400) * ((75 / Math.sqrt(1875) + 60 / Math.sqrt(2400)) / 2), 9);
    expect(res.rows[0].normalized!).toBeGreaterThan(100);
  });
});

describe("sd = 0 paths", () => {
  it("a juror with 3 equal totals uses the round's M and SD", () => {
    // Juror D: 60, 60, 60 (sd_D = 0); juror E: 20, 100 (2 scores). All T: 60 60 60 20 100, M = 60,
    // SD = √((0+0+0+1600+1600)/5) = √640 = 25.298221. p1: z_D = 0 → 60; p4: z_E = 40/25.298 → 60 + 40 = 100.
    const res = computeRanking(
      input(
        [sheet(1, "D", 60), sheet(2, "D", 60), sheet(3, "D", 60), sheet(4, "E", 100), sheet(5, "E", 20)],
        [1, 2, 3, 4, 5].map((n) => entrant(n)),
        { method: "normalized" },
      ),
    );
    const by = Object.fromEntries(res.rows.map((x) => [x.proposalId, x.normalized]));
    expect(by.p1).toBe(60);
    expect(by.p4).toBeCloseTo(100, 12);
    expect(by.p5).toBeCloseTo(20, 12);
  });

  it("a juror whose totals differ only by float noise counts as sd = 0", () => {
    const R3: Criterion[] = ["a", "b", "c"].map((key) => ({ key, weight: 1, min: 0, max: 10 }));
    // (1,2,0) → 100·(0.1 + 0.2)/3 = 10.000000000000002 in floating point; (3,0,0) and (0,3,0) → exactly 10.
    expect(jurorTotal(R3, { a: 1, b: 2, c: 0 })).not.toBe(10);
    // Juror F: those three (sd_F ≈ 1e-15 but 0 at 9 dp) → round z; juror G: 0 and 10 on p4, p5.
    // All T ≈ 10 10 10 0 10 → M = 8, SD = √((4+4+4+64+4)/5) = 4; p1: z = (10 − 8)/4 = 0.5 → 8 + 4·0.5 = 10.
    const res = computeRanking({
      ...input(
        [
          sheet(1, "F", { a: 1, b: 2, c: 0 }),
          sheet(2, "F", { a: 3, b: 0, c: 0 }),
          sheet(3, "F", { a: 0, b: 3, c: 0 }),
          sheet(4, "G", { a: 0, b: 0, c: 0 }),
          sheet(5, "G", { a: 3, b: 0, c: 0 }),
        ],
        [1, 2, 3, 4, 5].map((n) => entrant(n)),
        { method: "normalized" },
      ),
      criteria: R3,
    });
    const by = Object.fromEntries(res.rows.map((x) => [x.proposalId, x.normalized]));
    expect(by.p2).toBeCloseTo(10, 9);
    expect(by.p4).toBeCloseTo(0, 9);
    // With the juror's own (noise) sd, p1 would have z ≈ +1.41 and land far above 10.
    expect(by.p1).toBeCloseTo(10, 9);
  });

  it("SD = 0 for the whole round: every normalized score is M", () => {
    const res = computeRanking(
      input([sheet(1, "A", 70), sheet(2, "A", 70), sheet(3, "B", 70)], [1, 2, 3].map((n) => entrant(n)), { method: "normalized" }),
    );
    expect(res.roundSd).toBe(0);
    expect(res.rows.map((x) => [x.proposalId, x.normalized, x.rank])).toEqual([
      ["p1", 70, 1],
      ["p2", 70, 2],
      ["p3", 70, 3],
    ]);
  });

  it("a round without any submitted sheet: null round figures, everybody stops in number order", () => {
    const res = computeRanking(input([], [entrant(2), entrant(1)], { rule: { kind: "top_n", n: 5 } }));
    expect(res.roundMean).toBeNull();
    expect(res.roundSd).toBeNull();
    expect(res.cutoff).toBeNull();
    expect(res.jurors).toEqual([]);
    expect(res.rows.map((x) => [x.proposalId, x.rank, x.decision])).toEqual([
      ["p1", 1, "stop"],
      ["p2", 2, "stop"],
    ]);
  });
});

describe("juror statistics", () => {
  it("n, mean, sd, offset = mean − M and a ten-bin histogram", () => {
    const r = workedRound();
    expect(r.jurors.map((j) => ({ ...j, sd: Number(j.sd.toFixed(9)) }))).toEqual([
      // A: 80 60 70 → mean 70, offset 70 − 60 = +10, bins 6, 7, 8
      { jurorId: "A", n: 3, mean: 70, sd: 8.164965809, offset: 10, histogram: [0, 0, 0, 0, 0, 0, 1, 1, 1, 0] },
      // B: 50 40 30 → mean 40, offset −20, bins 3, 4, 5
      { jurorId: "B", n: 3, mean: 40, sd: 8.164965809, offset: -20, histogram: [0, 0, 0, 1, 1, 1, 0, 0, 0, 0] },
      // C: 90 → offset +30, bin 9
      { jurorId: "C", n: 1, mean: 90, sd: 0, offset: 30, histogram: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
    ]);
  });

  it("bins are [0,10) … [90,100], with 100 in the last and float noise not moving a total down a bin", () => {
    const R3: Criterion[] = ["a", "b", "c"].map((key) => ({ key, weight: 1, min: 0, max: 10 }));
    // (0,2,7) → 29.999999999999996 (mathematically 30): bin [30,40); (0,0,0) → 0; (10,10,10) → 100; (0,0,9) → 30
    const res = computeRanking({
      ...input(
        [sheet(1, "A", { a: 0, b: 2, c: 7 }), sheet(2, "A", { a: 0, b: 0, c: 0 }), sheet(3, "A", { a: 10, b: 10, c: 10 }), sheet(4, "A", { a: 0, b: 0, c: 9 })],
        [1, 2, 3, 4].map((n) => entrant(n)),
      ),
      criteria: R3,
    });
    expect(jurorTotal(R3, { a: 0, b: 2, c: 7 })).toBeLessThan(30);
    expect(res.jurors[0].histogram).toEqual([1, 0, 0, 2, 0, 0, 0, 0, 0, 1]);
  });
});

describe("purity", () => {
  it("the order of entrants and sheets does not change any figure", () => {
    const sheets = [
      sheet(1, "A", 80),
      sheet(2, "A", 60),
      sheet(3, "A", 70),
      sheet(1, "B", 50),
      sheet(2, "B", 40),
      sheet(3, "B", 30),
      sheet(1, "C", 90),
    ];
    const entrants = [entrant(1), entrant(2), entrant(3), entrant(4)];
    for (const method of ["raw_mean", "normalized", "median", "shrunk"] as const) {
      const a = computeRanking(input(sheets, entrants, { method, rule: { kind: "top_n", n: 2 } }));
      const b = computeRanking(input([...sheets].reverse(), [...entrants].reverse(), { method, rule: { kind: "top_n", n: 2 } }));
      expect(b).toEqual(a);
    }
  });

  it("ignores sheets of proposals that are not entrants and refuses duplicates", () => {
    const res = computeRanking(input([sheet(1, "A", 80), sheet(9, "A", 10)], [entrant(1)]));
    expect(res.roundMean).toBe(80);
    expect(res.jurors.map((j) => j.n)).toEqual([1]);
    expect(() => computeRanking(input([sheet(1, "A", 80), sheet(1, "A", 70)], [entrant(1)]))).toThrow(/two sheets/);
    expect(() => computeRanking(input([], [entrant(1), entrant(1)]))).toThrow(/twice/);
  });
});
