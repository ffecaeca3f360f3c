import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations, runMigrations } from '@knotwork/graph-schema/migrations';
import { findFreePort, startMeili, startNeo4j, stopMeili, stopNeo4j } from '@knotwork/tools/services';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { createDriver } from '../../src/plugins/external/neo4j.js';
import { createUser, signIn, type SignedIn } from '../factories.js';
import { testConfig } from '../helper.js';

/**
 * Service outages against a Neo4j and a Meilisearch this file starts for itself (the outbox worker of an app on the
 * shared test database would compete with other tests' workers for the one drain lease).
 *
 * Meilisearch process stopped during reads and writes: reads fall back to Neo4j full-text with degraded: true,
 * writes succeed, the outbox drains once it is back, and the index matches the graph (count and documents).
 *
 * Neo4j killed (SIGKILL, as in a crash) and restarted under a write load, against a Neo4j this test starts for
 * itself, so the shared test database is never touched:
 *   - every write the API acknowledged with 2xx is in the database afterwards;
 *   - while the database is down the API answers 503 with a clear message (no 500s, no hangs beyond the retry time);
 *   - the same app process recovers by itself once the database is back (driver reconnects), no restart.
 */

let dir: string;
let opts: Parameters<typeof startNeo4j>[0];
let meiliOpts: Parameters<typeof startMeili>[0];
const INDEX = `outage-${process.pid}-${Date.now()}`;
let pid: number;
let driver: Driver;
let app: App;
let coordinator: SignedIn;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'knotwork-outage-'));
  opts = {
    boltPort: await findFreePort(),
    dataDir: join(dir, 'neo4j'),
    heap: '512m',
    pageCache: '64m',
    startTimeoutMs: 150_000,
  };
  meiliOpts = { port: await findFreePort(), dataDir: join(dir, 'meili'), secretsFile: join(dir, 'secrets.json'), logLevel: 'WARN' };
  const [started, meili] = await Promise.all([startNeo4j(opts), startMeili(meiliOpts)]);
  pid = started.pid;
  driver = createDriver({ uri: started.uri, user: started.user, password: started.password });
  await runMigrations(driver, migrations);
  app = await buildApp(
    testConfig({
      NEO4J_URI: started.uri,
      NEO4J_PASSWORD: started.password,
      MEILI_HOST: meili.host,
      MEILI_MASTER_KEY: meili.masterKey,
      MEILI_INDEX: INDEX,
    }),
    { logger: false, driver },
  );
  await app.ready();
  const u = await createUser(app, 'coordinator');
  coordinator = await signIn(app, u.email, u.password);
}, 300_000);

afterAll(async () => {
  await app?.close();
  await driver?.close();
  if (opts) await stopNeo4j(opts);
  if (meiliOpts) await stopMeili(meiliOpts);
  if (dir) await rm(dir, { recursive: true, force: true });
}, 120_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

describe('Meilisearch stopped during reads and writes', () => {
  it('answers degraded from Neo4j, accepts writes, drains the outbox afterwards and ends with an index that matches the graph', { timeout: 400_000 }, async () => {
    const tag = `Zephyrine${Date.now()}`;
    const create = async (name: string) => {
      const res = await coordinator.inject({ method: 'POST', url: '/api/agencies', payload: { name, sector: 'vcs', description: `${tag} outage test` } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const search = async (q: string) => {
      const res = await coordinator.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { degraded: boolean; backend: string; hits: { id: string }[] };
    };
    const before = await create(`${tag} Before Agency`);
    await until('the first agency in Meilisearch', async () => {
      const r = await search(`${tag} Before`);
      return !r.degraded && r.hits.some((h) => h.id === before);
    });

    const stopped = await stopMeili(meiliOpts);
    expect(stopped.wasRunning).toBe(true);

    const down = await search(`${tag} Before Agency`);
    expect(down).toMatchObject({ degraded: true, backend: 'neo4j-fulltext' });
    expect(down.hits.map((h) => h.id)).toContain(before);
    const during: string[] = [];
    for (let i = 0; i < 5; i++) during.push(await create(`${tag} During ${i}`));
    const patched = await coordinator.inject({ method: 'PATCH', url: `/api/agencies/${before}`, payload: { name: `${tag} Renamed Agency` } });
    expect(patched.statusCode, patched.body).toBe(200);
    const stillDown = await search(`${tag} During`);
    expect(stillDown.degraded).toBe(true);
    expect(stillDown.hits.map((h) => h.id)).toEqual(expect.arrayContaining(during));
    const health = (await app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health.search.outboxLag ?? 0).toBeGreaterThanOrEqual(1);

    await startMeili(meiliOpts);

    await until('the outbox to drain', async () => {
      const h = (await app.inject({ method: 'GET', url: '/api/health' })).json();
      return h.search?.outboxLag === 0;
    });
    const after = await until('search answered by Meilisearch again', async () => {
      const r = await search(`${tag} During`);
      return !r.degraded && r.hits.length >= 5 ? r : null;
    });
    expect(after.backend).toBe('meilisearch');
    expect(after.hits.map((h) => h.id)).toEqual(expect.arrayContaining(during));

    // The index matches the graph: same number of documents as searchable nodes, and the changed ones up to date.
    const index = app.meili!.index(INDEX);
    const graphCount = await app.db.read(async (tx) => {
      const r = await tx.run('MATCH (n) WHERE n:Practitioner OR n:Agency OR n:Specialism OR n:Need OR n:Forum RETURN count(n) AS c');
      return r.records[0]!.get('c') as number;
    });
    const stats = await until('index stats to settle', async () => {
      const st = await index.getStats();
      return st.numberOfDocuments === graphCount && !st.isIndexing ? st : null;
    }, 30_000);
    expect(stats.numberOfDocuments).toBe(graphCount);
    const doc = (await index.getDocument(before)) as Record<string, unknown>;
    expect(doc.name).toBe(`${tag} Renamed Agency`);
    for (const id of during) expect(((await index.getDocument(id)) as Record<string, unknown>).id).toBe(id);
  });
});

describe('Neo4j outage under a write load', () => {
  it(
    'keeps every acknowledged write, answers 503 while down, and recovers without a restart',
    { timeout: 400_000 },
    async () => {
      const acknowledged: string[] = [];
      const outcomes = new Map<number, number>();
      const downMessages = new Set<string>();
      let slowest = 0;
      let stop = false;
      let n = 0;

      const writer = async (w: number) => {
        while (!stop) {
          const name = `Outage agency ${w}-${n++}`;
          const t0 = Date.now();
          const res = await coordinator.inject({
            method: 'POST',
            url: '/api/agencies',
            payload: { name, sector: 'vcs' },
          });
          slowest = Math.max(slowest, Date.now() - t0);
          outcomes.set(res.statusCode, (outcomes.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode === 201) acknowledged.push(res.json().id as string);
          else if (res.statusCode === 503) {
            downMessages.add(res.json().error.message as string);
            await sleep(200);
          }
        }
      };
      const readsDuringOutage: number[] = [];
      const writers = [1, 2, 3, 4].map(writer);

      try {
        const warmup = Date.now() + 90_000;
        while (acknowledged.length < 10 && Date.now() < warmup) await sleep(250);
        const before = acknowledged.length;
        expect(before).toBeGreaterThanOrEqual(10);

        // Crash the database.
        process.kill(pid, 'SIGKILL');
        await sleep(20_000); // longer than the driver's 15 s retry time: requests must give up with 503
        const health = await app.inject({ method: 'GET', url: '/api/health' });
        readsDuringOutage.push(health.statusCode);
        const read = await coordinator.inject({ method: 'GET', url: '/api/agencies?limit=5' });
        readsDuringOutage.push(read.statusCode);

        // Bring it back on the same port and data; the app is not touched.
        const restarted = await startNeo4j(opts);
        pid = restarted.pid;
        const backAt = acknowledged.length;
        const deadline = Date.now() + 150_000;
        while (acknowledged.length < backAt + 5 && Date.now() < deadline) await sleep(500);
        stop = true;
        await Promise.all(writers);

        const summary = {
          acknowledged: acknowledged.length,
          before,
          outcomes: Object.fromEntries(outcomes),
          slowestMs: slowest,
          readsDuringOutage,
        };
        console.log(`neo4j outage: ${JSON.stringify(summary)}; messages: ${[...downMessages].join(' | ')}`);

        expect(outcomes.get(503) ?? 0).toBeGreaterThan(0);
        expect([...outcomes.keys()].filter((s) => s !== 201 && s !== 503)).toEqual([]);
        expect([...downMessages]).toEqual(['The directory database is unavailable just now; try again in a moment.']);
        expect(readsDuringOutage).toEqual([503, 503]);
        expect(acknowledged.length).toBeGreaterThanOrEqual(backAt + 5);

        // Every acknowledged write survived the crash, exactly once.
        const found = await app.db.read(async (tx) => {
          const res = await tx.run('UNWIND $ids AS id MATCH (a:Agency {id: id}) RETURN count(DISTINCT a) AS c', {
            ids: acknowledged,
          });
          return res.records[0]!.get('c') as number;
        });
        expect(found).toBe(new Set(acknowledged).size);
        expect(new Set(acknowledged).size).toBe(acknowledged.length);

        const healthAfter = await app.inject({ method: 'GET', url: '/api/health' });
        expect(healthAfter.statusCode).toBe(200);
      } finally {
        stop = true;
        await Promise.allSettled(writers);
      }
    },
  );
});
