import { describe, expect, it } from 'vitest';
import { luceneClause, publicFieldsQuery, queryWords } from './lucene.js';
import { damerauLevenshtein, expandQuery, meiliSynonyms, thesaurusGroups } from './thesaurus.js';

const entries = [
  {
    kind: 'Specialism' as const,
    id: 's1',
    name: 'Speech and language therapy',
    synonyms: [
      { term: 'SALT', profession: 'teacher' },
      { term: 'speech therapy', profession: null },
    ],
  },
  { kind: 'Need' as const, id: 'n1', name: 'School attendance', synonyms: [{ term: 'Persistent absence', profession: 'teacher' }] },
  { kind: 'Need' as const, id: 'n2', name: 'Lonely', synonyms: [] },
];

describe('thesaurus', () => {
  it('groups each specialism and need with its synonyms, tagged by profession', () => {
    const groups = thesaurusGroups(entries);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({
      terms: ['speech and language therapy', 'salt', 'speech therapy'],
      professions: { salt: 'teacher' },
    });
  });

  it('makes every term of a group a Meilisearch synonym of the others, deterministically', () => {
    const syn = meiliSynonyms(thesaurusGroups(entries));
    expect(syn.salt).toEqual(['speech and language therapy', 'speech therapy']);
    expect(syn['persistent absence']).toEqual(['school attendance']);
    expect(Object.keys(syn)).toEqual([...Object.keys(syn)].sort());
  });

  it('expands a query containing a term, even with a typo', () => {
    const groups = thesaurusGroups(entries);
    expect(expandQuery('salt for year 6', groups)).toEqual(expect.arrayContaining(['speech and language therapy']));
    expect(expandQuery('speach therapy', groups)).toEqual(expect.arrayContaining(['salt']));
    expect(expandQuery('housing', groups)).toEqual([]);
  });

  it('counts a transposition as one edit', () => {
    expect(damerauLevenshtein('speech', 'spehec')).toBe(2);
    expect(damerauLevenshtein('therpay', 'therapy')).toBe(1);
  });
});

describe('lucene', () => {
  it('only lets letters and digits through, so input cannot inject query syntax', () => {
    expect(queryWords('name:(x OR y) AND "z"~9 \\ *')).toEqual(['name', 'x', 'y', 'z', '9']);
    expect(luceneClause('')).toBeNull();
  });

  it('makes longer words fuzzy, the last one a prefix, and adds expansions as phrases', () => {
    const clause = luceneClause('speach therapy', ['salt', 'speech and language therapy'])!;
    expect(clause).toContain('speach~1');
    expect(clause).toContain('therapy*');
    expect(clause).toContain('"speach therapy"^3');
    expect(clause).toContain('salt^2');
    expect(clause).toContain('"speech language therapy"^2');
    expect(publicFieldsQuery('x')).not.toContain('bio');
    expect(publicFieldsQuery('x')).not.toContain('limitsOfExpertise');
  });
});
