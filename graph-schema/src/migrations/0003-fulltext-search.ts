import type { Migration } from './migration.js';

/**
 * One full-text (Lucene) index over every searchable label: the degraded search path when Meilisearch is
 * unreachable. Synonym terms are indexed too, so a query in one profession's words finds the others'.
 */
export const migration: Migration = {
  id: '0003',
  name: 'full-text index for degraded search',
  statements: [
    `CREATE FULLTEXT INDEX knotwork_search IF NOT EXISTS
     FOR (n:Practitioner|Agency|Specialism|Need|Forum)
     ON EACH [n.name, n.title, n.description, n.bio, n.synonymTerms, n.referralRoute, n.limitsOfExpertise]
     OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'english', \`fulltext.eventually_consistent\`: false } }`,
  ],
};
