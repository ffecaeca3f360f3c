/**
 * Search benchmark: p50/p95 latency of GET /api/search at demo scale and at 100k-practitioner scale, next to
 * the raw Meilisearch query (same parameters, same keep-alive node:http transport) and the engine's own
 * processingTimeMs; the ratio API/raw shows what the API adds. Also times the Neo4j full-text fallback.
 *
 *   NEO4J_URI=… NEO4J_PASSWORD=… MEILI_HOST=… MEILI_MASTER_KEY=… npm run -w bench search -- [--scale 150]
 *        [--requests 600] [--skip-load] [--only demo|large] [--reuse-index]
 *
 * --reuse-index keeps a large index built by an earlier run (re-measuring latency without rebuilding).
 *
 * Loads the search-relevant part of the seed graph (deterministic, idempotent MERGE) into the given Neo4j —
 * use a throw-away instance (e.g. `npm run services -- start` on other ports). The demo index holds exactly the
 * demo documents; the large index is built from the whole database with the reindex code path (timed).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { migrations, runMigrations } from '@knotwork/graph-schema/migrations';
import { SearchQuery } from '@knotwork/graph-schema';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { createDb } from '../server/src/lib/db.js';
import { hashPassword } from '../server/src/modules/auth/password.js';
import { createSearchRepository } from '../server/src/modules/search/search.repository.js';
import { createMeiliClient } from '../server/src/plugins/external/meilisearch.js';
import { createDriver } from '../server/src/plugins/external/neo4j.js';
import { createDocumentsRepository } from '../server/src/search/documents.repository.js';
import { FulltextSearchBackend, ThesaurusCache } from '../server/src/search/fulltext-backend.js';
import { createFulltextRepository } from '../server/src/search/fulltext.repository.js';
import { currentSynonyms, rebuildIndex } from '../server/src/search/index-builder.js';
import { MeiliSearchBackend } from '../server/src/search/meili-backend.js';
import { MeiliIndex } from '../server/src/search/meili-index.js';
import { loadDemoSearchGraph } from '../server/src/search/relevance/demo-loader.repository.js';
import { relevanceSet } from '../server/src/search/relevance/relevance-set.js';
import type { SearchRequest } from '../server/src/search/search-query.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const scale = Number(opt('--scale', '150'));
const requests = Number(opt('--requests', '600'));
const skipLoad = args.includes('--skip-load');
const reuseIndex = args.includes('--reuse-index');
const only = opt('--only', 'all');

const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
if (!config.meili) {
  console.error('Set MEILI_HOST and MEILI_MASTER_KEY (and NEO4J_URI, NEO4J_PASSWORD).');
  process.exit(2);
}
const driver = createDriver(config.neo4j);
const db = createDb(driver, config.neo4j.database);
const meili = createMeiliClient(config.meili, 600_000);
const documents = createDocumentsRepository(db);
const searchRepo = createSearchRepository(db);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (n: number) => n.toFixed(2);

/** The workload: the relevance set's queries (typos, abbreviations, filters), round-robin. */
function workload(n: number): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (let i = 0; i < n; i++) {
    const q = relevanceSet[i % relevanceSet.length]!;
    out.push({ q: q.q, limit: '20', ...(q.params ?? {}) });
  }
  return out;
}

async function toRequest(params: Record<string, string>): Promise<SearchRequest> {
  const parsed = SearchQuery.parse(params);
  return parsed.locality ? { ...parsed, localityAncestors: await searchRepo.localityAncestors(parsed.locality) } : parsed;
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

async function signedInCookie(baseUrl: string): Promise<string> {
  const email = `bench-${randomUUID().slice(0, 8)}@bench.knotwork.example`;
  const password = 'bench-password-123';
  const now = new Date().toISOString();
  const hash = await hashPassword(password);
  await db.write((tx) =>
    tx.run(
      `CREATE (:User {id: $id, email: $email, passwordHash: $hash, role: 'viewer', createdAt: $now, updatedAt: $now})`,
      { id: randomUUID(), email, hash, now },
    ),
  );
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-knotwork-csrf': '1' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

function getJson(agent: http.Agent, url: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

interface Row {
  label: string;
  documents: number;
  engineP50: number;
  engineP95: number;
  rawP50: number;
  rawP95: number;
  apiP50: number;
  apiP95: number;
  ratioP50: number;
  ratioP95: number;
  fallbackP50: number;
  fallbackP95: number;
  indexSeconds?: number;
}

async function measure(label: string, indexUid: string, indexSeconds?: number): Promise<Row> {
  const work = workload(requests);
  const reqs = await Promise.all(work.map(toRequest));
  const backend = new MeiliSearchBackend(meili.client, indexUid, 5_000);
  const docCount = await new MeiliIndex(meili.client, indexUid).documentCount();

  // Raw backend: the same query the API sends, straight to Meilisearch.
  for (const r of reqs.slice(0, 50)) await backend.search(r);
  const raw: number[] = [];
  const engine: number[] = [];
  for (const r of reqs) {
    const [ms, res] = await time(() => backend.search(r));
    raw.push(ms);
    engine.push(res.processingTimeMs ?? 0);
  }

  // The API over HTTP (keep-alive, like a browser): auth, validation, locality scope, serialisation.
  const app = await buildApp(loadConfig({ ...process.env, LOG_LEVEL: 'warn', MEILI_INDEX: indexUid }), { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const api: number[] = [];
  try {
    const cookie = await signedInCookie(base);
    const urls = work.map((p) => `${base}/api/search?${new URLSearchParams(p).toString()}`);
    for (const u of urls.slice(0, 50)) await getJson(agent, u, cookie);
    for (const u of urls) {
      const [ms, res] = await time(() => getJson(agent, u, cookie));
      if (res.status !== 200) throw new Error(`API answered ${res.status}: ${res.body.slice(0, 200)}`);
      if (JSON.parse(res.body).degraded) throw new Error('API answered degraded during the benchmark');
      api.push(ms);
    }
  } finally {
    agent.destroy();
    await app.close();
  }

  // The degraded path, for reference (fewer requests: it is the slow path).
  const fallback = new FulltextSearchBackend(createFulltextRepository(db), documents, new ThesaurusCache(documents));
  const fb: number[] = [];
  for (const r of reqs.slice(0, 20)) await fallback.search(r);
  for (const r of reqs.slice(0, Math.min(200, reqs.length))) fb.push((await time(() => fallback.search(r)))[0]);

  return {
    label,
    documents: docCount,
    engineP50: pct(engine, 50),
    engineP95: pct(engine, 95),
    rawP50: pct(raw, 50),
    rawP95: pct(raw, 95),
    apiP50: pct(api, 50),
    apiP95: pct(api, 95),
    ratioP50: pct(api, 50) / pct(raw, 50),
    ratioP95: pct(api, 95) / pct(raw, 95),
    fallbackP50: pct(fb, 50),
    fallbackP95: pct(fb, 95),
    ...(indexSeconds !== undefined ? { indexSeconds } : {}),
  };
}

const rows: Row[] = [];
try {
  await runMigrations(driver, migrations, { log: () => {} });
  if (only !== 'large') {
    if (!skipLoad) {
      const [ms] = await time(() => loadDemoSearchGraph(db, { scale: 1, asOf: '2026-11-23' }));
      console.log(`demo graph loaded in ${(ms / 1000).toFixed(1)} s`);
    }
    const ids = await loadDemoIds();
    const uid = 'bench_search_demo';
    const index = new MeiliIndex(meili.client, uid);
    await index.drop();
    const [ms] = await time(async () => {
      await index.ensure();
      await index.applySettings(await currentSynonyms(documents));
      for (let i = 0; i < ids.length; i += 1_000) await index.upsert(await documents.loadDocuments(ids.slice(i, i + 1_000)));
    });
    rows.push(await measure('demo (scale 1)', uid, ms / 1000));
    console.log(JSON.stringify(rows.at(-1)));
  }
  if (only !== 'demo') {
    if (!skipLoad) {
      let last = Date.now();
      const [ms] = await time(() =>
        loadDemoSearchGraph(db, {
          scale,
          asOf: '2026-11-23',
          onProgress: (n) => {
            if (Date.now() - last > 15_000) {
              last = Date.now();
              console.log(`  ${n} nodes+relationships written`);
            }
          },
        }),
      );
      console.log(`scale ${scale} graph loaded in ${(ms / 1000).toFixed(1)} s`);
    }
    const uid = `bench_search_scale${scale}`;
    let lastLog = Date.now();
    const existing = reuseIndex ? await meili.client.index(uid).getStats().then((s) => s.numberOfDocuments, () => 0) : 0;
    if (existing > 0) console.log(`reusing index ${uid} (${existing} documents)`);
    const [ms] = existing > 0 ? [NaN] : await time(() =>
      rebuildIndex(meili.client, uid, documents, {
        batchSize: 2_000,
        onProgress: (p) => {
          if (Date.now() - lastLog > 15_000) {
            lastLog = Date.now();
            console.log(`  indexed ${p.overall}/${p.overallTotal}`);
          }
        },
      }),
    );
    rows.push(await measure(`scale ${scale}`, uid, existing > 0 ? undefined : ms / 1000));
    console.log(JSON.stringify(rows.at(-1)));
  }

  console.log('\n| data | documents | engine p50/p95 ms | raw Meilisearch p50/p95 ms | API p50/p95 ms | API/raw p50, p95 | fallback p50/p95 ms | index build s |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${r.documents} | ${r.engineP50} / ${r.engineP95} | ${fmt(r.rawP50)} / ${fmt(r.rawP95)} | ${fmt(r.apiP50)} / ${fmt(r.apiP95)} | ${fmt(r.ratioP50)}, ${fmt(r.ratioP95)} | ${fmt(r.fallbackP50)} / ${fmt(r.fallbackP95)} | ${r.indexSeconds?.toFixed(1) ?? '–'} |`,
    );
  }
} finally {
  meili.close();
  await driver.close();
}

async function loadDemoIds(): Promise<string[]> {
  // The demo ids are those of scale 1 (deterministic names); read them back by generating the graph again.
  const { generateSeedGraph } = await import('@knotwork/seed');
  const ids: string[] = [];
  for (const b of generateSeedGraph({ scale: 1, asOf: '2026-11-23', validate: false })) {
    if (b.kind === 'nodes' && ['Practitioner', 'Agency', 'Specialism', 'Need', 'Forum'].includes(b.label)) ids.push(...b.rows.map((r) => r.id));
    if (b.kind === 'nodes' && b.label === 'Collaboration') break;
  }
  return ids;
}
