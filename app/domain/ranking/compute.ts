import { applyRule } from "./advancement";
import { cmp9, compareProposalNumbers, isZero9, q9 } from "./compare";
import { fitShrunk } from "./shrunk";
import { compileRubric, readScores, totalAt } from "./totals";
import type { Decision, Entrant, JurorStat, RankingInput, RankingResult, ResultRow, Stratum } from "./types";

export const DEFAULT_THRESHOLD = 25;
export const DEFAULT_BAND = 2;
/** A juror's own mean and SD are used for z only from this many scores on. */
export const MIN_JUROR_SCORES = 3;

function codeUnitCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function orNull(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

function stratumValue(e: Entrant, by: Stratum): string {
  return (by === "category" ? e.category : by === "cluster" ? e.cluster : e.group) ?? "";
}

/**
 * The results of a round (definitions in docs/ranking.md). Pure: the same
 * input gives the same result whatever the order of entrants and sheets,
 * because everything is computed in a canonical order (entrants by proposal
 * number, jurors by id). Sheets of proposals that are not entrants are
 * ignored; two sheets of one juror for one proposal are an error.
 */
export function computeRanking(input: RankingInput): RankingResult {
  const criteria = input.criteria;
  const rubric = compileRubric(criteria);
  const C = criteria.length;
  const keys = rubric.keys;
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const band = input.band ?? DEFAULT_BAND;

  // Entrants in canonical order: proposal number ascending (the last tie-break), then id.
  const entrants = [...input.entrants].sort(
    (a, b) => compareProposalNumbers(a.number, b.number) || codeUnitCompare(a.proposalId, b.proposalId),
  );
  const P = entrants.length;
  const indexOf = new Map<string, number>();
  for (let i = 0; i < P; i++) {
    if (indexOf.has(entrants[i].proposalId)) throw new Error(`ranking: entrant ${entrants[i].proposalId} appears twice`);
    indexOf.set(entrants[i].proposalId, i);
  }

  // Sheets of entrants, grouped by proposal (counting sort), then by juror id.
  const sheets = input.sheets;
  const pOf = new Int32Array(sheets.length);
  const start = new Int32Array(P + 1);
  const jurorSet = new Set<string>();
  for (let k = 0; k < sheets.length; k++) {
    const p = indexOf.get(sheets[k].proposalId);
    if (p === undefined) {
      pOf[k] = -1;
      continue;
    }
    pOf[k] = p;
    start[p + 1]++;
    jurorSet.add(sheets[k].jurorId);
  }
  for (let i = 0; i < P; i++) start[i + 1] += start[i];
  const N = start[P];
  const jurorIds = [...jurorSet].sort(codeUnitCompare);
  const J = jurorIds.length;
  const jurorIndex = new Map<string, number>();
  for (let j = 0; j < J; j++) jurorIndex.set(jurorIds[j], j);
  const src = new Int32Array(N);
  const jurorOf = new Int32Array(N);
  const fill = start.slice(0, P);
  for (let k = 0; k < sheets.length; k++) {
    const p = pOf[k];
    if (p < 0) continue;
    const s = fill[p]++;
    src[s] = k;
    jurorOf[s] = jurorIndex.get(sheets[k].jurorId)!;
  }
  for (let i = 0; i < P; i++) {
    for (let s = start[i] + 1; s < start[i + 1]; s++) {
      const j = jurorOf[s];
      const k = src[s];
      let t = s - 1;
      while (t >= start[i] && jurorOf[t] > j) {
        jurorOf[t + 1] = jurorOf[t];
        src[t + 1] = src[t];
        t--;
      }
      if (t >= start[i] && jurorOf[t] === j) {
        throw new Error(`ranking: juror ${jurorIds[j]} has two sheets for proposal ${entrants[i].proposalId}`);
      }
      jurorOf[t + 1] = j;
      src[t + 1] = k;
    }
  }

  // Totals T (once) and the raw criterion scores.
  const total = new Float64Array(N);
  const crit = new Float64Array(N * C);
  for (let s = 0; s < N; s++) {
    readScores(rubric, sheets[src[s]].scores, crit, s * C);
    total[s] = totalAt(rubric, crit, s * C);
  }

  // Round mean M and population SD of every submitted total.
  let M = Number.NaN;
  let SD = Number.NaN;
  if (N > 0) {
    let sum = 0;
    for (let s = 0; s < N; s++) sum += total[s];
    M = sum / N;
    let ss = 0;
    for (let s = 0; s < N; s++) ss += (total[s] - M) * (total[s] - M);
    SD = Math.sqrt(ss / N);
  }

  // Each juror's n, mean m_j and population SD sd_j.
  const jn = new Float64Array(J);
  const jm = new Float64Array(J);
  const jsd = new Float64Array(J);
  for (let s = 0; s < N; s++) {
    jn[jurorOf[s]]++;
    jm[jurorOf[s]] += total[s];
  }
  for (let j = 0; j < J; j++) jm[j] /= jn[j];
  for (let s = 0; s < N; s++) {
    const d = total[s] - jm[jurorOf[s]];
    jsd[jurorOf[s]] += d * d;
  }
  for (let j = 0; j < J; j++) jsd[j] = Math.sqrt(jsd[j] / jn[j]);
  const ownScale = new Uint8Array(J);
  for (let j = 0; j < J; j++) ownScale[j] = jn[j] >= MIN_JUROR_SCORES && !isZero9(jsd[j]) ? 1 : 0;
  const roundSdZero = N === 0 || isZero9(SD);

  // Per-proposal figures.
  const rawMean = new Float64Array(P).fill(Number.NaN);
  const normalized = new Float64Array(P).fill(Number.NaN);
  const median = new Float64Array(P).fill(Number.NaN);
  const sd = new Float64Array(P).fill(Number.NaN);
  const min = new Float64Array(P).fill(Number.NaN);
  const max = new Float64Array(P).fill(Number.NaN);
  const critMean = new Float64Array(P * C).fill(Number.NaN);
  let widest = 0;
  for (let i = 0; i < P; i++) widest = Math.max(widest, start[i + 1] - start[i]);
  const tmp = new Float64Array(widest);
  for (let i = 0; i < P; i++) {
    const s0 = start[i];
    const n = start[i + 1] - s0;
    if (n === 0) continue;
    let sum = 0;
    let zs = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let s = s0; s < s0 + n; s++) {
      const t = total[s];
      sum += t;
      if (t < lo) lo = t;
      if (t > hi) hi = t;
      const j = jurorOf[s];
      zs += ownScale[j] ? (t - jm[j]) / jsd[j] : roundSdZero ? 0 : (t - M) / SD;
    }
    const mean = sum / n;
    rawMean[i] = mean;
    normalized[i] = M + SD * (zs / n);
    min[i] = lo;
    max[i] = hi;
    let ss = 0;
    for (let s = s0; s < s0 + n; s++) ss += (total[s] - mean) * (total[s] - mean);
    sd[i] = Math.sqrt(ss / n);
    for (let t = 0; t < n; t++) {
      const v = total[s0 + t];
      let u = t - 1;
      while (u >= 0 && tmp[u] > v) {
        tmp[u + 1] = tmp[u];
        u--;
      }
      tmp[u + 1] = v;
    }
    median[i] = n % 2 === 1 ? tmp[(n - 1) / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
    for (let c = 0; c < C; c++) {
      let cs = 0;
      for (let s = s0; s < s0 + n; s++) cs += crit[s * C + c];
      critMean[i * C + c] = cs / n;
    }
  }
  const fit = fitShrunk(P, J, start, jurorOf, total, N > 0 ? M : 0);
  const shrunk = new Float64Array(P);
  for (let i = 0; i < P; i++) shrunk[i] = M + fit.x[i];

  const byMethod = { raw_mean: rawMean, normalized, median, shrunk } as const;
  const score = byMethod[input.method];
  if (!score) throw new Error(`ranking: unknown method ${String(input.method)}`);

  // Sort keys, smaller first: the method's score descending at 9 dp (no score last),
  // then the round's tie-breaks, then the canonical index (= proposal number ascending).
  const desc = (v: Float64Array) => {
    const k = new Float64Array(P);
    for (let i = 0; i < P; i++) k[i] = Number.isNaN(v[i]) ? Infinity : -q9(v[i]);
    return k;
  };
  const sortKeys: Float64Array[] = [desc(score)];
  for (const tk of input.tiebreak) {
    if (tk === "submitted_at") {
      const k = new Float64Array(P);
      for (let i = 0; i < P; i++) {
        const at = entrants[i].submittedAt;
        const ms = at ? Date.parse(at) : Number.NaN;
        k[i] = Number.isNaN(ms) ? Infinity : ms;
      }
      sortKeys.push(k);
    } else if (tk.startsWith("criterion:")) {
      const c = keys.indexOf(tk.slice("criterion:".length));
      // A tie-break on a criterion no longer in the rubric is skipped (the settings page warns).
      if (c < 0) continue;
      const v = new Float64Array(P);
      for (let i = 0; i < P; i++) v[i] = critMean[i * C + c];
      sortKeys.push(desc(v));
    } else if (tk in byMethod) {
      sortKeys.push(desc(byMethod[tk as keyof typeof byMethod]));
    }
  }
  const idx = new Array<number>(P);
  for (let i = 0; i < P; i++) idx[i] = i;
  const K = sortKeys.length;
  idx.sort((a, b) => {
    for (let t = 0; t < K; t++) {
      const x = sortKeys[t][a];
      const y = sortKeys[t][b];
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return a - b;
  });
  const order = Int32Array.from(idx);

  // Advancement rule, overrides, borderline.
  const rule = input.rule;
  const by = rule.kind === "quota" || rule.kind === "proportional" ? rule.by : null;
  const stratumOf = (i: number) => (by ? stratumValue(entrants[i], by) : "");
  const outcome = applyRule(rule, order, score, stratumOf);
  const stratumCutoff = new Map<string, number | null>();
  for (const st of outcome.strata ?? []) stratumCutoff.set(st.key, st.cutoff);
  const overrides = input.overrides ?? {};

  const rows: ResultRow[] = new Array(P);
  for (let r = 0; r < P; r++) {
    const i = order[r];
    const e = entrants[i];
    const n = start[i + 1] - start[i];
    const criterionMeans: Record<string, number | null> = {};
    for (let c = 0; c < C; c++) criterionMeans[keys[c]] = orNull(critMean[i * C + c]);
    const ruleDecision = outcome.advance[i] ? "advance" : "stop";
    const o = Object.hasOwn(overrides, e.proposalId) ? overrides[e.proposalId] : undefined;
    const decision: Decision = o === "advance" ? "override_advance" : o === "stop" ? "override_stop" : ruleDecision;
    const cutoff = by ? (stratumCutoff.get(stratumOf(i)) ?? null) : outcome.cutoff;
    const s = score[i];
    rows[r] = {
      proposalId: e.proposalId,
      number: e.number,
      rank: r + 1,
      nScores: n,
      rawMean: orNull(rawMean[i]),
      normalized: orNull(normalized[i]),
      median: orNull(median[i]),
      shrunk: orNull(shrunk[i]),
      score: orNull(s),
      sd: orNull(sd[i]),
      min: orNull(min[i]),
      max: orNull(max[i]),
      criterionMeans,
      disagreement: n > 0 && cmp9(max[i] - min[i], threshold) > 0,
      ruleDecision,
      decision,
      borderline: !Number.isNaN(s) && cutoff !== null && cmp9(Math.abs(s - cutoff), band) <= 0,
    };
  }

  const jurors: JurorStat[] = new Array(J);
  const hist: number[][] = Array.from({ length: J }, () => new Array<number>(10).fill(0));
  for (let s = 0; s < N; s++) {
    const bin = Math.min(9, Math.max(0, Math.floor(q9(total[s]) / 1e10)));
    hist[jurorOf[s]][bin]++;
  }
  for (let j = 0; j < J; j++) {
    jurors[j] = { jurorId: jurorIds[j], n: jn[j], mean: jm[j], sd: jsd[j], offset: jm[j] - M, histogram: hist[j] };
  }

  const result: RankingResult = {
    rows,
    jurors,
    roundMean: orNull(M),
    roundSd: orNull(SD),
    cutoff: outcome.cutoff,
  };
  if (outcome.strata) result.strata = outcome.strata;
  return result;
}
