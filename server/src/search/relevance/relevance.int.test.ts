import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/helper.js';
import { createDb } from '../../lib/db.js';
import { createMeiliClient } from '../../plugins/external/meilisearch.js';
import { createDriver } from '../../plugins/external/neo4j.js';
import { formatScores, runRelevance } from './harness.js';
import { relevanceSet } from './relevance-set.js';

const config = testConfig();
const driver = createDriver(config.neo4j);
const db = createDb(driver, config.neo4j.database);
const meili = createMeiliClient(config.meili!);

afterAll(async () => {
  meili.close();
  await driver.close();
});

describe('relevance test set over the demo data', () => {
  it('has at least 60 queries of every kind', () => {
    expect(relevanceSet.length).toBeGreaterThanOrEqual(60);
    for (const kind of ['typo', 'abbreviation', 'other-profession', 'multi-word-need', 'filter']) {
      expect(relevanceSet.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(5);
    }
  });

  it('reaches precision@5 ≥ 0.9 on Meilisearch and ≥ 0.75 on the Neo4j fallback', async () => {
    const scores = await runRelevance(db, meili.client, `test_relevance_${randomUUID().slice(0, 8)}`);
    console.log(formatScores(scores, true));
    const [engine, fallback] = scores;
    expect(engine!.backend).toBe('meilisearch');
    expect(engine!.precisionAt5).toBeGreaterThanOrEqual(0.9);
    expect(fallback!.precisionAt5).toBeGreaterThanOrEqual(0.75);
  }, 300_000);
});
