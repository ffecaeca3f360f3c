import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../../tools/src/services/index.js';
import type { App } from '../../src/app.js';
import { createUser, unique } from '../factories.js';
import { buildTestApp } from '../helper.js';

/**
 * SIGTERM to the API process while clients keep reading and writing over keep-alive connections: every request
 * that reached the server is answered (2xx, or 503 once it is closing), none is cut off by a connection reset;
 * every write it acknowledged is in Neo4j; the process exits 0 within its shutdown bound. DRAIN_DELAY_MS is 3 s, as
 * an operator sets it (longer than a request takes on this loaded machine), so that every connection has had a
 * `Connection: close` answer before the server stops accepting; like a load balancer, a client sends nothing more to
 * an instance once it has said so. (A client that kept opening connections to a closing listener could have one
 * reset in the accept queue: a request that never reached the server, which no server-side drain can answer.)
 */
const root = join(import.meta.dirname, '..', '..', '..');
let app: App;
let api: ChildProcess;
let base: string;
let output = '';
const createdNames: string[] = [];

type Outcome = { kind: 'answered'; status: number } | { kind: 'refused' } | { kind: 'cut-off'; error: string };

beforeAll(async () => {
  app = await buildTestApp();
  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  api = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WARM_UP: 'false', DRAIN_DELAY_MS: '3000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout!.on('data', (d) => (output += String(d)));
  api.stderr!.on('data', (d) => (output += String(d)));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await fetch(`${base}/api/health/ready`).catch(() => null);
    if (res?.status === 200) break;
    if (Date.now() > deadline || api.exitCode !== null) throw new Error(`the API did not become ready:\n${output}`);
    await sleep(300);
  }
}, 180_000);

afterAll(async () => {
  if (api && api.exitCode === null) api.kill('SIGKILL');
  if (createdNames.length) {
    await app.db.write((tx) => tx.run('MATCH (a:Agency) WHERE a.name IN $names DETACH DELETE a', { names: createdNames }));
  }
  await app?.close();
});

function classify(error: unknown): Outcome {
  const cause = (error as { cause?: { code?: string; message?: string; syscall?: string } }).cause;
  // refused, or reset while connecting (the listening socket closing under a pending connect): the request never started
  if (cause?.code === 'ECONNREFUSED' || (cause?.code === 'ECONNRESET' && /^connect /.test(cause.message ?? ''))) return { kind: 'refused' };
  return { kind: 'cut-off', error: `${cause?.code ?? ''} ${cause?.message ?? String(error)}` };
}

describe('graceful drain on SIGTERM', () => {
  it('answers every request that reached it and keeps every acknowledged write', { timeout: 120_000 }, async () => {
    const user = await createUser(app, 'coordinator');
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-knotwork-csrf': '1' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('knotwork_session='))!.split(';')[0]!;
    const headers = { cookie, 'x-knotwork-csrf': '1', 'content-type': 'application/json' };

    const outcomes: Outcome[] = [];
    const acknowledged: string[] = [];
    let stop = false;
    let signalledAt = 0;
    const client = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const write = i % 2 === 0;
        const name = unique(`Drain ${n}-${i}`);
        try {
          const res = write
            ? await fetch(`${base}/api/agencies`, { method: 'POST', headers, body: JSON.stringify({ name, sector: 'education' }) })
            : await fetch(`${base}/api/agencies?limit=5`, { headers });
          await res.arrayBuffer();
          outcomes.push({ kind: 'answered', status: res.status });
          if (write) createdNames.push(name);
          if (write && res.status === 201) acknowledged.push(name);
          // "Connection: close" from a draining instance: a load balancer takes it out now; so does this client
          if (signalledAt && res.headers.get('connection') === 'close') return;
        } catch (e) {
          const outcome = classify(e);
          outcomes.push(outcome);
          if (outcome.kind === 'refused' && signalledAt) return; // closed: no new connection is accepted
        }
      }
    };
    const clients = Array.from({ length: 6 }, (_, n) => client(n));
    await sleep(4_000); // long enough for the first, slow requests (query planning) and a steady stream after them
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      api.once('exit', (code, signal) => resolve({ code, signal })),
    );
    signalledAt = Date.now();
    api.kill('SIGTERM');
    const exit = await exited;
    const stoppedInMs = Date.now() - signalledAt;
    stop = true;
    await Promise.all(clients);

    const answered = outcomes.filter((o) => o.kind === 'answered');
    const cutOff = outcomes.filter((o) => o.kind === 'cut-off');
    console.log(
      `drain: ${answered.length} answered (${acknowledged.length} writes acknowledged), ` +
        `${outcomes.filter((o) => o.kind === 'refused').length} refused after close, ${cutOff.length} cut off; exit ${exit.code} after ${stoppedInMs} ms`,
    );
    expect(exit, output).toEqual({ code: 0, signal: null });
    expect(stoppedInMs).toBeLessThan(15_000 + 3_000);
    expect(acknowledged.length).toBeGreaterThan(3); // one write per client at least (the first requests are slow: query planning)
    expect(cutOff, output).toEqual([]);
    expect(answered.every((o) => o.status < 500 || o.status === 503)).toBe(true);

    const stored = await app.db.read(async (tx) => {
      const res = await tx.run('MATCH (a:Agency) WHERE a.name IN $names RETURN a.name AS name', { names: acknowledged });
      return res.records.map((r) => r.get('name') as string);
    });
    expect(new Set(stored)).toEqual(new Set(acknowledged));
  });
});
