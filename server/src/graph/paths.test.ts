import { describe, expect, it } from 'vitest';
import { TieGraph, kBestPaths } from './paths.js';

function graph(edges: Array<[string, string, number]>) {
  const g = new TieGraph();
  for (const [a, b, s] of edges) g.addTie(a, b, s);
  return g;
}

/** All simple paths up to maxHops by brute force, strongest first. */
function allPaths(g: TieGraph, from: string, to: string, maxHops: number) {
  const out: Array<{ nodes: string[]; strength: number }> = [];
  const walk = (nodes: string[], s: number) => {
    const last = nodes[nodes.length - 1]!;
    if (last === to && nodes.length > 1) {
      out.push({ nodes, strength: s });
      return;
    }
    if (nodes.length - 1 >= maxHops) return;
    for (const [n, w] of g.neighbours(last)) if (!nodes.includes(n)) walk([...nodes, n], s * w);
  };
  walk([from], 1);
  return out.sort((a, b) => b.strength - a.strength || a.nodes.length - b.nodes.length);
}

describe('kBestPaths', () => {
  it('prefers a strong two-hop path to a weak direct tie and lists the 3 best in order', () => {
    const g = graph([
      ['me', 'her', 0.1],
      ['me', 'a', 0.9],
      ['a', 'her', 0.8],
      ['me', 'b', 0.5],
      ['b', 'her', 0.5],
    ]);
    const paths = kBestPaths(g, 'me', 'her');
    expect(paths.map((p) => p.nodes)).toEqual([
      ['me', 'a', 'her'],
      ['me', 'b', 'her'],
      ['me', 'her'],
    ]);
    expect(paths[0]!.strength).toBeCloseTo(0.72);
  });

  it('never exceeds the hop limit', () => {
    const g = graph([
      ['p0', 'p1', 0.9],
      ['p1', 'p2', 0.9],
      ['p2', 'p3', 0.9],
      ['p3', 'p4', 0.9],
      ['p4', 'p5', 0.9],
    ]);
    expect(kBestPaths(g, 'p0', 'p4')).toHaveLength(1);
    expect(kBestPaths(g, 'p0', 'p5')).toHaveLength(0);
  });

  it('reaches the nearest of several targets and stops there', () => {
    const g = graph([
      ['me', 'x', 0.9],
      ['x', 't1', 0.9],
      ['x', 't2', 0.2],
      ['t1', 't2', 0.9],
    ]);
    const paths = kBestPaths(g, 'me', new Set(['t1', 't2']));
    expect(paths[0]!.nodes).toEqual(['me', 'x', 't1']);
    expect(paths.every((p) => p.nodes.slice(1, -1).every((n) => !n.startsWith('t')))).toBe(true);
  });

  it('matches brute force on random graphs', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 40; round++) {
      const n = 9;
      const edges: Array<[string, string, number]> = [];
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) if (rand() < 0.35) edges.push([`n${i}`, `n${j}`, 0.05 + 0.9 * rand()]);
      const g = graph(edges);
      const expected = allPaths(g, 'n0', 'n8', 4).slice(0, 3);
      const got = kBestPaths(g, 'n0', 'n8', { k: 3, maxHops: 4 });
      expect(got.map((p) => p.strength.toFixed(9))).toEqual(expected.map((p) => p.strength.toFixed(9)));
    }
  });

  it('matches brute force on random graphs with several targets (paths end at the first target they reach)', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 40; round++) {
      const n = 10;
      const edges: Array<[string, string, number]> = [];
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) if (rand() < 0.3) edges.push([`n${i}`, `n${j}`, 0.05 + 0.9 * rand()]);
      const g = graph(edges);
      const targets = new Set(['n7', 'n8', 'n9']);
      const expected: Array<{ nodes: string[]; strength: number }> = [];
      const walk = (nodes: string[], s: number) => {
        const last = nodes[nodes.length - 1]!;
        if (nodes.length > 1 && targets.has(last)) {
          expected.push({ nodes, strength: s });
          return;
        }
        if (nodes.length - 1 >= 4) return;
        for (const [next, w] of g.neighbours(last)) if (!nodes.includes(next)) walk([...nodes, next], s * w);
      };
      walk(['n0'], 1);
      expected.sort((a, b) => b.strength - a.strength);
      const got = kBestPaths(g, 'n0', targets, { k: 3, maxHops: 4 });
      expect(got.map((p) => p.strength.toFixed(9))).toEqual(expected.slice(0, 3).map((p) => p.strength.toFixed(9)));
    }
  });

  it('stays fast on a dense neighbourhood, reachable or not', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const g = new TieGraph();
    const n = 3000;
    for (let i = 0; i < 40_000; i++) g.addTie(`n${Math.floor(rand() * n)}`, `n${Math.floor(rand() * n)}`, 0.05 + 0.9 * rand());
    g.addTie('island-a', 'island-b', 0.9);
    const t0 = performance.now();
    expect(kBestPaths(g, 'n0', 'n1')).toHaveLength(3);
    expect(kBestPaths(g, 'n0', 'island-b')).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
