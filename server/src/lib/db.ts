import type { Driver, ManagedTransaction } from 'neo4j-driver';

/**
 * The only way repositories reach Neo4j: managed transactions (retried on transient errors, so the work
 * functions must be idempotent) with the configured database.
 */
export interface Db {
  read<T>(work: (tx: ManagedTransaction) => Promise<T>, options?: { timeoutMs?: number }): Promise<T>;
  write<T>(work: (tx: ManagedTransaction) => Promise<T>, options?: { timeoutMs?: number }): Promise<T>;
  /** Whether the database answers now, without the retries of a managed transaction. */
  ping(): Promise<boolean>;
  driver: Driver;
  database: string | undefined;
}

export function createDb(driver: Driver, database?: string): Db {
  const open = (mode: 'READ' | 'WRITE') =>
    driver.session({ defaultAccessMode: mode, ...(database ? { database } : {}) });
  return {
    driver,
    database,
    async ping() {
      try {
        await driver.getServerInfo(database ? { database } : {});
        return true;
      } catch {
        return false;
      }
    },
    async read(work, options) {
      const session = open('READ');
      try {
        return await session.executeRead(work, options?.timeoutMs ? { timeout: options.timeoutMs } : undefined);
      } finally {
        await session.close();
      }
    },
    async write(work, options) {
      const session = open('WRITE');
      try {
        return await session.executeWrite(work, options?.timeoutMs ? { timeout: options.timeoutMs } : undefined);
      } finally {
        await session.close();
      }
    },
  };
}
