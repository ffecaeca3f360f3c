import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '../src/plugins/external/neo4j.js';
import { createMeiliClient } from '../src/plugins/external/meilisearch.js';
import { testConfig } from './helper.js';

const config = testConfig();

describe('the real Neo4j', () => {
  const driver = createDriver(config.neo4j);
  afterAll(async () => driver.close());

  it('writes and reads a node in managed transactions', async () => {
    const id = randomUUID();
    const session = driver.session();
    try {
      await session.executeWrite((tx) =>
        tx.run('CREATE (p:Practitioner {id: $id, name: $name, ageMin: 5})', { id, name: 'Test Practitioner' }),
      );
      const read = await session.executeRead((tx) =>
        tx.run('MATCH (p:Practitioner {id: $id}) RETURN p.name AS name, p.ageMin AS ageMin', { id }),
      );
      expect(read.records[0]!.toObject()).toEqual({ name: 'Test Practitioner', ageMin: 5 });
      await expect(
        session.executeWrite((tx) => tx.run('CREATE (p:Practitioner {id: $id})', { id })),
      ).rejects.toMatchObject({ code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
    } finally {
      await session.executeWrite((tx) => tx.run('MATCH (p:Practitioner {id: $id}) DELETE p', { id }));
      await session.close();
    }
  });
});

describe('the real Meilisearch', () => {
  const { client, close } = createMeiliClient(config.meili!);
  const indexName = `test_foundation_${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    await client.createIndex(indexName, { primaryKey: 'id' }).waitTask();
  });
  afterAll(async () => {
    await client.deleteIndex(indexName).waitTask();
    close();
  });

  it('indexes a document and finds it with a typo', async () => {
    const task = await client
      .index(indexName)
      .addDocuments([{ id: 'p1', name: 'Speech and language therapy', profession: 'speech-and-language-therapist' }])
      .waitTask();
    expect(task.status).toBe('succeeded');
    const result = await client.index(indexName).search('speach therapy');
    expect(result.hits.map((h) => h.id)).toEqual(['p1']);
  });

  it('rejects a request without the master key', async () => {
    const anonymous = createMeiliClient({ host: config.meili!.host, index: 'x' });
    try {
      // The SDK wraps whatever a custom HTTP client throws in a MeilisearchRequestError; the API error is its cause.
      await expect(anonymous.client.getIndexes()).rejects.toMatchObject({
        cause: { name: 'MeilisearchApiError', response: { status: 401 } },
      });
    } finally {
      anonymous.close();
    }
  });
});
