import fp from 'fastify-plugin';
import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../../config.js';
import { createDb, type Db } from '../../lib/db.js';

declare module 'fastify' {
  interface FastifyInstance {
    neo4j: Driver;
    /** Database name, when not the server's default. */
    neo4jDatabase: string | undefined;
    /** Managed read/write transactions: what repositories are given. */
    db: Db;
  }
}

export function createDriver(config: Config['neo4j']): Driver {
  return neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    // Integers as JS numbers: every integer we store (ages, counts, sequence numbers) is far below 2^53.
    disableLosslessIntegers: true,
    // Few connections, queued for: on a small machine, a hundred concurrent transactions thrash the database's CPUs
    // (the load test on 2 cores answered 59 requests/s with 100, 82 with 12; bench/RESULTS.md).
    maxConnectionPoolSize: config.maxConnections ?? 100,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: 15_000,
    connectionTimeout: 5_000,
  });
}

/** Owns the one neo4j driver of the process: created here, closed on shutdown. */
export default fp(
  async (app, opts: { config: Config['neo4j']; driver?: Driver }) => {
    const driver = opts.driver ?? createDriver(opts.config);
    app.decorate('neo4j', driver);
    app.decorate('neo4jDatabase', opts.config.database);
    app.decorate('db', createDb(driver, opts.config.database));
    if (!opts.driver) app.addHook('onClose', async () => driver.close());
  },
  { name: 'neo4j' },
);
