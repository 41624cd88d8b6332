import { ge9 } from "./compare";
import type { AdvancementRule, StratumSeats } from "./types";

export interface RuleOutcome {
  /** 1 = the rule advances the entrant (indexed like `scores`). */
  advance: Uint8Array;
  /** Score of the last rule-advancing entrant (lowest such score), null for manual or nobody. */
  cutoff: number | null;
  /** Quota and proportional rules only, by stratum key ascending. */
  strata: StratumSeats[] | null;
}

export interface LargestRemainderStratum {
  key: string;
  size: number;
  /** At most this many seats (members that can take one); default: size. */
  capacity?: number;
}

function byRemainder(
  a: { rem: number; size: number; key: string },
  b: { rem: number; size: number; key: string },
): number {
  if (a.rem !== b.rem) return b.rem - a.rem;
  if (a.size !== b.size) return b.size - a.size;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Hamilton's largest-remainder method with capacities, in exact integer
 * arithmetic: seats_s = floor(total·size_s / N), then the seats left go one
 * each to the largest remainders (total·size_s mod N); equal remainders go to
 * the larger stratum, then to the smaller key (UTF-16 order). A stratum never
 * gets more seats than its capacity: every stratum over capacity is fixed at
 * its capacity, and the remaining seats are shared again among the others by
 * the same method, until none is over. At most min(total, Σ capacity) seats
 * are given.
 */
export function allocateLargestRemainder(total: number, strata: readonly LargestRemainderStratum[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of strata) out[s.key] = 0;
  let active = strata
    .filter((s) => s.size > 0)
    .map((s) => ({ key: s.key, size: s.size, capacity: Math.max(0, Math.min(s.size, s.capacity ?? s.size)) }));
  let seats = Math.max(0, Math.floor(total));
  seats = Math.min(
    seats,
    active.reduce((n, s) => n + s.capacity, 0),
  );
  while (seats > 0 && active.length > 0) {
    const N = active.reduce((n, s) => n + s.size, 0);
    const parts = active.map((s) => {
      const num = seats * s.size;
      const quota = Math.floor(num / N);
      return { key: s.key, size: s.size, capacity: s.capacity, seats: quota, rem: num - quota * N };
    });
    let left = seats - parts.reduce((n, p) => n + p.seats, 0);
    const ranked = [...parts].sort(byRemainder);
    for (let i = 0; left > 0; i++, left--) ranked[i].seats++;
    const over = parts.filter((p) => p.seats > p.capacity);
    if (over.length === 0) {
      for (const p of parts) out[p.key] = p.seats;
      break;
    }
    for (const p of over) {
      out[p.key] = p.capacity;
      seats -= p.capacity;
    }
    const fixed = new Set(over.map((p) => p.key));
    active = active.filter((s) => !fixed.has(s.key));
  }
  return out;
}

/**
 * Applies the round's rule in rank order. `order` lists entrant indexes by
 * rank; `scores[i]` is the method's score (NaN without a submitted score: such
 * an entrant never advances); `stratum[i]` the entrant's value of the rule's
 * stratum (null category = ""). Pass grades are compared at 9 decimal places.
 */
export function applyRule(
  rule: AdvancementRule,
  order: Int32Array,
  scores: Float64Array,
  stratumOf: (i: number) => string,
): RuleOutcome {
  const n = order.length;
  const advance = new Uint8Array(scores.length);
  const scored = (i: number) => !Number.isNaN(scores[i]);
  const passes = (i: number, min: number | undefined) => scored(i) && (min === undefined || ge9(scores[i], min));
  let last = -1;
  const take = (i: number) => {
    advance[i] = 1;
    last = i;
  };

  switch (rule.kind) {
    case "manual":
      return { advance, cutoff: null, strata: null };
    case "top_n":
    case "pass_grade":
    case "top_n_pass": {
      const cap = rule.kind === "pass_grade" ? Infinity : Math.max(0, Math.floor(rule.n));
      const min = rule.kind === "top_n" ? undefined : rule.min;
      let taken = 0;
      for (let r = 0; r < n && taken < cap; r++) {
        const i = order[r];
        if (!passes(i, min)) continue;
        take(i);
        taken++;
      }
      return { advance, cutoff: last < 0 ? null : scores[last], strata: null };
    }
    case "quota":
    case "proportional": {
      const sizes = new Map<string, number>();
      const eligible = new Map<string, number>();
      for (let r = 0; r < n; r++) {
        const i = order[r];
        const k = stratumOf(i);
        sizes.set(k, (sizes.get(k) ?? 0) + 1);
        if (passes(i, rule.min)) eligible.set(k, (eligible.get(k) ?? 0) + 1);
      }
      const keys = [...sizes.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      let seats: Record<string, number>;
      if (rule.kind === "quota") {
        seats = {};
        for (const k of keys) {
          const q = rule.quotas[k];
          seats[k] = typeof q === "number" && Number.isFinite(q) ? Math.max(0, Math.floor(q)) : 0;
        }
      } else {
        seats = allocateLargestRemainder(
          rule.total,
          keys.map((key) => ({ key, size: sizes.get(key)!, capacity: eligible.get(key) ?? 0 })),
        );
      }
      const used = new Map<string, number>();
      const lastOf = new Map<string, number>();
      for (let r = 0; r < n; r++) {
        const i = order[r];
        const k = stratumOf(i);
        const u = used.get(k) ?? 0;
        if (u >= seats[k] || !passes(i, rule.min)) continue;
        take(i);
        used.set(k, u + 1);
        lastOf.set(k, i);
      }
      const strata = keys.map((key) => {
        const li = lastOf.get(key);
        return {
          key,
          size: sizes.get(key)!,
          eligible: eligible.get(key) ?? 0,
          seats: seats[key],
          cutoff: li === undefined ? null : scores[li],
        };
      });
      return { advance, cutoff: last < 0 ? null : scores[last], strata };
    }
  }
}
