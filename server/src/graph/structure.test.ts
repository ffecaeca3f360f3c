import { UndirectedGraph } from 'graphology';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { describe, expect, it } from 'vitest';
import { CompactGraph } from './compact-graph.js';
import { betweenness, componentSizesWithout, cutStructure, eiIndex, structuralHoles } from './structure.js';

const undirected = (edges: Array<[string, string, number?]>) => CompactGraph.fromEdges(edges);

// CommonJS module whose typings declare an ES default export: take whichever the runtime gives.
const graphologyBetweenness = ((betweennessModule as unknown as { default?: unknown }).default ?? betweennessModule) as (
  graph: UndirectedGraph,
  options: { getEdgeWeight: null; normalized: boolean },
) => Record<string, number>;

// Two triangles joined through a broker 'x': a-b-c triangle, x, d-e-f triangle; plus a pendant 'p' on 'f'.
const bowtie = () =>
  undirected([
    ['a', 'b'],
    ['b', 'c'],
    ['a', 'c'],
    ['c', 'x'],
    ['x', 'd'],
    ['d', 'e'],
    ['e', 'f'],
    ['d', 'f'],
    ['f', 'p'],
  ]);

describe('cutStructure', () => {
  it('finds articulation points and bridges', () => {
    const { articulationPoints, bridges, splitSizes } = cutStructure(bowtie());
    expect(articulationPoints).toEqual(['c', 'd', 'f', 'x']);
    for (const v of articulationPoints) expect(splitSizes.get(v)).toEqual(componentSizesWithout(bowtie(), v));
    expect(splitSizes.get('x')).toEqual([4, 3]);
    expect(splitSizes.get('f')).toEqual([6, 1]);
    expect(bridges.map((b) => b.join('-')).sort()).toEqual(['c-x', 'd-x', 'f-p']);
    expect(componentSizesWithout(bowtie(), 'x')).toEqual([4, 3]);
  });

  it('finds none in a cycle', () => {
    const g = undirected([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'a'],
    ]);
    expect(cutStructure(g)).toMatchObject({ articulationPoints: [], bridges: [] });
  });

  it('handles a long chain without overflowing the stack', () => {
    const g = undirected(Array.from({ length: 50_000 }, (_, i): [string, string] => [`n${i}`, `n${i + 1}`]));
    const { articulationPoints, bridges, splitSizes } = cutStructure(g);
    expect(articulationPoints).toHaveLength(49_999);
    expect(bridges).toHaveLength(50_000);
    expect(splitSizes.get('n1')).toEqual([49_999, 1]);
  });
});

describe('betweenness', () => {
  it('ranks the broker first, then the triangle corners that reach it', () => {
    const { scores, method } = betweenness(bowtie());
    expect(method).toBe('exact');
    const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    expect(ranked[0]).toBe('x');
    expect(new Set(ranked.slice(1, 3))).toEqual(new Set(['c', 'd']));
    expect(scores.get('a')).toBe(0);
  });

  it('sampling with every node as a source equals the exact answer; sampling fewer keeps the top broker', () => {
    const g = bowtie();
    const exact = betweenness(g);
    const all = betweenness(g, { exactLimit: 0, samples: g.order });
    for (const [k, v] of exact.scores) expect(all.scores.get(k)).toBeCloseTo(v, 9);
    // a bigger graph: two dense communities joined by one broker
    const edges: Array<[string, string]> = [];
    for (let c = 0; c < 2; c++)
      for (let i = 0; i < 60; i++) for (let j = i + 1; j < 60; j++) if ((i * 31 + j * 17) % 5 === 0) edges.push([`${c}-${i}`, `${c}-${j}`]);
    edges.push(['0-0', 'broker'], ['broker', '1-0']);
    const big = undirected(edges);
    const sampled = betweenness(big, { exactLimit: 0, samples: 40 });
    expect(sampled.method).toBe('sampled');
    const top = [...sampled.scores.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    expect(['broker', '0-0', '1-0']).toContain(top);
  });
});

describe('betweenness against graphology-metrics (the library reference)', () => {
  it('gives the same normalised scores on random graphs', () => {
    let state = 7;
    const rand = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let round = 0; round < 20; round++) {
      const n = 5 + Math.floor(rand() * 40);
      const edges: Array<[string, string]> = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rand() < 0.12) edges.push([`v${i}`, `v${j}`]);
      const nodes = Array.from({ length: n }, (_, i) => `v${i}`);
      const reference = new UndirectedGraph();
      for (const v of nodes) reference.addNode(v);
      for (const [a, b] of edges) reference.addEdge(a, b);
      const expected = graphologyBetweenness(reference, { getEdgeWeight: null, normalized: true });
      const { scores } = betweenness(CompactGraph.fromEdges(edges, nodes));
      for (const v of nodes) expect(scores.get(v)).toBeCloseTo(expected[v]!, 9);
    }
  });
});

describe('CompactGraph', () => {
  it('stores each undirected edge once with sorted neighbours and binary-searchable weights', () => {
    const g = undirected([
      ['c', 'a', 0.5],
      ['a', 'b', 0.25],
      ['b', 'c'],
      ['a', 'b', 0.75], // duplicate: the last weight wins
      ['d', 'd'], // self loop: ignored
    ]);
    expect(g.order).toBe(4);
    expect(g.size).toBe(3);
    const a = g.indexOf('a')!;
    expect(Array.from(g.neighbours(a), (i) => g.ids[i])).toEqual(['c', 'b']);
    expect(g.weight(a, g.indexOf('b')!)).toBe(0.75);
    expect(g.weight(g.indexOf('b')!, a)).toBe(0.75);
    expect(g.weight(a, g.indexOf('d')!)).toBe(0);
    const seen: string[] = [];
    g.forEachEdge((i, j, w) => seen.push(`${g.ids[i]}-${g.ids[j]}:${w}`));
    expect(seen.sort()).toEqual(['a-b:0.75', 'c-a:0.5', 'c-b:1'].map((x) => x).sort());
  });
});

describe('structuralHoles', () => {
  it('a star centre is unconstrained with full effective size; a clique member is constrained', () => {
    const star = undirected([
      ['hub', 'a'],
      ['hub', 'b'],
      ['hub', 'c'],
      ['hub', 'd'],
    ]);
    const hub = structuralHoles(star, 'hub');
    expect(hub.constraint).toBeCloseTo(0.25);
    expect(hub.effectiveSize).toBeCloseTo(4);
    const clique = undirected([
      ['a', 'b'],
      ['a', 'c'],
      ['a', 'd'],
      ['b', 'c'],
      ['b', 'd'],
      ['c', 'd'],
    ]);
    const member = structuralHoles(clique, 'a');
    expect(member.constraint!).toBeGreaterThan(hub.constraint!);
    expect(member.effectiveSize).toBeCloseTo(1);
    expect(structuralHoles(undirected([['a', 'b']]), 'a').constraint).toBeCloseTo(1);
  });
});

describe('eiIndex', () => {
  it('is +1 all external, −1 all internal, null with no ties', () => {
    expect(eiIndex(3, 0)).toBe(1);
    expect(eiIndex(0, 2)).toBe(-1);
    expect(eiIndex(1, 3)).toBe(-0.5);
    expect(eiIndex(0, 0)).toBeNull();
  });
});
