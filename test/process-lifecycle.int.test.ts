import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../tools/src/services/index.js';

/**
 * The entry points as a process manager or CI job runs them: `npm start` and `npm test` are started as children,
 * then only the pid we started is signalled (never the group, as a terminal would). Every process they started —
 * the wrapper, the TypeScript entry, the API, Neo4j's JVM, Meilisearch — must be gone within a bound, also when
 * the pid we started dies by SIGKILL and can clean nothing up itself.
 */
const root = join(import.meta.dirname, '..');
const GONE_WITHIN_MS = 60_000;
let work: string;
/** Every process tree a test started, so that a failed test leaves nothing behind for the next one. */
const started: number[][] = [];

/** The environment of a fresh machine: no external services named, so the entry points start their own. */
function freshEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', WARM_UP: 'false', NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '64m', ...extra };
  for (const name of ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'MEILI_HOST', 'MEILI_MASTER_KEY', 'NODE_ENV']) delete env[name];
  return env;
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** `pid` and every process below it now, from /proc. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    tree.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return tree;
}

function describeProcess(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').slice(0, 400);
  } catch {
    return '(gone)';
  }
}

/** Alive and not a zombie (a zombie has exited; only its exit status waits to be collected). */
function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

async function stillRunningAfter(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = pids.filter(isRunning);
    if (left.length === 0 || Date.now() > deadline) return left;
    await sleep(250);
  }
}

const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

function capture(child: ChildProcess): () => string {
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  return () => out.slice(-3000);
}

async function waitFor(what: string, ms: number, check: () => Promise<boolean> | boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output:\n${output()}`);
    await sleep(500);
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'knotwork-lifecycle-'));
});

afterEach(async () => {
  for (const pid of started.splice(0).flat()) {
    try {
      if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('npm start under a process manager', { timeout: 600_000 }, () => {
  let ports: { api: number; bolt: number; meili: number };
  beforeAll(async () => {
    ports = { api: await findFreePort(), bolt: await findFreePort(), meili: await findFreePort() };
  });

  /**
   * `npm start` as a user types it, or the command it runs (`node tools/bin/start.mjs`), as a unit file or CI job
   * would. npm itself re-raises a signal it received once its child has exited, so only the direct command can
   * show the exit status.
   */
  async function startProduct(via: 'npm' | 'node'): Promise<{ child: ChildProcess; output: () => string; tree: number[] }> {
    const [command, args] = via === 'npm' ? ['npm', ['start']] : [process.execPath, ['tools/bin/start.mjs']];
    const child = spawn(command, args, {
      cwd: root,
      env: freshEnv({
        KNOTWORK_DATA_ROOT: join(work, 'data'),
        PORT: String(ports.api),
        NEO4J_BOLT_PORT: String(ports.bolt),
        MEILI_PORT: String(ports.meili),
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = capture(child);
    const ready = async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output()}`);
      const res = await fetch(`http://127.0.0.1:${ports.api}/api/health/ready`).catch(() => null);
      return res?.status === 200;
    };
    await waitFor('the API to be ready', 420_000, ready, output);
    const tree = processTree(child.pid!);
    started.push(tree);
    const commands = tree.map(describeProcess).join('\n');
    expect(commands).toContain('neo4j-local.jar');
    expect(commands).toContain('meilisearch');
    expect(commands).toContain('server/src/main.ts');
    return { child, output, tree };
  }

  it('stops everything it started on SIGTERM to its pid only, and exits 0', async () => {
    const { child, output, tree } = await startProduct('node');
    const exited = exitOf(child);
    process.kill(child.pid!, 'SIGTERM');
    const left = await stillRunningAfter(tree, GONE_WITHIN_MS);
    expect(left.map(describeProcess), output()).toEqual([]);
    expect(await exited, output()).toEqual({ code: 0, signal: null });
    expect(output()).toMatch(/Neo4j stopped/);
  });

  it('leaves nothing running when its pid is killed with SIGKILL', async () => {
    // npm is the hardest case: its `sh -c` child survives it, so the wrapper must notice its grandparent going.
    const { child, output, tree } = await startProduct('npm');
    process.kill(child.pid!, 'SIGKILL');
    expect((await exitOf(child)).signal).toBe('SIGKILL');
    const left = await stillRunningAfter(tree, GONE_WITHIN_MS);
    expect(left.map(describeProcess), output()).toEqual([]);
  });
});

describe('npm test under a CI job', { timeout: 600_000 }, () => {
  it('removes its throw-away services when stopped while they start', async () => {
    const tmp = await mkdtemp(join(work, 'tmp-'));
    const child = spawn(process.execPath, ['tools/bin/test.mjs', 'tools/src/services/ports.test.ts'], {
      cwd: root,
      env: freshEnv({ TMPDIR: tmp }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = capture(child);
    const pidFile = () => {
      const stack = readdirSync(tmp).find((d) => d.startsWith('knotwork-test-'));
      return stack ? join(tmp, stack, 'neo4j', 'neo4j.pid') : null;
    };
    await waitFor('the test services to be starting', 300_000, () => Boolean(pidFile() && existsSync(pidFile()!)), output);
    const tree = processTree(child.pid!);
    started.push(tree);
    expect(tree.map(describeProcess).join('\n')).toContain('neo4j-local.jar');
    const exited = exitOf(child);
    process.kill(child.pid!, 'SIGTERM');
    const left = await stillRunningAfter(tree, GONE_WITHIN_MS);
    expect(left.map(describeProcess), output()).toEqual([]);
    // Interrupted tests have not passed: the shell's code for an interrupted run, never 0.
    expect((await exited).code, output()).toBe(130);
    expect(readdirSync(tmp).filter((d) => d.startsWith('knotwork-test-')), 'throw-away data directories').toEqual([]);
  });
});
