import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { migrations, runMigrations } from '@knotwork/graph-schema/migrations';
import { findFreePort, startNeo4j, stopNeo4j } from '@knotwork/tools/services';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCommand } from '../../src/cli/commands/backup.js';
import { restoreCommand } from '../../src/cli/commands/restore.js';
import type { CliContext } from '../../src/cli/context.js';
import { createDb, type Db } from '../../src/lib/db.js';
import { fingerprintGraph, inspectBackup } from '../../src/modules/backup/backup.service.js';
import { ensureDemoUsers } from '../../src/modules/transfer/demo-users.js';
import { seedDatabase } from '../../src/modules/transfer/seed-loader.js';
import { createDriver } from '../../src/plugins/external/neo4j.js';
import { testConfig } from '../helper.js';

/**
 * Backup → restore round trip between two fresh Neo4j instances started by this test (free ports, temp dirs), so
 * the shared test database is neither read (it changes under other tests) nor touched.
 */

interface Instance {
  opts: Parameters<typeof startNeo4j>[0];
  driver: Driver;
  db: Db;
  uri: string;
  password: string;
}

let dir: string;
let source: Instance;
let target: Instance;
const logs: string[] = [];

async function start(name: string): Promise<Instance> {
  const opts = { boltPort: await findFreePort(), dataDir: join(dir, name), heap: '512m', pageCache: '64m', startTimeoutMs: 150_000 };
  const started = await startNeo4j(opts);
  const driver = createDriver({ uri: started.uri, user: started.user, password: started.password });
  await runMigrations(driver, migrations);
  return { opts, driver, db: createDb(driver), uri: started.uri, password: started.password };
}

function ctxFor(i: Instance): CliContext {
  const config = testConfig({ NEO4J_URI: i.uri, NEO4J_PASSWORD: i.password, MEILI_HOST: undefined, MEILI_MASTER_KEY: undefined });
  return { config, db: i.db, meili: null, log: (line) => logs.push(line), signal: new AbortController().signal };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'knotwork-backup-'));
  [source, target] = await Promise.all([start('source'), start('target')]);

  // Demo-shaped data (a small scale), the demo accounts, and values of every kind a backup must carry exactly.
  // Scale 0.2 (~11k nodes+relationships) keeps `npm test` quick; KNOTWORK_BACKUP_TEST_SCALE=1 runs the full demo data.
  await seedDatabase(source.db, { seed: 7, scale: Number(process.env.KNOTWORK_BACKUP_TEST_SCALE ?? 0.2), mode: 'create' });
  await ensureDemoUsers(source.db, 'backup-test-password');
  await source.db.write(async (tx) => {
    await tx.run(
      `CREATE (:AuditEvent:Extra {id: 'audit-kinds', at: '2026-11-23T10:00:00.000Z', count: $int, ratio: 0.25, whole: 2.0,
               ok: true, tags: ['a', 'ß', '😀'], sizes: $ints, weights: [0.5, 1.5], empty: [], note: 'line\\nbreak "quoted" \\u0000 nul'})`,
      { int: neo4j.int(9007199254740991), ints: [neo4j.int(1), neo4j.int(2)] },
    );
    await tx.run(
      `MATCH (u:User) WITH u LIMIT 1
       CREATE (s:Session {tokenHash: 'not-in-the-backup', createdAt: '2026-11-23T10:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z'})-[:FOR]->(u)`,
    );
    await tx.run(`MATCH (a:Practitioner), (b:Practitioner) WITH a, b LIMIT 1 CREATE (a)-[:KNOWS {since: '2026-01-01', weight: $w, source: 'test'}]->(a)`, {
      w: neo4j.int(3),
    });
  });
}, 300_000);

afterAll(async () => {
  await Promise.allSettled([source?.driver.close(), target?.driver.close()]);
  await Promise.allSettled([source && stopNeo4j(source.opts), target && stopNeo4j(target.opts)]);
  if (dir) await rm(dir, { recursive: true, force: true });
}, 120_000);

describe('backup and restore', { timeout: 240_000 }, () => {
  it('round-trips the whole graph (users included, sessions not) into a fresh database: same counts and checksums', async () => {
    const before = await fingerprintGraph(source.db);
    expect(before.nodes).toBeGreaterThan(500);
    expect(before.counts.labels.User).toBe(4);
    expect(before.counts.labels.Session).toBeUndefined();

    const file = join(dir, 'knotwork.jsonl.gz');
    expect(await backupCommand.run(['--out', file], ctxFor(source))).toBeUndefined();
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600');
    const info = await inspectBackup(file);
    expect(info).toMatchObject({ nodes: before.nodes, relationships: before.relationships });
    const text = gunzipSync(await readFile(file)).toString('utf8');
    expect(text).not.toContain('not-in-the-backup');
    expect(text).toContain('passwordHash'); // accounts come back able to sign in

    expect(await restoreCommand.run([file, '--no-reindex'], ctxFor(target))).toBeUndefined();
    const after = await fingerprintGraph(target.db);
    expect(after.counts).toEqual(before.counts);
    expect(after.nodes).toBe(before.nodes);
    expect(after.relationships).toBe(before.relationships);
    expect(after.checksum).toBe(before.checksum);

    // Integers stay integers (not floats), and no restore bookkeeping is left behind.
    const kinds = await target.db.read(async (tx) => {
      const r = await tx.run(
        `MATCH (n:AuditEvent {id: 'audit-kinds'})
         RETURN valueType(n.count) AS count, valueType(n.sizes) AS sizes, valueType(n.whole) AS whole, n.count AS value, n.note AS note`,
      );
      const leftovers = await tx.run(`MATCH (n) WHERE n:KnotworkRestore OR n.knotworkRestoreKey IS NOT NULL RETURN count(n) AS c`);
      const index = await tx.run(`SHOW INDEXES YIELD name WHERE name = 'knotwork_restore_key' RETURN count(*) AS c`);
      return { ...r.records[0]!.toObject(), leftovers: leftovers.records[0]!.get('c'), index: index.records[0]!.get('c') } as Record<string, unknown>;
    });
    expect(kinds).toMatchObject({ count: 'INTEGER NOT NULL', sizes: 'LIST<INTEGER NOT NULL> NOT NULL', whole: 'FLOAT NOT NULL', value: 9007199254740991 });
    expect(kinds.note).toBe('line\nbreak "quoted" \u0000 nul');
    expect(kinds).toMatchObject({ leftovers: 0, index: 0 });
  });

  it('refuses a database that holds data, unless --force, which replaces it', async () => {
    const file = join(dir, 'again.jsonl');
    await backupCommand.run(['--out', file], ctxFor(source));
    // target holds the previous restore now
    expect(await restoreCommand.run([file, '--no-reindex'], ctxFor(target))).toBe(3);
    expect(logs.at(-1)).toMatch(/not empty .*--force/);

    await target.db.write((tx) => tx.run(`CREATE (:Agency {id: 'only-in-target', name: 'Stray'})`));
    expect(await restoreCommand.run([file, '--no-reindex', '--force'], ctxFor(target))).toBeUndefined();
    const [a, b] = await Promise.all([fingerprintGraph(source.db), fingerprintGraph(target.db)]);
    expect(b.checksum).toBe(a.checksum);
  });

  it('refuses a truncated backup before writing anything', async () => {
    const good = join(dir, 'again.jsonl');
    const lines = (await readFile(good, 'utf8')).trim().split('\n');
    const cut = join(dir, 'cut.jsonl');
    await writeFile(cut, lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n');
    await expect(inspectBackup(cut)).rejects.toThrow(/incomplete/);
    await expect(restoreCommand.run([cut, '--no-reindex', '--force'], ctxFor(target))).rejects.toThrow(/incomplete/);
    // the target was not wiped by the refused restore
    expect((await fingerprintGraph(target.db)).nodes).toBeGreaterThan(500);
  });
});
