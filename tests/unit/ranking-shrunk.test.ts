import { describe, expect, it } from "vitest";
import { computeRanking, fitShrunk, type Method, type RankingInput, type Sheet } from "~/domain/ranking";

/**
 * Six proposals of true quality 80, 72, 64, 56, 48, 40; juror L gives +15,
 * juror H −15, juror N the truth (no noise). Each proposal is seen by two:
 *   p1 (80): H 65, N 80 → raw 72.5      p4 (56): L 71, N 56 → raw 63.5
 *   p2 (72): L 87, N 72 → raw 79.5      p5 (48): H 33, N 48 → raw 40.5
 *   p3 (64): L 79, H 49 → raw 64        p6 (40): L 55, H 25 → raw 40
 * raw_mean puts p2 above p1 (p2 met the lenient juror); the fitted severities
 * undo that.
 */
const TRUE: Record<string, number> = { p1: 80, p2: 72, p3: 64, p4: 56, p5: 48, p6: 40 };
const PANEL: Record<string, string[]> = { p1: ["H", "N"], p2: ["L", "N"], p3: ["L", "H"], p4: ["L", "N"], p5: ["H", "N"], p6: ["L", "H"] };
const OFFSET: Record<string, number> = { L: 15, H: -15, N: 0 };

function roundInput(method: Method, offset = OFFSET, extraEntrants = 0): RankingInput {
  const sheets: Sheet[] = Object.entries(PANEL).flatMap(([p, js]) =>
    js.map((j) => ({ proposalId: p, jurorId: j, scores: { x: TRUE[p] + offset[j] } })),
  );
  const ids = [...Object.keys(TRUE), ...Array.from({ length: extraEntrants }, (_, i) => `q${i + 1}`)];
  return {
    criteria: [{ key: "x", weight: 1, min: 0, max: 100 }],
    sheets,
    entrants: ids.map((id, i) => ({ proposalId: id, number: `S-${String(i + 1).padStart(3, "0")}`, submittedAt: null, cluster: "k", category: null, group: "umum" })),
    method,
    tiebreak: [],
    rule: { kind: "top_n", n: 2 },
  };
}

const order = (method: Method, offset = OFFSET) => computeRanking(roundInput(method, offset)).rows.map((r) => r.proposalId);

describe("shrunk", () => {
  it("recovers the true order where raw_mean is misled by a lenient and a harsh juror", () => {
    expect(order("raw_mean")).toEqual(["p2", "p1", "p3", "p4", "p5", "p6"]);
    expect(order("shrunk")).toEqual(["p1", "p2", "p3", "p4", "p5", "p6"]);
    const top = computeRanking(roundInput("shrunk")).rows.filter((r) => r.decision === "advance").map((r) => r.proposalId);
    expect(top).toEqual(["p1", "p2"]);
  });

  it("with identical jurors keeps the raw order and stays on the 0–100 scale of the average juror", () => {
    const none = { L: 0, H: 0, N: 0 };
    expect(order("shrunk", none)).toEqual(["p1", "p2", "p3", "p4", "p5", "p6"]);
    const rows = computeRanking(roundInput("shrunk", none)).rows;
    // Shrinkage toward the round mean (60) only: scores keep their order and stay between 40 and 80.
    for (const r of rows) {
      expect(r.shrunk!).toBeGreaterThanOrEqual(40 - 1e-9);
      expect(r.shrunk!).toBeLessThanOrEqual(80 + 1e-9);
      expect(Math.abs(r.shrunk! - 60)).toBeLessThanOrEqual(Math.abs(r.rawMean! - 60) + 1e-9);
    }
  });

  it("is deterministic and gives null without scores", () => {
    const a = computeRanking(roundInput("shrunk", OFFSET, 2));
    const b = computeRanking(roundInput("shrunk", OFFSET, 2));
    expect(b).toEqual(a);
    expect(a.rows.slice(-2).map((r) => [r.proposalId, r.shrunk, r.decision])).toEqual([
      ["q1", null, "stop"],
      ["q2", null, "stop"],
    ]);
  });

  it("fits the severities with the average juror pinned at a = 0, b = 1", () => {
    // Jurors 0 (+10) and 1 (−10) both score proposals 0..3 of quality 50, 60, 70, 80 (y = T − M, M = 65).
    const q = [50, 60, 70, 80];
    const start = Int32Array.from([0, 2, 4, 6, 8]);
    const jurorOf = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]);
    const total = Float64Array.from(q.flatMap((x) => [x + 10, x - 10]));
    const fit = fitShrunk(4, 2, start, jurorOf, total, 65);
    expect(fit.a[0] + fit.a[1]).toBeCloseTo(0, 9);
    expect(fit.b[0] + fit.b[1]).toBeCloseTo(2, 9);
    expect(fit.a[0]).toBeCloseTo(10, 3);
    expect(fit.a[1]).toBeCloseTo(-10, 3);
    // x = quality − 65, slightly shrunk toward 0
    expect(Array.from(fit.x, (x) => Math.round(x))).toEqual([-15, -5, 5, 15]);
  });
});
