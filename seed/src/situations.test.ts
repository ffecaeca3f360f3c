import { ageBands, situations } from '@knotwork/graph-schema';
import { describe, expect, it } from 'vitest';
import { needRows } from './vocab/needs.js';
import { specialismRows } from './vocab/specialisms.js';

/** The situation table (graph-schema/src/situations.ts) may only name needs and specialisms of the vocabulary. */
describe('situation table', () => {
  const needs = new Set(needRows.map((r) => r[0]));
  const specialisms = new Set(specialismRows.map((r) => r[0]));

  it('names only needs of the need vocabulary', () => {
    const unknown = situations.flatMap((s) => (s.needs ?? []).filter((n) => !needs.has(n)));
    expect(unknown).toEqual([]);
  });

  it('names only specialisms of the specialism vocabulary', () => {
    const unknown = situations.flatMap((s) => (s.specialisms ?? []).filter((n) => !specialisms.has(n)));
    expect(unknown).toEqual([]);
  });

  it('gives every row a phrase and something it means, and no phrase twice', () => {
    for (const s of situations) {
      expect(s.phrases.length).toBeGreaterThan(0);
      expect((s.needs?.length ?? 0) + (s.specialisms?.length ?? 0)).toBeGreaterThan(0);
    }
    const phrases = situations.flatMap((s) => s.phrases);
    expect(phrases.filter((p, i) => phrases.indexOf(p) !== i)).toEqual([]);
  });

  it('has age bands with sensible bounds', () => {
    for (const b of Object.values(ageBands)) {
      expect(b.min).toBeLessThanOrEqual(b.max);
      expect(b.max).toBeLessThanOrEqual(25);
    }
  });
});
