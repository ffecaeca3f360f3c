import { createHash } from 'node:crypto';
import { throwIfStopped } from '../../lib/stop.js';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import neo4j from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import * as repo from './backup.repository.js';

/**
 * Backup file: JSON lines (gzip-compressed when the name ends in .gz).
 *   {"t":"header","format":"knotwork-backup","version":1,"createdAt":…,"expected":{"nodes":…,"relationships":…}}
 *   {"t":"n","k":<key>,"labels":[…],"p":{…},"ints":[…]}          one per node
 *   {"t":"r","type":…,"from":<key>,"to":<key>,"p":{…},"ints":[…]} one per relationship, after every node
 *   {"t":"end","nodes":…,"relationships":…}                       present only when the backup completed
 * `ints` names the properties that are integers (or integer lists) in Neo4j, so that a restore writes them back as
 * integers rather than floats. Keys are the source element ids; they mean nothing outside the file.
 *
 * The backup reads the live database in pages, so it is not a point-in-time snapshot while writes go on: take it
 * while the app is stopped or quiet when an exact copy matters (Neo4j Community has no online snapshot).
 */
export const BACKUP_FORMAT = 'knotwork-backup';
export const BACKUP_VERSION = 1;
const BATCH = 2_000;

export interface Progress {
  phase: 'nodes' | 'relationships' | 'wipe' | 'cleanup';
  done: number;
  total: number;
}
type OnProgress = (p: Progress) => void;

export interface BackupSummary {
  file: string;
  nodes: number;
  relationships: number;
}

function checkTypes(kind: string, key: string, bad: string[]) {
  if (bad.length) throw new Error(`${kind} ${key} has properties a backup cannot carry exactly: ${bad.join(', ')}`);
}

/**
 * Writes the whole graph (minus runtime state) to `file` from one read transaction, atomically (a temp file renamed
 * at the end). A retried transaction starts the file again.
 */
export async function writeBackup(db: Db, file: string, onProgress: OnProgress = () => {}, signal?: AbortSignal): Promise<BackupSummary> {
  const stopped = (what: string) => () => `backup stopped after ${what}: no backup file was written (the partial file was removed)`;
  const expected = await db.read((tx) => repo.countGraph(tx));
  const tmp = `${file}.partial`;
  try {
    const summary = await db.read(async (tx) => {
      const fileStream = createWriteStream(tmp, { mode: 0o600 });
      const gzip = file.endsWith('.gz') ? createGzip() : null;
      const out: Writable = gzip ?? fileStream;
      const done = gzip ? pipeline(gzip, fileStream) : finished(fileStream);
      const write = async (line: unknown) => {
        if (!out.write(JSON.stringify(line) + '\n')) await once(out, 'drain');
      };
      let nodes = 0;
      let relationships = 0;
      try {
        await write({ t: 'header', format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), expected });
        for await (const n of repo.streamNodes(tx)) {
          checkTypes('node', n.k, n.bad);
          await write({ t: 'n', k: n.k, labels: n.labels, p: n.p, ints: n.ints });
          if (++nodes % 1000 === 0) {
            onProgress({ phase: 'nodes', done: nodes, total: Math.max(expected.nodes, nodes) });
            throwIfStopped(signal, stopped(`${nodes} of ${expected.nodes} nodes`));
          }
        }
        onProgress({ phase: 'nodes', done: nodes, total: nodes });
        for await (const r of repo.streamRelationships(tx)) {
          checkTypes('relationship', r.k, r.bad);
          await write({ t: 'r', type: r.type, from: r.from, to: r.to, p: r.p, ints: r.ints });
          if (++relationships % 1000 === 0) {
            throwIfStopped(signal, stopped(`${relationships} of ${expected.relationships} relationships`));
            onProgress({ phase: 'relationships', done: relationships, total: Math.max(expected.relationships, relationships) });
          }
        }
        onProgress({ phase: 'relationships', done: relationships, total: relationships });
        await write({ t: 'end', nodes, relationships });
        out.end();
        await done;
      } catch (e) {
        out.destroy();
        await done.catch(() => {});
        throw e;
      }
      return { file, nodes, relationships };
    });
    await rename(tmp, file);
    return summary;
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

type Line =
  | { t: 'header'; format: string; version: number; createdAt: string; expected: { nodes: number; relationships: number } }
  | { t: 'n'; k: string; labels: string[]; p: Record<string, unknown>; ints: string[] }
  | { t: 'r'; type: string; from: string; to: string; p: Record<string, unknown>; ints: string[] }
  | { t: 'end'; nodes: number; relationships: number };

async function* readLines(file: string): AsyncGenerator<Line> {
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    if (!text.trim()) continue;
    try {
      yield JSON.parse(text) as Line;
    } catch {
      throw new Error(`${file}: line ${n} is not valid JSON (is the file truncated or not a Knotwork backup?)`);
    }
  }
}

/** Reads the file once without touching the database: header, trailer and counts must be there and agree. */
export async function inspectBackup(file: string): Promise<{ createdAt: string; nodes: number; relationships: number }> {
  let header: Extract<Line, { t: 'header' }> | null = null;
  let end: Extract<Line, { t: 'end' }> | null = null;
  let nodes = 0;
  let relationships = 0;
  for await (const line of readLines(file)) {
    if (!header) {
      if (line.t !== 'header' || line.format !== BACKUP_FORMAT) throw new Error(`${file} is not a Knotwork backup`);
      if (line.version !== BACKUP_VERSION) throw new Error(`${file} is backup format version ${line.version}; this version reads ${BACKUP_VERSION}`);
      header = line;
    } else if (line.t === 'n') nodes++;
    else if (line.t === 'r') relationships++;
    else if (line.t === 'end') end = line;
  }
  if (!header) throw new Error(`${file} is empty`);
  if (!end) throw new Error(`${file} is incomplete (no end marker): the backup did not finish`);
  if (end.nodes !== nodes || end.relationships !== relationships) {
    throw new Error(`${file} is damaged: it says ${end.nodes} nodes / ${end.relationships} relationships but holds ${nodes} / ${relationships}`);
  }
  return { createdAt: header.createdAt, nodes, relationships };
}

/** Integers go back as Neo4j integers (the driver would send JS numbers as floats). */
function revive(p: Record<string, unknown>, ints: string[]): Record<string, unknown> {
  if (!ints.length) return p;
  const out = { ...p };
  for (const key of ints) {
    const v = out[key];
    if (typeof v === 'number') out[key] = neo4j.int(v);
    else if (Array.isArray(v)) out[key] = v.map((x) => neo4j.int(x as number));
  }
  return out;
}

export class RestoreRefusedError extends Error {}

export interface RestoreSummary {
  nodes: number;
  relationships: number;
  wiped: number;
}

/**
 * Loads a backup into an empty database (migration bookkeeping aside). A database holding data is refused
 * unless `force`, which deletes everything first. The target should have the migrations applied (constraints).
 */
export async function restoreBackup(
  db: Db,
  file: string,
  options: { force?: boolean; onProgress?: OnProgress } = {},
): Promise<RestoreSummary> {
  const onProgress = options.onProgress ?? (() => {});
  const info = await inspectBackup(file);
  const blockers = await db.read((tx) => repo.countRestoreBlockers(tx));
  let wiped = 0;
  if (blockers > 0) {
    if (!options.force) {
      throw new RestoreRefusedError(
        `the database is not empty (${blockers} nodes); restore only into an empty database, or pass --force to delete everything in it first`,
      );
    }
    for (;;) {
      const n = await db.write((tx) => repo.deleteBatch(tx, 10_000));
      if (!n) break;
      wiped += n;
      onProgress({ phase: 'wipe', done: wiped, total: blockers });
    }
  }

  await db.write((tx) => repo.createRestoreIndex(tx));
  await db.read((tx) => repo.awaitRestoreIndex(tx));

  let nodes = 0;
  let relationships = 0;
  const nodeBuffers = new Map<string, { labels: string[]; rows: { k: string; p: Record<string, unknown> }[] }>();
  const relBuffers = new Map<string, { from: string; to: string; p: Record<string, unknown> }[]>();

  const flushNodes = async (key: string) => {
    const b = nodeBuffers.get(key);
    if (!b?.rows.length) return;
    const rows = b.rows;
    b.rows = [];
    nodes += await db.write((tx) => repo.createNodes(tx, b.labels, rows));
    onProgress({ phase: 'nodes', done: nodes, total: info.nodes });
  };
  const flushRels = async (type: string) => {
    const rows = relBuffers.get(type);
    if (!rows?.length) return;
    relBuffers.set(type, []);
    const created = await db.write((tx) => repo.createRelationships(tx, type, rows));
    if (created !== rows.length) throw new Error(`${rows.length - created} ${type} relationships lost an end node during the restore`);
    relationships += created;
    onProgress({ phase: 'relationships', done: relationships, total: info.relationships });
  };

  let nodesDone = false;
  for await (const line of readLines(file)) {
    if (line.t === 'n') {
      const labels = [...line.labels].sort();
      labels.forEach(repo.quoteIdentifier); // refuse odd names before anything is written
      const key = labels.join(':');
      let b = nodeBuffers.get(key);
      if (!b) nodeBuffers.set(key, (b = { labels, rows: [] }));
      b.rows.push({ k: line.k, p: revive(line.p, line.ints) });
      if (b.rows.length >= BATCH) await flushNodes(key);
    } else if (line.t === 'r') {
      if (!nodesDone) {
        for (const key of nodeBuffers.keys()) await flushNodes(key);
        nodesDone = true;
      }
      repo.quoteIdentifier(line.type);
      let rows = relBuffers.get(line.type);
      if (!rows) relBuffers.set(line.type, (rows = []));
      rows.push({ from: line.from, to: line.to, p: revive(line.p, line.ints) });
      if (rows.length >= BATCH) await flushRels(line.type);
    }
  }
  for (const key of nodeBuffers.keys()) await flushNodes(key);
  for (const type of relBuffers.keys()) await flushRels(type);

  let cleared = 0;
  for (;;) {
    const n = await db.write((tx) => repo.clearRestoreKeys(tx, 10_000));
    if (!n) break;
    cleared += n;
    onProgress({ phase: 'cleanup', done: cleared, total: nodes });
  }
  await db.write((tx) => repo.dropRestoreIndex(tx));

  if (nodes !== info.nodes || relationships !== info.relationships) {
    throw new Error(`restored ${nodes} nodes / ${relationships} relationships, but the backup holds ${info.nodes} / ${info.relationships}`);
  }
  return { nodes, relationships, wiped };
}

/**
 * A checksum of the backed-up part of the graph that does not depend on element ids: each node is hashed from its
 * labels and typed properties, each relationship from its type, properties and the hashes of its end nodes.
 * Two databases with the same fingerprint hold the same graph (up to nodes that are exact duplicates).
 * Holds the graph's hashes in memory: for tests and checks of demo-sized data.
 */
export async function fingerprintGraph(db: Db): Promise<{ nodes: number; relationships: number; checksum: string; counts: Awaited<ReturnType<typeof repo.graphCounts>> }> {
  const counts = await db.read((tx) => repo.graphCounts(tx));
  const nodeHash = new Map<string, string>();
  const typed = (p: Record<string, unknown>, ints: string[]) =>
    JSON.stringify(Object.keys(p).sort().map((k) => [k, ints.includes(k) ? 'int' : typeof p[k], p[k]]));
  const relHashes: string[] = [];
  await db.read(async (tx) => {
    nodeHash.clear();
    relHashes.length = 0;
    for await (const n of repo.streamNodes(tx)) {
      const labels = n.labels.filter((l) => l !== repo.RESTORE_LABEL).sort();
      const { [repo.RESTORE_KEY]: _drop, ...props } = n.p;
      nodeHash.set(n.k, sha(labels.join(':') + '|' + typed(props, n.ints)));
    }
    for await (const r of repo.streamRelationships(tx)) {
      relHashes.push(sha(`${nodeHash.get(r.from)}-${r.type}-${typed(r.p, r.ints)}->${nodeHash.get(r.to)}`));
    }
  });
  const all = createHash('sha256');
  for (const h of [...nodeHash.values()].sort()) all.update(h);
  all.update('|');
  for (const h of relHashes.sort()) all.update(h);
  return { nodes: nodeHash.size, relationships: relHashes.length, checksum: all.digest('hex'), counts };
}

function sha(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
