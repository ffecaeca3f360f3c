import type { Migration } from './migration.js';

/**
 * The search outbox worker's lease: one node per lease name, so that with several app instances only one
 * drains the outbox at a time (a second drainer could apply an older re-read after a newer one).
 */
export const migration: Migration = {
  id: '0005',
  name: 'search outbox lease',
  statements: ['CREATE CONSTRAINT search_lease_id IF NOT EXISTS FOR (n:SearchLease) REQUIRE n.id IS UNIQUE'],
};
