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
  /** Sessions of this Db open now (each holds at most one pooled connection): for the metrics. */
  sessionsInUse(): number;
  driver: Driver;
  database: string | undefined;
}

export function createDb(driver: Driver, database?: string): Db {
  let inUse = 0;
  const open = (mode: 'READ' | 'WRITE') =>
    driver.session({ defaultAccessMode: mode, ...(database ? { database } : {}) });
  const withSession = async <T>(mode: 'READ' | 'WRITE', work: (session: ReturnType<typeof open>) => Promise<T>): Promise<T> => {
    const session = open(mode);
    inUse += 1;
    try {
      return await work(session);
    } finally {
      inUse -= 1;
      await session.close();
    }
  };
  return {
    driver,
    database,
    sessionsInUse: () => inUse,
    async ping() {
      try {
        await driver.getServerInfo(database ? { database } : {});
        return true;
      } catch {
        return false;
      }
    },
    read: (work, options) =>
      withSession('READ', (session) => session.executeRead(work, options?.timeoutMs ? { timeout: options.timeoutMs } : undefined)),
    write: (work, options) =>
      withSession('WRITE', (session) => session.executeWrite(work, options?.timeoutMs ? { timeout: options.timeoutMs } : undefined)),
  };
}
