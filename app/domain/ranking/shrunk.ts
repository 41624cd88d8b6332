/**
 * The "shrunk" method: a fitted model of juror severity and spread with
 * empirical-Bayes shrinkage (docs/ranking.md, "shrunk").
 *
 *   T_ij − M = a_j + b_j·x_i + e_ij,   e_ij ~ N(0, σ²)
 *   a_j ~ N(0, τ_a²)   (severity: how much more/less juror j gives)
 *   b_j ~ N(1, τ_b²)   (spread: how much juror j stretches differences)
 *   x_i ~ N(0, τ_q²)   (quality of proposal i, centred on the round mean M)
 *
 * shrunk_i = M + x_i: the total a typical juror (a = 0, b = 1) would give.
 * Fitted by alternating ridge regressions (jurors given x, then proposals
 * given a, b) with EM-style updates of σ², τ_a², τ_b², τ_q² that include the
 * posterior variances (mean-field), in a fixed order with a fixed stopping
 * rule: the same sheets always give the same numbers. The average juror is
 * pinned at a = 0, b = 1 after every juror step (the gauge).
 */

/**
 * The fit stops after the first iteration in which no proposal's score moved
 * by more than TOLERANCE points, or after SHRUNK_MAX_ITERATIONS (both fixed, so
 * the same sheets always take the same path; bench/ranking.ts reports the
 * iterations used).
 */
export const SHRUNK_MAX_ITERATIONS = 100;
const TOLERANCE = 1e-9;
/** Lower bound of every variance, in squared points of the 0–100 total. */
const VAR_FLOOR = 1e-4;
/** Lower bound of a juror's spread b_j (a juror never counts "upside down"). */
const MIN_SPREAD = 0.1;

export interface ShrunkFit {
  /** x_i per proposal (NaN without scores); shrunk = M + x. */
  x: Float64Array;
  /** Juror severity a_j and spread b_j. */
  a: Float64Array;
  b: Float64Array;
  sigma2: number;
  tauA2: number;
  tauB2: number;
  tauQ2: number;
  /** Iterations run. */
  iterations: number;
}

/**
 * Fits the model on sheets grouped by proposal: sheet s in [start[i], start[i+1])
 * belongs to proposal i, was given by juror jurorOf[s] and has total total[s].
 */
export function fitShrunk(
  proposals: number,
  jurors: number,
  start: Int32Array,
  jurorOf: Int32Array,
  total: Float64Array,
  roundMean: number,
  maxIterations: number = SHRUNK_MAX_ITERATIONS,
): ShrunkFit {
  const P = proposals;
  const J = jurors;
  const N = total.length;
  const x = new Float64Array(P).fill(Number.NaN);
  const varX = new Float64Array(P);
  const a = new Float64Array(J);
  const b = new Float64Array(J).fill(1);
  const varA = new Float64Array(J);
  const varB = new Float64Array(J);
  if (N === 0) return { x, a, b, sigma2: VAR_FLOOR, tauA2: VAR_FLOOR, tauB2: VAR_FLOOR, tauQ2: VAR_FLOOR, iterations: 0 };
  const M = roundMean;

  // Start: x = raw mean − M, a = 0, b = 1; variances from the same raw figures.
  let scored = 0;
  let sx2 = 0;
  let within = 0;
  for (let i = 0; i < P; i++) {
    const s0 = start[i];
    const s1 = start[i + 1];
    if (s1 === s0) continue;
    let sum = 0;
    for (let s = s0; s < s1; s++) sum += total[s] - M;
    const xi = sum / (s1 - s0);
    x[i] = xi;
    scored++;
    sx2 += xi * xi;
    for (let s = s0; s < s1; s++) {
      const r = total[s] - M - xi;
      within += r * r;
    }
  }
  const jn = new Float64Array(J);
  const jy = new Float64Array(J);
  for (let i = 0; i < P; i++) {
    for (let s = start[i]; s < start[i + 1]; s++) {
      jn[jurorOf[s]]++;
      jy[jurorOf[s]] += total[s] - M;
    }
  }
  let sa2 = 0;
  let active = 0;
  for (let j = 0; j < J; j++) {
    if (jn[j] === 0) continue;
    const m = jy[j] / jn[j];
    sa2 += m * m;
    active++;
  }
  let sigma2 = Math.max(VAR_FLOOR, within / N);
  let tauQ2 = Math.max(VAR_FLOOR, sx2 / scored);
  let tauA2 = Math.max(VAR_FLOOR, sa2 / active);
  let tauB2 = 0.01;

  const sx = new Float64Array(J);
  const sxx = new Float64Array(J);
  const sxy = new Float64Array(J);
  const sy = new Float64Array(J);
  // Juror sums given x (E[x²] = x̂² + Var(x): the mean-field step keeps the spread honest).
  const accumulate = (i: number) => {
    const xi = x[i];
    const x2 = xi * xi + varX[i];
    for (let s = start[i]; s < start[i + 1]; s++) {
      const j = jurorOf[s];
      const y = total[s] - M;
      sx[j] += xi;
      sxx[j] += x2;
      sxy[j] += xi * y;
      sy[j] += y;
    }
  };
  for (let i = 0; i < P; i++) accumulate(i);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    // Jurors given x: ridge regression of y on (1, x) toward (0, 1).
    const la = sigma2 / tauA2;
    const lb = sigma2 / tauB2;
    for (let j = 0; j < J; j++) {
      const a00 = jn[j] + la;
      const a01 = sx[j];
      const a11 = sxx[j] + lb;
      const r0 = sy[j];
      const r1 = sxy[j] + lb;
      const det = a00 * a11 - a01 * a01;
      a[j] = (r0 * a11 - a01 * r1) / det;
      b[j] = Math.max(MIN_SPREAD, (a00 * r1 - a01 * r0) / det);
      varA[j] = (sigma2 * a11) / det;
      varB[j] = (sigma2 * a00) / det;
    }
    // Gauge: severity and quality are only seen through a_j + b_j·x_i, so fix
    // the average juror at severity 0 and spread 1 (the alternating steps
    // alone drift along these two directions for hundreds of iterations).
    let as = 0;
    let bs = 0;
    for (let j = 0; j < J; j++) {
      if (jn[j] === 0) continue;
      as += a[j];
      bs += b[j];
    }
    const shift = as / active;
    const c = bs / active;
    let aa = 0;
    let bb2 = 0;
    for (let j = 0; j < J; j++) {
      a[j] -= shift;
      b[j] /= c;
      varB[j] /= c * c;
      if (jn[j] === 0) continue;
      aa += a[j] * a[j] + varA[j];
      bb2 += (b[j] - 1) * (b[j] - 1) + varB[j];
    }
    // Proposals given a, b: ridge toward the round mean; in the same pass the
    // expected residuals and the juror sums of the next iteration.
    const lq = sigma2 / tauQ2;
    sx.fill(0);
    sxx.fill(0);
    sxy.fill(0);
    sy.fill(0);
    let moved = 0;
    let rss = 0;
    let qa = 0;
    for (let i = 0; i < P; i++) {
      const s0 = start[i];
      const s1 = start[i + 1];
      if (s1 === s0) continue;
      let bb = 0;
      let br = 0;
      for (let s = s0; s < s1; s++) {
        const j = jurorOf[s];
        const bj = b[j];
        bb += bj * bj + varB[j];
        br += bj * (total[s] - M - a[j]);
      }
      const xi = br / (bb + lq);
      const vx = sigma2 / (bb + lq);
      moved = Math.max(moved, Math.abs(xi - x[i]));
      x[i] = xi;
      varX[i] = vx;
      qa += xi * xi + vx;
      for (let s = s0; s < s1; s++) {
        const j = jurorOf[s];
        const r = total[s] - M - a[j] - b[j] * xi;
        rss += r * r + varA[j] + xi * xi * varB[j] + b[j] * b[j] * vx + varB[j] * vx;
      }
      accumulate(i);
    }
    // Empirical Bayes: each variance = the expected square under the current posteriors.
    sigma2 = Math.max(VAR_FLOOR, rss / N);
    tauQ2 = Math.max(VAR_FLOOR, qa / scored);
    tauA2 = Math.max(VAR_FLOOR, aa / active);
    tauB2 = Math.max(VAR_FLOOR, bb2 / active);
    if (moved <= TOLERANCE) break;
  }
  return { x, a, b, sigma2, tauA2, tauB2, tauQ2, iterations };
}
