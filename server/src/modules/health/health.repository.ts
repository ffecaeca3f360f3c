import type { Db } from '../../lib/db.js';

export function createHealthRepository(db: Db) {
  return {
    ping: () => db.ping(),
    appliedMigrationIds: (): Promise<string[]> =>
      db.read(async (tx) => {
        const res = await tx.run('MATCH (m:Migration) RETURN m.id AS id');
        return res.records.map((r) => r.get('id') as string);
      }),
    async status(): Promise<{ migrationsApplied: number; latestMigration: string | null; outboxLag: number }> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `OPTIONAL MATCH (m:Migration) WITH count(m) AS applied, max(m.id) AS latest
           OPTIONAL MATCH (e:OutboxEvent) RETURN applied, latest, count(e) AS lag`,
        );
        const r = res.records[0];
        return {
          migrationsApplied: (r?.get('applied') as number) ?? 0,
          latestMigration: (r?.get('latest') as string | null) ?? null,
          outboxLag: (r?.get('lag') as number) ?? 0,
        };
      });
    },
  };
}
export type HealthRepository = ReturnType<typeof createHealthRepository>;
