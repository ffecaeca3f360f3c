import { toStoredProps, type DirectoryLabel, type RelationshipType } from '@knotwork/graph-schema';
import { generateSeedGraph } from '@knotwork/seed';
import type { Db } from '../../lib/db.js';

const SEARCH_LABELS = new Set<DirectoryLabel>(['Practitioner', 'Agency', 'Specialism', 'Need', 'Forum', 'Locality']);
const SEARCH_RELS = new Set<RelationshipType>([
  'WORKS_FOR',
  'PART_OF',
  'HAS_SPECIALISM',
  'OFFERS',
  'BROADER',
  'ADDRESSED_BY',
  'SERVES',
  'MEETS_IN',
  'WITHIN',
  'CONVENES',
]);

/**
 * Loads the part of the demo graph (seed/, deterministic ids) that search documents are built from: every
 * searchable node, localities, and the relationships documents show. Collaborations and KNOWS trails are left
 * out. Idempotent (MERGE on ids), so it can run into a database that already holds the demo.
 * Returns the ids of the searchable nodes.
 */
export async function loadDemoSearchGraph(
  db: Db,
  options: { scale?: number; seed?: number; asOf?: string; onProgress?: (n: number) => void } = {},
): Promise<string[]> {
  const searchable: string[] = [];
  let written = 0;
  for (const batch of generateSeedGraph({
    scale: options.scale ?? 1,
    seed: options.seed ?? 1,
    asOf: options.asOf,
    batchSize: 5_000,
    validate: false,
  })) {
    if (batch.kind === 'nodes') {
      if (batch.label === 'Collaboration') break; // the rest of the stream is collaborations: not needed
      if (!SEARCH_LABELS.has(batch.label)) continue;
      const rows = batch.rows.map((r) => toStoredProps(r));
      await db.write((tx) =>
        tx.run(`UNWIND $rows AS row MERGE (n:${batch.label} {id: row.id}) SET n += row`, { rows }),
      );
      if (batch.label !== 'Locality') searchable.push(...batch.rows.map((r) => r.id));
      written += rows.length;
    } else {
      if (!SEARCH_RELS.has(batch.type)) continue;
      await db.write((tx) =>
        tx.run(
          `UNWIND $rows AS r
           MATCH (a:${batch.fromLabel} {id: r.from}) MATCH (b:${batch.toLabel} {id: r.to})
           MERGE (a)-[x:${batch.type}]->(b) SET x += r.properties`,
          { rows: batch.rows },
        ),
      );
      written += batch.rows.length;
    }
    options.onProgress?.(written);
  }
  return searchable;
}
