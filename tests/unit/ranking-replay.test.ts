import { describe, expect, it } from "vitest";
import { computeRanking, replayDecision, type RankingInput, type Sheet } from "~/domain/ranking";

function sheetsOf(table: Record<string, number[]>): Sheet[] {
  // table: proposal -> totals by jurors A, B, C (one criterion 0–100)
  return Object.entries(table).flatMap(([p, xs]) => xs.map((x, i) => ({ proposalId: p, jurorId: "ABC"[i], scores: { x } })));
}

const base: RankingInput = {
  criteria: [{ key: "x", weight: 1, min: 0, max: 100 }],
  entrants: ["p1", "p2", "p3", "p4"].map((id, i) => ({
    proposalId: id,
    number: `R-00000${i + 1}`,
    submittedAt: null,
    cluster: "k",
    category: null,
    group: "umum",
  })),
  // raw means: p1 80, p2 70, p3 60, p4 50
  sheets: sheetsOf({ p1: [80, 75, 85], p2: [70, 65, 75], p3: [60, 55, 65], p4: [50, 45, 55] }),
  method: "raw_mean",
  tiebreak: ["normalized"],
  rule: { kind: "top_n", n: 2 },
  overrides: { p3: "advance" },
};

function record(input: RankingInput) {
  return computeRanking(input).rows.map((r) => ({ proposalId: r.proposalId, rank: r.rank, decision: r.decision, score: r.score }));
}

describe("replayDecision", () => {
  it("recomputing from the same sheets, rubric, rule and overrides gives the recorded decision", () => {
    const recorded = record(base);
    expect(recorded.map((r) => `${r.rank}:${r.proposalId}:${r.decision}`)).toEqual([
      "1:p1:advance",
      "2:p2:advance",
      "3:p3:override_advance",
      "4:p4:stop",
    ]);
    const replay = replayDecision({ ...base, sheets: [...base.sheets].reverse() }, recorded);
    expect(replay.equal).toBe(true);
    expect(replay.differences).toEqual([]);
  });

  it("detects a score changed after the decision", () => {
    const recorded = record(base);
    // Juror C raises p3 from 65 to 100: raw mean (60 + 55 + 100)/3 = 71.67 > p2's 70 → p3 2nd, p2 3rd and out.
    const changed = { ...base, sheets: sheetsOf({ p1: [80, 75, 85], p2: [70, 65, 75], p3: [60, 55, 100], p4: [50, 45, 55] }) };
    const replay = replayDecision(changed, recorded);
    expect(replay.equal).toBe(false);
    expect(replay.differences).toEqual([
      { proposalId: "p3", field: "rank", recorded: 3, recomputed: 2 },
      { proposalId: "p3", field: "score", recorded: 60, recomputed: 215 / 3 },
      { proposalId: "p2", field: "rank", recorded: 2, recomputed: 3 },
      { proposalId: "p2", field: "decision", recorded: "advance", recomputed: "stop" },
    ]);
    // Without recorded scores only ranks and decisions are compared.
    const bare = recorded.map(({ proposalId, rank, decision }) => ({ proposalId, rank, decision }));
    expect(replayDecision(changed, bare).differences).toEqual([
      { proposalId: "p3", field: "rank", recorded: 3, recomputed: 2 },
      { proposalId: "p2", field: "rank", recorded: 2, recomputed: 3 },
      { proposalId: "p2", field: "decision", recorded: "advance", recomputed: "stop" },
    ]);
  });

  it("detects a removed override and entrants present on one side only", () => {
    const recorded = record(base).map(({ proposalId, rank, decision }) => ({ proposalId, rank, decision }));
    const replay = replayDecision({ ...base, overrides: {} }, [...recorded.filter((r) => r.proposalId !== "p4"), { proposalId: "p9", rank: 5, decision: "stop" as const }]);
    expect(replay.differences).toEqual([
      { proposalId: "p3", field: "decision", recorded: "override_advance", recomputed: "stop" },
      { proposalId: "p4", field: "rank", recorded: null, recomputed: 4 },
      { proposalId: "p4", field: "decision", recorded: null, recomputed: "stop" },
      { proposalId: "p9", field: "rank", recorded: 5, recomputed: null },
      { proposalId: "p9", field: "decision", recorded: "stop", recomputed: null },
    ]);
  });

  it("recorded scores are compared at 9 decimal places", () => {
    const recorded = record(base).map((r) => ({ ...r, score: r.score! + 1e-12 }));
    expect(replayDecision(base, recorded).equal).toBe(true);
    const off = record(base).map((r, i) => ({ ...r, score: i === 0 ? r.score! + 1e-8 : r.score }));
    expect(replayDecision(base, off).differences.map((d) => [d.proposalId, d.field])).toEqual([["p1", "score"]]);
  });
});
