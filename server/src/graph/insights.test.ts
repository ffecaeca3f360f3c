import { describe, expect, it } from 'vitest';
import { InsightsSnapshot, servesAge, type InsightsData } from './insights.js';

/**
 * Coverage by the child's age on a small hand-built directory where the answers are known.
 *
 *   A (authority) ⊃ N, S (districts); N ⊃ R (ward)
 *   Speech and language delay → SLT:      Sally 0–11 (N, Speech Service 0–11), Sid 2–8 (N, Speech Service)
 *   School attendance → Attendance:        Ewan 5–16 (R, Attendance Team, no range), Alex 11– (no max; N, School 4–11)
 *   Housing insecurity → Housing advice:   Hal –18 (no min; A, Housing Team, no range); Hope Trust 16–25 offers it in S
 *   Bereavement → Bereavement support:     Bea, no range at all (S, Hope Trust)
 */
const L = { A: 'loc-a', N: 'loc-n', S: 'loc-s', R: 'loc-r' };
const need = { speech: 'need-speech', attendance: 'need-attendance', housing: 'need-housing', bereavement: 'need-bereavement' };

function world(): InsightsData {
  const person = (
    id: string,
    served: string,
    agency: string,
    specialism: string,
    ageMin: number | null,
    ageMax: number | null,
  ): InsightsData['practitioners'][number] => ({
    id,
    name: id[0]!.toUpperCase() + id.slice(1),
    profession: 'other',
    level: 'operational',
    ageMin,
    ageMax,
    agencies: [agency],
    served: [served],
    forums: [],
    specialisms: [specialism],
  });
  const agency = (id: string, ageMin: number | null, ageMax: number | null, offers: string[] = [], serves: string[] = []) => ({
    id,
    name: id,
    sector: 'other',
    offers,
    serves,
    ageMin,
    ageMax,
  });
  return {
    asOf: '2026-06-01',
    localities: [
      { id: L.A, name: 'Authority', kind: 'authority', parents: [] },
      { id: L.N, name: 'North', kind: 'district', parents: [L.A] },
      { id: L.S, name: 'South', kind: 'district', parents: [L.A] },
      { id: L.R, name: 'Riverside', kind: 'ward', parents: [L.N] },
    ],
    agencies: [
      agency('speech', 0, 11),
      agency('attendance', null, null),
      agency('school', 4, 11),
      agency('housing', null, null),
      agency('hope', 16, 25, ['housing-advice'], [L.S]),
    ],
    practitioners: [
      person('sally', L.N, 'speech', 'slt', 0, 11),
      person('sid', L.N, 'speech', 'slt', 2, 8),
      person('ewan', L.R, 'attendance', 'attend', 5, 16),
      person('alex', L.N, 'school', 'attend', 11, null),
      person('hal', L.A, 'housing', 'housing-advice', null, 18),
      person('bea', L.S, 'hope', 'bereave', null, null),
    ],
    specialisms: [
      { id: 'slt', name: 'Speech and language therapy', broader: [] },
      { id: 'attend', name: 'Attendance support', broader: [] },
      { id: 'housing-advice', name: 'Housing advice', broader: [] },
      { id: 'bereave', name: 'Bereavement support', broader: [] },
    ],
    needs: [
      { id: need.speech, name: 'Speech and language delay', domain: 'communication', addressedBy: ['slt'] },
      { id: need.attendance, name: 'School attendance', domain: 'attendance-and-inclusion', addressedBy: ['attend'] },
      { id: need.housing, name: 'Housing insecurity', domain: 'housing-and-money', addressedBy: ['housing-advice'] },
      { id: need.bereavement, name: 'Bereavement', domain: 'mental-health', addressedBy: ['bereave'] },
    ],
    forums: [],
    collaborations: [],
    knows: [],
  };
}

const cellOf = (s: InsightsSnapshot, age: number | null, loc: string, n: string) => {
  const c = s.coverageResponse(age).cells.find((x) => x.localityId === loc && x.needId === n)!;
  return { practitioners: c.practitioners, agencies: c.agencies, flag: c.flag };
};

describe('servesAge', () => {
  it('includes both bounds; a missing bound is open-ended; no age asked matches everyone', () => {
    expect(servesAge({ ageMin: 5, ageMax: 16 }, 5)).toBe(true);
    expect(servesAge({ ageMin: 5, ageMax: 16 }, 16)).toBe(true);
    expect(servesAge({ ageMin: 5, ageMax: 16 }, 4)).toBe(false);
    expect(servesAge({ ageMin: 5, ageMax: 16 }, 17)).toBe(false);
    expect(servesAge({ ageMin: 11, ageMax: null }, 25)).toBe(true);
    expect(servesAge({ ageMin: null, ageMax: 18 }, 0)).toBe(true);
    expect(servesAge({}, 0)).toBe(true);
    expect(servesAge({ ageMin: 20, ageMax: 3 }, null)).toBe(true);
  });
});

describe('coverage by the age of the child', () => {
  it('a need covered for 5-year-olds, one person for 10-year-olds and nobody for 15-year-olds', () => {
    const s = new InsightsSnapshot(world());
    expect(cellOf(s, 5, L.N, need.speech)).toEqual({ practitioners: 2, agencies: 1, flag: 'covered' });
    expect(cellOf(s, 10, L.N, need.speech)).toEqual({ practitioners: 1, agencies: 1, flag: 'single' });
    // Sally's and Sid's agency serves up to 11 too: no agency either
    expect(cellOf(s, 15, L.N, need.speech)).toEqual({ practitioners: 0, agencies: 0, flag: 'none' });
    expect(cellOf(s, null, L.N, need.speech)).toEqual({ practitioners: 2, agencies: 1, flag: 'covered' });
  });

  it('single-holder at some ages only; open-ended ranges; agencies counted by their own range', () => {
    const s = new InsightsSnapshot(world());
    expect(cellOf(s, 3, L.N, need.attendance)).toMatchObject({ practitioners: 0, flag: 'none' });
    expect(cellOf(s, 5, L.N, need.attendance)).toEqual({ practitioners: 1, agencies: 1, flag: 'single' }); // Ewan
    // Ewan and Alex; Alex's school (4–11) does not serve 14-year-olds, Ewan's team has no range
    expect(cellOf(s, 14, L.N, need.attendance)).toEqual({ practitioners: 2, agencies: 1, flag: 'covered' });
    expect(cellOf(s, 25, L.N, need.attendance)).toEqual({ practitioners: 1, agencies: 0, flag: 'single' }); // Alex: no upper bound
    // Hal (no lower bound, up to 18) serves the whole authority; Hope Trust (16–25) offers housing advice in South
    expect(cellOf(s, 0, L.S, need.housing)).toEqual({ practitioners: 1, agencies: 1, flag: 'single' });
    expect(cellOf(s, 17, L.S, need.housing)).toEqual({ practitioners: 1, agencies: 2, flag: 'single' });
    expect(cellOf(s, 20, L.S, need.housing)).toEqual({ practitioners: 0, agencies: 1, flag: 'none' });
    expect(cellOf(s, 20, L.N, need.housing)).toEqual({ practitioners: 0, agencies: 0, flag: 'none' });
    // Bea has no range: any age; her agency (Hope Trust, 16–25) counts only at its ages
    expect(cellOf(s, 0, L.S, need.bereavement)).toEqual({ practitioners: 1, agencies: 0, flag: 'single' });
    expect(cellOf(s, 25, L.S, need.bereavement)).toEqual({ practitioners: 1, agencies: 1, flag: 'single' });
  });

  it('without an age: the figures of the directory with no ranges at all (ages ignored)', () => {
    const plain = world();
    for (const x of [...plain.practitioners, ...plain.agencies]) {
      delete x.ageMin;
      delete x.ageMax;
    }
    const withAges = new InsightsSnapshot(world()).coverageResponse();
    expect(withAges).toEqual(new InsightsSnapshot(plain).coverageResponse());
    expect(cellOf(new InsightsSnapshot(world()), null, L.N, need.attendance)).toEqual({ practitioners: 2, agencies: 2, flag: 'covered' });
    // and with no ranges anywhere, every age gives the same answer as no age
    expect(new InsightsSnapshot(plain).coverageResponse(7)).toEqual(withAges);
  });

  it('memoises the coverage per age in one snapshot', () => {
    const s = new InsightsSnapshot(world());
    expect(s.coverage(5)).toBe(s.coverage(5));
    expect(s.coverage(5)).not.toBe(s.coverage(15));
    expect(s.coverage()).toBe(s.coverage(null));
    expect(s.coverage(null)).not.toBe(s.coverage(5));
    expect(s.coverageAges().sort((a, b) => a - b)).toEqual([5, 15]);
    const next = new InsightsSnapshot(world());
    next.warm(s.coverageAges());
    expect(next.coverageAges().sort((a, b) => a - b)).toEqual([5, 15]);
  });

  it('a locality scope and an age together', () => {
    const s = new InsightsSnapshot(world(), L.N);
    const body = s.coverageResponse(5);
    expect(body.localities.map((l) => l.id).sort()).toEqual([L.N, L.R].sort());
    expect(cellOf(s, 5, L.R, need.attendance)).toEqual({ practitioners: 1, agencies: 1, flag: 'single' });
    expect(cellOf(s, 14, L.R, need.attendance)).toMatchObject({ practitioners: 2, flag: 'covered' });
  });
});

describe('single-holder needs by the age of the child', () => {
  const holders = (s: InsightsSnapshot, age: number | null, loc: string) =>
    s
      .singlePoints(50, age)
      .needs.filter((x) => x.locality.id === loc)
      .map((x) => `${x.need.name}:${x.holder.name}`)
      .sort();

  it('lists exactly the cells flagged single for that age', () => {
    const s = new InsightsSnapshot(world());
    expect(holders(s, null, L.N)).toEqual(['Housing insecurity:Hal']);
    expect(holders(s, 5, L.N)).toEqual(['Housing insecurity:Hal', 'School attendance:Ewan']);
    expect(holders(s, 10, L.N)).toEqual(['Housing insecurity:Hal', 'School attendance:Ewan', 'Speech and language delay:Sally']);
    expect(holders(s, 14, L.N)).toEqual(['Housing insecurity:Hal']);
    expect(holders(s, 20, L.N)).toEqual(['School attendance:Alex']);
    expect(holders(s, 20, L.S)).toEqual(['Bereavement:Bea']);
    for (const age of [null, 0, 5, 10, 14, 17, 20, 25]) {
      const singles = s.coverageResponse(age).cells.filter((c) => c.flag === 'single').length;
      expect(s.singlePoints(1000, age).needs).toHaveLength(singles);
    }
  });

  it('single-holder specialisms are for all ages', () => {
    const s = new InsightsSnapshot(world());
    expect(s.singlePoints(50, 15).specialisms).toEqual(s.singlePoints(50, null).specialisms);
  });
});
