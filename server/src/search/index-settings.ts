import type { Settings } from 'meilisearch';
import { FACETS } from './search-query.js';

/**
 * Meilisearch index settings, written by code before any document (`MeiliIndex.applySettings`).
 *
 * Ranking rule (documented for users in the README of this folder):
 *   1. text relevance — Meilisearch's built-in rules: words (how many query words match, synonyms counted),
 *      typo (fewer typos first), exactness (the words as typed before words reached through the thesaurus or
 *      prefixes), proximity, attribute (a match in the name beats a match in a specialism, which beats the bio:
 *      see `searchableAttributes` order). Exactness comes before proximity and attribute (unlike Meilisearch's
 *      default) because it raised precision@5 on the relevance set from 0.90 to 0.92 (bench/RESULTS.md);
 *   2. then freshness — profiles verified within the last six months (`freshness` 1) before stale ones (0);
 *   3. then capacity — open (2) before limited (1) before closed (0).
 * Freshness and capacity therefore only order results that are equally relevant: a stale profile that
 * matches better still comes first, but among equally good matches the fresh, open ones lead.
 */
export const searchableAttributes = [
  'name',
  'synonyms',
  'specialisms',
  'specialismTerms',
  'category',
  'title',
  'needTerms',
  'description',
  'bio',
  'referralRoute',
  'agencyName',
  'localities',
  'languages',
];

export function indexSettings(synonyms: Record<string, string[]>): Settings {
  return {
    searchableAttributes,
    displayedAttributes: ['*'],
    filterableAttributes: [
      'type',
      'localityIds',
      'servedLocalityIds',
      'ageMin',
      'ageMax',
      'sector',
      'profession',
      'languages',
      'capacity',
      'domain',
      'freshness',
      'staleAt',
    ],
    sortableAttributes: ['name', 'freshness', 'capacityRank'],
    rankingRules: ['words', 'typo', 'exactness', 'proximity', 'attribute', 'freshness:desc', 'capacityRank:desc'],
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    },
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: 10_000 },
    synonyms,
  };
}

export const FACET_ATTRIBUTES = [...FACETS];
