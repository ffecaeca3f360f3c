import type { Meilisearch } from 'meilisearch';
import type { Config } from '../config.js';
import { createDb, type Db } from '../lib/db.js';
import { createMeiliClient } from '../plugins/external/meilisearch.js';
import { createDriver } from '../plugins/external/neo4j.js';

/** What a CLI command gets: the same database and search clients the API uses, closed when it ends. */
export interface CliContext {
  config: Config;
  db: Db;
  meili: Meilisearch | null;
  log: (line: string) => void;
  /** Aborted when the command is asked to stop (SIGINT / SIGTERM / SIGHUP); long commands stop at a safe point. */
  signal: AbortSignal;
}

export async function withCliContext<T>(config: Config, signal: AbortSignal, work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const driver = createDriver(config.neo4j);
  const meili = config.meili ? createMeiliClient(config.meili, 60_000) : null;
  try {
    return await work({
      config,
      db: createDb(driver, config.neo4j.database),
      meili: meili?.client ?? null,
      log: (line) => process.stderr.write(`${line}\n`),
      signal,
    });
  } finally {
    meili?.close();
    await driver.close();
  }
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], ctx: CliContext): Promise<number | void>;
  /**
   * Whether the command checks `ctx.signal` and stops at a safe point. Others are stopped at once: the open
   * transaction is rolled back by Neo4j, the ones before it stay.
   */
  stopsSafely?: boolean;
}

/** Thrown for bad command-line input: printed as one line with the usage, exit code 2. */
export class UsageError extends Error {}
