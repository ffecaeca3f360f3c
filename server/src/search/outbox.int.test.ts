import { randomUUID } from 'node:crypto';
import { SearchQuery } from '@knotwork/graph-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, testConfig } from '../../test/helper.js';
import { createDb } from '../lib/db.js';
import { createNodeRepository } from '../modules/directory/node.repository.js';
import { createNodeService } from '../modules/directory/node.service.js';
import { createMeiliClient } from '../plugins/external/meilisearch.js';
import { createDriver } from '../plugins/external/neo4j.js';
import { createDocumentsRepository } from './documents.repository.js';
import { FailoverSearch } from './failover-search.js';
import { FulltextSearchBackend, ThesaurusCache } from './fulltext-backend.js';
import { createFulltextRepository } from './fulltext.repository.js';
import { MeiliSearchBackend } from './meili-backend.js';
import { MeiliIndex } from './meili-index.js';
import { LEASE_NAME, OutboxWorker } from './outbox-worker.js';
import { createOutboxRepository, enqueueSearchSync } from './outbox.repository.js';
import type { SearchDocument } from './search-document.js';
import { TcpProxy } from './testing/tcp-proxy.js';

/**
 * The outbox against the real Neo4j and the real Meilisearch, made unreachable through a TCP proxy. The test's
 * worker holds the drain lease, so workers of other test files' apps wait and do not take these events.
 */
const config = testConfig();
const driver = createDriver(config.neo4j);
const db = createDb(driver, config.neo4j.database);
const target = new URL(config.meili!.host);
const proxy = new TcpProxy(target.hostname, Number(target.port));
const direct = createMeiliClient(config.meili!);
let viaProxy: ReturnType<typeof createMeiliClient>;
const documents = createDocumentsRepository(db);
const outbox = createOutboxRepository(db);
const indexUid = `test_outbox_${randomUUID().slice(0, 8)}`;
const created: string[] = [];

async function writePractitioner(name: string, bio: string, id: string = randomUUID()): Promise<string> {
  const now = new Date().toISOString();
  await db.write(async (tx) => {
    await tx.run(
      `MERGE (p:Practitioner {id: $id})
       ON CREATE SET p.createdAt = $now, p.profession = 'youth-worker', p.capacity = 'open', p.ageMin = 11,
                     p.ageMax = 19, p.languages = ['English'], p.source = 'manual', p.lastVerifiedAt = $now,
                     p.bioVisibility = 'signed-in', p.title = ''
       SET p.name = $name, p.bio = $bio, p.updatedAt = $now`,
      { id, name, bio, now },
    );
    await enqueueSearchSync(tx, [id]);
  });
  created.push(id);
  return id;
}

async function pendingFor(ids: string[]): Promise<number> {
  return db.read(async (tx) => {
    const res = await tx.run('MATCH (e:OutboxEvent) WHERE e.entityId IN $ids RETURN count(e) AS n', { ids });
    return res.records[0]!.get('n') as number;
  });
}

async function indexed(id: string): Promise<SearchDocument | null> {
  try {
    return (await direct.client.index(indexUid).getDocument(id)) as unknown as SearchDocument;
  } catch {
    return null;
  }
}

async function until<T>(what: string, probe: () => Promise<T | null | false>, timeoutMs = 90_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function makeWorker(client = viaProxy.client, index?: MeiliIndex, idleMs = 50) {
  return new OutboxWorker(
    { db, outbox, documents, index: index ?? new MeiliIndex(client, indexUid) },
    { idleMs, baseBackoffMs: 50, maxBackoffMs: 400, leaseMs: 60_000, fillWhenCreated: false, releaseLeaseOnFailure: false },
  );
}

beforeAll(async () => {
  await proxy.up();
  viaProxy = createMeiliClient({ host: proxy.url, masterKey: config.meili!.masterKey, index: indexUid }, 2_000);
  const index = new MeiliIndex(direct.client, indexUid);
  await index.ensure();
  await index.applySettings({});
});

afterAll(async () => {
  await db.write((tx) =>
    tx.run(
      `UNWIND $ids AS id
       OPTIONAL MATCH (n {id: id}) WHERE n:Practitioner OR n:Specialism OR n:Locality DETACH DELETE n
       WITH id MATCH (e:OutboxEvent {entityId: id}) DELETE e`,
      { ids: created },
    ),
  );
  await new MeiliIndex(direct.client, indexUid).drop().catch(() => undefined);
  await proxy.down();
  viaProxy.close();
  direct.close();
  await driver.close();
});

// Generous timeouts: the shared machine can be very busy, and nothing here depends on speed.
describe('search outbox', { timeout: 240_000 }, () => {
  it('queues writes while Meilisearch is unreachable, answers degraded meanwhile, and converges when it is back', async () => {
    const worker = makeWorker();
    expect(await outbox.acquireLease(LEASE_NAME, worker.holder, 60_000)).toBe(true);
    await proxy.down();
    const id = await writePractitioner('Quentin Marchbank', 'Detached youth work around the skate park.');
    const app = await buildTestApp();
    try {
      worker.start();
      await until('a failed round', async () => worker.stats.failures > 0);
      expect(await pendingFor([id])).toBe(1);
      expect(await indexed(id)).toBeNull();

      const health = (await app.inject({ method: 'GET', url: '/api/health' })).json();
      expect(health.search.outboxLag).toBeGreaterThanOrEqual(1);

      // Search meanwhile: the fallback answers, and says so.
      const failover = new FailoverSearch(
        new MeiliSearchBackend(viaProxy.client, indexUid, 300),
        new FulltextSearchBackend(createFulltextRepository(db), documents, new ThesaurusCache(documents)),
      );
      const res = await failover.search(SearchQuery.parse({ q: 'Quentin Marchbank' }));
      expect(res).toMatchObject({ degraded: true, backend: 'neo4j-fulltext' });
      expect(res.hits.map((h) => h.id)).toContain(id);
      // The breaker is open now (or half-open if the fallback took longer than its cooldown): the next request
      // does not wait on the engine again before the cooldown is over.
      expect(failover.breaker.state).not.toBe('closed');

      await proxy.up();
      const doc = await until('the document in Meilisearch', () => indexed(id));
      expect(doc.name).toBe('Quentin Marchbank');
      await until('the events acknowledged', async () => (await pendingFor([id])) === 0);
    } finally {
      await worker.stop();
      await app.close();
    }
  });

  it('loses nothing when the process dies between the write and the apply, or between the apply and the ack', async () => {
    // 1. Died before applying: events written with the data stay in Neo4j.
    const id = await writePractitioner('Rosalind Pembury', 'Young carers group.');
    expect(await pendingFor([id])).toBe(1);

    // 2. Died after Meilisearch applied but before the events were deleted: simulate with an index whose
    //    delete step (after the upsert, before the acknowledgement) crashes.
    class CrashingIndex extends MeiliIndex {
      override async delete(): Promise<void> {
        throw new Error('process killed');
      }
    }
    const crashing = makeWorker(direct.client, new CrashingIndex(direct.client, indexUid));
    expect(await outbox.acquireLease(LEASE_NAME, crashing.holder, 60_000)).toBe(true);
    await expect(crashing.round()).rejects.toThrow('process killed');
    expect(await pendingFor([id])).toBe(1);

    // Meanwhile the profile changes again.
    await writePractitioner('Rosalind Pembury-Hale', 'Young carers group and sibling support.', id);
    expect(await pendingFor([id])).toBe(2);

    // 3. A new process: its worker replays everything and ends on the current state.
    const restarted = makeWorker(direct.client);
    expect(await outbox.acquireLease(LEASE_NAME, restarted.holder, 60_000)).toBe(false); // the dead one's lease is live
    await outbox.releaseLease(LEASE_NAME, crashing.holder); // (it would expire after leaseMs)
    restarted.start();
    try {
      await until('convergence', async () => (await indexed(id))?.name === 'Rosalind Pembury-Hale' && (await pendingFor([id])) === 0);
    } finally {
      await restarted.stop();
    }
  });

  it('rebuilds the documents that show an entity when what they show changed, and only then', async () => {
    const [holder, coHolder] = [await writePractitioner('Ula Fenwick', 'Stammering.'), await writePractitioner('Vic Ormsby', 'Stammering.')];
    const specialism = randomUUID();
    created.push(specialism);
    await db.write(async (tx) => {
      await tx.run(
        `CREATE (s:Specialism {id: $specialism, name: 'Fluency support', domain: 'communication', description: '',
                               synonymTerms: [], synonymProfessions: []})
         WITH s UNWIND $holders AS id MATCH (p:Practitioner {id: id}) CREATE (p)-[:HAS_SPECIALISM {level: 'practitioner'}]->(s)`,
        { specialism, holders: [holder, coHolder] },
      );
      await enqueueSearchSync(tx, [holder, coHolder, specialism]);
    });
    const upserted: string[] = [];
    class RecordingIndex extends MeiliIndex {
      override async upsert(docs: SearchDocument[]): Promise<void> {
        upserted.push(...docs.map((d) => d.id));
        await super.upsert(docs);
      }
    }
    const worker = makeWorker(direct.client, new RecordingIndex(direct.client, indexUid));
    const service = createNodeService({ db, repository: createNodeRepository(db) });
    expect(await outbox.acquireLease(LEASE_NAME, worker.holder, 60_000)).toBe(true);
    try {
      await worker.drain();
      expect((await indexed(coHolder))?.specialisms).toEqual(['Fluency support']);

      upserted.length = 0;
      await service.update(null, 'Practitioner', holder, { capacity: 'limited' });
      await worker.drain();
      expect((await indexed(holder))?.capacity).toBe('limited');
      expect(upserted).toContain(holder);
      expect(upserted).not.toContain(coHolder);
      expect(upserted).not.toContain(specialism);

      upserted.length = 0;
      await service.update(null, 'Specialism', specialism, { name: 'Fluency and stammering support' });
      await worker.drain();
      expect(upserted).toEqual(expect.arrayContaining([specialism, holder, coHolder]));
      expect((await indexed(coHolder))?.specialisms).toEqual(['Fluency and stammering support']);
    } finally {
      await outbox.releaseLease(LEASE_NAME, worker.holder);
    }
  });

  it('a renamed locality rebuilds what is served there, and deletes no document for the locality itself', async () => {
    const practitioner = await writePractitioner('Wren Talbot', 'Outreach.');
    const locality = randomUUID();
    created.push(locality);
    await db.write(async (tx) => {
      await tx.run(
        `CREATE (l:Locality {id: $locality, name: 'Harrow Vale', kind: 'ward'})
         WITH l MATCH (p:Practitioner {id: $practitioner}) CREATE (p)-[:SERVES]->(l)`,
        { locality, practitioner },
      );
      await enqueueSearchSync(tx, [practitioner]);
    });
    const deleted: string[] = [];
    class RecordingIndex extends MeiliIndex {
      override async delete(ids: readonly string[]): Promise<void> {
        deleted.push(...ids);
        await super.delete(ids);
      }
    }
    const worker = makeWorker(direct.client, new RecordingIndex(direct.client, indexUid));
    expect(await outbox.acquireLease(LEASE_NAME, worker.holder, 60_000)).toBe(true);
    try {
      await worker.drain();
      expect((await indexed(practitioner))?.localities).toEqual(['Harrow Vale']);
      await createNodeService({ db, repository: createNodeRepository(db) }).update(null, 'Locality', locality, { name: 'Harrow Vale East' });
      await worker.drain();
      expect((await indexed(practitioner))?.localities).toEqual(['Harrow Vale East']);
      expect(deleted).not.toContain(locality);
      expect(await pendingFor([locality])).toBe(0);
    } finally {
      await outbox.releaseLease(LEASE_NAME, worker.holder);
    }
  });

  it('applies a write at once when woken, instead of after its idle pause', async () => {
    const worker = makeWorker(direct.client, undefined, 120_000);
    expect(await outbox.acquireLease(LEASE_NAME, worker.holder, 60_000)).toBe(true);
    try {
      worker.start();
      await until('an idle worker', async () => worker.stats.rounds > 0);
      const id = await writePractitioner('Wilhelmina Oakridge', 'Youth work in the library.');
      worker.wake();
      // Without the wake the worker would sleep two minutes; the wait below gives up after 60 s.
      expect((await until('the woken worker to apply the write', () => indexed(id), 60_000)).name).toBe('Wilhelmina Oakridge');
      // and again (a wake that comes while a round runs makes the worker skip its next pause)
      const second = await writePractitioner('Ottoline Brackenbury', 'Detached youth work.');
      worker.wake();
      expect((await until('the second write', () => indexed(second), 60_000)).name).toBe('Ottoline Brackenbury');
    } finally {
      await worker.stop();
    }
  });

  it('deletes the document of a deleted node', async () => {
    const id = await writePractitioner('Tobias Quarrington', 'Street work.');
    const worker = makeWorker(direct.client);
    expect(await outbox.acquireLease(LEASE_NAME, worker.holder, 60_000)).toBe(true);
    try {
      await worker.drain();
      expect((await indexed(id))?.name).toBe('Tobias Quarrington');
      await db.write(async (tx) => {
        await tx.run('MATCH (p:Practitioner {id: $id}) DETACH DELETE p', { id });
        await enqueueSearchSync(tx, [id]);
      });
      await worker.drain();
      expect(await indexed(id)).toBeNull();
      expect(await pendingFor([id])).toBe(0);
    } finally {
      await outbox.releaseLease(LEASE_NAME, worker.holder);
    }
  });
});
