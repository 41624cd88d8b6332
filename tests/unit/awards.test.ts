import { describe, expect, it } from "vitest";
import {
  allocateWinners,
  clusterBreakdown,
  clusterBucket,
  PRESET_TIERS,
  type AllocationCandidate,
  type AllocationTier,
  type DecisionKind,
} from "~/domain/awards";

const cand = (proposalId: string, rank: number, groupId = "umum", decision: DecisionKind = "advance"): AllocationCandidate => ({
  proposalId,
  number: `N-${proposalId}`,
  groupId,
  rank,
  decision,
});
const tier = (id: string, size: number, groupId: string | null = null, roundId: string | null = null): AllocationTier => ({ id, size, groupId, roundId });
const picks = (r: ReturnType<typeof allocateWinners>) => r.winners.map((w) => `${w.tierId}:${w.proposalId}`);

describe("allocateWinners", () => {
  it("fills tiers in position order, each taking the next best-ranked proposals", () => {
    const r = allocateWinners({
      tiers: [tier("juara1", 1), tier("juara2", 1), tier("top3", 3)],
      rounds: { r2: [cand("c", 3), cand("a", 1), cand("e", 5), cand("b", 2), cand("d", 4), cand("f", 6)] },
      defaultRoundId: "r2",
    });
    expect(picks(r)).toEqual(["juara1:a", "juara2:b", "top3:c", "top3:d", "top3:e"]);
    expect(r.winners.map((w) => w.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(r.problems).toEqual([]);
  });

  it("the order of tiers decides who picks first", () => {
    const r = allocateWinners({
      tiers: [tier("top3", 3), tier("juara1", 1)],
      rounds: { r2: [cand("a", 1), cand("b", 2), cand("c", 3), cand("d", 4)] },
      defaultRoundId: "r2",
    });
    expect(picks(r)).toEqual(["top3:a", "top3:b", "top3:c", "juara1:d"]);
  });

  it("a tier with a group takes only that group's proposals", () => {
    const r = allocateWinners({
      tiers: [tier("top2", 2, "umum"), tier("replikasi", 1, "replikasi"), tier("khusus", 1, "khusus")],
      rounds: { r2: [cand("r1", 1, "replikasi"), cand("u1", 2), cand("k1", 3, "khusus"), cand("u2", 4), cand("r2", 5, "replikasi"), cand("u3", 6)] },
      defaultRoundId: "r2",
    });
    expect(picks(r)).toEqual(["top2:u1", "top2:u2", "replikasi:r1", "khusus:k1"]);
  });

  it("skips a proposal an earlier tier took, even when the later tier draws from its group", () => {
    const r = allocateWinners({
      tiers: [tier("juara", 2), tier("umum", 2, "umum")],
      rounds: { r2: [cand("u1", 1), cand("r1", 2, "replikasi"), cand("u2", 3), cand("u3", 4)] },
      defaultRoundId: "r2",
    });
    expect(picks(r)).toEqual(["juara:u1", "juara:r1", "umum:u2", "umum:u3"]);
  });

  it("skips proposals taken across rounds (a tier on round 1 after one on round 2)", () => {
    const r = allocateWinners({
      tiers: [tier("final", 1, null, "r2"), tier("desk", 2, null, "r1")],
      rounds: { r2: [cand("b", 1), cand("a", 2)], r1: [cand("a", 1), cand("b", 2), cand("c", 3)] },
      defaultRoundId: "r2",
    });
    expect(picks(r)).toEqual(["final:b", "desk:a", "desk:c"]);
  });

  it("ranks advancing proposals first, then by rank, then by proposal number on equal rank", () => {
    const r = allocateWinners({
      tiers: [tier("all", 5)],
      rounds: {
        r2: [
          cand("stop1", 1, "umum", "stop"),
          cand("ovr", 7, "umum", "override_advance"),
          cand("y", 2),
          cand("x", 2),
          cand("ovs", 3, "umum", "override_stop"),
        ],
      },
      defaultRoundId: "r2",
    });
    // Advancing: x, y (rank 2, number N-x < N-y), ovr (7); then stopped: stop1 (1), ovs (3).
    expect(picks(r)).toEqual(["all:x", "all:y", "all:ovr", "all:stop1", "all:ovs"]);
  });

  it("reports a tie for the last place, broken by proposal number", () => {
    const r = allocateWinners({
      tiers: [tier("juara1", 1), tier("juara2", 1)],
      rounds: { r2: [cand("b", 1), cand("a", 1), cand("c", 3)] },
      defaultRoundId: "r2",
    });
    expect(picks(r)).toEqual(["juara1:a", "juara2:b"]);
    expect(r.problems).toEqual([{ kind: "tie", tierId: "juara1", rank: 1, proposalIds: ["a", "b"] }]);
  });

  it("leaves a tier short when there are too few candidates and says so", () => {
    const r = allocateWinners({
      tiers: [tier("top2", 2), tier("replikasi", 3, "replikasi"), tier("rest", 4)],
      rounds: { r2: [cand("a", 1), cand("b", 2), cand("r1", 3, "replikasi"), cand("c", 4)] },
      defaultRoundId: "r2",
    });
    expect(picks(r)).toEqual(["top2:a", "top2:b", "replikasi:r1", "rest:c"]);
    expect(r.problems).toEqual([
      { kind: "short", tierId: "replikasi", size: 3, filled: 1 },
      { kind: "short", tierId: "rest", size: 4, filled: 1 },
    ]);
  });

  it("gives nothing to a tier whose round is not decided, and nothing without any decided round", () => {
    const r = allocateWinners({
      tiers: [tier("a", 1, null, "r3"), tier("b", 1)],
      rounds: { r2: [cand("x", 1)] },
      defaultRoundId: "r2",
    });
    expect(picks(r)).toEqual(["b:x"]);
    expect(r.problems).toEqual([{ kind: "round_missing", tierId: "a", roundId: "r3" }]);

    const none = allocateWinners({ tiers: [tier("a", 2)], rounds: {}, defaultRoundId: null });
    expect(none).toEqual({ winners: [], problems: [{ kind: "round_missing", tierId: "a", roundId: null }] });
  });

  it("keeps fixed winners: taken everywhere and filling places of their tier", () => {
    const r = allocateWinners({
      tiers: [tier("juara1", 1), tier("top3", 3)],
      rounds: { r2: [cand("a", 1), cand("b", 2), cand("c", 3), cand("d", 4), cand("e", 5)] },
      defaultRoundId: "r2",
      fixed: [
        { tierId: "top3", proposalId: "a" },
        { tierId: "top3", proposalId: "zz" },
      ],
    });
    expect(picks(r)).toEqual(["juara1:b", "top3:c"]);
    expect(r.problems).toEqual([]);
  });

  it("a size-0 tier takes nothing", () => {
    const r = allocateWinners({ tiers: [tier("none", 0), tier("one", 1)], rounds: { r2: [cand("a", 1)] }, defaultRoundId: "r2" });
    expect(picks(r)).toEqual(["one:a"]);
    expect(r.problems).toEqual([]);
  });
});

describe("clusterBreakdown", () => {
  it("counts per bucket in the fixed order, BUMN and BUMD together, with percentages", () => {
    const rows = clusterBreakdown(["kota", "kabupaten", "kabupaten", "bumn", "bumd", "kementerian", "kota", "kabupaten"]);
    expect(rows).toEqual([
      { bucket: "kementerian", count: 1, percent: 12.5 },
      { bucket: "lembaga", count: 0, percent: 0 },
      { bucket: "provinsi", count: 0, percent: 0 },
      { bucket: "kabupaten", count: 3, percent: 37.5 },
      { bucket: "kota", count: 2, percent: 25 },
      { bucket: "bumn_bumd", count: 2, percent: 25 },
    ]);
  });

  it("shows OPD only when there is one, and accepts objects with a cluster", () => {
    const rows = clusterBreakdown([{ cluster: "opd" }, { cluster: "opd" }, { cluster: "provinsi" }]);
    expect(rows).toEqual([
      { bucket: "kementerian", count: 0, percent: 0 },
      { bucket: "lembaga", count: 0, percent: 0 },
      { bucket: "provinsi", count: 1, percent: 33.3 },
      { bucket: "kabupaten", count: 0, percent: 0 },
      { bucket: "kota", count: 0, percent: 0 },
      { bucket: "bumn_bumd", count: 0, percent: 0 },
      { bucket: "opd", count: 2, percent: 66.7 },
    ]);
  });

  it("an empty list keeps the fixed buckets at zero", () => {
    expect(clusterBreakdown([]).map((r) => [r.bucket, r.count, r.percent])).toEqual([
      ["kementerian", 0, 0],
      ["lembaga", 0, 0],
      ["provinsi", 0, 0],
      ["kabupaten", 0, 0],
      ["kota", 0, 0],
      ["bumn_bumd", 0, 0],
    ]);
  });

  it("maps clusters to buckets; an unknown cluster is never lost", () => {
    expect(["kementerian", "lembaga", "provinsi", "kabupaten", "kota", "bumn", "bumd", "opd", "lain"].map(clusterBucket)).toEqual([
      "kementerian",
      "lembaga",
      "provinsi",
      "kabupaten",
      "kota",
      "bumn_bumd",
      "bumn_bumd",
      "opd",
      "opd",
    ]);
  });
});

describe("PRESET_TIERS", () => {
  it("KIPP and provincial presets as agreed", () => {
    expect(PRESET_TIERS.kipp.map((t) => [t.key, t.size, t.groupKey])).toEqual([
      ["top45", 45, "umum"],
      ["outstanding", 5, "khusus"],
      ["top5_replikasi", 5, "replikasi"],
    ]);
    expect(PRESET_TIERS.kipp[0].nameId).toBe("Top 45 Inovasi Pelayanan Publik Terpuji");
    expect(PRESET_TIERS.provincial.map((t) => [t.key, t.size, t.groupKey])).toEqual([
      ["juara1", 1, null],
      ["juara2", 1, null],
      ["juara3", 1, null],
      ["harapan1", 1, null],
      ["harapan2", 1, null],
      ["harapan3", 1, null],
      ["top30", 30, null],
    ]);
  });
});
