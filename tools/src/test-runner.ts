/**
 * `npm test`: runs the vitest tiers (unit + integration) against an isolated Neo4j and Meilisearch (free ports,
 * throw-away data directories), then the browser end-to-end tier against a second, fresh pair, so that the
 * journeys see the demo directory and nothing the integration tests wrote. Services are stopped after each
 * stage — also on failure, Ctrl-C, SIGTERM, SIGHUP or the death of the wrapper that started it (exit code 130). Extra arguments are passed to vitest (e.g. `npm test -- server/src/search`);
 * with arguments the e2e tier runs only for those that name it (`npm test -- e2e/journeys/narrow`).
 * When NEO4J_URI / MEILI_HOST are set, those servers are used and nothing is started.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodeFor, handleStopRequests } from './lifecycle.js';
import { connectionEnv, repoRoot, startLocalStack, type LocalStack } from './services/index.js';

const log = (line: string) => console.log(`knotwork: ${line}`);

/** Stops the current stage's services; set while a stage runs. */
let cleanup: (() => Promise<void>) | null = null;
let killServices: (() => void) | null = null;
/** An interrupted run has not passed: it ends with the shell's code for the signal, never 0. */
const INTERRUPTED = 130;

const stopRequests = handleStopRequests({
  log: (line) => console.error(`\nknotwork: ${line}`),
  onStop: () => void (cleanup ?? (async () => {}))().then(() => process.exit(INTERRUPTED)),
  onHurry: () => {
    killServices?.();
    process.exit(INTERRUPTED);
  },
});

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = stopRequests.spawnOwned(command, args, { cwd: repoRoot(), env, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(exitCodeFor(code, signal)));
    child.on('error', (e) => {
      console.error(`could not run ${command}: ${e.message}`);
      resolve(1);
    });
  });
}

/** Starts a fresh stack, runs the stage with its connection settings in the environment, and stops it. */
async function withFreshStack(stage: string, work: (env: NodeJS.ProcessEnv) => Promise<number>): Promise<number> {
  if (stopRequests.signal.aborted) return INTERRUPTED;
  log(`${stage}: starting an isolated Neo4j and Meilisearch`);
  const dataRoot = await mkdtemp(join(tmpdir(), 'knotwork-test-'));
  let starting: Promise<LocalStack> | undefined;
  let stack: LocalStack | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      // A stop during the start cancels it; the start stops what it had started itself.
      const started = stack ?? (await starting?.catch(() => undefined));
      await started?.stop();
      await rm(dataRoot, { recursive: true, force: true });
    })());
  cleanup = stop;
  killServices = () => stack?.kill();
  try {
    starting = startLocalStack({
      neo4jPort: 0,
      meiliPort: 0,
      mail: true,
      mailpitHttpPort: 0,
      mailpitSmtpPort: 0,
      dataRoot,
      meiliLogLevel: 'WARN',
      // Generous: Neo4j's start is CPU-bound and a busy 2-core machine can take minutes.
      startTimeoutMs: 300_000,
      log,
      signal: stopRequests.signal,
    });
    stack = await starting;
    return await work({
      ...process.env,
      NODE_ENV: 'test',
      ...connectionEnv(stack),
    });
  } finally {
    await stop();
    cleanup = null;
    killServices = null;
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
