/**
 * Load test: a mixed workload of signed-in users against the real API over HTTP on 127.0.0.1.
 *   search 60 % · neighbourhood 20 % · profile 10 % · paths/team 8 % · writes 2 %
 * at 100 connections for 60 s (autocannon); prints throughput, p50/p95/p99 per kind and the error count, writes
 * bench/out/load-<scale>.json. Target at demo scale: 0 errors, p99 < 500 ms.
 *
 *   npm run -w bench load                          demo data (scale 1), 100 connections, 60 s
 *   npm run -w bench load -- --scale 150           100k practitioners (seeding takes a long while the first time)
 *   options: --connections N (≤ 200) --duration S (≤ 300) --keep (leave the services running)
 *            --warmup S  seconds of the same load before measuring (default 10; its errors are counted too)
 *            --target http://127.0.0.1:PORT  load an API that is already running (its database must hold the demo
 *                                            users, password KNOTWORK_DEMO_PASSWORD); nothing is started or stopped
 *
 * The stack: Neo4j + Meilisearch from tools/src/services (startLocalStack, data in .data/bench-<scale>, free
 * ports; NEO4J_URI / MEILI_HOST use existing ones instead), `npm run cli -- migrate` and
 * `npm run cli -- seed --if-empty --demo-users --scale N` (so seeding happens once per data directory), then the API
 * as its own process (server/src/main.ts = buildApp + listen), so the load generator does not share its event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { demoFacts, demoUsers } from '@knotwork/seed';
import { findFreePort, repoRoot, startLocalStack } from '@knotwork/tools/services';
import { signIn } from '../api-session.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const scale = Number(opt('--scale', '1'));
const connections = Math.min(Number(opt('--connections', '100')), 200);
const duration = Math.min(Number(opt('--duration', '60')), 300);
const keep = args.includes('--keep');
const warmup = Math.min(Number(opt('--warmup', '10')), 120);
const target = opt('--target', '');
if (!(scale > 0 && scale <= 1000) || !(connections > 0) || !(duration > 0) || !(warmup >= 0)) {
  console.error('usage: npm run -w bench load -- [--scale N] [--connections N] [--duration S] [--warmup S] [--keep] [--target URL]');
  process.exit(2);
}
const root = repoRoot();
const password = process.env.KNOTWORK_DEMO_PASSWORD ?? 'knotwork-demo';
const log = (line: string) => console.error(`load: ${line}`);

function run(cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${cmdArgs.join(' ')} exited with ${code}`))));
    child.on('error', reject);
  });
}

/** Waits until the API has planned its graph queries (health `warmUp` no longer 'running'), as users would be. */
async function waitForWarmUp(base: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    const health = (await (await fetch(`${base}/api/health`)).json()) as { warmUp?: string };
    if (health.warmUp !== 'running') break;
    if (Date.now() - started > 120_000) throw new Error('the API was still warming up after 120 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  const waited = (Date.now() - started) / 1000;
  if (waited > 0.5) log(`waited ${waited.toFixed(1)} s for the API's warm-up`);
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the API did not become healthy within 120 s');
}

async function getJson<T>(base: string, path: string, cookie: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

/** Starts Neo4j + Meilisearch, migrates and seeds once per data directory, then the API; returns its base URL. */
async function startApi(): Promise<{ base: string; stop: () => Promise<void> }> {
  const dataRoot = join(root, '.data', `bench-${scale}`);
  const stack = await startLocalStack({ neo4jPort: 0, meiliPort: 0, dataRoot, heap: scale > 10 ? '3g' : '1g', pageCache: scale > 10 ? '2g' : '512m', meiliLogLevel: 'WARN', log });
  let api: ChildProcess | null = null;
  const stop = async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await new Promise((r) => api!.once('exit', r));
    }
    if (!keep) await stack.stop();
  };
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NEO4J_URI: stack.neo4j.uri,
      NEO4J_USER: stack.neo4j.user,
      NEO4J_PASSWORD: stack.neo4j.password,
      MEILI_HOST: stack.meili.host,
      MEILI_MASTER_KEY: stack.meili.masterKey,
      KNOTWORK_DEMO_PASSWORD: password,
    };
    await run('npm', ['run', '--silent', 'cli', '--', 'migrate'], env);
    await run('npm', ['run', '--silent', 'cli', '--', 'seed', '--if-empty', '--demo-users', '--scale', String(scale)], env);

    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    api = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['server/src/main.ts'], {
      cwd: root,
      env: { ...env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'development' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitForHealth(base, api);
    return { base, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function main() {
  const { base, stop } = target ? { base: target.replace(/\/$/, ''), stop: async () => {} } : await startApi();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().then(() => process.exit(130)));
  try {
    await waitForWarmUp(base);
    const cookies: Record<string, string> = {};
    for (const u of demoUsers) cookies[u.role] = await signIn(base, u.email, password);
    const roles = Object.keys(cookies);
    const practitioners = (await getJson<{ items: { id: string }[] }>(base, '/api/practitioners?limit=100', cookies.viewer!)).items.map((p) => p.id);
    const needs = (await getJson<{ items: { id: string }[] }>(base, '/api/needs?limit=60', cookies.viewer!)).items.map((n) => n.id);
    if (practitioners.length < 10 || needs.length < 3) throw new Error('the database holds too little data for the workload');
    const localities = [demoFacts.northDistrict.id, demoFacts.authority.id, demoFacts.uncoveredNeed.locality.id];
    const queries = ['speech therapy', 'speach therapy', 'SALT', 'attendance', 'housing', 'autism', 'bereavement', 'CAMHS', 'domestic abuse', 'young carer', 'SENCo', 'youth justice', 'family support', 'educational psychologist', 'mental health'];

    let seq = 0;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
    type Kind = 'search' | 'neighbourhood' | 'profile' | 'paths/team' | 'write';
    const kinds: [Kind, number][] = [['search', 60], ['neighbourhood', 20], ['profile', 10], ['paths/team', 8], ['write', 2]];
    const chooseKind = (): Kind => {
      let r = Math.random() * 100;
      for (const [k, w] of kinds) if ((r -= w) < 0) return k;
      return 'search';
    };
    const build = (kind: Kind, cookie: string): { method: 'GET' | 'POST' | 'PATCH'; path: string; headers: Record<string, string>; body?: string } => {
      const headers: Record<string, string> = { cookie };
      switch (kind) {
        case 'search': {
          const q = new URLSearchParams({ q: pick(queries), limit: '20' });
          if (Math.random() < 0.4) q.set('locality', pick(localities));
          if (Math.random() < 0.3) q.set('age', String(4 + Math.floor(Math.random() * 12)));
          return { method: 'GET', path: `/api/search?${q}`, headers };
        }
        case 'neighbourhood':
          return { method: 'GET', path: `/api/graph/neighbourhood/${pick(practitioners)}?depth=${pick([1, 2, 2])}&limit=200`, headers };
        case 'profile':
          return { method: 'GET', path: `/api/practitioners/${pick(practitioners)}`, headers };
        case 'paths/team':
          if (Math.random() < 0.5) return { method: 'GET', path: `/api/paths?from=${pick(practitioners)}&to=${pick(practitioners)}`, headers };
          return {
            method: 'POST',
            path: '/api/team',
            headers: { ...headers, 'content-type': 'application/json', 'x-knotwork-csrf': '1' },
            body: JSON.stringify({ needs: [pick(needs), pick(needs), pick(needs)].filter((v, i, a) => a.indexOf(v) === i), age: 10, locality: pick(localities) }),
          };
        case 'write':
          return {
            method: 'PATCH',
            path: `/api/practitioners/${pick(practitioners)}`,
            headers: { cookie: cookies.coordinator!, 'content-type': 'application/json', 'x-knotwork-csrf': '1' },
            body: JSON.stringify({ capacity: pick(['open', 'limited', 'closed']) }),
          };
      }
    };

    const latencies = new Map<Kind, number[]>(kinds.map(([k]) => [k, []]));
    const statuses = new Map<string, number>();
    const sent = new Map<Kind, number>(); // requests started per kind (timed-out ones never get a latency)
    const errorSamples: string[] = [];
    let lastKind: Kind = 'search';

    let recording = false;
    const fire = (seconds: number) => {
      const instance = autocannon({
        url: base,
        connections,
        duration: seconds,
        timeout: 10,
        requests: [
          {
            setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
              const kind = chooseKind();
              context.kind = kind;
              if (recording) sent.set(kind, (sent.get(kind) ?? 0) + 1);
              const r = build(kind, cookies[roles[seq++ % roles.length]!]!);
              return { ...req, method: r.method, path: r.path, headers: r.headers, ...(r.body ? { body: r.body } : {}) };
            },
            onResponse: (status: number, body: string, context: Record<string, unknown>) => {
              lastKind = context.kind as Kind;
              const key = `${recording ? '' : 'warm-up '}${lastKind} ${status}`;
              statuses.set(key, (statuses.get(key) ?? 0) + 1);
              if ((status >= 400 || status < 200) && errorSamples.length < 10) errorSamples.push(`${key}: ${String(body).slice(0, 200)}`);
            },
          },
        ] as never,
      }) as unknown as NodeJS.EventEmitter & PromiseLike<autocannon.Result>;
      // 'response' fires right after onResponse on the same connection, synchronously: lastKind is this response's kind.
      instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
        if (recording) latencies.get(lastKind)!.push(responseTime);
      });
      return instance;
    };

    // A service in use has its JIT and caches warm: the first seconds are load but not measured (their errors count).
    const warm = warmup > 0 ? await (log(`warm-up: ${connections} connections for ${warmup} s`), fire(warmup)) : null;
    const warmupErrors = warm ? warm.errors + warm.timeouts : 0;
    log(`${connections} connections for ${duration} s against ${base} (scale ${scale}; ${practitioners.length} sample practitioners)`);
    recording = true;
    const result = await fire(duration);

    const perKind = Object.fromEntries(
      [...latencies].map(([k, xs]) => {
        const s = [...xs].sort((a, b) => a - b);
        return [k, { sent: sent.get(k) ?? 0, requests: s.length, share: +(s.length / Math.max(result.requests.total, 1) * 100).toFixed(1), p50: +pct(s, 50).toFixed(1), p95: +pct(s, 95).toFixed(1), p99: +pct(s, 99).toFixed(1), max: +(s.at(-1) ?? NaN).toFixed(1) }];
      }),
    );
    const errorCount = [...statuses].filter(([k]) => !/ 2\d\d$/.test(k)).reduce((a, [, n]) => a + n, 0) + result.errors + result.timeouts + warmupErrors;
    const summary = {
      date: new Date().toISOString(),
      scale,
      connections,
      warmupSeconds: warmup,
      durationSeconds: duration,
      requests: result.requests.total,
      throughputPerSecond: +result.requests.average.toFixed(1),
      latencyAll: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
      perKind,
      errors: { total: errorCount, nonTwoXx: result.non2xx, socketErrors: result.errors, timeouts: result.timeouts, warmupSocketErrorsAndTimeouts: warmupErrors, samples: errorSamples },
      statuses: Object.fromEntries([...statuses].sort()),
      target: { errors: 0, p99Ms: 500 },
      met: errorCount === 0 && Object.values(perKind).every((k) => !(k.p99 >= 500)),
    };
    mkdirSync(join(root, 'bench', 'out'), { recursive: true });
    const out = join(root, 'bench', 'out', `load-${scale}${connections === 100 ? '' : `-c${connections}`}.json`);
    writeFileSync(out, JSON.stringify(summary, null, 2));

    console.log(`\nLoad test, scale ${scale}: ${connections} connections, ${duration} s after ${warmup} s warm-up — ${summary.requests} requests, ${summary.throughputPerSecond} req/s`);
    console.log('kind            share       sent   answered    p50 ms    p95 ms    p99 ms    max ms');
    for (const [k, v] of Object.entries(perKind)) {
      console.log(`${k.padEnd(14)} ${String(v.share).padStart(5)} % ${String(v.sent).padStart(10)} ${String(v.requests).padStart(10)} ${String(v.p50).padStart(9)} ${String(v.p95).padStart(9)} ${String(v.p99).padStart(9)} ${String(v.max).padStart(9)}`);
    }
    console.log(`errors: ${errorCount} (non-2xx ${result.non2xx}, socket errors ${result.errors}, timeouts ${result.timeouts}, warm-up socket errors and timeouts ${warmupErrors}); target 0 errors and p99 < 500 ms: ${summary.met ? 'met' : 'NOT met'}`);
    if (errorSamples.length) console.log(errorSamples.join('\n'));
    console.log(`written ${out}`);
    return summary.met ? 0 : 1;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`load: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
