/**
 * The fast exact solver. See docs/assignment-solver.md for the model, the
 * algorithm and why it is exact. In short:
 *
 * Network: s -> p (capacity d_p = k - kept pairs), p -> j (capacity 1, cost
 * 1 if the proposal's category is not in the juror's expertise, else 0) for
 * every pair that is neither conflicted nor kept, j -> t (the first r_j units
 * = what is missing to the juror's min load cost -X, the rest up to the max
 * load cost 0). X = n*k + 1 > any number of mismatches, so a min-cost maximum
 * flow is lexicographically: most pairs, then least min-load deficit, then
 * fewest mismatches.
 *
 * Stage A: primal-dual (successive shortest paths in phases). Dijkstra with
 * potentials on the IMPLICIT graph (p -> j arcs are tested against a conflict
 * bitset, never stored), then a maximum flow on the admissible arcs (reduced
 * cost 0): first direct s-p-j-t paths to the least-loaded juror (a greedy that
 * is already optimal within the phase), then Dinic blocking flows.
 * Stage B: sum of squares of juror loads, inside the optimal face of stage A
 * (arcs of reduced cost 0 under the final potentials): move one unit from a
 * juror a to a juror b along a face path while load_a >= load_b + 2. The load
 * vectors of the face form an M-convex set, for which that local criterion is
 * exact; the final search that finds no such move is the certificate.
 * Stage C (options.diversity): cycle cancelling with the costs (sum of
 * squares, diversity) on the face, see diversity-model.ts.
 */
import { evaluateAssignment } from "./check";
import { diversityTree } from "./diversity-model";
import { mulberry32, seededPermutation } from "./prng";
import type { Reason, SolverInstance, SolverResult } from "./types";

/** Internal knobs for tests (not part of the stable API). */
export interface SolverTuning {
  /** Stage C search: "auto" (compressed juror graph, expanded network as the fallback) or "expanded" only. */
  diversitySearch?: "auto" | "expanded";
  /** Test knob: reject every compressed cycle after applying it (exercises the undo and the exact fallback). */
  rejectCompressed?: boolean;
}

export function solveAssignment(inst: SolverInstance, tuning: SolverTuning = {}): SolverResult {
  const t0 = performance.now();
  const n = inst.proposals.length;
  const m = inst.jurors.length;
  const k = Math.max(0, inst.k | 0);
  const rand = mulberry32(inst.seed ?? 1);
  const pOrder = seededPermutation(n, rand);
  const jOrder = seededPermutation(m, rand);
  const jRank = new Int32Array(m);
  for (let i = 0; i < m; i++) jRank[jOrder[i]] = i;

  // ---- categories and expertise --------------------------------------------------------------
  const catIds = new Map<number, number>();
  for (const pr of inst.proposals) if (pr.category !== null && !catIds.has(pr.category)) catIds.set(pr.category, catIds.size);
  const C = catIds.size;
  const C1 = C + 1; // slot C = null category (nobody mismatches)
  const catOf = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const c = inst.proposals[p].category;
    catOf[p] = c === null ? C : catIds.get(c)!;
  }
  const expert = new Uint8Array(m * C1);
  for (let j = 0; j < m; j++) {
    expert[j * C1 + C] = 1;
    for (const c of inst.jurors[j].expertise) {
      const id = catIds.get(c);
      if (id !== undefined) expert[j * C1 + id] = 1;
    }
  }
  const w = (p: number, j: number) => 1 - expert[j * C1 + catOf[p]];

  // ---- blocked pairs (conflicts and kept pairs) as a bitset ------------------------------------
  const W = (m + 31) >>> 5;
  const lastMask = m % 32 === 0 ? 0xffffffff : (1 << m % 32) - 1;
  const blocked = new Uint32Array(n * W);
  const isBlocked = (p: number, j: number) => (blocked[p * W + (j >>> 5)] >>> (j & 31)) & 1;
  const block = (p: number, j: number) => {
    blocked[p * W + (j >>> 5)] |= 1 << (j & 31);
  };
  const inRange = (p: number, j: number) => p >= 0 && p < n && j >= 0 && j < m;
  for (let i = 0; i + 1 < inst.conflicts.length; i += 2) {
    const p = inst.conflicts[i];
    const j = inst.conflicts[i + 1];
    if (inRange(p, j)) block(p, j);
  }
  const exP = new Int32Array(n);
  const exJ = new Int32Array(m);
  for (let i = 0; i + 1 < inst.existing.length; i += 2) {
    const p = inst.existing[i];
    const j = inst.existing[i + 1];
    if (!inRange(p, j)) continue;
    block(p, j);
    exP[p]++;
    exJ[j]++;
  }
  const d = new Int32Array(n);
  for (let p = 0; p < n; p++) d[p] = Math.max(0, k - exP[p]);
  const cap = new Int32Array(m);
  const r = new Int32Array(m);
  let maxTotalLoad = 0;
  let rTotal = 0;
  for (let j = 0; j < m; j++) {
    cap[j] = Math.max(0, inst.jurors[j].maxLoad - exJ[j]);
    r[j] = Math.min(cap[j], Math.max(0, inst.jurors[j].minLoad - exJ[j]));
    rTotal += r[j];
    maxTotalLoad = Math.max(maxTotalLoad, exJ[j] + cap[j]);
  }

  // ---- the flow: new pairs, per proposal (k slots) and per juror (cap slots) -------------------
  // one slack slot per proposal and per juror: stage C applies a cycle move by move
  const K1 = k + 1;
  const slot = new Int32Array(n * K1).fill(-1);
  const cnt = new Int32Array(n);
  const jOff = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) jOff[j + 1] = jOff[j] + cap[j] + 1;
  const jList = new Int32Array(jOff[m]);
  const f = new Int32Array(m);
  const add = (p: number, j: number) => {
    slot[p * K1 + cnt[p]++] = j;
    jList[jOff[j] + f[j]++] = p;
  };
  const remove = (p: number, j: number) => {
    const b = p * K1;
    const last = --cnt[p];
    for (let i = 0; i <= last; i++)
      if (slot[b + i] === j) {
        slot[b + i] = slot[b + last];
        break;
      }
    slot[b + last] = -1;
    const o = jOff[j];
    const lj = --f[j];
    for (let i = 0; i <= lj; i++)
      if (jList[o + i] === p) {
        jList[o + i] = jList[o + lj];
        break;
      }
  };
  const isAssigned = (p: number, j: number) => {
    const b = p * K1;
    for (let i = 0; i < cnt[p]; i++) if (slot[b + i] === j) return true;
    return false;
  };
  // stamp: marks the jurors assigned to one proposal, to skip them in O(1) while scanning
  const stampOf = new Int32Array(m);
  let stampNo = 0;
  const stampAssigned = (p: number) => {
    stampNo++;
    const b = p * K1;
    for (let i = 0; i < cnt[p]; i++) stampOf[slot[b + i]] = stampNo;
    return stampNo;
  };

  // ---- nodes and potentials ------------------------------------------------------------------
  const N = n + m + 2;
  const S = n + m;
  const T = n + m + 1;
  const X = n * k + 1;
  const pi = new Float64Array(N);
  if (rTotal > 0) pi[T] = -X;
  /** Cost of one more unit into j's sink arc (Infinity: full). */
  const upCost = (j: number) => (f[j] < r[j] ? -X : f[j] < cap[j] ? 0 : Infinity);
  /** Sink arc j -> t admissible (reduced cost 0 and residual). */
  const sinkAdm = (j: number) => {
    const c = upCost(j);
    return c !== Infinity && c + pi[n + j] - pi[T] === 0;
  };
  const movUp = sinkAdm;
  const movDown = (j: number) => {
    if (f[j] === 0) return false;
    const c = f[j] > r[j] ? 0 : X; // reverse of the last unit's cost
    return c + pi[T] - pi[n + j] === 0;
  };

  // ---- Dijkstra with an indexed binary heap ---------------------------------------------------
  const dist = new Float64Array(N);
  const done = new Uint8Array(N);
  const heap = new Int32Array(N);
  const hpos = new Int32Array(N);
  let hsize = 0;
  const siftUp = (i: number) => {
    const v = heap[i];
    const dv = dist[v];
    while (i > 0) {
      const pa = (i - 1) >> 1;
      const u = heap[pa];
      if (dist[u] <= dv) break;
      heap[i] = u;
      hpos[u] = i;
      i = pa;
    }
    heap[i] = v;
    hpos[v] = i;
  };
  const popMin = () => {
    const top = heap[0];
    hpos[top] = -1;
    const v = heap[--hsize];
    if (hsize > 0) {
      let i = 0;
      const dv = dist[v];
      for (;;) {
        let c = 2 * i + 1;
        if (c >= hsize) break;
        if (c + 1 < hsize && dist[heap[c + 1]] < dist[heap[c]]) c++;
        if (dist[heap[c]] >= dv) break;
        heap[i] = heap[c];
        hpos[heap[i]] = i;
        i = c;
      }
      heap[i] = v;
      hpos[v] = i;
    }
    return top;
  };
  const relax = (v: number, nd: number) => {
    if (nd < dist[v] && !done[v]) {
      dist[v] = nd;
      if (hpos[v] < 0) {
        heap[hsize] = v;
        hpos[v] = hsize++;
      }
      siftUp(hpos[v]);
    }
  };
  let scanned = 0;
  const dijkstra = (): number => {
    dist.fill(Infinity);
    done.fill(0);
    hpos.fill(-1);
    hsize = 0;
    dist[S] = 0;
    heap[hsize] = S;
    hpos[S] = hsize++;
    while (hsize > 0) {
      const u = popMin();
      done[u] = 1;
      const du = dist[u];
      if (u === T) return du;
      if (u === S) {
        for (let p = 0; p < n; p++) if (cnt[p] < d[p]) relax(p, du + pi[S] - pi[p]);
      } else if (u < n) {
        scanned++;
        const st = stampAssigned(u);
        const base = du + pi[u];
        const cb = catOf[u];
        const row = u * W;
        for (let wi = 0; wi < W; wi++) {
          let bits = ~blocked[row + wi];
          if (wi === W - 1) bits &= lastMask;
          while (bits !== 0) {
            const low = bits & -bits;
            const j = (wi << 5) + (31 - Math.clz32(low));
            bits ^= low;
            const v = n + j;
            if (done[v] || stampOf[j] === st) continue;
            const nd = base + 1 - expert[j * C1 + cb] - pi[v];
            if (nd < dist[v]) relax(v, nd);
          }
        }
      } else {
        const j = u - n;
        const o = jOff[j];
        for (let i = 0; i < f[j]; i++) {
          const q = jList[o + i];
          if (!done[q]) relax(q, du - w(q, j) + pi[u] - pi[q]);
        }
        const c = upCost(j);
        if (c !== Infinity) relax(T, du + c + pi[u] - pi[T]);
      }
    }
    return Infinity;
  };

  // ---- greedy direct augmentations s -> p -> j -> t on admissible arcs, least-loaded juror first ----
  const order = new Int32Array(m);
  const where = new Int32Array(m);
  const bStart = new Int32Array(maxTotalLoad + 3);
  const tree = inst.diversity ? diversityTree(inst.jurors) : null;
  // ---- diversity helpers (only with options.diversity) ------------------------------------------
  let exOff = new Int32Array(0);
  let exList = new Int32Array(0);
  let same = new Uint8Array(0);
  if (tree) {
    exOff = new Int32Array(n + 1);
    for (let i = 0; i + 1 < inst.existing.length; i += 2) if (inRange(inst.existing[i], inst.existing[i + 1])) exOff[inst.existing[i] + 1]++;
    for (let p = 0; p < n; p++) exOff[p + 1] += exOff[p];
    exList = new Int32Array(exOff[n]);
    {
      const fillP = exOff.slice();
      for (let i = 0; i + 1 < inst.existing.length; i += 2)
        if (inRange(inst.existing[i], inst.existing[i + 1])) exList[fillP[inst.existing[i]]++] = inst.existing[i + 1];
    }
    same = new Uint8Array(m * m);
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++) {
        const x = inst.jurors[a];
        const y = inst.jurors[b];
        same[a * m + b] =
          (x.affiliation !== null && x.affiliation === y.affiliation ? 1 : 0) + (x.region !== null && x.region === y.region ? 1 : 0);
      }
  }
  /** Pairs juror x would form with p's jurors (kept + new), not counting `skip`. */
  const pairsWith = (p: number, x: number, skip: number) => {
    let s = 0;
    for (let i = exOff[p]; i < exOff[p + 1]; i++) s += same[x * m + exList[i]];
    const b = p * K1;
    for (let i = 0; i < cnt[p]; i++) {
      const y = slot[b + i];
      if (y !== skip && y !== x) s += same[x * m + y];
    }
    return s;
  };
  let greedyPairs = 0;
  const greedyDirect = () => {
    bStart.fill(0);
    for (let j = 0; j < m; j++) bStart[exJ[j] + f[j] + 1]++;
    for (let l = 1; l < bStart.length; l++) bStart[l] += bStart[l - 1];
    const fill = bStart.slice();
    for (let i = 0; i < m; i++) {
      const j = jOrder[i];
      const l = exJ[j] + f[j];
      order[fill[l]] = j;
      where[j] = fill[l]++;
    }
    for (let pi_ = 0; pi_ < n; pi_++) {
      const p = pOrder[pi_];
      if (cnt[p] >= d[p] || pi[S] - pi[p] !== 0) continue;
      let st = stampAssigned(p);
      const ok = (j: number) => stampOf[j] !== st && !isBlocked(p, j) && w(p, j) + pi[p] - pi[n + j] === 0 && sinkAdm(j);
      for (let i = 0; i < m && cnt[p] < d[p]; i++) {
        let j = order[i];
        if (!ok(j)) continue;
        if (tree) {
          // diversity tie-break: among the admissible jurors of this same load, the fewest same-group pairs
          const l0 = exJ[j] + f[j];
          let bestCost = pairsWith(p, j, -1);
          for (let i2 = i + 1; i2 < bStart[l0 + 1] && bestCost > 0; i2++) {
            const j2 = order[i2];
            if (!ok(j2)) continue;
            const c2 = pairsWith(p, j2, -1);
            if (c2 < bestCost) {
              bestCost = c2;
              j = j2;
            }
          }
          if (j !== order[i]) {
            // bring the chosen juror to position i (same bucket, so the order stays valid)
            const other = order[i];
            const pj = where[j];
            order[i] = j;
            where[j] = i;
            order[pj] = other;
            where[other] = pj;
          }
        }
        add(p, j);
        greedyPairs++;
        st = stampAssigned(p);
        // move j from bucket l to bucket l + 1 (swap with the last of bucket l)
        const l = exJ[j] + f[j] - 1;
        const lastPos = bStart[l + 1] - 1;
        const other = order[lastPos];
        order[lastPos] = j;
        where[j] = lastPos;
        order[i] = other;
        where[other] = i;
        bStart[l + 1]--;
        i--; // re-examine the juror now at position i
      }
    }
  };

  // ---- unvisited-juror lists: scan only the jurors an admissible arc p -> j can reach ------------
  // p -> j is admissible (reduced cost 0) iff pi_j = pi_p + w(p, j): jurors are kept in lists by
  // (potential class, category, expert or not); a search removes a juror from all its lists when it
  // visits it, so scanning p costs O(jurors it visits + jurors blocked for p), not O(m).
  const lNext = new Int32Array(m * C1);
  const lPrev = new Int32Array(m * C1);
  const jClass = new Int32Array(m);
  const classOfPi = new Map<number, number>();
  let heads = new Int32Array(0);
  const buildLists = () => {
    classOfPi.clear();
    for (let j = 0; j < m; j++) {
      const v = pi[n + j];
      let c = classOfPi.get(v);
      if (c === undefined) {
        c = classOfPi.size;
        classOfPi.set(v, c);
      }
      jClass[j] = c;
    }
    heads = new Int32Array(classOfPi.size * C1 * 2).fill(-1);
    for (let idx = m - 1; idx >= 0; idx--) {
      const j = jOrder[idx];
      for (let c = 0; c < C1; c++) {
        const h = (jClass[j] * C1 + c) * 2 + expert[j * C1 + c];
        const node = j * C1 + c;
        lNext[node] = heads[h];
        lPrev[node] = -1 - h;
        if (heads[h] >= 0) lPrev[heads[h]] = node;
        heads[h] = node;
      }
    }
  };
  const unlinkJuror = (j: number) => {
    for (let c = 0; c < C1; c++) {
      const node = j * C1 + c;
      const pr = lPrev[node];
      const nx = lNext[node];
      if (pr >= 0) lNext[pr] = nx;
      else heads[-1 - pr] = nx;
      if (nx >= 0) lPrev[nx] = pr;
    }
  };
  /** Calls visit(j) (which must unlink j) for every still-listed juror j with p -> j admissible. */
  const scanAdmissible = (p: number, visit: (j: number) => void) => {
    const st = stampAssigned(p);
    const c = catOf[p];
    for (let e = 1; e >= 0; e--) {
      const K = classOfPi.get(pi[p] + 1 - e);
      if (K === undefined) continue;
      let node = heads[(K * C1 + c) * 2 + e];
      while (node >= 0) {
        const nx = lNext[node];
        const j = (node / C1) | 0;
        if (stampOf[j] !== st && !isBlocked(p, j)) visit(j);
        node = nx;
      }
    }
  };

  // ---- Dinic on the admissible graph -------------------------------------------------------------
  const level = new Int32Array(N);
  const queue = new Int32Array(N);
  const dead = new Uint8Array(N);
  let tLevel = -1;
  let levelJurors: Int32Array[] = [];
  let level1: Int32Array = new Int32Array(0);
  const curP = new Int32Array(n);
  const curJ = new Int32Array(m);
  let jSnap = new Int32Array(0);
  const snapCnt = new Int32Array(m);
  let dinicRounds = 0;
  let dinicPaths = 0;
  let bfsLv = 0;
  let bfsQt = 0;
  const bfsVisit = (j: number) => {
    level[n + j] = bfsLv;
    queue[bfsQt++] = n + j;
    unlinkJuror(j);
  };
  const bfsLevels = (): boolean => {
    buildLists();
    level.fill(-1);
    let qh = 0;
    bfsQt = 0;
    level[S] = 0;
    for (let i = 0; i < n; i++) {
      const p = pOrder[i];
      if (cnt[p] < d[p] && pi[S] - pi[p] === 0) {
        level[p] = 1;
        queue[bfsQt++] = p;
      }
    }
    tLevel = -1;
    while (qh < bfsQt) {
      const u = queue[qh++];
      if (u >= n) {
        const j = u - n;
        if (tLevel < 0 && sinkAdm(j)) tLevel = level[u] + 1;
      }
      if (tLevel >= 0 && level[u] >= tLevel - 1) break;
      if (u < n) {
        bfsLv = level[u] + 1;
        scanAdmissible(u, bfsVisit);
      } else {
        const j = u - n;
        const o = jOff[j];
        for (let i = 0; i < f[j]; i++) {
          const q = jList[o + i];
          if (level[q] < 0 && -w(q, j) + pi[u] - pi[q] === 0) {
            level[q] = level[u] + 1;
            queue[bfsQt++] = q;
          }
        }
      }
    }
    if (tLevel < 0) return false;
    const byLevel: number[][] = [];
    const l1: number[] = [];
    for (let i = 0; i < bfsQt; i++) {
      const u = queue[i];
      if (u < n) {
        if (level[u] === 1) l1.push(u);
      } else {
        (byLevel[level[u]] ??= []).push(u - n);
      }
    }
    levelJurors = byLevel.map((a) => Int32Array.from(a ?? []));
    level1 = Int32Array.from(l1);
    return true;
  };
  const stack = new Int32Array(N + 1);
  const blockingFlow = () => {
    dinicRounds++;
    dead.fill(0);
    curP.fill(0);
    curJ.fill(0);
    jSnap = jList.slice();
    snapCnt.set(f);
    let curS = 0;
    let sp = 0;
    stack[sp++] = S;
    while (sp > 0) {
      const u = stack[sp - 1];
      if (u >= n && u !== S && level[u] === tLevel - 1 && sinkAdm(u - n)) {
        // augment along S, p0, J0, p1, J1, ..., Jr
        for (let i = 2; i + 1 < sp; i += 2) remove(stack[i + 1], stack[i] - n);
        for (let i = 1; i + 1 < sp; i += 2) add(stack[i], stack[i + 1] - n);
        dinicPaths++;
        sp = 1;
        continue;
      }
      let v = -1;
      if (u === S) {
        while (curS < level1.length) {
          const p = level1[curS];
          if (!dead[p] && cnt[p] < d[p]) {
            v = p;
            break;
          }
          curS++;
        }
      } else if (u < n) {
        const list = levelJurors[level[u] + 1];
        if (list) {
          while (curP[u] < list.length) {
            const j = list[curP[u]];
            const J = n + j;
            if (!dead[J] && !isBlocked(u, j) && w(u, j) + pi[u] - pi[J] === 0 && !isAssigned(u, j)) {
              v = J;
              break;
            }
            curP[u]++;
          }
        }
      } else if (level[u] < tLevel - 1) {
        const j = u - n;
        const o = jOff[j];
        while (curJ[j] < snapCnt[j]) {
          const q = jSnap[o + curJ[j]];
          if (!dead[q] && level[q] === level[u] + 1 && -w(q, j) + pi[u] - pi[q] === 0 && isAssigned(q, j)) {
            v = q;
            break;
          }
          curJ[j]++;
        }
      }
      if (v < 0) {
        dead[u] = 1;
        sp--;
        continue;
      }
      stack[sp++] = v;
    }
  };

  // ---- Stage A ---------------------------------------------------------------------------------
  const tA = performance.now();
  let phases = 0;
  for (;;) {
    const dt = dijkstra();
    if (dt === Infinity) break;
    phases++;
    for (let v = 0; v < N; v++) pi[v] += Math.min(dist[v], dt);
    const before = greedyPairs + dinicPaths;
    greedyDirect();
    while (bfsLevels()) blockingFlow();
    // a shortest path is admissible after the lift, so a phase always augments; never loop on a bug
    if (greedyPairs + dinicPaths === before) break;
  }
  const msA = performance.now() - tA;

  // ---- Stage B: balance inside the optimal face --------------------------------------------------
  const tB = performance.now();
  const vis = new Int32Array(N);
  let visNo = 0;
  const parent = new Int32Array(N);
  let balanceMoves = 0;
  let balanceSearches = 0;
  const load = (j: number) => exJ[j] + f[j];
  const reached: number[] = [];
  let fsParent = 0;
  let fsQt = 0;
  const fsVisit = (j: number) => {
    vis[n + j] = visNo;
    parent[n + j] = fsParent;
    queue[fsQt++] = n + j;
    reached.push(j);
    unlinkJuror(j);
  };
  const faceSearch = (wantTarget: (src: number, b: number) => boolean): number => {
    // incremental BFS from movable-down jurors, highest load first; returns a target juror or -1
    balanceSearches++;
    visNo++;
    buildLists();
    const srcs: number[] = [];
    for (let j = 0; j < m; j++) if (movDown(j)) srcs.push(j);
    srcs.sort((a, b) => load(b) - load(a) || jRank[a] - jRank[b]);
    reached.length = 0;
    let qh = 0;
    fsQt = 0;
    let si = 0;
    while (si < srcs.length) {
      const lvl = load(srcs[si]);
      while (si < srcs.length && load(srcs[si]) === lvl) {
        const a = srcs[si++];
        if (vis[n + a] === visNo) continue;
        vis[n + a] = visNo;
        parent[n + a] = -1;
        queue[fsQt++] = n + a;
        reached.push(a);
        unlinkJuror(a);
      }
      while (qh < fsQt) {
        const u = queue[qh++];
        if (u === S) {
          for (let i = 0; i < n; i++) {
            const q = pOrder[i];
            if (vis[q] !== visNo && cnt[q] < d[q] && pi[S] - pi[q] === 0) {
              vis[q] = visNo;
              parent[q] = S;
              queue[fsQt++] = q;
            }
          }
        } else if (u < n) {
          if (vis[S] !== visNo && cnt[u] > 0 && pi[u] - pi[S] === 0) {
            vis[S] = visNo;
            parent[S] = u;
            queue[fsQt++] = S;
          }
          fsParent = u;
          scanAdmissible(u, fsVisit);
        } else {
          const j = u - n;
          const o = jOff[j];
          for (let i = 0; i < f[j]; i++) {
            const q = jList[o + i];
            if (vis[q] !== visNo && w(q, j) + pi[q] - pi[u] === 0) {
              vis[q] = visNo;
              parent[q] = u;
              queue[fsQt++] = q;
            }
          }
        }
      }
      let best = -1;
      for (const b of reached) {
        if (!wantTarget(lvl, b)) continue;
        if (best < 0 || load(b) < load(best) || (load(b) === load(best) && jRank[b] < jRank[best])) best = b;
      }
      if (best >= 0) return best;
    }
    return -1;
  };
  const applyPath = (b: number) => {
    const removes: number[] = [];
    const adds: number[] = [];
    let v = n + b;
    while (parent[v] !== -1) {
      const u = parent[v];
      if (v >= n && v !== S) adds.push(u, v - n); // u (proposal) -> juror v
      else if (v < n && u !== S) removes.push(v, u - n); // juror u -> proposal v: v leaves u
      v = u;
    }
    for (let i = 0; i < removes.length; i += 2) remove(removes[i], removes[i + 1]);
    for (let i = 0; i < adds.length; i += 2) add(adds[i], adds[i + 1]);
  };
  const improving = (lvl: number, b: number) => movUp(b) && load(b) <= lvl - 2;
  for (;;) {
    const b = faceSearch(improving);
    if (b < 0) break;
    applyPath(b);
    balanceMoves++;
  }
  const msB = performance.now() - tB;

  // ---- Stage C: diversity, by cycle cancelling inside the faces of A and B ------------------------
  const tC = performance.now();
  let divCycles = 0;
  let divFallbacks = 0;
  let diversityCertified: boolean | undefined;
  if (tree) {
    const divOf = (p: number) => {
      let s = 0;
      const b = p * K1;
      for (let i = 0; i < cnt[p]; i++) s += pairsWith(p, slot[b + i], -1);
      // new-new pairs were counted twice, kept-new once
      let nn = 0;
      for (let i = 0; i < cnt[p]; i++) for (let i2 = i + 1; i2 < cnt[p]; i2++) nn += same[slot[b + i] * m + slot[b + i2]];
      let ee = 0;
      for (let i = exOff[p]; i < exOff[p + 1]; i++)
        for (let i2 = i + 1; i2 < exOff[p + 1]; i2++) ee += same[exList[i] * m + exList[i2]];
      return s - nn + ee;
    };
    const totalDiversity = () => {
      let s = 0;
      for (let p = 0; p < n && s === 0; p++) s += divOf(p);
      return s;
    };
    const faceArc = (p: number, j: number) => w(p, j) + pi[p] - pi[n + j] === 0;
    // compressed graph on jurors + S' + T': arc a -> b labelled p = "p moves from a to b"
    const V = m + 2;
    const SV = m;
    const TV = m + 1;
    const aSq = new Float64Array(V * V);
    const aD = new Float64Array(V * V);
    const aLab = new Int32Array(V * V);
    const cand = (u: number, v: number, sq: number, dd: number, p: number) => {
      const e = u * V + v;
      if (sq < aSq[e] || (sq === aSq[e] && dd < aD[e])) {
        aSq[e] = sq;
        aD[e] = dd;
        aLab[e] = p;
      }
    };
    const distSq = new Float64Array(V);
    const distD = new Float64Array(V);
    const par = new Int32Array(V);
    const fromProposal = (a: number, p: number) => {
      // arcs a -> b (and a -> S') offered by p, one of a's proposals
      if (!faceArc(p, a)) return;
      const gain = pairsWith(p, a, -1);
      if (pi[p] - pi[S] === 0) cand(a, SV, 0, -gain, p);
      const st = stampAssigned(p);
      for (let b = 0; b < m; b++) {
        if (b === a || stampOf[b] === st || isBlocked(p, b) || !faceArc(p, b)) continue;
        cand(a, b, 0, pairsWith(p, b, a) - gain, p);
      }
    };
    const jurorRow = (a: number) => {
      for (let v = 0; v < V; v++) {
        if (v === TV) continue;
        aSq[a * V + v] = Infinity;
        aD[a * V + v] = Infinity;
      }
      for (let i = 0; i < f[a]; i++) fromProposal(a, jList[jOff[a] + i]);
    };
    const sourceRow = () => {
      for (let v = 0; v < V; v++) {
        aSq[SV * V + v] = Infinity;
        aD[SV * V + v] = Infinity;
      }
      for (let p = 0; p < n; p++) {
        if (cnt[p] >= d[p] || pi[S] - pi[p] !== 0) continue;
        const st = stampAssigned(p);
        for (let b = 0; b < m; b++) if (stampOf[b] !== st && !isBlocked(p, b) && faceArc(p, b)) cand(SV, b, 0, pairsWith(p, b, -1), p);
      }
    };
    const sinkArcs = () => {
      for (let v = 0; v < V; v++) {
        aSq[TV * V + v] = aD[TV * V + v] = Infinity;
        aSq[v * V + TV] = aD[v * V + TV] = Infinity;
      }
      for (let j = 0; j < m; j++) {
        if (movDown(j)) cand(TV, j, -(2 * load(j) - 1), 0, -1);
        if (movUp(j)) cand(j, TV, 2 * load(j) + 1, 0, -1);
      }
    };
    const buildAll = () => {
      aSq.fill(Infinity);
      aD.fill(Infinity);
      for (let a = 0; a < m; a++) jurorRow(a);
      sourceRow();
      sinkArcs();
    };
    const touchedMark = new Int32Array(n);
    let touchNo = 0;
    /** After a cycle moved the proposals in `touched`: refresh only the arcs they can affect. */
    const updateAfter = (touched: Iterable<number>) => {
      touchNo++;
      let anyUnsaturated = false;
      for (const p of touched) {
        touchedMark[p] = touchNo;
        if (cnt[p] < d[p]) anyUnsaturated = true;
      }
      const rows = new Uint8Array(V);
      for (let u = 0; u < V; u++) {
        if (u === TV) continue;
        for (let v = 0; v < V; v++) {
          const e = u * V + v;
          if (v !== TV && aSq[e] !== Infinity && aLab[e] >= 0 && touchedMark[aLab[e]] === touchNo) {
            rows[u] = 1;
            break;
          }
        }
      }
      for (let a = 0; a < m; a++) {
        if (rows[a]) jurorRow(a);
        else for (let i = 0; i < f[a]; i++) {
          const p = jList[jOff[a] + i];
          if (touchedMark[p] === touchNo) fromProposal(a, p);
        }
      }
      if (rows[SV] || anyUnsaturated) sourceRow();
      sinkArcs();
    };
    const compressedCycle = (): number[] | null => {
      // Bellman-Ford from a virtual source (all distances 0), lexicographic (sq, D)
      distSq.fill(0);
      distD.fill(0);
      par.fill(-1);
      for (let it = 0; it < V; it++) {
        let relaxed = false;
        for (let u = 0; u < V; u++)
          for (let v = 0; v < V; v++) {
            const e = u * V + v;
            if (aSq[e] === Infinity) continue;
            const ns = distSq[u] + aSq[e];
            const nd = distD[u] + aD[e];
            if (ns < distSq[v] || (ns === distSq[v] && nd < distD[v])) {
              distSq[v] = ns;
              distD[v] = nd;
              par[v] = u;
              relaxed = true;
            }
          }
        if (!relaxed) return null;
        // a cycle in the predecessor graph is a negative cycle: look for one after every pass
        const cyc = parentCycle();
        if (cyc) return cyc;
      }
      return parentCycle();
    };
    const walk = new Int32Array(V);
    const parentCycle = (): number[] | null => {
      walk.fill(0);
      for (let s0 = 0; s0 < V; s0++) {
        if (walk[s0]) continue;
        let x = s0;
        while (x >= 0 && walk[x] === 0) {
          walk[x] = s0 + 1;
          x = par[x];
        }
        if (x < 0 || walk[x] !== s0 + 1) continue;
        const cyc: number[] = [];
        let y = x;
        do {
          cyc.push(y);
          y = par[y];
        } while (y !== x);
        cyc.reverse(); // in arc order: cyc[i] -> cyc[i+1]
        return cyc;
      }
      return null;
    };
    const sqOf = (js: Iterable<number>) => {
      let s = 0;
      for (const j of js) s += load(j) * load(j);
      return s;
    };
    const tryCycle = (cyc: number[]): boolean => {
      const ops: number[] = []; // [type(1 add, -1 remove), p, j]
      const touchedP = new Set<number>();
      const touchedJ = new Set<number>();
      for (let i = 0; i < cyc.length; i++) {
        const u = cyc[i];
        const v = cyc[(i + 1) % cyc.length];
        const p = aLab[u * V + v];
        if (u < m) touchedJ.add(u);
        if (v < m) touchedJ.add(v);
        if (p >= 0) touchedP.add(p);
      }
      const before = [sqOf(touchedJ), [...touchedP].reduce((s, p) => s + divOf(p), 0)];
      let ok = true;
      for (let i = 0; i < cyc.length && ok; i++) {
        const u = cyc[i];
        const v = cyc[(i + 1) % cyc.length];
        const p = aLab[u * V + v];
        if (u === TV || v === TV) continue;
        if (u < m) {
          if (!isAssigned(p, u)) ok = false;
          else {
            remove(p, u);
            ops.push(-1, p, u);
          }
        }
        if (ok && v < m) {
          if (isAssigned(p, v) || cnt[p] >= K1 || f[v] > cap[v]) ok = false;
          else {
            add(p, v);
            ops.push(1, p, v);
          }
        }
      }
      if (ok) {
        for (const p of touchedP) if (cnt[p] > d[p]) ok = false;
        for (const j of touchedJ) if (f[j] > cap[j]) ok = false;
      }
      if (ok) {
        const after = [sqOf(touchedJ), [...touchedP].reduce((s, p) => s + divOf(p), 0)];
        if (!tuning.rejectCompressed && (after[0] < before[0] || (after[0] === before[0] && after[1] < before[1]))) {
          updateAfter(touchedP);
          return true;
        }
      }
      for (let i = ops.length - 3; i >= 0; i -= 3) {
        if (ops[i] === 1) remove(ops[i + 1], ops[i + 2]);
        else add(ops[i + 1], ops[i + 2]);
      }
      return false;
    };
    // the exact fallback: SPFA on the expanded network (p -> outer group -> inner group -> juror)
    const expandedCycle = (): boolean => {
      const head: number[] = [];
      const to: number[] = [];
      const nxt: number[] = [];
      const cSq: number[] = [];
      const cD: number[] = [];
      const kind: number[] = [];
      const mp: number[] = [];
      const mj: number[] = [];
      let nodes = 0;
      const node = () => {
        head.push(-1);
        return nodes++;
      };
      const arc = (u: number, v: number, sq: number, dd: number, kd = 0, p = -1, j = -1) => {
        to.push(v);
        nxt.push(head[u]);
        head[u] = to.length - 1;
        cSq.push(sq);
        cD.push(dd);
        kind.push(kd);
        mp.push(p);
        mj.push(j);
      };
      const sN = node();
      const tN = node();
      const jN = Array.from({ length: m }, () => node());
      for (let j = 0; j < m; j++) {
        if (movUp(j)) arc(jN[j], tN, 2 * load(j) + 1, 0);
        if (movDown(j)) arc(tN, jN[j], -(2 * load(j) - 1), 0);
      }
      for (let p = 0; p < n; p++) {
        const pN = node();
        if (cnt[p] < d[p] && pi[S] - pi[p] === 0) arc(sN, pN, 0, 0);
        if (cnt[p] > 0 && pi[p] - pi[S] === 0) arc(pN, sN, 0, 0);
        const exO = new Map<number, number>();
        const exI = new Map<number, number>();
        const nwO = new Map<number, number>();
        const nwI = new Map<number, number>();
        const inc = (mapx: Map<number, number>, key: number) => mapx.set(key, (mapx.get(key) ?? 0) + 1);
        for (let i = exOff[p]; i < exOff[p + 1]; i++) {
          inc(exO, tree.outer[exList[i]]);
          inc(exI, tree.inner[exList[i]]);
        }
        for (let i = 0; i < cnt[p]; i++) {
          const j = slot[p * K1 + i];
          inc(nwO, tree.outer[j]);
          inc(nwI, tree.inner[j]);
        }
        const oN = new Map<number, number>();
        const iN = new Map<string, number>();
        const st = stampAssigned(p);
        for (let j = 0; j < m; j++) {
          const assigned = stampOf[j] === st;
          if (isBlocked(p, j) || !faceArc(p, j)) continue;
          const o = tree.outer[j];
          const ii = tree.inner[j];
          if (!oN.has(o)) {
            const g = node();
            oN.set(o, g);
            const e = exO.get(o) ?? 0;
            const c = nwO.get(o) ?? 0;
            if (c < d[p]) arc(pN, g, 0, o >= 0 ? e + c : 0);
            if (c > 0) arc(g, pN, 0, o >= 0 ? -(e + c - 1) : 0);
          }
          const ik = `${o}|${ii}`;
          if (!iN.has(ik)) {
            const g = node();
            iN.set(ik, g);
            const e = ii >= 0 ? exI.get(ii) ?? 0 : 0;
            const c = ii >= 0 ? nwI.get(ii) ?? 0 : cnt[p];
            if (c < d[p] || ii < 0) arc(oN.get(o)!, g, 0, ii >= 0 ? e + c : 0);
            if (c > 0) arc(g, oN.get(o)!, 0, ii >= 0 ? -(e + c - 1) : 0);
          }
          if (assigned) arc(jN[j], iN.get(ik)!, 0, 0, -1, p, j);
          else arc(iN.get(ik)!, jN[j], 0, 0, 1, p, j);
        }
      }
      // SPFA negative-cycle detection (virtual source), lexicographic (sq, D)
      const dSq = new Float64Array(nodes);
      const dD = new Float64Array(nodes);
      const pa = new Int32Array(nodes).fill(-1);
      const len = new Int32Array(nodes);
      const inQ = new Uint8Array(nodes).fill(1);
      const q: number[] = [];
      for (let v = 0; v < nodes; v++) q.push(v);
      let qh = 0;
      let hit = -1;
      while (qh < q.length && hit < 0) {
        const u = q[qh++];
        inQ[u] = 0;
        for (let e = head[u]; e !== -1; e = nxt[e]) {
          const v = to[e];
          const ns = dSq[u] + cSq[e];
          const nd = dD[u] + cD[e];
          if (ns < dSq[v] || (ns === dSq[v] && nd < dD[v])) {
            dSq[v] = ns;
            dD[v] = nd;
            pa[v] = e;
            len[v] = len[u] + 1;
            if (len[v] >= nodes) {
              hit = v;
              break;
            }
            if (!inQ[v]) {
              inQ[v] = 1;
              q.push(v);
            }
          }
        }
        if (qh > 4096 && qh * 2 > q.length) {
          q.splice(0, qh);
          qh = 0;
        }
      }
      if (hit < 0) return false;
      // walk back into the cycle, then collect its arcs
      const from = new Int32Array(to.length);
      for (let u = 0; u < nodes; u++) for (let e = head[u]; e !== -1; e = nxt[e]) from[e] = u;
      let x = hit;
      for (let i = 0; i < nodes; i++) x = from[pa[x]];
      const arcs: number[] = [];
      let y = x;
      do {
        arcs.push(pa[y]);
        y = from[pa[y]];
      } while (y !== x);
      for (const e of arcs) if (kind[e] === -1) remove(mp[e], mj[e]);
      for (const e of arcs) if (kind[e] === 1) add(mp[e], mj[e]);
      return true;
    };
    if (tuning.diversitySearch === "expanded") {
      while (expandedCycle()) divCycles++;
      diversityCertified = tree.exact;
    } else for (buildAll(); ; ) {
      if (totalDiversity() === 0) {
        diversityCertified = true; // nothing below 0
        break;
      }
      const cyc = compressedCycle();
      if (cyc === null) {
        diversityCertified = tree.exact;
        break;
      }
      if (tryCycle(cyc)) {
        divCycles++;
        continue;
      }
      if (!tree.exact) {
        diversityCertified = false;
        break;
      }
      divFallbacks++;
      if (!expandedCycle()) {
        diversityCertified = true;
        break;
      }
      buildAll();
      divCycles++;
    }
  }
  const msC = performance.now() - tC;

  // ---- result ----------------------------------------------------------------------------------
  let total = 0;
  for (let p = 0; p < n; p++) total += cnt[p];
  const out = new Int32Array(total * 2);
  {
    let o = 0;
    for (let p = 0; p < n; p++) {
      const sorted = Array.from(slot.subarray(p * K1, p * K1 + cnt[p])).sort((a, b) => a - b);
      for (const j of sorted) {
        out[o++] = p;
        out[o++] = j;
      }
    }
  }
  const shortfall: { proposal: number; missing: number }[] = [];
  for (let p = 0; p < n; p++) if (cnt[p] < d[p]) shortfall.push({ proposal: p, missing: d[p] - cnt[p] });
  const complete = shortfall.length === 0;
  const reasons = explain();
  const objective = evaluateAssignment(inst, out);
  const cert = certificate();
  return {
    pairs: out,
    complete,
    shortfall,
    reasons,
    objective,
    stats: {
      ms: performance.now() - t0,
      phases,
      msStageA: msA,
      msStageB: msB,
      greedyPairs,
      dinicRounds,
      dinicPaths,
      scanned,
      balanceMoves,
      balanceSearches,
      msStageC: msC,
      diversityCycles: divCycles,
      diversityFallbacks: divFallbacks,
      ...(tree ? { diversityExact: tree.exact, diversityCertified } : {}),
      certificate: cert,
    },
  };

  // ---- explanation -----------------------------------------------------------------------------
  function explain(): Reason[] {
    const reasons: Reason[] = [];
    if (!complete) {
      const tooFew = new Uint8Array(n);
      const groups = new Map<string, { agency: number | null; eligible: number; proposals: number[] }>();
      for (let p = 0; p < n; p++) {
        if (d[p] === 0) continue;
        let eligible = exP[p];
        for (let j = 0; j < m; j++) if (cap[j] > 0 && !isBlocked(p, j)) eligible++;
        if (eligible >= k) continue;
        tooFew[p] = 1;
        const agency = inst.proposals[p].agency;
        const key = `${agency}|${eligible}`;
        const g = groups.get(key) ?? { agency, eligible, proposals: [] };
        g.proposals.push(p);
        groups.set(key, g);
      }
      const sortedGroups = [...groups.values()].sort(
        (a, b) => (a.agency ?? -1) - (b.agency ?? -1) || a.eligible - b.eligible,
      );
      for (const g of sortedGroups)
        reasons.push({ kind: "too_few_eligible", proposals: g.proposals, eligible: g.eligible, needed: k, agency: g.agency });
      let capacity = 0;
      let needed = 0;
      for (let j = 0; j < m; j++) capacity += cap[j];
      for (let p = 0; p < n; p++) needed += d[p];
      if (capacity < needed) reasons.push({ kind: "capacity", capacity, needed });
      // Hall bottleneck: residual reachability from the short proposals not explained above
      const seen = new Uint8Array(N);
      let qt = 0;
      for (let p = 0; p < n; p++)
        if (cnt[p] < d[p] && !tooFew[p]) {
          seen[p] = 1;
          queue[qt++] = p;
        }
      if (qt > 0) {
        for (let qh = 0; qh < qt; qh++) {
          const u = queue[qh];
          if (u < n) {
            for (let j = 0; j < m; j++)
              if (!seen[n + j] && !isBlocked(u, j) && !isAssigned(u, j)) {
                seen[n + j] = 1;
                queue[qt++] = n + j;
              }
          } else {
            const j = u - n;
            for (let i = 0; i < f[j]; i++) {
              const q = jList[jOff[j] + i];
              if (!seen[q]) {
                seen[q] = 1;
                queue[qt++] = q;
              }
            }
          }
        }
        const props: number[] = [];
        const jurs: number[] = [];
        let cap2 = 0;
        let need2 = 0;
        let allJurors = true;
        for (let p = 0; p < n; p++)
          if (seen[p]) {
            props.push(p);
            need2 += d[p];
            for (let i = 0; i < cnt[p]; i++) if (!seen[n + slot[p * K1 + i]]) need2--;
          }
        for (let j = 0; j < m; j++) {
          if (seen[n + j]) {
            jurs.push(j);
            cap2 += cap[j];
          } else if (cap[j] > 0) allJurors = false;
        }
        if (!(allJurors && capacity < needed))
          reasons.push({ kind: "bottleneck", proposals: props, jurors: jurs, capacity: cap2, needed: need2 });
      }
    }
    let deficit = false;
    let minTotal = 0;
    for (let j = 0; j < m; j++) {
      minTotal += inst.jurors[j].minLoad;
      if (load(j) < inst.jurors[j].minLoad) deficit = true;
    }
    if (deficit) {
      if (minTotal > n * k) reasons.push({ kind: "min_load_total", minTotal, work: n * k });
      for (let j = 0; j < m; j++) {
        const { minLoad, maxLoad } = inst.jurors[j];
        if (load(j) >= minLoad) continue;
        let possible = exJ[j];
        for (let p = 0; p < n; p++) if (d[p] > 0 && !isBlocked(p, j)) possible++;
        reasons.push({ kind: "min_load_juror", juror: j, minLoad, possible: Math.min(possible, maxLoad) });
      }
    }
    return reasons;
  }

  // ---- optimality certificate ------------------------------------------------------------------
  function certificate() {
    // Stage A: every residual arc has reduced cost >= 0 (min cost for the flow value) ...
    let reducedCostsOk = true;
    for (let p = 0; p < n && reducedCostsOk; p++) {
      if (cnt[p] < d[p] && pi[S] - pi[p] < 0) reducedCostsOk = false;
      if (cnt[p] > 0 && pi[p] - pi[S] < 0) reducedCostsOk = false;
      for (let j = 0; j < m; j++) {
        if (isBlocked(p, j)) continue;
        const rc = w(p, j) + pi[p] - pi[n + j];
        if (isAssigned(p, j) ? rc > 0 : rc < 0) {
          reducedCostsOk = false;
          break;
        }
      }
    }
    for (let j = 0; j < m; j++) {
      const up = upCost(j);
      if (up !== Infinity && up + pi[n + j] - pi[T] < 0) reducedCostsOk = false;
      if (f[j] > 0 && (f[j] > r[j] ? 0 : X) + pi[T] - pi[n + j] < 0) reducedCostsOk = false;
    }
    // ... and no augmenting path (maximum flow): t unreachable from s in the residual graph
    const seen = new Uint8Array(N);
    let qt = 0;
    for (let p = 0; p < n; p++)
      if (cnt[p] < d[p]) {
        seen[p] = 1;
        queue[qt++] = p;
      }
    let maxFlowOk = true;
    for (let qh = 0; qh < qt && maxFlowOk; qh++) {
      const u = queue[qh];
      if (u < n) {
        for (let j = 0; j < m; j++)
          if (!seen[n + j] && !isBlocked(u, j) && !isAssigned(u, j)) {
            seen[n + j] = 1;
            queue[qt++] = n + j;
          }
      } else {
        const j = u - n;
        if (f[j] < cap[j]) maxFlowOk = false;
        for (let i = 0; i < f[j]; i++) {
          const q = jList[jOff[j] + i];
          if (!seen[q]) {
            seen[q] = 1;
            queue[qt++] = q;
          }
        }
      }
    }
    // Stage B: no face path from a juror a to a juror b with load_a >= load_b + 2
    const balanceOk = faceSearch(improving) < 0;
    return { maxFlowOk, reducedCostsOk, balanceOk };
  }
}
