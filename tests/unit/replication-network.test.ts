import { describe, expect, it } from "vitest";
import { focusNetwork, layoutNetwork } from "~/domain/replication-network";

const e = (s: string, a: string) => ({ sourceId: s, sourceLabel: `S ${s}`, adopterId: a, adopterLabel: `A ${a}` });

describe("layoutNetwork", () => {
  it("empty input: one empty row, no nodes, no edges", () => {
    expect(layoutNetwork([])).toEqual({ width: 760, height: 68, nodes: [], edges: [] });
  });

  it("places sources left and adopters right, sorted by label, shorter column centred", () => {
    const l = layoutNetwork([e("2", "x"), e("1", "x"), e("1", "y")], { width: 600, rowHeight: 20, padding: 10, labelWidth: 100 });
    expect(l.width).toBe(600);
    expect(l.height).toBe(60);
    expect(l.nodes).toEqual([
      { key: "s:1", id: "1", label: "S 1", side: "source", x: 110, y: 20, degree: 2 },
      { key: "s:2", id: "2", label: "S 2", side: "source", x: 110, y: 40, degree: 1 },
      { key: "a:x", id: "x", label: "A x", side: "adopter", x: 490, y: 20, degree: 2 },
      { key: "a:y", id: "y", label: "A y", side: "adopter", x: 490, y: 40, degree: 1 },
    ]);
    expect(l.edges).toEqual([
      { from: "s:1", to: "a:x", x1: 110, y1: 20, x2: 490, y2: 20, count: 1 },
      { from: "s:1", to: "a:y", x1: 110, y1: 20, x2: 490, y2: 40, count: 1 },
      { from: "s:2", to: "a:x", x1: 110, y1: 40, x2: 490, y2: 20, count: 1 },
    ]);
  });

  it("centres a single adopter against three sources", () => {
    const l = layoutNetwork([e("a", "z"), e("b", "z"), e("c", "z")], { rowHeight: 20, padding: 0, labelWidth: 100, width: 400 });
    expect(l.nodes.filter((n) => n.side === "adopter").map((n) => n.y)).toEqual([30]);
    expect(l.nodes.filter((n) => n.side === "source").map((n) => n.y)).toEqual([10, 30, 50]);
  });

  it("merges parallel edges into one with a count; an agency on both sides is two nodes", () => {
    const l = layoutNetwork([e("p", "q"), e("p", "q"), e("q", "p")], { rowHeight: 10, padding: 0, labelWidth: 50, width: 200 });
    expect(l.edges.map((x) => [x.from, x.to, x.count])).toEqual([
      ["s:p", "a:q", 2],
      ["s:q", "a:p", 1],
    ]);
    expect(l.nodes.map((n) => n.key)).toEqual(["s:p", "s:q", "a:p", "a:q"]);
  });

  it("is deterministic whatever the input order (ties on label broken by id)", () => {
    const input = [
      { sourceId: "b", sourceLabel: "Same", adopterId: "1", adopterLabel: "Z" },
      { sourceId: "a", sourceLabel: "Same", adopterId: "2", adopterLabel: "Y" },
    ];
    expect(layoutNetwork(input)).toEqual(layoutNetwork([...input].reverse()));
    expect(layoutNetwork(input).nodes.map((n) => n.key)).toEqual(["s:a", "s:b", "a:2", "a:1"]);
  });
});

describe("focusNetwork", () => {
  const edge = (s: string, a: string) => ({ sourceId: s, sourceLabel: `S ${s}`, adopterId: a, adopterLabel: `A ${a}` });

  it("keeps everything when small", () => {
    const input = [edge("1", "b"), edge("1", "a"), edge("2", "a")];
    const f = focusNetwork(input, { maxSources: 5, maxAdoptersPerSource: 5 });
    expect(f.edges.map((x) => `${x.sourceId}>${x.adopterId}`)).toEqual(["1>a", "1>b", "2>a"]);
    expect([f.totalEdges, f.totalSources, f.shownSources, f.truncated]).toEqual([3, 2, 2, false]);
  });

  it("keeps the most replicated sources (ties by label) and the first adopters of each by label", () => {
    const input = [
      edge("c", "x"),
      edge("b", "z"),
      edge("b", "y"),
      edge("b", "x"),
      edge("a", "y"),
      edge("a", "x"),
      edge("d", "x"),
      edge("d", "w"),
    ];
    const f = focusNetwork(input, { maxSources: 2, maxAdoptersPerSource: 2 });
    // b has 3, a and d have 2 (a before d by label), c has 1.
    expect(f.edges.map((x) => `${x.sourceId}>${x.adopterId}`)).toEqual(["b>x", "b>y", "a>x", "a>y"]);
    expect([f.totalEdges, f.totalSources, f.shownSources, f.truncated]).toEqual([8, 4, 2, true]);
  });

  it("is bounded at the defaults whatever the input (4,000 edges over 500 sources)", () => {
    const input = Array.from({ length: 4000 }, (_, i) => edge(String(i % 500), String(i)));
    const f = focusNetwork(input);
    expect(f.shownSources).toBe(20);
    expect(f.edges.length).toBe(20 * 8);
    expect(f.truncated).toBe(true);
    expect(focusNetwork([...input].reverse()).edges).toEqual(f.edges);
  });
});
