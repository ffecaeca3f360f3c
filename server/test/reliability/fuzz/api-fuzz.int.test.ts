import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations, runMigrations } from '@knotwork/graph-schema/migrations';
import { findFreePort, startNeo4j, stopNeo4j } from '@knotwork/tools/services';
import fc from 'fast-check';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/app.js';
import { createDb } from '../../../src/lib/db.js';
import { seedDatabase } from '../../../src/modules/transfer/seed-loader.js';
import { createDriver } from '../../../src/plugins/external/neo4j.js';
import { createUser, signIn } from '../../factories.js';
import { testConfig } from '../../helper.js';
import { operationsOf, requestArb, responseValidator, unboundedInputs, type FuzzRequest, type Identity, type Operation } from './openapi-fuzz.js';

/**
 * Property-based fuzzing of every /api route in /openapi.json, signed in as each role and signed out, against its
 * own Neo4j (started here, seeded with a small demo graph) so the generated writes never reach the shared test
 * database. Checks: no response ≥ 500, every error body in the one error format, every documented success body
 * valid against its OpenAPI schema, no request slower than 30 s.
 *   npm test -- server/test/reliability/fuzz                     1,000 requests (FUZZ_RUNS, FUZZ_SEED to change)
 *   npm run -w bench fuzz                                         6,000 requests
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const REQUEST_TIMEOUT_MS = 30_000;

let dir: string;
let neo4jOpts: Parameters<typeof stopNeo4j>[0] | undefined;
let driver: Driver | undefined;
let app: App;
let ops: Operation[];
let doc: { paths: Record<string, Record<string, Record<string, unknown>>> };
const identities: Identity[] = [{ name: 'anonymous', cookie: null }];
const ids: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'knotwork-fuzz-'));
  if (process.env.FUZZ_SHARED_DB) {
    // Development shortcut: the database the run points at (NEO4J_URI), which must already hold seed data.
    app = await buildApp(testConfig({ MEILI_INDEX: `fuzz-${process.pid}-${Date.now()}` }), { logger: false });
  } else {
    neo4jOpts = { boltPort: await findFreePort(), dataDir: join(dir, 'neo4j'), heap: '768m', pageCache: '64m', startTimeoutMs: 150_000 };
    const started = await startNeo4j(neo4jOpts);
    driver = createDriver({ uri: started.uri, user: started.user, password: started.password });
    await runMigrations(driver, migrations);
    await seedDatabase(createDb(driver), { seed: 11, scale: 0.2, mode: 'create' });
    app = await buildApp(
      testConfig({ NEO4J_URI: started.uri, NEO4J_PASSWORD: started.password, MEILI_INDEX: `fuzz-${process.pid}-${Date.now()}` }),
      { logger: false, driver },
    );
  }
  await app.ready();
  doc = app.swagger() as unknown as typeof doc;
  ops = operationsOf(doc);

  const sample = await app.db.read(async (tx) => {
    const res = await tx.run(
      `UNWIND ['Practitioner', 'Agency', 'Specialism', 'Need', 'Locality', 'Forum', 'Collaboration'] AS label
       CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN n.id AS id LIMIT 8 }
       RETURN collect(id) AS ids`,
    );
    return res.records[0]!.get('ids') as string[];
  });
  ids.push(...sample);
  const practitionerId = sample[0]!;
  for (const role of ['viewer', 'practitioner', 'coordinator', 'admin'] as const) {
    const u = await createUser(app, role, { practitionerId: role === 'practitioner' ? practitionerId : null });
    identities.push({ name: role, cookie: (await signIn(app, u.email, u.password)).cookie });
    ids.push(u.id);
  }
}, 400_000);

afterAll(async () => {
  await app?.close();
  await driver?.close();
  if (neo4jOpts) await stopNeo4j(neo4jOpts);
  if (dir) await rm(dir, { recursive: true, force: true });
}, 120_000);

interface Failure {
  request: Omit<FuzzRequest, 'payload'> & { payload?: string };
  status: number;
  problem: string;
  body: string;
}

function brief(r: FuzzRequest): Failure['request'] {
  const { payload: raw, ...rest } = r;
  const payload = raw === undefined ? undefined : String(raw);
  const url = r.url.length > 300 ? `${r.url.slice(0, 300)}…(${r.url.length})` : r.url;
  return payload === undefined ? { ...rest, url } : { ...rest, url, payload: payload.length > 500 ? `${payload.slice(0, 500)}…(${payload.length})` : payload };
}

describe('API fuzzing', () => {
  it('bounds every array and string in request schemas', () => {
    const unbounded = unboundedInputs(ops);
    expect(unbounded).toEqual([]);
  });

  it(`answers ${RUNS} generated requests across all routes and roles without a 5xx or an off-schema response`, { timeout: 1_800_000 }, async () => {
    expect(ops.length).toBeGreaterThan(40);
    const validate = responseValidator(doc);
    const byId = new Map(ops.map((o) => [o.operationId, o]));
    // Logging out would end the role's session for the rest of the run: that route is fuzzed signed out.
    // Half the requests mostly well-formed (3 % hostile leaves: they get past validation into the services and the
    // database), half hostile (25 % of leaves).
    const half = Math.floor(RUNS / 2);
    const requests = [
      ...fc.sample(requestArb(ops, identities, { ids, hostility: 0.03 }), { numRuns: half, seed: SEED }),
      ...fc.sample(requestArb(ops, identities, { ids, hostility: 0.25 }), { numRuns: RUNS - half, seed: SEED + 1 }),
    ]
      .map((r) => (r.operationId === 'logout' ? { ...r, headers: { ...r.headers, cookie: '' }, identity: 'anonymous' } : r));

    const failures: Failure[] = [];
    const statuses = new Map<string, number>();
    const undocumented = new Map<string, number>();
    const perOp = new Map<string, number>();
    let slowest = { ms: 0, op: '' };
    const started = Date.now();

    for (const r of requests) {
      const op = byId.get(r.operationId)!;
      const t0 = performance.now();
      const res = await Promise.race([
        app.inject({ method: r.method as 'GET', url: r.url, headers: r.headers, ...(r.payload !== undefined ? { payload: r.payload } : {}) }),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), REQUEST_TIMEOUT_MS).unref()),
      ]);
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, op: r.operationId };
      perOp.set(r.operationId, (perOp.get(r.operationId) ?? 0) + 1);
      if (res === 'timeout') {
        failures.push({ request: brief(r), status: 0, problem: `no answer within ${REQUEST_TIMEOUT_MS} ms`, body: '' });
        continue;
      }
      const key = `${r.operationId} ${res.statusCode}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      const fail = (problem: string) => failures.push({ request: brief(r), status: res.statusCode, problem, body: res.body.slice(0, 600) });
      if (res.statusCode >= 500) {
        fail('5xx');
        continue;
      }
      if (!(String(res.statusCode) in op.responses)) undocumented.set(key, (undocumented.get(key) ?? 0) + 1);
      const isJson = String(res.headers['content-type'] ?? '').startsWith('application/json');
      let body: unknown = undefined;
      if (isJson && res.body.length) {
        try {
          body = JSON.parse(res.body);
        } catch {
          fail('invalid JSON body');
          continue;
        }
      }
      if (res.statusCode >= 400) {
        const e = (body as { error?: { code?: unknown; message?: unknown; requestId?: unknown } } | undefined)?.error;
        if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || typeof e.requestId !== 'string') fail('error body not in the error format');
        continue;
      }
      if (isJson) {
        const problem = validate(op, res.statusCode, body);
        if (problem) fail(`response does not match its OpenAPI schema: ${problem}`);
      }
    }

    const seconds = (Date.now() - started) / 1000;
    const summary = {
      runs: RUNS,
      seed: SEED,
      seconds,
      operations: perOp.size,
      of: ops.length,
      failures: failures.length,
      fiveHundreds: failures.filter((f) => f.status >= 500).length,
      twoHundreds: [...statuses].filter(([k]) => / 2\d\d$/.test(k)).reduce((a, [, n]) => a + n, 0),
      slowest: { ms: Math.round(slowest.ms), op: slowest.op },
      statuses: Object.fromEntries([...statuses].sort()),
      undocumentedStatuses: Object.fromEntries([...undocumented].sort()),
      failureSamples: failures.slice(0, 25),
    };
    const out = process.env.FUZZ_REPORT ?? join(dir, 'fuzz-report.json');
    await writeFile(out, JSON.stringify(summary, null, 2));
    console.log(
      `fuzz: ${RUNS} requests (seed ${SEED}) over ${perOp.size}/${ops.length} operations in ${seconds.toFixed(0)} s; ` +
        `${failures.length} failures (${summary.fiveHundreds} × 5xx); slowest ${summary.slowest.ms} ms (${slowest.op}); ` +
        `${[...undocumented.values()].reduce((a, b) => a + b, 0)} answers with a status the operation does not document; report ${out}`,
    );
    if (failures.length) console.log(JSON.stringify(failures.slice(0, 10), null, 2));
    expect(perOp.size).toBe(ops.length);
    expect(failures).toEqual([]);
    // Every status the API answered is in its OpenAPI document for that operation.
    expect(Object.fromEntries(undocumented)).toEqual({});

    // Every role's session survived the run (so later requests really were signed in).
    for (const id of identities.filter((i) => i.cookie)) {
      const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: id.cookie! } });
      expect(me.statusCode, id.name).toBe(200);
    }
  });
});
