import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { generatedCsvFiles, remapFiles } from '../../src/modules/transfer/testing/fixtures.js';
import { buildTestApp } from '../helper.js';

/**
 * An import killed half-way (SIGKILL of the CLI process, as in a crash or a closed terminal), then run again:
 * the re-run completes and the database holds every record exactly once — no duplicate nodes, no parallel
 * duplicate relationships. Uses the demo generator's graph as Knotwork CSV under fresh ids, so it shares the test
 * database with other tests without touching their data.
 */
const root = join(import.meta.dirname, '..', '..', '..');
let app: App;
let dir: string;
let controlDir: string;
let stoppedDir: string;
const name = `killed-${randomUUID().slice(0, 8)}`;
const controlName = `control-${randomUUID().slice(0, 8)}`;
const stoppedName = `stopped-${randomUUID().slice(0, 8)}`;
const nodeIds: string[] = [];
const controlIds: string[] = [];
const stoppedIds: string[] = [];

/**
 * The import command against the test database: the CLI process itself (the one that writes, as a crash would
 * kill it), or `npm run cli -- import …` as a user runs it, through its wrapper (`via: 'wrapper'`).
 */
function runImport(which = name, from = dir, via: 'cli' | 'wrapper' = 'cli'): ChildProcess {
  const entry = via === 'cli' ? ['--import', 'tsx', 'server/src/cli/main.ts'] : ['tools/bin/cli.mjs'];
  return spawn(process.execPath, [...entry, 'import', '--format', 'knotwork-csv', '--name', which, from], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Waits until some, but not all, of `ids` are in the database (or the child has exited). */
async function waitUntilPartlyWritten(child: ChildProcess, ids: string[]): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const seen = await app.db.read(async (tx) => (await tx.run(PROBE, { ids })).records[0]!.get('c') as number);
    if (seen > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

// One pass over the directory labels with a set-membership test (an unlabelled MATCH per id would scan per id).
const MINE = `MATCH (n) WHERE (n:Practitioner OR n:Agency OR n:Specialism OR n:Need OR n:Locality OR n:Forum OR n:Collaboration) AND n.id IN $ids`;
/** Cheap progress probe for the kill: index seeks on two labels. */
const PROBE = `CALL () { MATCH (n:Agency) WHERE n.id IN $ids RETURN n UNION MATCH (n:Practitioner) WHERE n.id IN $ids RETURN n } RETURN count(n) AS c`;

async function imported(ids = nodeIds): Promise<{ nodes: number; rels: number }> {
  return app.db.read(async (tx) => {
    const n = await tx.run(`${MINE} RETURN count(n) AS c`, { ids });
    const r = await tx.run(`${MINE} MATCH (n)-[r]->(b) WHERE b.id IN $ids RETURN count(r) AS c`, { ids });
    return { nodes: n.records[0]!.get('c') as number, rels: r.records[0]!.get('c') as number };
  });
}

beforeAll(async () => {
  app = await buildTestApp();
  dir = await mkdtemp(join(tmpdir(), 'knotwork-import-'));
  controlDir = await mkdtemp(join(tmpdir(), 'knotwork-import-control-'));
  stoppedDir = await mkdtemp(join(tmpdir(), 'knotwork-import-stopped-'));
  const source = generatedCsvFiles({ seed: 5, scale: 0.5 }, 'seed');
  for (const [ns, into, ids] of [
    [name, dir, nodeIds],
    [controlName, controlDir, controlIds],
    [stoppedName, stoppedDir, stoppedIds],
  ] as const) {
    const { files } = remapFiles(source, ns, ['seed', `import:${ns}`]);
    for (const [file, text] of Object.entries(files)) {
      await writeFile(join(into, file), text);
      const rows = parse(text, { columns: true }) as Record<string, string>[];
      if (rows[0] && 'id' in rows[0]) ids.push(...rows.map((r) => r.id!));
    }
  }
}, 120_000);

afterAll(async () => {
  for (const ids of [nodeIds, controlIds, stoppedIds]) if (ids.length) await app.db.write((tx) => tx.run(`${MINE} DETACH DELETE n`, { ids }));
  if (controlDir) await rm(controlDir, { recursive: true, force: true });
  if (stoppedDir) await rm(stoppedDir, { recursive: true, force: true });
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 120_000);

describe('import killed half-way', () => {
  it('completes on a re-run with every record exactly once', { timeout: 600_000 }, async () => {
    expect(nodeIds.length).toBeGreaterThan(1000);

    // First run: killed once some, but not all, of its records are in the database.
    const first = runImport();
    const firstExit = exitOf(first);
    await waitUntilPartlyWritten(first, nodeIds);
    first.kill('SIGKILL');
    const killed = await firstExit;
    const partial = await imported();
    console.log(
      `import killed: ${killed.signal ?? `exit ${killed.code}`} with ${partial.nodes}/${nodeIds.length} nodes and ${partial.rels} relationships written`,
    );
    expect(killed.signal).toBe('SIGKILL');
    expect(partial.nodes).toBeGreaterThan(0);
    expect(partial.nodes).toBeLessThan(nodeIds.length);

    // Second run: completes.
    const second = runImport();
    let output = '';
    second.stdout!.on('data', (d) => (output += String(d)));
    second.stderr!.on('data', (d) => (output += String(d)));
    const done = await exitOf(second);
    expect(done.code, output.slice(-2000)).toBe(0);

    const check = await app.db.read(async (tx) => {
      const nodes = await tx.run(`${MINE} RETURN count(n) AS c, count(DISTINCT n.id) AS d`, { ids: nodeIds });
      const rels = await tx.run(`${MINE} MATCH (n)-[r]->(b) WHERE b.id IN $ids RETURN count(r) AS c`, { ids: nodeIds });
      const parallel = await tx.run(
        `${MINE} MATCH (n)-[r]->(b) WHERE b.id IN $ids
         WITH n, type(r) AS t, b, count(r) AS k WHERE k > 1 RETURN count(*) AS c`,
        { ids: nodeIds },
      );
      return {
        nodes: nodes.records[0]!.get('c') as number,
        distinct: nodes.records[0]!.get('d') as number,
        rels: rels.records[0]!.get('c') as number,
        parallel: parallel.records[0]!.get('c') as number,
      };
    });
    // The same files imported once without interruption (another namespace) give the reference counts.
    const control = runImport(controlName, controlDir);
    expect((await exitOf(control)).code).toBe(0);
    const reference = await imported(controlIds);
    console.log(`import re-run: ${JSON.stringify(check)}; uninterrupted reference: ${JSON.stringify(reference)}`);
    expect(check).toEqual({ nodes: reference.nodes, distinct: reference.nodes, rels: reference.rels, parallel: 0 });
    expect(reference.nodes).toBe(nodeIds.length);
  });

  it('stops at a safe point on SIGTERM and says where', { timeout: 600_000 }, async () => {
    const child = runImport(stoppedName, stoppedDir, 'wrapper');
    let output = '';
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    const exited = exitOf(child);
    await waitUntilPartlyWritten(child, stoppedIds);
    child.kill('SIGTERM');
    const exit = await exited;
    const partial = await imported(stoppedIds);
    console.log(`import stopped by SIGTERM: exit ${exit.code}, ${partial.nodes}/${stoppedIds.length} nodes written`);
    // Not complete, so not 0: the shell's code for an interrupted command.
    expect(exit, output.slice(-2000)).toEqual({ code: 130, signal: null });
    const where = /import stopped at a safe point: (\d+) of (\d+) records written in complete batches/.exec(output);
    expect(where, output.slice(-2000)).not.toBeNull();
    expect(Number(where![1])).toBeLessThan(Number(where![2]));
    expect(output).toContain('run the same import again to complete it');
    expect(partial.nodes).toBeLessThan(stoppedIds.length);

    const again = runImport(stoppedName, stoppedDir);
    expect((await exitOf(again)).code).toBe(0);
    expect((await imported(stoppedIds)).nodes).toBe(stoppedIds.length);
  });
});
