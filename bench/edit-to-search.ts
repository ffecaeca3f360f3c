/**
 * Edit → search latency: how long after a coordinator renames a practitioner the new name is found by search.
 * Against a running API (e.g. `npm start`), signed in as the demo coordinator:
 *
 *   npm run -w bench edit-to-search -- --target http://127.0.0.1:3000 [--edits 10]
 *
 * Each edit appends a unique word to a practitioner's name (PATCH), polls GET /api/search for that word every 25 ms
 * until the practitioner is the hit, then puts the name back (and waits for that too, so edits do not overlap).
 * Prints each edit's latency, then p50 / max.
 */
import { randomBytes } from 'node:crypto';
import { signIn } from './api-session.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const base = opt('--target', 'http://127.0.0.1:3000').replace(/\/$/, '');
const edits = Number(opt('--edits', '10'));
const password = process.env.KNOTWORK_DEMO_PASSWORD ?? 'knotwork-demo';
const TIMEOUT_MS = 60_000;

async function call<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json', 'x-knotwork-csrf': '1' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

type Hits = { hits: Array<{ id: string; name: string }>; degraded: boolean };

/** Milliseconds from `since` until searching `q` returns `id` first (or, with `gone`, no longer returns it). */
async function waitForSearch(cookie: string, q: string, id: string, since: number, gone = false): Promise<number> {
  for (;;) {
    const res = await call<Hits>(cookie, 'GET', `/api/search?${new URLSearchParams({ q, types: 'Practitioner', limit: '5' })}`);
    if (res.degraded) throw new Error('search is degraded (Meilisearch unreachable): nothing to measure');
    const found = res.hits.some((h) => h.id === id);
    if (found !== gone) return performance.now() - since;
    if (performance.now() - since > TIMEOUT_MS) throw new Error(`"${q}" not ${gone ? 'gone' : 'found'} after ${TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function main() {
  const cookie = await signIn(base, 'coordinator@knotwork.test', password);
  const people = (await call<Hits>(cookie, 'GET', '/api/search?q=teacher&types=Practitioner&limit=50')).hits;
  if (people.length === 0) throw new Error('no practitioners found to edit (is the demo data loaded?)');
  const latencies: number[] = [];
  for (let i = 0; i < edits; i++) {
    const person = people[i % people.length]!;
    const { name } = await call<{ name: string }>(cookie, 'GET', `/api/practitioners/${person.id}`);
    const word = `zq${randomBytes(4).toString('hex')}`;
    const t = performance.now();
    await call(cookie, 'PATCH', `/api/practitioners/${person.id}`, { name: `${name} ${word}` });
    const ms = await waitForSearch(cookie, word, person.id, t);
    latencies.push(ms);
    console.log(`edit ${i + 1}: "${word}" found after ${ms.toFixed(0)} ms`);
    const back = performance.now();
    await call(cookie, 'PATCH', `/api/practitioners/${person.id}`, { name });
    await waitForSearch(cookie, word, person.id, back, true);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const p50 = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`\nedit → search over ${edits} edits: p50 ${p50.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms (${base})`);
}

main().catch((err: unknown) => {
  const unreachable = err instanceof TypeError && err.message === 'fetch failed';
  console.error(
    unreachable
      ? `cannot reach the API at ${base}: start it with \`npm start\` (port 3000) or pass --target <URL>`
      : err instanceof Error
        ? err.message
        : err,
  );
  process.exit(1);
});
