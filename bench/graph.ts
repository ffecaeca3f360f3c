/**
 * Graph-intelligence benchmark: p50/p95 latency through the API (app.inject: validation, service, Cypher,
 * serialisation) of
 *   - GET  /api/graph/neighbourhood/:id?depth=2        (target p95 < 50 ms)
 *   - GET  /api/paths?from=&to=  and  ?from=&toSpecialism=[&locality=]   (target p95 < 100 ms)
 *   - POST /api/team  (3 needs, a district)             (target p95 < 200 ms)
 * and the full insights computation (bulk load + all seven insights, whole system), timed step by step.
 *
 *   NEO4J_URI=… NEO4J_USER=… NEO4J_PASSWORD=… npm run -w bench graph -- [--requests 200] [--insights-only]
 *        [--skip-insights] [--write-results] [--cold]
 *
 * The page cache is warmed first (every record read once), as it is in a directory in use; --cold measures without.
 *
 * Run it against a throw-away Neo4j loaded with `seed --scale 150` (≥ 100k practitioners, ≥ 1M collaborations):
 *   npm run services -- start neo4j --neo4j-port 28787 --data-root /tmp/graphbench --heap 3g --page-cache 3g
 *   NEO4J_URI=bolt://127.0.0.1:28787 … npx tsx server/src/cli/main.ts migrate
 *   NEO4J_URI=… npx tsx server/src/cli/main.ts seed --scale 150 --no-reindex
 * The bench creates one coordinator user linked to a practitioner (to sign in) and nothing else.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import type { InjectOptions } from 'fastify';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { createDb } from '../server/src/lib/db.js';
import { hashPassword } from '../server/src/modules/auth/password.js';
import { InsightsSnapshot } from '../server/src/graph/insights.js';
import { createInsightsRepository } from '../server/src/modules/insights/insights.repository.js';
import { createDriver } from '../server/src/plugins/external/neo4j.js';
import { seededRandom } from '../server/src/lib/seeded-random.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const requests = Number(opt('--requests', '200'));
const warmup = Math.max(10, Math.round(requests / 10));
const insightsOnly = args.includes('--insights-only');
const skipInsights = args.includes('--skip-insights');
const writeResults = args.includes('--write-results');

const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env, MEILI_HOST: undefined, MEILI_MASTER_KEY: undefined });
const driver = createDriver(config.neo4j);
const db = createDb(driver, config.neo4j.database);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (n: number) => n.toFixed(1);

// Deterministic sampling.
const rand = seededRandom(20261123);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

async function sample() {
  return db.read(async (tx) => {
    const rows = async (q: string) => (await tx.run(q)).records.map((r) => r.toObject());
    const counts = (await rows(
      `CALL () { MATCH (p:Practitioner) RETURN count(p) AS practitioners }
       CALL () { MATCH (c:Collaboration) RETURN count(c) AS collaborations }
       RETURN practitioners, collaborations`,
    ))[0]!;
    const practitioners = (await rows('MATCH (p:Practitioner) RETURN p.id AS id LIMIT 200000')).map((r) => r.id as string);
    const needs = (await rows('MATCH (n:Need)-[:ADDRESSED_BY]->() RETURN DISTINCT n.id AS id')).map((r) => r.id as string);
    const districts = (await rows("MATCH (l:Locality {kind: 'district'}) RETURN l.id AS id")).map((r) => r.id as string);
    const specialisms = (await rows('MATCH (s:Specialism)<-[:HAS_SPECIALISM]-() RETURN DISTINCT s.id AS id')).map((r) => r.id as string);
    // Pairs two collaboration hops apart: the realistic "introduce me" case (a colleague's partner).
    const pairs = (await rows(
      `MATCH (a:Practitioner)-[:PARTICIPATED_IN]->(:Collaboration)<-[:PARTICIPATED_IN]-(:Practitioner)
             -[:PARTICIPATED_IN]->(:Collaboration)<-[:PARTICIPATED_IN]-(b:Practitioner)
       WHERE a <> b AND rand() < 0.001
       RETURN a.id AS a, b.id AS b LIMIT 500`,
    )).map((r) => [r.a as string, r.b as string] as const);
    return { counts, practitioners, needs, districts, specialisms, pairs };
  });
}

async function timeRequests(name: string, n: number, make: () => InjectOptions, app: App) {
  const times: number[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < n + warmup; i++) {
    const req = make();
    const t0 = performance.now();
    const res = await app.inject(req);
    const dt = performance.now() - t0;
    if (i >= warmup) {
      times.push(dt);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    }
    if (res.statusCode >= 500) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
  }
  const row = { name, n, p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times), statuses: Object.fromEntries(statuses) };
  console.log(`${name}: p50 ${ms(row.p50)} ms, p95 ${ms(row.p95)} ms, max ${ms(row.max)} ms (${JSON.stringify(row.statuses)})`);
  return row;
}

type App = Awaited<ReturnType<typeof buildApp>>;

async function main() {
  const started = new Date().toISOString();
  const loadAtStart = loadavg()[0]!;
  if (!args.includes('--cold')) {
    // A live directory's store sits in Neo4j's page cache; a freshly started benchmark database does not, and the
    // first request touching each practitioner's records would measure the disk. Read every record once first.
    console.log('warming the page cache (every node and relationship with its properties; --cold skips this)…');
    const t = performance.now();
    await db.read((tx) => tx.run('MATCH (n) RETURN count(n) AS n, sum(size(keys(properties(n)))) AS k'), { timeoutMs: 600_000 });
    await db.read((tx) => tx.run('MATCH ()-[r]->() RETURN count(r) AS n, sum(size(keys(properties(r)))) AS k'), { timeoutMs: 600_000 });
    console.log(`  warmed in ${ms(performance.now() - t)} ms`);
  }
  console.log('sampling the database…');
  const s = await sample();
  console.log(`database: ${s.counts.practitioners} practitioners, ${s.counts.collaborations} collaborations`);
  const rows: Array<{ name: string; n: number; p50: number; p95: number; max: number; statuses: Record<number, number> }> = [];
  const insightSteps: Array<[string, number]> = [];

  if (!insightsOnly) {
    const app = await buildApp(config, { driver, logger: false });
    await app.ready();
    // The API plans its graph queries in the background when it starts; time requests once that is done, as a
    // user's would be a few seconds after a start (the warm-up's own time is printed).
    const warmUps = await app.warmedUp;
    console.log(`API warm-up: ${warmUps.map((w) => `${w.name} ${w.ms} ms${w.ok ? '' : ' (failed)'}`).join(', ')}`);
    const email = `bench-${randomUUID().slice(0, 8)}@example.test`;
    const password = 'bench password 123';
    const me = pick(s.practitioners);
    await db.write((tx) =>
      hashPassword(password).then((hash) =>
        tx.run(
          `MATCH (p:Practitioner {id: $pid})
           CREATE (u:User {id: randomUUID(), email: $email, role: 'coordinator', passwordHash: $hash,
                           createdAt: $now, updatedAt: $now})-[:IS]->(p)`,
          { pid: me, email, hash, now: new Date().toISOString() },
        ),
      ),
    );
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-knotwork-csrf': '1' }, payload: { email, password } });
    const cookie = `knotwork_session=${login.cookies.find((c) => c.name === 'knotwork_session')!.value}`;
    const headers = { cookie };

    const get = (url: string): InjectOptions => ({ method: 'GET', url, headers });
    const cases: Array<[string, () => InjectOptions]> = [
      ['neighbourhood depth 2 (limit 200)', () => get(`/api/graph/neighbourhood/${pick(s.practitioners)}?depth=2&limit=200`)],
      [
        'neighbourhood depth 2, practitioners + collaborations',
        () => get(`/api/graph/neighbourhood/${pick(s.practitioners)}?depth=2&limit=200&types=Practitioner,Collaboration`),
      ],
      [
        'paths to a person (two collaborations away)',
        () => {
          const [a, b] = s.pairs.length ? pick(s.pairs) : [pick(s.practitioners), pick(s.practitioners)];
          return get(`/api/paths?from=${a}&to=${b}`);
        },
      ],
      ['paths to a random person', () => get(`/api/paths?from=${pick(s.practitioners)}&to=${pick(s.practitioners)}`)],
      [
        'paths to a specialism in a district',
        () => get(`/api/paths?from=${pick(s.practitioners)}&toSpecialism=${pick(s.specialisms)}&locality=${pick(s.districts)}`),
      ],
      [
        'paths to a specialism anywhere (no locality)',
        () => get(`/api/paths?from=${pick(s.practitioners)}&toSpecialism=${pick(s.specialisms)}`),
      ],
      [
        'team (3 needs, a district)',
        () => {
          const needs = new Set<string>();
          while (needs.size < 3) needs.add(pick(s.needs));
          return {
            method: 'POST',
            url: '/api/team',
            headers: { ...headers, 'x-knotwork-csrf': '1' },
            payload: { needs: [...needs], age: 3 + Math.floor(rand() * 14), locality: pick(s.districts), requester: pick(s.practitioners) },
          };
        },
      ],
    ];
    for (const [name, make] of cases) rows.push(await timeRequests(name, requests, make, app));
    await db.write((tx) => tx.run('MATCH (u:User {email: $email}) DETACH DELETE u', { email }));
    await app.close();
  }

  if (!skipInsights) {
    console.log('insights: bulk load…');
    const repo = createInsightsRepository(db);
    const t0 = performance.now();
    const data = await repo.load(new Date().toISOString().slice(0, 10));
    insightSteps.push(['bulk load from Neo4j', performance.now() - t0]);
    console.log(`  loaded ${data.practitioners.length} practitioners, ${data.collaborations.length} collaborations in ${ms(performance.now() - t0)} ms`);
    const snap = new InsightsSnapshot(data, null);
    const step = (name: string, f: () => unknown) => {
      const t = performance.now();
      f();
      const dt = performance.now() - t;
      insightSteps.push([name, dt]);
      console.log(`  ${name}: ${ms(dt)} ms`);
    };
    step('tie graph (typed arrays)', () => snap.tieGraph());
    step('coverage matrix', () => snap.coverageResponse());
    step('single points (single holders, articulation points, bridges)', () => snap.singlePoints(50));
    step('brokers (betweenness + Burt)', () => snap.brokers(50));
    step('isolates + E–I', () => snap.isolates());
    step('agency × agency matrix', () => snap.agencyMatrix());
    step('forum reach', () => snap.forumReach());
    step('vertical links', () => snap.verticalLinks());
    const g = snap.tieGraph();
    const bc = snap.brokers(1);
    insightSteps.push(['total', insightSteps.reduce((a, [, v]) => a + v, 0)]);
    console.log(`  tie graph: ${g.order} nodes, ${g.size} edges; betweenness ${bc.method} (${bc.sources} sources)`);
    (insightSteps as Array<[string, number] & { note?: string }>).push([`tie graph ${g.order} nodes / ${g.size} edges; betweenness ${bc.method}, ${bc.sources} sources`, NaN]);
  }

  const env = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB shared with other work; Node ${process.version}; 1-min load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end`;
  const lines = [
    '<!-- graph-bench:start -->',
    '## Graph intelligence (bench/graph.ts)',
    '',
    `Run ${started} against ${s.counts.practitioners} practitioners / ${s.counts.collaborations} collaborations (\`seed --scale 150\`), ${env}.`,
    `Latency through the API with \`app.inject\` (validation, service, Cypher, serialisation), ${requests} requests each after ${warmup} warm-up, one at a time.`,
    '',
    '| request | target p95 | p50 ms | p95 ms | max ms | statuses |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const target = r.name.startsWith('neighbourhood') ? '< 50 ms' : r.name.startsWith('paths') ? '< 100 ms' : '< 200 ms';
      return `| ${r.name} | ${target} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${JSON.stringify(r.statuses)} |`;
    }),
    '',
    ...(insightSteps.length
      ? [
          'Full insights computation (whole system, no scope; what one cold `/api/insights/*` request pays, then cached 5 min):',
          '',
          '| step | ms |',
          '|---|---|',
          ...insightSteps.map(([k, v]) => (Number.isNaN(v) ? `| ${k} | |` : `| ${k} | ${ms(v)} |`)),
          '',
        ]
      : []),
    '<!-- graph-bench:end -->',
  ];
  const section = lines.join('\n');
  console.log(`\n${section}`);
  if (writeResults) {
    const path = new URL('./RESULTS.md', import.meta.url);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = '# Benchmark results\n';
    }
    const re = /<!-- graph-bench:start -->[\s\S]*?<!-- graph-bench:end -->/;
    text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
    writeFileSync(path, text);
    console.log('written to bench/RESULTS.md');
  }
  await driver.close();
}

main().catch(async (e) => {
  console.error(e);
  await driver.close();
  process.exit(1);
});
