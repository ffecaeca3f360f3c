import { demoFacts, resolveOptions } from '@knotwork/seed';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helper.js';
import type { App } from '../../app.js';
import { seedDatabase } from '../transfer/seed-loader.js';
import { createPathsRepository } from './paths.repository.js';

/**
 * The specialism holders of a path search are read one distance and one level band at a time, with shortcuts
 * (paths.repository.ts, holdersQuery). They must be exactly what one ordered query over every holding gives:
 * nearest specialism, then most senior holding, open capacity, id. Checked on the demo data (seed scale 1) for
 * every specialism, with and without a locality, at two dates, and with small limits so that every distance, band
 * and deeper-holding case is reached.
 */
const REFERENCE = `
MATCH (s:Specialism {id: $spec})<-[b:BROADER*0..3]-(x:Specialism)
WITH x, min(size(b)) AS d
OPTIONAL MATCH (target:Locality {id: $loc})
WITH x, d, CASE WHEN target IS NULL THEN null ELSE
  [(l:Locality)-[:WITHIN*0..5]->(target) | l.id] + [(target)-[:WITHIN*1..5]->(a:Locality) | a.id] END AS places
MATCH (x)<-[h:HAS_SPECIALISM]-(p) WHERE coalesce(h.since, '') <= $asOf
  AND ($loc IS NULL OR EXISTS { MATCH (p)-[:SERVES]->(l:Locality) WHERE l.id IN places })
WITH p, min(d) AS distance, max(CASE h.level WHEN 'lead' THEN 2 WHEN 'practitioner' THEN 1 ELSE 0 END) AS level
RETURN p.id AS id
ORDER BY distance, level DESC, CASE p.capacity WHEN 'open' THEN 0 WHEN 'limited' THEN 1 ELSE 2 END, p.id
LIMIT $limit`;

let app: App;

beforeAll(async () => {
  app = await buildTestApp();
  await seedDatabase(app.db, { ...resolveOptions({ seed: 1, scale: 1 }), mode: 'merge' });
}, 600_000);
afterAll(async () => {
  await app?.close();
});

describe('holders of a specialism', () => {
  it('are those one ordered query over all holdings gives, for every demo specialism', { timeout: 600_000 }, async () => {
    const { specialisms, places, from } = await app.db.read(async (tx) => ({
      specialisms: (await tx.run(
        `MATCH (s:Specialism)<-[:BROADER*0..3]-(:Specialism)<-[:HAS_SPECIALISM]-(p)-[:SERVES]->(:Locality)-[:WITHIN*0..5]->(:Locality {id: $authority})
         RETURN DISTINCT s.id AS id`,
        { authority: demoFacts.authority.id },
      )).records.map((r) => r.get('id') as string),
      places: (await tx.run(`MATCH (l:Locality)-[:WITHIN*0..2]->(:Locality {id: $authority}) RETURN l.id AS id LIMIT 6`, {
        authority: demoFacts.authority.id,
      })).records.map((r) => r.get('id') as string),
      from: demoFacts.demoPractitioner.id,
    }));
    expect(specialisms.length).toBeGreaterThan(20);
    const repo = createPathsRepository(app.db);
    let compared = 0;
    let nonEmpty = 0;
    for (const spec of specialisms) {
      for (const loc of [null, ...places.slice(0, 2)]) {
        for (const asOf of ['2025-06-01', '2026-12-31']) {
          for (const limit of loc === null ? [1, 3, 10] : [1, 3]) {
            const got = await repo.read((ops) => ops.start({ from, specialism: spec, locality: loc ?? undefined, asOf, holders: limit }));
            const expected = await app.db.read(async (tx) =>
              (await tx.run(REFERENCE, { spec, loc, asOf, limit: neo4j.int(limit) })).records.map((r) => r.get('id') as string),
            );
            expect({ spec, loc, asOf, limit, holders: got.holders.map((h) => h.id) }).toEqual({ spec, loc, asOf, limit, holders: expected });
            compared++;
            if (expected.length > 0) nonEmpty++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(nonEmpty).toBeGreaterThan(100);
  });
});
