import type { Driver } from 'neo4j-driver';

export function createHealthRepository(driver: Driver, database?: string) {
  const session = () => driver.session({ defaultAccessMode: 'READ', ...(database ? { database } : {}) });
  return {
    async ping(): Promise<boolean> {
      const s = session();
      try {
        await s.executeRead((tx) => tx.run('RETURN 1'), { timeout: 2_000 });
        return true;
      } catch {
        return false;
      } finally {
        await s.close();
      }
    },
    async status(): Promise<{ migrationsApplied: number; latestMigration: string | null; outboxLag: number }> {
      const s = session();
      try {
        return await s.executeRead(async (tx) => {
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
      } finally {
        await s.close();
      }
    },
  };
}
export type HealthRepository = ReturnType<typeof createHealthRepository>;
