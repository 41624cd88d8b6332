import { describe, expect, it } from "vitest";
import {
  cmp9,
  compareProposalNumbers,
  computeRanking,
  ge9,
  isZero9,
  jurorTotal,
  type Criterion,
  type Entrant,
  type RankingInput,
  type Sheet,
} from "~/domain/ranking";

/** Two criteria on 0–10, weights 1 and 1: T = 5·(a + b). */
const AB: Criterion[] = [
  { key: "a", weight: 1, min: 0, max: 10 },
  { key: "b", weight: 1, min: 0, max: 10 },
];
/** Three criteria on 0–10, weight 1: the rubric whose totals show float noise. */
const R3: Criterion[] = ["a", "b", "c"].map((key) => ({ key, weight: 1, min: 0, max: 10 }));

function entrant(number: string, extra: Partial<Entrant> = {}): Entrant {
  return { proposalId: number, number, submittedAt: null, cluster: "k", category: null, group: "umum", ...extra };
}
function sheet(p: string, juror: string, scores: Record<string, number>): Sheet {
  return { proposalId: p, jurorId: juror, scores };
}
function rank(input: Partial<RankingInput> & Pick<RankingInput, "sheets" | "entrants">): string[] {
  return computeRanking({ criteria: AB, method: "raw_mean", tiebreak: [], rule: { kind: "manual" }, ...input }).rows.map(
    (r) => `${r.rank}:${r.proposalId}`,
  );
}

describe("9-decimal comparisons", () => {
  it("one helper: 0.1 + 0.2 equals 0.3, 1e-9 apart does not", () => {
    expect(0.1 + 0.2 === 0.3).toBe(false);
    expect(cmp9(0.1 + 0.2, 0.3)).toBe(0);
    expect(cmp9(0.3 + 1e-9, 0.3)).toBe(1);
    expect(cmp9(0.3 - 1e-9, 0.3)).toBe(-1);
    expect(ge9(29.999999999999996, 30)).toBe(true);
    expect(isZero9(1e-15)).toBe(true);
    expect(isZero9(1e-9)).toBe(false);
  });

  it("float noise never decides a rank: equal at 9 dp → the tie-break decides", () => {
    // T(0,2,7) = 29.999999999999996 and T(9,0,0) = 30: the same total (both mathematically 30).
    expect(jurorTotal(R3, { a: 0, b: 2, c: 7 })).toBeLessThan(jurorTotal(R3, { a: 9, b: 0, c: 0 }));
    const entrants = [entrant("X-000001"), entrant("X-000002")];
    const sheets = [sheet("X-000001", "A", { a: 0, b: 2, c: 7 }), sheet("X-000002", "A", { a: 9, b: 0, c: 0 })];
    // Without 9 dp, X-000002 (30 > 29.999…) would rank first; at 9 dp they tie and the number decides.
    expect(rank({ criteria: R3, sheets, entrants })).toEqual(["1:X-000001", "2:X-000002"]);
    // ... and a real difference of 1e-9 still counts.
    const c1: Criterion[] = [{ key: "x", weight: 1, min: 0, max: 100 }];
    expect(
      rank({
        criteria: c1,
        sheets: [sheet("X-000001", "A", { x: 30 }), sheet("X-000002", "A", { x: 30.000000001 })],
        entrants,
      }),
    ).toEqual(["1:X-000002", "2:X-000001"]);
  });

  it("float noise never decides a pass grade", () => {
    const entrants = [entrant("X-000001"), entrant("X-000002")];
    const sheets = [sheet("X-000001", "A", { a: 0, b: 2, c: 7 }), sheet("X-000002", "A", { a: 2, b: 7, c: 0 })];
    const res = computeRanking({ criteria: R3, sheets, entrants, method: "raw_mean", tiebreak: [], rule: { kind: "pass_grade", min: 30 } });
    // Both 29.999999999999996 in floating point, 30 at 9 dp: both pass a grade of 30.
    expect(res.rows.map((r) => [r.proposalId, r.score! < 30, r.ruleDecision])).toEqual([
      ["X-000001", true, "advance"],
      ["X-000002", true, "advance"],
    ]);
  });
});

describe("tie-breaks", () => {
  // P1, P2, P3 all have raw_mean 50 (T = 5·(a + b)); their criterion means differ.
  const entrants = [
    entrant("K-000003", { submittedAt: "2025-03-01T02:00:00.000Z" }),
    entrant("K-000001", { submittedAt: "2025-03-02T02:00:00.000Z" }),
    entrant("K-000002", { submittedAt: "2025-03-01T02:00:00.000Z" }),
    entrant("K-000004", { submittedAt: null }),
  ];
  const sheets = [
    // K-000001: a 6, b 4 → T 50
    sheet("K-000001", "A", { a: 6, b: 4 }),
    // K-000002: a 4, b 6 → T 50
    sheet("K-000002", "A", { a: 4, b: 6 }),
    // K-000003: a 4, b 6 → T 50
    sheet("K-000003", "A", { a: 4, b: 6 }),
    // K-000004: a 5, b 5 → T 50
    sheet("K-000004", "A", { a: 5, b: 5 }),
  ];

  it("without a list: proposal number ascending", () => {
    expect(rank({ sheets, entrants })).toEqual(["1:K-000001", "2:K-000002", "3:K-000003", "4:K-000004"]);
  });

  it("a criterion's mean, higher first, then the number", () => {
    // mean a: K1 6, K4 5, K2 4, K3 4 (K2 before K3 by number)
    expect(rank({ sheets, entrants, tiebreak: ["criterion:a"] })).toEqual(["1:K-000001", "2:K-000004", "3:K-000002", "4:K-000003"]);
    // mean b: K2 6, K3 6, K4 5, K1 4
    expect(rank({ sheets, entrants, tiebreak: ["criterion:b"] })).toEqual(["1:K-000002", "2:K-000003", "3:K-000004", "4:K-000001"]);
  });

  it("earlier submission first, no time last, then the number", () => {
    // K3 and K2 at 1 March 02:00 (tie → number: K2 first), K1 on 2 March, K4 without a time
    expect(rank({ sheets, entrants, tiebreak: ["submitted_at"] })).toEqual(["1:K-000002", "2:K-000003", "3:K-000001", "4:K-000004"]);
  });

  it("keys in the round's order: criterion b, then submission time, then the number", () => {
    // b: K2 6, K3 6 (tie: both 1 March → number: K2), K4 5, K1 4
    const withTime = entrants.map((e) => (e.number === "K-000002" ? { ...e, submittedAt: "2025-03-05T00:00:00.000Z" } : e));
    // now K3 (1 March) is earlier than K2 (5 March)
    expect(rank({ sheets, entrants: withTime, tiebreak: ["criterion:b", "submitted_at"] })).toEqual([
      "1:K-000003",
      "2:K-000002",
      "3:K-000004",
      "4:K-000001",
    ]);
  });

  it("another method's score as a tie-break, and criterion means compared at 9 dp", () => {
    // Method median; K1 and K2 share median 50 but raw means 50 vs 55:
    //   K1: 40, 50, 60 (mean 50, median 50); K2: 50, 50, 65 (mean 55, median 50); K3: 30 (median 30)
    const c1: Criterion[] = [{ key: "x", weight: 1, min: 0, max: 100 }];
    const s = (p: string, j: string, x: number) => sheet(p, j, { x });
    const res = rank({
      criteria: c1,
      method: "median",
      tiebreak: ["raw_mean"],
      entrants: [entrant("M-1"), entrant("M-2"), entrant("M-3")],
      sheets: [s("M-1", "A", 40), s("M-1", "B", 50), s("M-1", "C", 60), s("M-2", "A", 50), s("M-2", "B", 50), s("M-2", "C", 65), s("M-3", "A", 30)],
    });
    expect(res).toEqual(["1:M-2", "2:M-1", "3:M-3"]);
    // Criterion means that differ only by float noise tie at 9 dp → the number decides.
    const tiny: Criterion[] = [
      { key: "a", weight: 1, min: 0, max: 1 },
      { key: "b", weight: 1, min: 0, max: 1 },
    ];
    const res2 = rank({
      criteria: tiny,
      tiebreak: ["criterion:a"],
      entrants: [entrant("N-1"), entrant("N-2")],
      // N-1: a = (0.3 + 0)/2 = 0.15; N-2: a = (0.1 + 0.2)/2 = 0.15000000000000002 (b 0.45 for all);
      // totals: N-1 (37.5 + 22.5)/2 = 30, N-2 (27.5 + 32.5)/2 = 30. Without 9 dp N-2 would win on a.
      sheets: [
        sheet("N-1", "A", { a: 0.3, b: 0.45 }),
        sheet("N-1", "B", { a: 0, b: 0.45 }),
        sheet("N-2", "A", { a: 0.1, b: 0.45 }),
        sheet("N-2", "B", { a: 0.2, b: 0.45 }),
      ],
    });
    expect((0.1 + 0.2) / 2).toBeGreaterThan(0.3 / 2);
    expect(res2).toEqual(["1:N-1", "2:N-2"]);
  });

  it("a tie-break on a criterion that is not in the rubric is skipped", () => {
    expect(rank({ sheets, entrants, tiebreak: ["criterion:gone", "criterion:a"] })).toEqual([
      "1:K-000001",
      "2:K-000004",
      "3:K-000002",
      "4:K-000003",
    ]);
  });
});

describe("proposal numbers ascending", () => {
  it("compares digit runs as numbers, the rest by code unit, without locale", () => {
    const numbers = ["KIPP2025-1000000", "KIPP2025-000010", "KIPP2024-999999", "KIPP2025-000009", "A-2", "A-10", "A-02"];
    expect([...numbers].sort(compareProposalNumbers)).toEqual([
      "A-02",
      "A-2",
      "A-10",
      "KIPP2024-999999",
      "KIPP2025-000009",
      "KIPP2025-000010",
      "KIPP2025-1000000",
    ]);
  });

  it("ranks are strict 1..n even when every score ties", () => {
    const many = ["Z-000011", "Z-000002", "Z-000010", "Z-000001"].map((n) => entrant(n));
    const res = rank({ sheets: many.map((e) => sheet(e.proposalId, "A", { a: 5, b: 5 })), entrants: many });
    expect(res).toEqual(["1:Z-000001", "2:Z-000002", "3:Z-000010", "4:Z-000011"]);
  });
});
