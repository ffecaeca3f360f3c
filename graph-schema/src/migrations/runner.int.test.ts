import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations, runMigrations } from './index.js';

describe('migration runner', () => {
  let driver: Driver;
  beforeAll(() => {
    driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD!));
  });
  afterAll(async () => driver.close());

  it('is a no-op when run again', async () => {
    // The global setup has applied every migration already.
    const report = await runMigrations(driver, migrations);
    expect(report.applied).toEqual([]);
    expect(report.alreadyApplied).toEqual(migrations.map((m) => m.id));
    const again = await runMigrations(driver, migrations);
    expect(again).toEqual(report);
  });

  it('created the constraints and the full-text index', async () => {
    const session = driver.session();
    try {
      const constraints = await session.run('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names');
      expect(constraints.records[0]!.get('names')).toEqual(
        expect.arrayContaining(['practitioner_id', 'agency_id', 'user_email', 'migration_id']),
      );
      const indexes = await session.run(
        "SHOW INDEXES YIELD name, type, state WHERE type = 'FULLTEXT' RETURN name, state",
      );
      expect(indexes.records.map((r) => [r.get('name'), r.get('state')])).toContainEqual(['knotwork_search', 'ONLINE']);
    } finally {
      await session.close();
    }
  });

  it('refuses a migration edited after it was applied', async () => {
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, statements: [...m.statements, 'RETURN 1'] } : m));
    await expect(runMigrations(driver, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it('applies a new migration exactly once', async () => {
    const id = `9${Date.now().toString().slice(-3)}`;
    const extra = { id, name: 'test-only index', statements: [`CREATE INDEX test_only_${id} IF NOT EXISTS FOR (n:TestOnly) ON (n.x)`] };
    try {
      expect((await runMigrations(driver, [...migrations, extra])).applied).toEqual([id]);
      expect((await runMigrations(driver, [...migrations, extra])).applied).toEqual([]);
    } finally {
      const session = driver.session();
      await session.executeWrite((tx) => tx.run(`DROP INDEX test_only_${id} IF EXISTS`));
      await session.executeWrite((tx) => tx.run('MATCH (m:Migration {id: $id}) DELETE m', { id }));
      await session.close();
    }
  });
});
