import type { Migration } from './migration.js';

/**
 * Locations (HSDS location) as their own nodes, and an index on `source` for the labels imports write, so that a
 * re-import finds its source's records that the input no longer has without scanning the label.
 */
export const migration: Migration = {
  id: '0006',
  name: 'locations; import source indexes',
  statements: [
    'CREATE CONSTRAINT location_id IF NOT EXISTS FOR (n:Location) REQUIRE n.id IS UNIQUE',
    'CREATE INDEX location_name IF NOT EXISTS FOR (n:Location) ON (n.name)',
    'CREATE INDEX location_source_key IF NOT EXISTS FOR (n:Location) ON (n.sourceKey)',
    ...['Practitioner', 'Agency', 'Specialism', 'Locality', 'Location'].map(
      (label) => `CREATE INDEX ${label.toLowerCase()}_source IF NOT EXISTS FOR (n:${label}) ON (n.source)`,
    ),
  ],
};
