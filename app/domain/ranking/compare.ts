/**
 * The one precision of the ranking: every comparison that decides something
 * (ties, pass grades, "sd = 0", disagreement, borderline, replay) is made on
 * values rounded to 9 decimal places, so floating-point noise such as
 * 0.1 + 0.2 = 0.30000000000000004 never decides a rank or a pass.
 * Scores themselves keep full precision (exports show them unrounded).
 */

const SCALE = 1e9;

/**
 * `x` as an integer number of 1e-9 units (Math.round: monotone, so the order
 * of quantized values never contradicts the order of the values).
 */
export function q9(x: number): number {
  return Math.round(x * SCALE);
}

/** -1, 0 or 1: `a` compared with `b` at 9 decimal places. */
export function cmp9(a: number, b: number): -1 | 0 | 1 {
  const d = q9(a) - q9(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** a = b at 9 decimal places. */
export function eq9(a: number, b: number): boolean {
  return cmp9(a, b) === 0;
}

/** a >= b at 9 decimal places (the pass-grade test). */
export function ge9(a: number, b: number): boolean {
  return cmp9(a, b) >= 0;
}

/** a > b at 9 decimal places (the disagreement test). */
export function gt9(a: number, b: number): boolean {
  return cmp9(a, b) > 0;
}

/** x = 0 at 9 decimal places (the "sd = 0" test). */
export function isZero9(x: number): boolean {
  return q9(x) === 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Proposal numbers ascending, digit runs compared as numbers
 * ("KIPP2025-000999" < "KIPP2025-1000000"), everything else by UTF-16 code
 * unit; no locale, so every server orders them the same way. Numbers that
 * compare equal this way ("A-01" and "A-1") fall back to plain code-unit order.
 */
export function compareProposalNumbers(a: string, b: string): number {
  let i = 0;
  let k = 0;
  while (i < a.length && k < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(k);
    if (isDigit(ca) && isDigit(cb)) {
      let ie = i;
      while (ie < a.length && isDigit(a.charCodeAt(ie))) ie++;
      let ke = k;
      while (ke < b.length && isDigit(b.charCodeAt(ke))) ke++;
      let is = i;
      while (is < ie - 1 && a.charCodeAt(is) === 48) is++;
      let ks = k;
      while (ks < ke - 1 && b.charCodeAt(ks) === 48) ks++;
      const la = ie - is;
      const lb = ke - ks;
      if (la !== lb) return la - lb;
      for (let t = 0; t < la; t++) {
        const d = a.charCodeAt(is + t) - b.charCodeAt(ks + t);
        if (d !== 0) return d;
      }
      i = ie;
      k = ke;
    } else {
      if (ca !== cb) return ca - cb;
      i++;
      k++;
    }
  }
  const rest = a.length - i - (b.length - k);
  if (rest !== 0) return rest;
  return a < b ? -1 : a > b ? 1 : 0;
}
