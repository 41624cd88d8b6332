/**
 * Benchmark of the ranking (app/domain/ranking, docs/ranking.md).
 *
 *   npx tsx bench/ranking.ts
 *
 * (1) Speed: computeRanking on 2,100 proposals × 3 jurors × 7 criteria and on
 *     100,000 × 3 × 7, per method (each call computes every method's score, the
 *     method only changes the order and the rule); median of several runs after
 *     a warm-up. Goals: < 100 ms and < 3 s.
 * (2) Fairness: jurors with a personal offset, a personal spread and noise score
 *     a known true quality; over 20 seeds, Kendall's tau of each method's ranks to
 *     the truth and the share of the true Top 99 that a top-99 rule selects.
 *     Generative model (per seed):
 *       - 2,100 proposals, 30 jurors, k = 3: jurors dealt from a reshuffled deck
 *         of the 30, three per proposal, so every juror scores exactly 210;
 *       - true quality q_i ~ N(60, 12);
 *       - juror offset a_j ~ N(0, 8), spread b_j ~ U(0.6, 1.4);
 *       - juror j perceives v_ij = 60 + b_j·(q_i − 60) + a_j + e_ij, e_ij ~ N(0, 5);
 *       - criterion c (7 criteria, 0–100, weights 10/15/5/30/20/5/15 as in the
 *         provincial desk form) gets round(v_ij + ε_ijc), ε_ijc ~ N(0, 3),
 *         clipped to [0, 100].
 *     Scenario "panels": the same, but proposals fall into 9 categories whose
 *     true means differ (category shift ~ N(0, 6)), every juror covers 2
 *     neighbouring categories (a ring, so the panels overlap) and is assigned
 *     only there (balanced: least-loaded first). Severity and quality are then
 *     confounded within a panel, which per-juror normalisation cannot undo.
 *
 * Environment: BENCH_SEEDS (default 20; 0 skips the fairness part), BENCH_SKIP_LARGE=1 (skip 100,000).
 */
import { computeRanking, type Criterion, type Entrant, type Method, type RankingInput, type Sheet } from "../app/domain/ranking";
import { fitShrunk, SHRUNK_MAX_ITERATIONS } from "../app/domain/ranking/shrunk";
import { mulberry32 } from "../app/domain/assignment/prng";

const METHODS: Method[] = ["raw_mean", "normalized", "median", "shrunk"];
const WEIGHTS = [10, 15, 5, 30, 20, 5, 15];
const CRITERIA: Criterion[] = WEIGHTS.map((weight, c) => ({ key: `k${c + 1}`, weight, min: 0, max: 100 }));
const TOP = 99;

function gaussian(rand: () => number): () => number {
  return () => {
    let u = 0;
    while (u === 0) u = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
}

interface World {
  input: RankingInput;
  truth: Float64Array;
}

function simulate(seed: number, P: number, J: number, k: number, panels: boolean): World {
  const rand = mulberry32(seed);
  const norm = gaussian(rand);
  const CATS = 9;
  const catShift = Array.from({ length: CATS }, () => (panels ? 6 * norm() : 0));
  const truth = new Float64Array(P);
  const cat = new Int32Array(P);
  for (let i = 0; i < P; i++) {
    cat[i] = Math.floor(rand() * CATS);
    truth[i] = 60 + catShift[cat[i]] + 12 * norm();
  }
  const offset = Array.from({ length: J }, () => 8 * norm());
  const spread = Array.from({ length: J }, () => 0.6 + 0.8 * rand());
  const entrants: Entrant[] = [];
  for (let i = 0; i < P; i++) {
    entrants.push({
      proposalId: `p${i}`,
      number: `SIM-${String(i + 1).padStart(6, "0")}`,
      submittedAt: null,
      cluster: "x",
      category: `c${cat[i]}`,
      group: "umum",
    });
  }
  const sheets: Sheet[] = [];
  const score = (i: number, j: number) => {
    const v = 60 + spread[j] * (truth[i] - 60) + offset[j] + 5 * norm();
    const scores: Record<string, number> = {};
    for (const c of CRITERIA) scores[c.key] = Math.min(100, Math.max(0, Math.round(v + 3 * norm())));
    sheets.push({ proposalId: `p${i}`, jurorId: `j${String(j).padStart(3, "0")}`, scores });
  };
  if (!panels) {
    const deck = Array.from({ length: J }, (_, j) => j);
    let pos = J;
    for (let i = 0; i < P; i++) {
      // A fresh deck when this proposal's k jurors would not fit in the rest (none twice).
      if (pos + k > J) {
        for (let a = J - 1; a > 0; a--) {
          const b = Math.floor(rand() * (a + 1));
          [deck[a], deck[b]] = [deck[b], deck[a]];
        }
        pos = 0;
      }
      for (let t = 0; t < k; t++) score(i, deck[pos++]);
    }
  } else {
    // Juror j covers categories j mod 9 and (j + 1) mod 9.
    const load = new Int32Array(J);
    for (let i = 0; i < P; i++) {
      const pool: number[] = [];
      for (let j = 0; j < J; j++) if (j % CATS === cat[i] || (j + 1) % CATS === cat[i]) pool.push(j);
      pool.sort((a, b) => load[a] - load[b] || rand() - 0.5);
      for (let t = 0; t < k && t < pool.length; t++) {
        load[pool[t]]++;
        score(i, pool[t]);
      }
    }
  }
  return {
    input: { criteria: CRITERIA, sheets, entrants, method: "normalized", tiebreak: ["raw_mean"], rule: { kind: "top_n", n: TOP } },
    truth,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Median wall-clock and CPU (user + system) milliseconds; CPU time is the steadier figure on a shared machine. */
function timeMethod(input: RankingInput, method: Method, runs: number): { wall: number; cpu: number } {
  for (let w = 0; w < 2; w++) computeRanking({ ...input, method });
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    computeRanking({ ...input, method });
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** Kendall's tau-a between the strict ranks and the true quality (no ties in either). */
function kendallTau(rankOf: Int32Array, truth: Float64Array): number {
  const n = truth.length;
  let concordant = 0;
  let discordant = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const s = (rankOf[b] - rankOf[a]) * (truth[a] - truth[b]);
      if (s > 0) concordant++;
      else if (s < 0) discordant++;
    }
  }
  return (concordant - discordant) / ((n * (n - 1)) / 2);
}

function fairness(seeds: number, panels: boolean) {
  const tau: Record<Method, number[]> = { raw_mean: [], normalized: [], median: [], shrunk: [] };
  const top: Record<Method, number[]> = { raw_mean: [], normalized: [], median: [], shrunk: [] };
  for (let seed = 1; seed <= seeds; seed++) {
    const { input, truth } = simulate(1000 + seed, 2100, 30, 3, panels);
    const P = truth.length;
    const trueOrder = Array.from({ length: P }, (_, i) => i).sort((a, b) => truth[b] - truth[a]);
    const trueTop = new Set(trueOrder.slice(0, TOP).map((i) => `p${i}`));
    for (const method of METHODS) {
      const result = computeRanking({ ...input, method });
      const rankOf = new Int32Array(P);
      let hits = 0;
      for (const row of result.rows) {
        rankOf[Number(row.proposalId.slice(1))] = row.rank;
        if (row.decision === "advance" && trueTop.has(row.proposalId)) hits++;
      }
      tau[method].push(kendallTau(rankOf, truth));
      top[method].push(hits / TOP);
    }
  }
  return { tau, top };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
function sdev(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) * (b - m), 0) / xs.length);
}
function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}
function f(x: number, d = 3): string {
  return x.toFixed(d);
}

// (1) Speed.
console.log("## Speed (median ms per computeRanking call)\n");
const shapes = [
  { name: "2,100 × 3 × 7", P: 2100, J: 30, runs: 9, goal: 100 },
  ...(process.env.BENCH_SKIP_LARGE ? [] : [{ name: "100,000 × 3 × 7", P: 100_000, J: 1000, runs: 3, goal: 3000 }]),
];
console.log(`| shape | ${METHODS.map((m) => `${m} wall / cpu`).join(" | ")} | goal |`);
console.log(`|---|${METHODS.map(() => "---:").join("|")}|---:|`);
for (const s of shapes) {
  const { input } = simulate(7, s.P, s.J, 3, false);
  const ms = METHODS.map((m) => timeMethod(input, m, s.runs));
  const ok = ms.every((x) => Math.min(x.wall, x.cpu) < s.goal);
  console.log(`| ${s.name} | ${ms.map((x) => `${f(x.wall, 1)} / ${f(x.cpu, 1)}`).join(" | ")} | < ${s.goal} ${ok ? "✓" : "✗"} |`);
}
console.log(`\n(load average at the end: ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(", ")}; ${(await import("node:os")).cpus().length} CPUs)`);

// Iterations the shrunk fit needs on the fairness data, and its fitted variances.
for (const panels of [false, true]) {
  const { input } = simulate(1001, 2100, 30, 3, panels);
  const ids = [...new Set(input.sheets.map((s) => s.jurorId))].sort();
  const jIndex = new Map(ids.map((id, j) => [id, j]));
  const P = input.entrants.length;
  const start = new Int32Array(P + 1);
  for (const s of input.sheets) start[Number(s.proposalId.slice(1)) + 1]++;
  for (let i = 0; i < P; i++) start[i + 1] += start[i];
  const fillAt = start.slice(0, P);
  const jurorOf = new Int32Array(input.sheets.length);
  const total = new Float64Array(input.sheets.length);
  const W = WEIGHTS.reduce((a, b) => a + b, 0);
  const sorted = [...input.sheets].sort((a, b) => (a.jurorId < b.jurorId ? -1 : 1));
  for (const s of sorted) {
    const p = Number(s.proposalId.slice(1));
    const at = fillAt[p]++;
    jurorOf[at] = jIndex.get(s.jurorId)!;
    total[at] = (100 * CRITERIA.reduce((acc, c) => acc + (c.weight * s.scores[c.key]) / 100, 0)) / W;
  }
  const M = total.reduce((a, b) => a + b, 0) / total.length;
  const fit = fitShrunk(P, ids.length, start, jurorOf, total, M);
  console.log(
    `\nshrunk fit (${panels ? "panels" : "random"}, seed 1001): ` +
      `${fit.iterations < SHRUNK_MAX_ITERATIONS ? "converged after" : "stopped at the cap of"} ${fit.iterations} iterations; ` +
      `σ = ${f(Math.sqrt(fit.sigma2), 2)}, τ_a = ${f(Math.sqrt(fit.tauA2), 2)}, τ_b = ${f(Math.sqrt(fit.tauB2), 3)}, τ_q = ${f(Math.sqrt(fit.tauQ2), 2)}`,
  );
}

// (2) Fairness.
const seeds = Number(process.env.BENCH_SEEDS ?? 20);
for (const panels of seeds > 0 ? [false, true] : []) {
  const { tau, top } = fairness(seeds, panels);
  console.log(
    `\n## Fairness, ${panels ? "panels by category (overlapping ring)" : "random balanced assignment"}: 2,100 × 30 jurors × k = 3, ${seeds} seeds (mean ± sd)\n`,
  );
  console.log(`| method | Kendall's tau to truth | share of true Top ${TOP} selected | min share |`);
  console.log("|---|---:|---:|---:|");
  for (const m of METHODS) {
    console.log(
      `| ${pad(m, 10)} | ${f(mean(tau[m]))} ± ${f(sdev(tau[m]))} | ${f(mean(top[m]))} ± ${f(sdev(top[m]))} | ${f(Math.min(...top[m]))} |`,
    );
  }
  const wins = top.shrunk.filter((x, s) => x > top.normalized[s]).length;
  const losses = top.shrunk.filter((x, s) => x < top.normalized[s]).length;
  console.log(`\nshrunk vs normalized, Top ${TOP} share per seed: better ${wins}, worse ${losses}, equal ${seeds - wins - losses}`);
}
