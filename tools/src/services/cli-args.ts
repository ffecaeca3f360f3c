/** Pure parsing of the services CLI's arguments and environment (unit-tested). */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { UsageError } from './errors.js';
import { MEILI_DEFAULT_PORT, type MeiliOptions } from './meili-local.js';
import { NEO4J_DEFAULT_BOLT_PORT, type Neo4jOptions } from './neo4j-local.js';
import { parsePort } from './ports.js';

export const USAGE = `Usage: tsx tools/src/services/cli.ts <start|stop|status> [neo4j|meili|all] [options]

Runs Knotwork's own Neo4j (embedded Community 5.26, Java 17) and Meilisearch 1.21 on 127.0.0.1.

Options (each also settable by the environment variable shown):
  --neo4j-port N        Bolt port                       NEO4J_BOLT_PORT  (default 7687)
  --meili-port N        Meilisearch HTTP port           MEILI_PORT       (default 7700)
  --data-root DIR       parent of neo4j/ and meili/                      (default <repo>/.data)
  --neo4j-data-dir DIR  Neo4j data directory            NEO4J_DATA_DIR   (default <data-root>/neo4j)
  --meili-data-dir DIR  Meilisearch data directory      MEILI_DATA_DIR   (default <data-root>/meili)
  --heap SIZE           Neo4j JVM heap                  NEO4J_HEAP       (default 1g)
  --page-cache SIZE     Neo4j page cache                NEO4J_PAGECACHE  (default 512m)
  --meili-indexing-memory SIZE
                        Meilisearch indexing memory     MEILI_MAX_INDEXING_MEMORY (default 256MiB)
  --timeout SECONDS     start-up timeout                                 (default 120)
  -h, --help

With NEO4J_URI set, Neo4j is not started (an external one is used); likewise MEILI_HOST for Meilisearch.
Generated credentials are kept in <data-root>/secrets.json (mode 0600).`;

export type Command = 'start' | 'stop' | 'status';
export type Target = 'neo4j' | 'meili' | 'all';

export interface CliConfig {
  command: Command;
  target: Target;
  help: boolean;
  neo4j: Neo4jOptions & { boltPort: number; dataDir: string };
  meili: MeiliOptions & { port: number; dataDir: string };
  /** NEO4J_URI / MEILI_HOST: use these, start nothing. */
  externalNeo4j?: string;
  externalMeili?: string;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv, defaultDataRoot: string): CliConfig {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'neo4j-port': { type: 'string' },
        'meili-port': { type: 'string' },
        'data-root': { type: 'string' },
        'neo4j-data-dir': { type: 'string' },
        'meili-data-dir': { type: 'string' },
        heap: { type: 'string' },
        'page-cache': { type: 'string' },
        'meili-indexing-memory': { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]?.replace(/\. To specify a positional.*$/, '.')} (see --help)`);
  }
  const { values, positionals } = parsed;
  const help = values.help === true;
  const [command = help ? 'status' : undefined, target = 'all', ...rest] = positionals;

  if (!help) {
    if (command === undefined) throw new UsageError('Missing command: start, stop or status (see --help)');
    if (command !== 'start' && command !== 'stop' && command !== 'status') {
      throw new UsageError(`Unknown command "${command}": expected start, stop or status`);
    }
    if (target !== 'neo4j' && target !== 'meili' && target !== 'all') {
      throw new UsageError(`Unknown service "${target}": expected neo4j, meili or all`);
    }
    if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}" (see --help)`);
  }

  const pick = (flag: string | undefined, envName: string): string | undefined =>
    flag !== undefined ? flag : env[envName] !== undefined && env[envName] !== '' ? env[envName] : undefined;

  const boltPort = parsePort(values['neo4j-port'] ?? env.NEO4J_BOLT_PORT, values['neo4j-port'] !== undefined ? '--neo4j-port' : 'NEO4J_BOLT_PORT', NEO4J_DEFAULT_BOLT_PORT);
  const meiliPort = parsePort(values['meili-port'] ?? env.MEILI_PORT, values['meili-port'] !== undefined ? '--meili-port' : 'MEILI_PORT', MEILI_DEFAULT_PORT);
  if (boltPort === meiliPort) throw new UsageError(`Neo4j and Meilisearch cannot both use port ${boltPort}`);

  const dataRoot = resolve(values['data-root'] ?? defaultDataRoot);
  const neo4jDataDir = resolve(pick(values['neo4j-data-dir'], 'NEO4J_DATA_DIR') ?? join(dataRoot, 'neo4j'));
  const meiliDataDir = resolve(pick(values['meili-data-dir'], 'MEILI_DATA_DIR') ?? join(dataRoot, 'meili'));
  if (neo4jDataDir === meiliDataDir) throw new UsageError('Neo4j and Meilisearch need different data directories');

  let startTimeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`Invalid --timeout "${values.timeout}" (seconds, > 0)`);
    startTimeoutMs = Math.round(seconds * 1000);
  }

  const heap = pick(values.heap, 'NEO4J_HEAP');
  const pageCache = pick(values['page-cache'], 'NEO4J_PAGECACHE');
  const sizePattern = /^[1-9]\d*[kmg]$/i;
  if (heap !== undefined && !sizePattern.test(heap)) throw new UsageError(`Invalid Neo4j heap "${heap}" (e.g. 512m or 1g)`);
  if (pageCache !== undefined && !sizePattern.test(pageCache)) {
    throw new UsageError(`Invalid Neo4j page cache "${pageCache}" (e.g. 256m or 1g)`);
  }

  const neo4j: CliConfig['neo4j'] = { boltPort, dataDir: neo4jDataDir };
  if (heap !== undefined) neo4j.heap = heap;
  if (pageCache !== undefined) neo4j.pageCache = pageCache;
  if (startTimeoutMs !== undefined) neo4j.startTimeoutMs = startTimeoutMs;
  const meili: CliConfig['meili'] = { port: meiliPort, dataDir: meiliDataDir };
  const indexingMemory = pick(values['meili-indexing-memory'], 'MEILI_MAX_INDEXING_MEMORY');
  if (indexingMemory !== undefined) meili.indexingMemory = indexingMemory;
  if (startTimeoutMs !== undefined) meili.startTimeoutMs = startTimeoutMs;

  const config: CliConfig = { command: (command ?? 'status') as Command, target: target as Target, help, neo4j, meili };
  if (env.NEO4J_URI) config.externalNeo4j = env.NEO4J_URI;
  if (env.MEILI_HOST) config.externalMeili = env.MEILI_HOST;
  return config;
}
