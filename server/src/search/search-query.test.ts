import { describe, expect, it } from 'vitest';
import { buildDocument, freshnessOf } from './search-document.js';
import { markersToHtml, matchesFilters, meiliFilter, POST, PRE } from './search-query.js';

const practitioner = buildDocument({
  type: 'Practitioner',
  node: {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'A <b>Person</b>',
    profession: 'teacher',
    bio: 'secret',
    bioVisibility: 'coordinators',
    phone: '0123456789',
    languages: ['English', 'Polish'],
    ageMin: 5,
    ageMax: 11,
    capacity: 'limited',
    lastVerifiedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
  },
  agency: { id: 'a', name: 'School', sector: 'education' },
  localityIds: ['ward', 'district', 'authority'],
  servedLocalityIds: ['ward'],
});

describe('search documents', () => {
  it('leave coordinators-only bios and phones out', () => {
    expect(JSON.stringify(practitioner)).not.toContain('secret');
    expect(JSON.stringify(practitioner)).not.toContain('0123456789');
  });

  it('mark profiles unverified for six months as stale', () => {
    expect(freshnessOf('Practitioner', null).freshness).toBe(0);
    expect(freshnessOf('Practitioner', new Date(Date.now() - 200 * 86_400_000).toISOString()).freshness).toBe(0);
    expect(freshnessOf('Practitioner', new Date().toISOString()).freshness).toBe(1);
    expect(freshnessOf('Specialism', null).freshness).toBe(1);
  });
});

describe('filters', () => {
  const req = (extra: object) => ({ q: '', limit: 20, offset: 0, ...extra });
  it('match nested localities, enclosing areas, ages, sector, language and capacity', () => {
    expect(matchesFilters(practitioner, req({ locality: 'district' }))).toBe(true);
    expect(matchesFilters(practitioner, req({ locality: 'other-ward', localityAncestors: ['district'] }))).toBe(false);
    expect(matchesFilters(practitioner, req({ locality: 'street', localityAncestors: ['ward', 'district'] }))).toBe(true);
    expect(matchesFilters(practitioner, req({ age: 11 }))).toBe(true);
    expect(matchesFilters(practitioner, req({ age: 12 }))).toBe(false);
    expect(matchesFilters(practitioner, req({ sector: ['education'] }))).toBe(true);
    expect(matchesFilters(practitioner, req({ language: 'polish' }))).toBe(true);
    expect(matchesFilters(practitioner, req({ capacity: ['open'] }))).toBe(false);
  });

  it('quote values in Meilisearch filters', () => {
    expect(meiliFilter(req({ language: 'Bad" OR type = "x' }))).toEqual(['languages = "Bad\\" OR type = \\"x"']);
    expect(meiliFilter(req({ locality: 'l1', localityAncestors: ['l0'] }))).toEqual([
      '(localityIds = "l1" OR servedLocalityIds IN ["l0"])',
    ]);
  });

  it('escape HTML around highlight marks', () => {
    expect(markersToHtml(`${PRE}A${POST} <b>`)).toBe('<mark>A</mark> &lt;b&gt;');
  });
});
