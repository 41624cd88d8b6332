/**
 * Benchmark of the exact jury-assignment solver (app/domain/assignment).
 *
 *   npm run bench:assign
 *
 * Random instances shaped like real editions (9 categories, each juror 2-3 of
 * them, 5 % of pairs conflicted, k = 3, maxLoad = ceil(1.3 n k / m), 5 % of
 * jurors with a min load of 0.8 n k / m). For each shape it prints the time,
 * the objective, rule violations (checkAssignment, goal 0), the solver's
 * optimality certificate (reduced costs >= 0 under the final potentials, no
 * augmenting path, no balancing move inside the optimal face), an independent
 * lower bound on mismatches (Hall bound over category sets) and, on the
 * reference shapes, whether the textbook reference min-cost flow agrees.
 *
 * Environment: BENCH_SHAPES (comma list of names, default all),
 * BENCH_RUNS (calls per shape: the first is reported as cold, the median of the
 * others as warm; default 3, 1 for the largest),
 * BENCH_REFERENCE=full (also run the reference on the whole national shape,
 * about a minute), BENCH_SEED (instance seed, default 11).
 */
import {
  checkAssignment,
  referenceSolve,
  solveAssignment,
  type SolverInstance,
  type SolverResult,
} from "../app/domain/assignment";
import { shapedInstance } from "../app/domain/assignment/random-instance";

interface Shape {
  name: string;
  n: number;
  m: number;
  goalMs: number;
  diversity?: boolean;
  runs?: number;
}

const SHAPES: Shape[] = [
  { name: "national", n: 2100, m: 30, goalMs: 500 },
  { name: "national+diversity", n: 2100, m: 30, goalMs: Infinity, diversity: true },
  { name: "5k", n: 5000, m: 500, goalMs: 2000 },
  { name: "5k+diversity", n: 5000, m: 500, goalMs: Infinity, diversity: true, runs: 1 },
  { name: "20k", n: 20000, m: 2000, goalMs: 20000, runs: 1 },
  { name: "20k+diversity", n: 20000, m: 2000, goalMs: Infinity, diversity: true, runs: 1 },
];
const seed = Number(process.env.BENCH_SEED ?? 11);
const wanted = process.env.BENCH_SHAPES?.split(",").map((s) => s.trim());
const runsDefault = Number(process.env.BENCH_RUNS ?? 3);

/**
 * Lower bound on mismatches of a complete assignment: the work left minus the
 * maximum flow that uses expert pairs only (no conflict, category in the
 * juror's expertise, caps as given). Plain Dinic on the explicit expert-only
 * network, independent of the solver; skipped (null) above 20 M candidate pairs.
 */
function mismatchLowerBound(inst: SolverInstance): number | null {
  const n = inst.proposals.length;
  const m = inst.jurors.length;
  if (n * m > 20_000_000) return null;
  const blocked = new Set<number>();
  for (let i = 0; i < inst.conflicts.length; i += 2) blocked.add(inst.conflicts[i] * m + inst.conflicts[i + 1]);
  const exP = new Int32Array(n);
  const exJ = new Int32Array(m);
  for (let i = 0; i < inst.existing.length; i += 2) {
    blocked.add(inst.existing[i] * m + inst.existing[i + 1]);
    exP[inst.existing[i]]++;
    exJ[inst.existing[i + 1]]++;
  }
  const S = n + m;
  const T = S + 1;
  const head = new Int32Array(T + 1).fill(-1);
  const to: number[] = [];
  const cap: number[] = [];
  const next: number[] = [];
  const arc = (u: number, v: number, c: number) => {
    to.push(v, u);
    cap.push(c, 0);
    next.push(head[u], head[v]);
    head[u] = to.length - 2;
    head[v] = to.length - 1;
  };
  let work = 0;
  for (let p = 0; p < n; p++) {
    const dp = Math.max(0, inst.k - exP[p]);
    work += dp;
    if (dp > 0) arc(S, p, dp);
    const c = inst.proposals[p].category;
    for (let j = 0; j < m; j++)
      if (!blocked.has(p * m + j) && (c === null || inst.jurors[j].expertise.includes(c))) arc(p, n + j, 1);
  }
  for (let j = 0; j < m; j++) arc(n + j, T, Math.max(0, inst.jurors[j].maxLoad - exJ[j]));
  const level = new Int32Array(T + 1);
  const it = new Int32Array(T + 1);
  const queue = new Int32Array(T + 1);
  let flow = 0;
  for (;;) {
    level.fill(-1);
    level[S] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = S;
    while (qh < qt) {
      const u = queue[qh++];
      for (let e = head[u]; e !== -1; e = next[e])
        if (cap[e] > 0 && level[to[e]] < 0) {
          level[to[e]] = level[u] + 1;
          queue[qt++] = to[e];
        }
    }
    if (level[T] < 0) break;
    it.set(head);
    const dfs = (u: number, f: number): number => {
      if (u === T) return f;
      for (; it[u] !== -1; it[u] = next[it[u]]) {
        const e = it[u];
        const v = to[e];
        if (cap[e] > 0 && level[v] === level[u] + 1) {
          const got = dfs(v, Math.min(f, cap[e]));
          if (got > 0) {
            cap[e] -= got;
            cap[e ^ 1] += got;
            return got;
          }
        }
      }
      return 0;
    };
    for (let got = dfs(S, Infinity); got > 0; got = dfs(S, Infinity)) flow += got;
  }
  return work - flow;
}

function sub(inst: SolverInstance, n: number): SolverInstance {
  const conflicts: number[] = [];
  for (let i = 0; i < inst.conflicts.length; i += 2) if (inst.conflicts[i] < n) conflicts.push(inst.conflicts[i], inst.conflicts[i + 1]);
  const avg = (n * inst.k) / inst.jurors.length;
  return {
    ...inst,
    proposals: inst.proposals.slice(0, n),
    jurors: inst.jurors.map((j) => ({ ...j, maxLoad: Math.ceil(1.3 * avg), minLoad: j.minLoad ? Math.floor(0.8 * avg) : 0 })),
    conflicts,
  };
}

const mb = (x: number) => `${(x / 1048576).toFixed(0)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const objKey = (o: SolverResult["objective"], div: boolean) =>
  [o.assigned, o.minLoadDeficit, o.mismatches, o.sumSquares, ...(div ? [o.diversity] : [])].join("/");

const rows: string[][] = [];
console.log(`Node ${process.version}, ${process.platform}/${process.arch}; instance seed ${seed}`);
for (const shape of SHAPES) {
  if (wanted && !wanted.includes(shape.name)) continue;
  const tg = performance.now();
  const inst = shapedInstance({ proposals: shape.n, jurors: shape.m, seed, diversity: shape.diversity });
  const genMs = performance.now() - tg;
  const runs = shape.runs ?? runsDefault;
  const times: number[] = [];
  let res: SolverResult | null = null;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    res = solveAssignment(inst);
    times.push(performance.now() - t);
  }
  const cold = times[0];
  const warm = times.length > 1 ? median(times.slice(1)) : cold;
  const result = res!;
  const mem = process.memoryUsage();
  const violations = checkAssignment(inst, result.pairs);
  const cert = result.stats.certificate as { maxFlowOk: boolean; reducedCostsOk: boolean; balanceOk: boolean };
  const certOk = cert.maxFlowOk && cert.reducedCostsOk && cert.balanceOk && (!shape.diversity || result.stats.diversityCertified === true);
  const lb = mismatchLowerBound(inst);
  // reference solver: on the national shapes (a 500-proposal prefix unless BENCH_REFERENCE=full)
  let refText = "-";
  if (shape.m <= 30) {
    const full = process.env.BENCH_REFERENCE === "full";
    const small = full ? inst : sub(inst, 500);
    const t = performance.now();
    const ref = referenceSolve(small);
    const refMs = performance.now() - t;
    const mine = small === inst ? result : solveAssignment(small);
    const agree = objKey(ref.objective, !!shape.diversity) === objKey(mine.objective, !!shape.diversity);
    refText = `${agree ? "agrees" : "DIFFERS"} (${small.proposals.length}x${shape.m}, ${(refMs / 1000).toFixed(1)} s)`;
    if (!agree) console.log("reference", ref.objective, "solver", mine.objective);
  }
  const o = result.objective;
  const goal = shape.goalMs === Infinity ? "-" : `< ${shape.goalMs / 1000} s`;
  const status = shape.goalMs === Infinity ? "-" : cold < shape.goalMs ? "GOAL MET" : "GOAL MISSED";
  rows.push([
    shape.name,
    `${shape.n}x${shape.m}`,
    `${(cold / 1000).toFixed(3)} s`,
    times.length > 1 ? `${(warm / 1000).toFixed(3)} s` : "-",
    goal,
    status,
    `${o.assigned}${result.complete ? "" : " (partial)"}`,
    `${o.mismatches} (LB ${lb ?? "-"})`,
    `${o.maxLoad}/${o.minLoad}/${o.spread}`,
    shape.diversity ? String(o.diversity) : `(${o.diversity})`,
    String(violations.length),
    certOk ? "holds" : "FAILS",
    refText,
  ]);
  console.log(
    `${shape.name}: runs ${times.map((t) => t.toFixed(0)).join(", ")} ms; generate ${genMs.toFixed(0)} ms; ` +
      `rss ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)}, external+arrays ${mb(mem.external + mem.arrayBuffers)}; ` +
      `stats ${JSON.stringify(result.stats, (k, v) => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v) : v))}`,
  );
  if (violations.length) console.log("  violations:", violations.slice(0, 5));
}
const head = ["shape", "n x m", "cold", "warm", "goal", "status", "assigned", "mismatches", "max/min/spread", "diversity", "violations", "certificate", "reference"];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log();
console.log(line(head));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
console.log(
  "\ncold = first call in this process (includes JIT warm-up; the goal is judged on it), warm = median of the" +
    "\nfollowing calls. LB = work - max flow on expert-only pairs (a lower bound on mismatches)." +
    "\nDiversity in parentheses: not optimised (option off), shown for information.",
);
