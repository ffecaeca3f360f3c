/**
 * tsx tools/src/services/cli.ts start|stop|status [neo4j|meili|all] [options]   (see --help)
 *
 * Exit codes: 0 ok, 1 a service failed (message on stderr), 2 bad arguments or environment.
 */
import { USAGE, parseCli, type CliConfig } from './cli-args.js';
import { ServiceError } from './errors.js';
import { formatStatus, type Logger } from './managed-service.js';
import { meiliStatus, startMeili, stopMeili } from './meili-local.js';
import { neo4jStatus, startNeo4j, stopNeo4j } from './neo4j-local.js';
import { defaultDataRoot } from './paths.js';
import { secretsFileFor } from './secrets.js';

const log: Logger = (line) => console.log(line);

async function run(config: CliConfig): Promise<void> {
  const doNeo4j = config.target !== 'meili';
  const doMeili = config.target !== 'neo4j';
  const tasks: Promise<void>[] = [];

  if (doNeo4j) {
    if (config.externalNeo4j) {
      log(`neo4j: using external Neo4j at ${config.externalNeo4j} (NEO4J_URI is set; nothing to ${config.command})`);
    } else {
      tasks.push(neo4jTask(config));
    }
  }
  if (doMeili) {
    if (config.externalMeili) {
      log(`meili: using external Meilisearch at ${config.externalMeili} (MEILI_HOST is set; nothing to ${config.command})`);
    } else {
      tasks.push(meiliTask(config));
    }
  }

  const results = await Promise.allSettled(tasks);
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const code = Math.max(...failures.map((f) => (f instanceof ServiceError ? f.exitCode : 1)));
    throw new ServiceError(failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n\n'), code);
  }
}

async function neo4jTask(config: CliConfig): Promise<void> {
  const opts = { ...config.neo4j, log };
  switch (config.command) {
    case 'start': {
      const res = await startNeo4j(opts);
      if (!res.alreadyRunning) {
        log(`  user ${res.user}; password in ${secretsFileFor(opts.dataDir)} ("neo4jPassword")`);
      }
      return;
    }
    case 'stop':
      await stopNeo4j(opts);
      return;
    case 'status':
      log(formatStatus('neo4j', await neo4jStatus(opts)));
      return;
  }
}

async function meiliTask(config: CliConfig): Promise<void> {
  const opts = { ...config.meili, log };
  switch (config.command) {
    case 'start': {
      const res = await startMeili(opts);
      if (!res.alreadyRunning) {
        const bin = res.binary ? `Meilisearch ${res.binary.version ?? '?'} from ${res.binary.source}; ` : '';
        log(`  ${bin}master key in ${secretsFileFor(opts.dataDir)} ("meiliMasterKey")`);
      }
      return;
    }
    case 'stop':
      await stopMeili(opts);
      return;
    case 'status':
      log(formatStatus('meili', await meiliStatus(opts)));
      return;
  }
}

async function main(): Promise<number> {
  try {
    const config = parseCli(process.argv.slice(2), process.env, defaultDataRoot());
    if (config.help) {
      console.log(USAGE);
      return 0;
    }
    await run(config);
    return 0;
  } catch (err) {
    if (err instanceof ServiceError) {
      console.error(`error: ${err.message}`);
      return err.exitCode;
    }
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.DEBUG) console.error(err);
    return 1;
  }
}

process.exitCode = await main();
