import { cmp9 } from "./compare";
import { computeRanking } from "./compute";
import type { Decision, RankingInput, RankingResult } from "./types";

/** One entry of a recorded decision (round_decision_entries). */
export interface RecordedEntry {
  proposalId: string;
  rank: number;
  decision: Decision;
  /** When given, the recorded score is compared too (at 9 decimal places). */
  score?: number | null;
}

export interface ReplayDifference {
  proposalId: string;
  field: "rank" | "decision" | "score";
  /** null: the proposal is missing on that side. */
  recorded: number | string | null;
  recomputed: number | string | null;
}

export interface ReplayResult {
  equal: boolean;
  differences: ReplayDifference[];
  /** The recomputed ranking, for showing next to the recorded one. */
  result: RankingResult;
}

/**
 * Recomputes the decision from the raw sheets, rubric, rule and overrides in
 * `input`, and compares each proposal's rank and decision (and score, when
 * recorded) with the recorded list. Differences come in recomputed rank order,
 * then proposals only in the record, in recorded order.
 */
export function replayDecision(input: RankingInput, recorded: readonly RecordedEntry[]): ReplayResult {
  const result = computeRanking(input);
  const byId = new Map<string, RecordedEntry>();
  for (const e of recorded) byId.set(e.proposalId, e);
  const differences: ReplayDifference[] = [];
  const seen = new Set<string>();
  for (const row of result.rows) {
    seen.add(row.proposalId);
    const rec = byId.get(row.proposalId);
    if (!rec) {
      differences.push({ proposalId: row.proposalId, field: "rank", recorded: null, recomputed: row.rank });
      differences.push({ proposalId: row.proposalId, field: "decision", recorded: null, recomputed: row.decision });
      continue;
    }
    if (rec.rank !== row.rank) {
      differences.push({ proposalId: row.proposalId, field: "rank", recorded: rec.rank, recomputed: row.rank });
    }
    if (rec.decision !== row.decision) {
      differences.push({ proposalId: row.proposalId, field: "decision", recorded: rec.decision, recomputed: row.decision });
    }
    if (rec.score !== undefined) {
      const a = rec.score;
      const b = row.score;
      const same = a === null || b === null ? a === b : cmp9(a, b) === 0;
      if (!same) differences.push({ proposalId: row.proposalId, field: "score", recorded: a, recomputed: b });
    }
  }
  for (const rec of recorded) {
    if (seen.has(rec.proposalId)) continue;
    seen.add(rec.proposalId);
    differences.push({ proposalId: rec.proposalId, field: "rank", recorded: rec.rank, recomputed: null });
    differences.push({ proposalId: rec.proposalId, field: "decision", recorded: rec.decision, recomputed: null });
  }
  return { equal: differences.length === 0, differences, result };
}
