/**
 * Pure layout of a replication network: sources (left column) → adopters
 * (right column), as SVG coordinates. No DOM, no randomness: the same edges
 * always give the same picture (stable sort by label, then id), so the page
 * is cacheable and testable.
 *
 * An agency may appear in both columns (it adopted one innovation and is
 * the source of another); the columns are separate node sets on purpose
 * (a bipartite drawing), keyed "s:<id>" and "a:<id>".
 */

export interface NetworkEdgeInput {
  sourceId: string;
  sourceLabel: string;
  adopterId: string;
  adopterLabel: string;
}

export interface NetworkNode {
  key: string;
  id: string;
  label: string;
  side: "source" | "adopter";
  x: number;
  y: number;
  /** Number of edges touching the node (replications). */
  degree: number;
}

export interface NetworkEdge {
  from: string;
  to: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Replications between the pair (parallel edges are merged). */
  count: number;
}

export interface NetworkLayout {
  width: number;
  height: number;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface NetworkLayoutOptions {
  width?: number;
  rowHeight?: number;
  padding?: number;
  /** Width reserved for labels on each side. */
  labelWidth?: number;
}

const byLabel = (a: { label: string; id: string }, b: { label: string; id: string }) =>
  a.label.localeCompare(b.label, "id") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function layoutNetwork(input: readonly NetworkEdgeInput[], opts: NetworkLayoutOptions = {}): NetworkLayout {
  const width = opts.width ?? 760;
  const rowHeight = opts.rowHeight ?? 28;
  const padding = opts.padding ?? 20;
  const labelWidth = opts.labelWidth ?? 240;

  const sources = new Map<string, { id: string; label: string; degree: number }>();
  const adopters = new Map<string, { id: string; label: string; degree: number }>();
  const pairs = new Map<string, { from: string; to: string; count: number }>();
  for (const e of input) {
    const s = sources.get(e.sourceId) ?? { id: e.sourceId, label: e.sourceLabel, degree: 0 };
    s.degree++;
    sources.set(e.sourceId, s);
    const a = adopters.get(e.adopterId) ?? { id: e.adopterId, label: e.adopterLabel, degree: 0 };
    a.degree++;
    adopters.set(e.adopterId, a);
    const k = `s:${e.sourceId}\u0000a:${e.adopterId}`;
    const p = pairs.get(k) ?? { from: `s:${e.sourceId}`, to: `a:${e.adopterId}`, count: 0 };
    p.count++;
    pairs.set(k, p);
  }
  const left = [...sources.values()].sort(byLabel);
  const right = [...adopters.values()].sort(byLabel);
  const rows = Math.max(left.length, right.length, 1);
  const height = padding * 2 + rows * rowHeight;
  const xLeft = padding + labelWidth;
  const xRight = width - padding - labelWidth;
  // Centre the shorter column vertically.
  const column = (list: typeof left, side: "source" | "adopter", x: number): NetworkNode[] => {
    const offset = ((rows - list.length) * rowHeight) / 2;
    return list.map((n, i) => ({
      key: `${side === "source" ? "s" : "a"}:${n.id}`,
      id: n.id,
      label: n.label,
      side,
      x,
      y: padding + offset + i * rowHeight + rowHeight / 2,
      degree: n.degree,
    }));
  };
  const nodes = [...column(left, "source", xLeft), ...column(right, "adopter", xRight)];
  const at = new Map(nodes.map((n) => [n.key, n]));
  const edges = [...pairs.values()]
    .map((p) => {
      const f = at.get(p.from)!;
      const t = at.get(p.to)!;
      return { from: p.from, to: p.to, x1: f.x, y1: f.y, x2: t.x, y2: t.y, count: p.count };
    })
    .sort((a, b) => a.y1 - b.y1 || a.y2 - b.y2);
  return { width, height, nodes, edges };
}

export interface NetworkFocus<E extends NetworkEdgeInput> {
  /** The edges to draw: those of the most replicated sources, a few adopters each. */
  edges: E[];
  totalEdges: number;
  totalSources: number;
  shownSources: number;
  /** True when the drawing leaves edges out (the table and the open data still hold them all). */
  truncated: boolean;
}

/**
 * What a readable drawing can hold: a province or a national edition may have
 * thousands of replications, and a graph of thousands of lines says nothing
 * (and weighs megabytes). Keep the `maxSources` sources with the most edges
 * (ties by label, then id) and, for each, its first `maxAdoptersPerSource`
 * edges in adopter-label order. Pure; the input order does not matter.
 */
export function focusNetwork<E extends NetworkEdgeInput>(
  input: readonly E[],
  opts: { maxSources?: number; maxAdoptersPerSource?: number } = {},
): NetworkFocus<E> {
  const maxSources = opts.maxSources ?? 20;
  const maxAdopters = opts.maxAdoptersPerSource ?? 12;
  const bySource = new Map<string, { id: string; label: string; edges: E[] }>();
  for (const e of input) {
    const s = bySource.get(e.sourceId) ?? { id: e.sourceId, label: e.sourceLabel, edges: [] };
    s.edges.push(e);
    bySource.set(e.sourceId, s);
  }
  const ranked = [...bySource.values()].sort((a, b) => b.edges.length - a.edges.length || byLabel(a, b));
  const kept = ranked.slice(0, maxSources);
  const edges: E[] = [];
  for (const s of kept) {
    const sorted = [...s.edges].sort((a, b) => a.adopterLabel.localeCompare(b.adopterLabel, "id") || (a.adopterId < b.adopterId ? -1 : a.adopterId > b.adopterId ? 1 : 0));
    edges.push(...sorted.slice(0, maxAdopters));
  }
  return { edges, totalEdges: input.length, totalSources: bySource.size, shownSources: kept.length, truncated: edges.length < input.length };
}
