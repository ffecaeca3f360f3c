import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { betweenness, componentSizesWithout, cutStructure, eiIndex, structuralHoles } from './structure.js';

function undirected(edges: Array<[string, string, number?]>) {
  const g = new UndirectedGraph();
  for (const [a, b, s] of edges) {
    g.mergeNode(a);
    g.mergeNode(b);
    g.mergeEdge(a, b, { strength: s ?? 1 });
  }
  return g;
}

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
    const g = new UndirectedGraph();
    for (let i = 0; i < 50_000; i++) g.mergeEdge(`n${i}`, `n${i + 1}`);
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
    const big = new UndirectedGraph();
    for (let c = 0; c < 2; c++)
      for (let i = 0; i < 60; i++) for (let j = i + 1; j < 60; j++) if ((i * 31 + j * 17) % 5 === 0) big.mergeEdge(`${c}-${i}`, `${c}-${j}`);
    big.mergeEdge('0-0', 'broker');
    big.mergeEdge('broker', '1-0');
    const sampled = betweenness(big, { exactLimit: 0, samples: 40 });
    expect(sampled.method).toBe('sampled');
    const top = [...sampled.scores.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    expect(['broker', '0-0', '1-0']).toContain(top);
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
