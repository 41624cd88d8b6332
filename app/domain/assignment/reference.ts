/**
 * The reference solver: a textbook min-cost flow on the EXPLICIT network,
 * successive shortest paths with Bellman-Ford (SPFA) and lexicographic tuple
 * costs. Simple and obviously correct; slow (use it up to a few hundred
 * proposals). It is the optimality check for the fast solver in the tests
 * and the benchmark.
 *
 * Network: s -> p (capacity k - kept), p -> j (1, cost [0, mismatch, 0, 0])
 * for every allowed pair, j -> t as unit arcs, the u-th new unit of juror j
 * costing [-1 if it is within the min load else 0, 0, 2L - 1 with L the total
 * load it makes, 0] (so the sum is -minUnits, ..., sum of squares). With
 * diversity, p -> j goes through (p, outer group) and (p, outer, inner group)
 * nodes whose unit arcs cost [0, 0, 0, n - 1] for the group's n-th juror.
 * Every augmentation of SSP keeps the flow min-cost for its value, so the
 * final flow is a maximum flow of lexicographically minimum cost:
 * (assigned, min-load deficit, mismatches, sum of squares, diversity).
 */
import { evaluateAssignment } from "./check";
import { diversityTree } from "./diversity-model";
import type { SolverInstance, SolverObjective } from "./types";

const D = 4;

class TupleFlow {
  head: number[] = [];
  to: number[] = [];
  next: number[] = [];
  cap: number[] = [];
  cost: number[] = [];
  nodes = 0;
  node(): number {
    this.head.push(-1);
    return this.nodes++;
  }
  arc(u: number, v: number, cap: number, c: number[]): number {
    const e = this.to.length;
    this.to.push(v, u);
    this.cap.push(cap, 0);
    this.next.push(this.head[u], this.head[v]);
    this.head[u] = e;
    this.head[v] = e + 1;
    for (let i = 0; i < D; i++) this.cost.push(c[i]);
    for (let i = 0; i < D; i++) this.cost.push(-c[i]);
    return e;
  }
  /** Successive shortest paths (SPFA, one unit per augmentation). Returns the flow value. */
  run(s: number, t: number): number {
    const V = this.nodes;
    let flow = 0;
    const dist = new Float64Array(V * D);
    const inQ = new Uint8Array(V);
    const prev = new Int32Array(V);
    for (;;) {
      dist.fill(Infinity);
      prev.fill(-1);
      for (let i = 0; i < D; i++) dist[s * D + i] = 0;
      const queue = [s];
      inQ[s] = 1;
      let qi = 0;
      while (qi < queue.length) {
        const u = queue[qi++];
        inQ[u] = 0;
        for (let e = this.head[u]; e !== -1; e = this.next[e]) {
          if (this.cap[e] <= 0) continue;
          const v = this.to[e];
          // lexicographic compare of dist[u] + cost[e] with dist[v]
          let better = false;
          for (let i = 0; i < D; i++) {
            const a = dist[u * D + i] + this.cost[e * D + i];
            const b = dist[v * D + i];
            if (a !== b) {
              better = a < b;
              break;
            }
          }
          if (!better) continue;
          for (let i = 0; i < D; i++) dist[v * D + i] = dist[u * D + i] + this.cost[e * D + i];
          prev[v] = e;
          if (!inQ[v]) {
            inQ[v] = 1;
            queue.push(v);
          }
        }
        if (queue.length > 64 && qi > queue.length / 2) {
          queue.splice(0, qi);
          qi = 0;
        }
      }
      if (prev[t] === -1) return flow;
      for (let v = t; v !== s; v = this.to[prev[v] ^ 1]) {
        this.cap[prev[v]] -= 1;
        this.cap[prev[v] ^ 1] += 1;
      }
      flow++;
    }
  }
}

export interface ReferenceResult {
  pairs: Int32Array;
  objective: SolverObjective;
  /** Whether the diversity model is exact for this instance (see diversity-model.ts). */
  diversityExact: boolean;
}

export function referenceSolve(inst: SolverInstance): ReferenceResult {
  const n = inst.proposals.length;
  const m = inst.jurors.length;
  const k = inst.k;
  const blocked = new Set<number>();
  const exP = new Array<number>(n).fill(0);
  const exJ = new Array<number>(m).fill(0);
  const exOf: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i + 1 < inst.conflicts.length; i += 2) blocked.add(inst.conflicts[i] * m + inst.conflicts[i + 1]);
  for (let i = 0; i + 1 < inst.existing.length; i += 2) {
    const p = inst.existing[i];
    const j = inst.existing[i + 1];
    blocked.add(p * m + j);
    exP[p]++;
    exJ[j]++;
    exOf[p].push(j);
  }
  const g = new TupleFlow();
  const s = g.node();
  const t = g.node();
  const pNode = Array.from({ length: n }, () => g.node());
  const jNode = Array.from({ length: m }, () => g.node());
  const tree = inst.diversity ? diversityTree(inst.jurors) : null;
  const pairArcs: { e: number; p: number; j: number }[] = [];
  for (let p = 0; p < n; p++) {
    const need = Math.max(0, k - exP[p]);
    if (need > 0) g.arc(s, pNode[p], need, [0, 0, 0, 0]);
    const cat = inst.proposals[p].category;
    const outerNode = new Map<number, number>();
    const innerNode = new Map<number, number>();
    const groupArcs = (from: number, exCount: number, withCost: boolean) => {
      const v = g.node();
      for (let u = 1; u <= need; u++) g.arc(from, v, 1, [0, 0, 0, withCost ? exCount + u - 1 : 0]);
      return v;
    };
    for (let j = 0; j < m; j++) {
      if (blocked.has(p * m + j)) continue;
      const w = cat !== null && !inst.jurors[j].expertise.includes(cat) ? 1 : 0;
      let from = pNode[p];
      if (tree) {
        const o = tree.outer[j];
        const i = tree.inner[j];
        if (!outerNode.has(o)) {
          const ex = exOf[p].filter((x) => tree.outer[x] === o).length;
          outerNode.set(o, groupArcs(pNode[p], ex, o >= 0));
        }
        from = outerNode.get(o)!;
        const ik = i >= 0 ? i : -1 - o - 1; // one "no inner group" node per outer group
        if (!innerNode.has(ik)) {
          const ex = i >= 0 ? exOf[p].filter((x) => tree.inner[x] === i).length : 0;
          innerNode.set(ik, groupArcs(from, ex, i >= 0));
        }
        from = innerNode.get(ik)!;
      }
      pairArcs.push({ e: g.arc(from, jNode[j], 1, [0, w, 0, 0]), p, j });
    }
  }
  for (let j = 0; j < m; j++) {
    const { minLoad, maxLoad } = inst.jurors[j];
    for (let u = 1; exJ[j] + u <= maxLoad; u++) {
      const L = exJ[j] + u;
      g.arc(jNode[j], t, 1, [L <= minLoad ? -1 : 0, 0, 2 * L - 1, 0]);
    }
  }
  g.run(s, t);
  const out: number[] = [];
  for (const { e, p, j } of pairArcs) if (g.cap[e] === 0) out.push(p, j);
  const pairs = Int32Array.from(out);
  return { pairs, objective: evaluateAssignment(inst, pairs), diversityExact: tree ? tree.exact : true };
}
