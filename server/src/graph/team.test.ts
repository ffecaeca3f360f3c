import { describe, expect, it } from 'vitest';
import { exactTeam, selectTeam, type TeamProblem } from './team.js';

function problem(
  needs: string[],
  cands: Record<string, Record<string, number>>,
  ties: Array<[string, string, number]> = [],
): TeamProblem {
  const t = new Map<string, number>();
  for (const [a, b, s] of ties) {
    t.set(`${a}|${b}`, s);
    t.set(`${b}|${a}`, s);
  }
  return {
    needs,
    candidates: Object.entries(cands).map(([id, scores]) => ({ id, scores: new Map(Object.entries(scores)) })),
    tie: (a, b) => t.get(`${a}|${b}`) ?? 0,
  };
}

describe('selectTeam', () => {
  it('covers every need with the fewest people', () => {
    const p = problem(['speech', 'attendance', 'housing'], {
      salt: { speech: 0.9 },
      ewo: { attendance: 0.9 },
      housing: { housing: 0.9 },
      fsw: { attendance: 0.6, housing: 0.6 },
    });
    const s = selectTeam(p);
    expect(s.members.sort()).toEqual(['fsw', 'salt']);
    expect(s.uncovered).toEqual([]);
    expect(s.exact).toBe(true);
  });

  it('prefers people who have worked together when sizes are equal', () => {
    const p = problem(
      ['a', 'b'],
      { a1: { a: 0.8 }, a2: { a: 0.75 }, b1: { b: 0.8 } },
      [['a2', 'b1', 0.9]],
    );
    expect(selectTeam(p).members.sort()).toEqual(['a2', 'b1']);
  });

  it('lists needs nobody can cover', () => {
    const p = problem(['a', 'b', 'c'], { x: { a: 1 }, y: { b: 1 } });
    const s = selectTeam(p);
    expect(s.uncovered).toEqual(['c']);
    expect(s.members.sort()).toEqual(['x', 'y']);
  });

  it('agrees with exact search on random small inputs', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 150; round++) {
      const needs = Array.from({ length: 2 + Math.floor(rand() * 4) }, (_, i) => `n${i}`);
      const cands: Record<string, Record<string, number>> = {};
      const nc = 3 + Math.floor(rand() * 7);
      for (let c = 0; c < nc; c++) {
        const scores: Record<string, number> = {};
        for (const n of needs) if (rand() < 0.4) scores[n] = Math.round(rand() * 100) / 100;
        cands[`c${c}`] = scores;
      }
      const ties: Array<[string, string, number]> = [];
      for (let i = 0; i < nc; i++)
        for (let j = i + 1; j < nc; j++) if (rand() < 0.3) ties.push([`c${i}`, `c${j}`, Math.round(rand() * 100) / 100]);
      const p = problem(needs, cands, ties);
      const exact = exactTeam(p);
      const got = selectTeam(p);
      expect(got.members.length).toBe(exact.members.length);
      expect(got.value).toBeCloseTo(exact.value, 9);
      expect(got.uncovered).toEqual(exact.uncovered);
    }
  });

  it('falls back to a valid cover when the budget runs out', () => {
    const needs = Array.from({ length: 12 }, (_, i) => `n${i}`);
    const cands: Record<string, Record<string, number>> = {};
    for (let c = 0; c < 40; c++) cands[`c${c}`] = { [`n${c % 12}`]: 0.5, [`n${(c * 7) % 12}`]: 0.4 };
    const s = selectTeam(problem(needs, cands), { budget: 10 });
    expect(s.uncovered).toEqual([]);
    expect(s.exact).toBe(false);
  });
});
