/**
 * Diversity (objective 3) as a laminar family, so that it is a separable
 * convex cost on a flow network: proposal p -> (p, outer group) -> (p, outer,
 * inner group) -> juror, the n-th juror of a group costing n - 1 (so a group of
 * n costs n(n-1)/2 = its number of same-group pairs).
 *
 * D counts pairs sharing an affiliation plus pairs sharing a region. When every
 * affiliation lies in one region (the usual case: an institution sits in one
 * region) the tree region -> affiliation counts D exactly; when every region
 * lies in one affiliation, affiliation -> region does. Otherwise the two
 * families cross, the tree region -> affiliation only counts same-affiliation
 * pairs inside a region (a lower bound on D) and the result is not proven
 * optimal for D (stats.diversityExact = false).
 */
import type { SolverJuror } from "./types";

export interface DiversityTree {
  /** Outer key per juror (-1 = none: no cost at that level). */
  outer: Int32Array;
  /** Inner key per juror, unique across outer groups (-1 = none). */
  inner: Int32Array;
  exact: boolean;
  outerIs: "region" | "affiliation";
}

function nestedIn(jurors: SolverJuror[], inner: (j: SolverJuror) => number | null, outer: (j: SolverJuror) => number | null) {
  const seen = new Map<number, number | null>();
  for (const j of jurors) {
    const i = inner(j);
    if (i === null) continue;
    const o = outer(j);
    if (!seen.has(i)) seen.set(i, o);
    else if (seen.get(i) !== o) return false;
  }
  return true;
}

export function diversityTree(jurors: SolverJuror[]): DiversityTree {
  const aff = (j: SolverJuror) => j.affiliation;
  const reg = (j: SolverJuror) => j.region;
  let outerF = reg;
  let innerF = aff;
  let exact = true;
  let outerIs: DiversityTree["outerIs"] = "region";
  if (nestedIn(jurors, aff, reg)) {
    // region -> affiliation
  } else if (nestedIn(jurors, reg, aff)) {
    outerF = aff;
    innerF = reg;
    outerIs = "affiliation";
  } else exact = false;
  const m = jurors.length;
  const outer = new Int32Array(m);
  const inner = new Int32Array(m);
  const outerIds = new Map<number, number>();
  const innerIds = new Map<string, number>();
  for (let j = 0; j < m; j++) {
    const o = outerF(jurors[j]);
    const i = innerF(jurors[j]);
    if (o === null) outer[j] = -1;
    else {
      if (!outerIds.has(o)) outerIds.set(o, outerIds.size);
      outer[j] = outerIds.get(o)!;
    }
    if (i === null) inner[j] = -1;
    else {
      const key = `${o}|${i}`;
      if (!innerIds.has(key)) innerIds.set(key, innerIds.size);
      inner[j] = innerIds.get(key)!;
    }
  }
  return { outer, inner, exact, outerIs };
}
