import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/helper.js';
import { createDb } from '../lib/db.js';
import { createMeiliClient } from '../plugins/external/meilisearch.js';
import { createDriver } from '../plugins/external/neo4j.js';
import { createDocumentsRepository } from './documents.repository.js';
import { rebuildIndex } from './index-builder.js';
import { MeiliIndex } from './meili-index.js';
import { createSearchFixture, deleteSearchFixture, type SearchFixture } from './testing/fixtures.repository.js';

const config = testConfig();
const driver = createDriver(config.neo4j);
const db = createDb(driver, config.neo4j.database);
const meili = createMeiliClient(config.meili!, 600_000);
const documents = createDocumentsRepository(db);
const live = `test_reindex_${randomUUID().slice(0, 8)}`;
let fx: SearchFixture;

beforeAll(async () => {
  fx = await createSearchFixture(db);
});
afterAll(async () => {
  await deleteSearchFixture(db, fx).catch(() => undefined);
  await new MeiliIndex(meili.client, live).drop().catch(() => undefined);
  meili.close();
  await driver.close();
});

describe('rebuilding the index (reindex)', { timeout: 300_000 }, () => {
  it('creates the live index when there is none, then swaps a fresh one in while the old keeps answering', async () => {
    const progress: number[] = [];
    const first = await rebuildIndex(meili.client, live, documents, { batchSize: 500, onProgress: (p) => progress.push(p.overall) });
    expect(first.swapped).toBe(false);
    expect(progress.at(-1)).toBe(first.documents);
    const index = meili.client.index(live);
    expect((await index.search('Amira Okafor', { filter: [`type = "Practitioner"`] })).hits.map((h) => h.id)).toContain(fx.ids.amira);
    const settings = await index.getSettings();
    expect(settings.rankingRules?.slice(-2)).toEqual(['freshness:desc', 'capacityRank:desc']);
    expect(settings.synonyms?.salt).toEqual(expect.arrayContaining(['speech and language therapy']));

    // Searches during the second rebuild never see an empty index.
    let searching = true;
    const seen: number[] = [];
    const loop = (async () => {
      while (searching) {
        seen.push((await index.search('Amira Okafor')).hits.length);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const second = await rebuildIndex(meili.client, live, documents, { batchSize: 500 });
    searching = false;
    await loop;
    expect(second.swapped).toBe(true);
    expect(second.documents).toBeGreaterThanOrEqual(fx.all.length - 4); // localities are not documents
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n > 0)).toBe(true);
    const leftovers = (await meili.client.getRawIndexes({ limit: 1000 })).results.filter((i) => i.uid.startsWith(`${live}__build_`));
    expect(leftovers).toEqual([]);
  });
});
