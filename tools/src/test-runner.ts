/**
 * `npm test`: runs the vitest tiers (unit + integration) against an isolated Neo4j and Meilisearch (free ports,
 * throw-away data directories), then the browser end-to-end tier against a second, fresh pair, so that the
 * journeys see the demo directory and nothing the integration tests wrote. Services are stopped after each
 * stage — also on failure or Ctrl-C. Extra arguments are passed to vitest (e.g. `npm test -- server/src/search`);
 * with arguments the e2e tier runs only for those that name it (`npm test -- e2e/journeys/narrow`).
 * When NEO4J_URI / MEILI_HOST are set, those servers are used and nothing is started.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectionEnv, repoRoot, startLocalStack, type LocalStack } from './services/index.js';

const log = (line: string) => console.log(`knotwork: ${line}`);

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot(), env, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (e) => {
      console.error(`could not run ${command}: ${e.message}`);
      resolve(1);
    });
  });
}

let cleanup: (() => Promise<void>) | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the test services…`);
    void (cleanup ?? (async () => {}))().then(() => process.exit(130));
  });
}

/** Starts a fresh stack, runs the stage with its connection settings in the environment, and stops it. */
async function withFreshStack(stage: string, work: (env: NodeJS.ProcessEnv) => Promise<number>): Promise<number> {
  log(`${stage}: starting an isolated Neo4j and Meilisearch`);
  const dataRoot = await mkdtemp(join(tmpdir(), 'knotwork-test-'));
  let stack: LocalStack | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stack?.stop();
    await rm(dataRoot, { recursive: true, force: true });
  };
  cleanup = stop;
  try {
    stack = await startLocalStack({
      neo4jPort: 0,
      meiliPort: 0,
      dataRoot,
      meiliLogLevel: 'WARN',
      // Generous: Neo4j's start is CPU-bound and a busy 2-core machine can take minutes.
      startTimeoutMs: 300_000,
      log,
    });
    return await work({
      ...process.env,
      NODE_ENV: 'test',
      ...connectionEnv(stack),
    });
  } finally {
    await stop();
    cleanup = null;
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const started = Date.now();
  const vitest = join(repoRoot(), 'node_modules', '.bin', 'vitest');
  const isE2e = (a: string) => a.startsWith('e2e');
  const vitestArgs = args.filter((a) => !isE2e(a));
  const e2eArgs = args.filter(isE2e);
  const e2eConfig = join(repoRoot(), 'e2e', 'vitest.config.ts');
  const runTiers = args.length === 0 || vitestArgs.length > 0;
  const runE2e = (args.length === 0 || e2eArgs.length > 0) && existsSync(e2eConfig);

  let code = 0;
  if (runTiers) {
    code = await withFreshStack('unit + integration', (env) => run(vitest, ['run', ...vitestArgs], env));
  }
  if (runE2e) {
    const e2eCode = await withFreshStack('end-to-end', (env) =>
      run(vitest, ['run', '--config', e2eConfig, ...e2eArgs], env),
    );
    code = Math.max(code, e2eCode);
  }
  log(`tests ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
