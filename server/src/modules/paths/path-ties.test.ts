import { describe, expect, it } from 'vitest';
import { TieGraph, kBestPaths } from '../../graph/paths.js';
import { PathTieBuilder, type TieRow } from './path-ties.js';

/**
 * A random world as the paths queries read it: each practitioner's row lists collaboration partners (with the
 * dates of their shared work, the same from both sides), KNOWS partners, and forum / agency co-members — the
 * latter cut at random per row, as the weak-tie cap can make a tie visible from one side only.
 */
function world(seed: number, n: number) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const ids = Array.from({ length: n }, (_, i) => `p${String(i).padStart(3, '0')}`);
  const collab = new Map<string, Map<string, string[]>>(ids.map((id) => [id, new Map()]));
  const knows = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  for (let k = 0; k < n * 1.6; k++) {
    const a = ids[Math.floor(rand() * n)]!;
    const b = ids[Math.floor(rand() * n)]!;
    if (a === b) continue;
    if (rand() < 0.25) {
      knows.get(a)!.add(b);
      knows.get(b)!.add(a);
    } else {
      const date = `202${Math.floor(rand() * 6)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
      const dates = collab.get(a)!.get(b) ?? [];
      dates.push(date);
      collab.get(a)!.set(b, dates);
      collab.get(b)!.set(a, dates);
    }
  }
  const groups = (count: number, size: number) =>
    Array.from({ length: count }, (_, g) => ({
      name: `group ${g}`,
      members: ids.filter(() => rand() < size / n),
    }));
  const forums = groups(4, 6);
  const agencies = groups(5, 5);
  const capped = (id: string, gs: typeof forums) =>
    gs
      .filter((g) => g.members.includes(id))
      .map((g) => [g.name, g.members.filter((q) => q !== id && rand() < 0.8)] as [string, string[]]);
  const rows = new Map<string, TieRow>(
    ids.map((id) => [
      id,
      [id, `Name ${id}`, [...collab.get(id)!].map(([q, d]) => [q, [...d]]), [...knows.get(id)!], capped(id, forums), capped(id, agencies)],
    ]),
  );
  return { ids, rows, rand };
}

describe('PathTieBuilder.addBeamRows', () => {
  it('keeps every tie the k best paths of ≤ 4 hops can use (same answers as scoring every tie)', () => {
    let compared = 0;
    for (let round = 0; round < 60; round++) {
      const { ids, rows, rand } = world(round + 1, 40 + Math.floor(rand01(round) * 40));
      const from = ids[0]!;
      const targets = ids.slice(1, 1 + 1 + (round % 4)).filter(() => rand() < 0.9);
      if (targets.length === 0) continue;
      const ends = new Set([from, ...targets]);
      const level1 = [from, ...targets].map((id) => rows.get(id)!);
      const full = new PathTieBuilder('2026-06-01');
      const kept = new PathTieBuilder('2026-06-01');
      full.addRows(level1);
      kept.addRows(level1);
      const beam = [
        ...new Set([...full.strongestNeighbours([from], ends, 6), ...full.strongestNeighbours(targets, ends, 6)]),
      ];
      const beamRows = beam.map((id) => rows.get(id)!);
      full.addRows(beamRows);
      kept.addBeamRows(beamRows, from, targets);
      // Every tie of the full set, as a plain graph (no dead-end pruning either).
      const all = new TieGraph();
      for (const a of ids) for (const b of ids) if (a < b) all.addTie(a, b, full.tie(a, b)?.strength ?? 0);
      const expected = kBestPaths(all, from, new Set(targets), { k: 3, maxHops: 4 });
      const got = kBestPaths(kept.graph(ends), from, new Set(targets), { k: 3, maxHops: 4 });
      expect(got).toEqual(expected);
      for (const p of got)
        for (let i = 1; i < p.nodes.length; i++) {
          const [a, b] = [p.nodes[i - 1]!, p.nodes[i]!];
          expect(kept.tie(a, b)!.evidence).toEqual(full.tie(a, b)!.evidence);
        }
      if (expected.length > 0) compared++;
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('drops ties that lead nowhere near the other end', () => {
    const row = (id: string, partners: string[]): TieRow => [id, id, partners.map((q) => [q, ['2026-01-01']]), [], [], []];
    const b = new PathTieBuilder('2026-06-01');
    b.addRows([row('from', ['a']), row('t', ['b'])]);
    // a's far partners x1, x2 are tied to nothing near the target; y is tied to both sides' beam members.
    b.addBeamRows([row('a', ['from', 'x1', 'x2', 'y']), row('b', ['t', 'y'])], 'from', ['t']);
    expect(b.tie('a', 'x1')).toBeUndefined();
    expect(b.tie('a', 'x2')).toBeUndefined();
    expect(b.tie('a', 'y')).toBeDefined();
    expect(kBestPaths(b.graph(new Set(['from', 't'])), 'from', 't').map((p) => p.nodes)).toEqual([['from', 'a', 'y', 'b', 't']]);
  });

  it('counts a beam member that lists the start as tied to it, even when the start does not list it (weak-tie cap)', () => {
    const row = (id: string, partners: string[]): TieRow => [id, id, partners.map((q) => [q, ['2026-01-01']]), [], [], []];
    const b = new PathTieBuilder('2026-06-01');
    b.addRows([row('from', ['a']), row('t', ['c', 'b'])]);
    b.addBeamRows([row('a', ['from']), row('c', ['t', 'from', 'x']), row('b', ['t', 'x'])], 'from', ['t']);
    const paths = kBestPaths(b.graph(new Set(['from', 't'])), 'from', 't').map((p) => p.nodes);
    expect(paths).toEqual([
      ['from', 'c', 't'],
      ['from', 'c', 'x', 'b', 't'],
    ]);
  });
});

function rand01(seed: number) {
  return ((seed * 2654435761) % 2 ** 32) / 2 ** 32;
}
