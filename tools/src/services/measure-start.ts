/**
 * Measures start-up of the local services: cold (empty data directory) and warm (restart on the
 * same data), each alone, on free ports in throw-away directories. Prints a Markdown table with the
 * wall time (spawn until ready: Bolt accepts the generated password / GET /health is available)
 * and the CPU time the service process used until then (from /proc; unlike wall time it is not
 * inflated by waiting for a CPU on a busy machine), plus the 1-minute load average.
 *
 *   tsx tools/src/services/measure-start.ts [runs=3]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { startMeili, stopMeili } from './meili-local.js';
import { ensureNeo4jBuilt, startNeo4j, stopNeo4j } from './neo4j-local.js';
import { findFreePort } from './ports.js';

const runs = Number(process.argv[2] ?? 3);

interface Sample {
  cold: number;
  coldCpu: number;
  firstQueryCold?: number;
  stop: number;
  warm: number;
  warmCpu: number;
  firstQueryWarm?: number;
}

/** utime + stime of a process, in ms (Linux /proc, USER_HZ = 100). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function firstQuery(uri: string, password: string): Promise<number> {
  const t = performance.now();
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password));
  try {
    await driver.executeQuery('MATCH (n:Nothing {id: $id}) RETURN count(n) AS c', { id: 1 });
  } finally {
    await driver.close();
  }
  return performance.now() - t;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, performance.now() - t];
}

async function measureNeo4j(): Promise<Sample> {
  const dataRoot = mkdtempSync(join(tmpdir(), 'knotwork-measure-'));
  const opts = { boltPort: await findFreePort(), dataDir: join(dataRoot, 'neo4j') };
  try {
    const [a, cold] = await timed(() => startNeo4j(opts));
    const coldCpu = cpuMs(a.pid);
    const firstQueryCold = await firstQuery(a.uri, a.password);
    const [, stop] = await timed(() => stopNeo4j(opts));
    const [b, warm] = await timed(() => startNeo4j(opts));
    const warmCpu = cpuMs(b.pid);
    const firstQueryWarm = await firstQuery(b.uri, b.password);
    await stopNeo4j(opts);
    return { cold, coldCpu, firstQueryCold, stop, warm, warmCpu, firstQueryWarm };
  } finally {
    await stopNeo4j(opts).catch(() => undefined);
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

async function measureMeili(): Promise<Sample> {
  const dataRoot = mkdtempSync(join(tmpdir(), 'knotwork-measure-'));
  const opts = { port: await findFreePort(), dataDir: join(dataRoot, 'meili') };
  try {
    const [a, cold] = await timed(() => startMeili(opts));
    const coldCpu = cpuMs(a.pid);
    const [, stop] = await timed(() => stopMeili(opts));
    const [b, warm] = await timed(() => startMeili(opts));
    const warmCpu = cpuMs(b.pid);
    await stopMeili(opts);
    return { cold, coldCpu, stop, warm, warmCpu };
  } finally {
    await stopMeili(opts).catch(() => undefined);
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

const fmt = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

await ensureNeo4jBuilt();
const load = () => loadavg()[0]!.toFixed(1);
const loads: string[] = [load()];
const results: Record<string, Sample[]> = { Neo4j: [], Meilisearch: [] };
for (let i = 0; i < runs; i++) {
  results.Neo4j!.push(await measureNeo4j());
  results.Meilisearch!.push(await measureMeili());
  loads.push(load());
}

console.log(`1-minute load average before and after each round: ${loads.join(', ')}\n`);
console.log('| Service | Run | Cold start: wall | CPU | First query after | Stop | Warm restart: wall | CPU | First query after |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [name, samples] of Object.entries(results)) {
  samples.forEach((s, i) =>
    console.log(
      `| ${name} | ${i + 1} | ${fmt(s.cold)} | ${fmt(s.coldCpu)} | ${fmt(s.firstQueryCold)} | ${fmt(s.stop)} | ${fmt(s.warm)} | ${fmt(s.warmCpu)} | ${fmt(s.firstQueryWarm)} |`,
    ),
  );
  const pick = (k: keyof Sample) => {
    const xs = samples.map((s) => s[k]).filter((x): x is number => x !== undefined);
    return xs.length ? median(xs) : undefined;
  };
  console.log(
    `| ${name} | **median** | **${fmt(pick('cold'))}** | ${fmt(pick('coldCpu'))} | ${fmt(pick('firstQueryCold'))} | ${fmt(pick('stop'))} | **${fmt(pick('warm'))}** | ${fmt(pick('warmCpu'))} | ${fmt(pick('firstQueryWarm'))} |`,
  );
}
