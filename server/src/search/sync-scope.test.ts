import { describe, expect, it } from 'vitest';
import { changesShownFields, relationshipSyncScope, syncEvents } from './sync-scope.js';

const end = (id: string, label: string) => ({ id, label });

describe('changesShownFields', () => {
  it('is true only for fields that other documents show', () => {
    expect(changesShownFields('Agency', { name: 'A', referralRoute: 'x' }, { name: 'A', referralRoute: 'y' })).toBe(false);
    expect(changesShownFields('Agency', { name: 'A' }, { name: 'B' })).toBe(true);
    expect(changesShownFields('Specialism', { synonyms: [] }, { synonyms: [{ term: 'SLCN', profession: null }] })).toBe(true);
    expect(changesShownFields('Practitioner', { name: 'A', capacity: 'open' }, { name: 'B', capacity: 'full' })).toBe(false);
    expect(changesShownFields('Locality', { name: 'North' }, { name: 'North' })).toBe(false);
  });
});

describe('relationshipSyncScope', () => {
  it('rebuilds the searchable ends of most relationships, without dependents', () => {
    expect(relationshipSyncScope('HAS_SPECIALISM', end('p', 'Practitioner'), end('s', 'Specialism'))).toEqual({
      ids: ['p', 's'],
      withDependents: [],
    });
    expect(relationshipSyncScope('MEETS_IN', end('f', 'Forum'), end('l', 'Locality'))).toEqual({ ids: ['f'], withDependents: [] });
  });

  it('takes along the dependents of the end whose dependents see the change', () => {
    expect(relationshipSyncScope('ADDRESSED_BY', end('n', 'Need'), end('s', 'Specialism'))).toEqual({ ids: ['n'], withDependents: ['s'] });
    expect(relationshipSyncScope('SERVES', end('a', 'Agency'), end('l', 'Locality'))).toEqual({ ids: [], withDependents: ['a'] });
    // a locality has no document of its own, but what is served in it does
    expect(relationshipSyncScope('WITHIN', end('l1', 'Locality'), end('l2', 'Locality'))).toEqual({ ids: [], withDependents: ['l1'] });
  });
});

describe('syncEvents', () => {
  it('keeps an id once, with its dependents when any scope asked for them', () => {
    expect(
      syncEvents([
        { ids: ['a', 'b'], withDependents: [] },
        { ids: ['c'], withDependents: ['a'] },
      ]),
    ).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
  });
});
