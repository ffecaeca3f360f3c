import { describe, expect, it } from 'vitest';
import { explainTie, noEvidence, tieStrength } from './tie-strength.js';

const asOf = new Date('2026-06-01T00:00:00Z');

describe('tieStrength', () => {
  it('is 0 without evidence and below 1 with a lot', () => {
    expect(tieStrength(noEvidence(), asOf)).toBe(0);
    const lots = {
      collaborationDates: Array(20).fill('2026-05-01'),
      knows: true,
      sharedForums: ['A', 'B', 'C'],
      sameAgency: 'X',
    };
    const s = tieStrength(lots, asOf);
    expect(s).toBeGreaterThan(0.99);
    expect(s).toBeLessThan(1);
  });

  it('weighs recent collaboration most, then KNOWS, then same team, then a shared forum', () => {
    const collab = tieStrength({ ...noEvidence(), collaborationDates: ['2026-05-15'] }, asOf);
    const knows = tieStrength({ ...noEvidence(), knows: true }, asOf);
    const team = tieStrength({ ...noEvidence(), sameAgency: 'X' }, asOf);
    const forum = tieStrength({ ...noEvidence(), sharedForums: ['F'] }, asOf);
    expect(collab).toBeGreaterThan(knows);
    expect(knows).toBeGreaterThan(team);
    expect(team).toBeGreaterThan(forum);
    expect(forum).toBeGreaterThan(0);
  });

  it('decays with age and grows with more joint work', () => {
    const recent = tieStrength({ ...noEvidence(), collaborationDates: ['2026-05-01'] }, asOf);
    const old = tieStrength({ ...noEvidence(), collaborationDates: ['2023-05-01'] }, asOf);
    const three = tieStrength({ ...noEvidence(), collaborationDates: ['2026-05-01', '2026-03-01', '2026-01-01'] }, asOf);
    expect(old).toBeLessThan(recent);
    expect(three).toBeGreaterThan(recent);
  });

  it('ignores evidence dated after asOf', () => {
    const e = { ...noEvidence(), collaborationDates: ['2026-07-01'] };
    expect(tieStrength(e, asOf)).toBe(0);
  });

  it('more evidence never lowers strength', () => {
    const base = { ...noEvidence(), collaborationDates: ['2025-01-01'] };
    expect(tieStrength({ ...base, sharedForums: ['F'] }, asOf)).toBeGreaterThan(tieStrength(base, asOf));
  });
});

describe('explainTie', () => {
  it('says it in words, strongest evidence first', () => {
    const text = explainTie(
      {
        collaborationDates: ['2025-11-02', '2026-03-14', '2026-01-20'],
        knows: false,
        sharedForums: ['North Locality Network Meeting'],
        sameAgency: null,
      },
      asOf,
    );
    expect(text).toBe('worked together on 3 pieces of work, last in March 2026; both attend the North Locality Network Meeting');
    expect(explainTie({ ...noEvidence(), sharedForums: ['North Locality Network Meeting'] }, asOf, true)).toBe(
      'you both attend the North Locality Network Meeting',
    );
    expect(explainTie({ ...noEvidence(), sameAgency: 'Northgate Primary' }, asOf)).toBe('same team at Northgate Primary');
  });
});
