import { createHash } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import type { Migration } from './migration.js';

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

export function migrationChecksum(m: Migration): string {
  return createHash('sha256').update(m.statements.join('\n;\n')).digest('hex').slice(0, 16);
}

export async function appliedMigrations(
  driver: Driver,
  database?: string,
): Promise<Array<{ id: string; checksum: string }>> {
  const session = driver.session(database ? { database } : {});
  try {
    return await session.executeRead(async (tx) => {
      const res = await tx.run('MATCH (m:Migration) RETURN m.id AS id, m.checksum AS checksum ORDER BY m.id');
      return res.records.map((r) => ({ id: r.get('id') as string, checksum: r.get('checksum') as string }));
    });
  } finally {
    await session.close();
  }
}

/**
 * Applies, in order, every migration not yet recorded as a `:Migration` node, then waits for indexes to come
 * online. Running it again is a no-op. A migration whose statements changed after it was applied is an error:
 * schema history must be append-only.
 */
export async function runMigrations(
  driver: Driver,
  migrations: readonly Migration[],
  options: { database?: string; log?: (line: string) => void } = {},
): Promise<MigrationReport> {
  const log = options.log ?? (() => {});
  const session = driver.session(options.database ? { database: options.database } : {});
  try {
    await session.executeWrite((tx) =>
      tx.run('CREATE CONSTRAINT migration_id IF NOT EXISTS FOR (m:Migration) REQUIRE m.id IS UNIQUE'),
    );
    const done = new Map((await appliedMigrations(driver, options.database)).map((m) => [m.id, m.checksum]));
    const report: MigrationReport = { applied: [], alreadyApplied: [] };
    for (const migration of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
      const checksum = migrationChecksum(migration);
      const recorded = done.get(migration.id);
      if (recorded !== undefined) {
        if (recorded !== checksum) {
          throw new Error(
            `Migration ${migration.id} (${migration.name}) was changed after it was applied. ` +
              'Add a new migration instead of editing an applied one.',
          );
        }
        report.alreadyApplied.push(migration.id);
        continue;
      }
      log(`applying migration ${migration.id}: ${migration.name}`);
      for (const statement of migration.statements) {
        // Schema commands cannot share a transaction with data writes, so each runs in its own.
        await session.executeWrite((tx) => tx.run(statement));
      }
      await session.executeWrite((tx) =>
        tx.run(
          `MERGE (m:Migration {id: $id})
           ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = $appliedAt`,
          { id: migration.id, name: migration.name, checksum, appliedAt: new Date().toISOString() },
        ),
      );
      report.applied.push(migration.id);
    }
    await session.run('CALL db.awaitIndexes(300)');
    return report;
  } finally {
    await session.close();
  }
}
