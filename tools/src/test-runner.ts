/**
 * `npm test`: starts an isolated Neo4j and Meilisearch (free ports, throw-away data directories), runs the
 * vitest tiers (unit + integration), then the browser end-to-end tier, and stops the services — also on
 * failure or Ctrl-C. Extra arguments are passed to vitest (e.g. `npm test -- server/src/modules/search`);
 * with arguments the e2e tier runs only if they name it.
 * When NEO4J_URI / MEILI_HOST are set, those servers are used and nothing is started.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startLocalStack } from './services/index.js';

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

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const started = Date.now();
  const dataRoot = await mkdtemp(join(tmpdir(), 'knotwork-test-'));
  const stack = await startLocalStack({
    neo4jPort: 0,
    meiliPort: 0,
    dataRoot,
    meiliLogLevel: 'WARN',
    // Generous: Neo4j's start is CPU-bound and a busy 2-core machine can take minutes.
    startTimeoutMs: 300_000,
    log: (line) => console.log(`knotwork: ${line}`),
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    await rm(dataRoot, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the test services…`);
      void stop().then(() => process.exit(130));
    });
  }

  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      NEO4J_URI: stack.neo4j.uri,
      NEO4J_USER: stack.neo4j.user,
      NEO4J_PASSWORD: stack.neo4j.password,
      MEILI_HOST: stack.meili.host,
      MEILI_MASTER_KEY: stack.meili.masterKey,
    };
    const vitest = join(repoRoot(), 'node_modules', '.bin', 'vitest');
    const isE2e = (a: string) => a.startsWith('e2e');
    const onlyE2e = args.length > 0 && args.every(isE2e);
    let code = onlyE2e ? 0 : await run(vitest, ['run', ...args.filter((a) => !isE2e(a))], env);

    const e2eConfig = join(repoRoot(), 'e2e', 'vitest.config.ts');
    const wantsE2e = args.length === 0 || args.some(isE2e);
    if (wantsE2e && existsSync(e2eConfig)) {
      const e2eArgs = args.filter(isE2e);
      code = Math.max(code, await run(vitest, ['run', '--config', e2eConfig, ...e2eArgs], env));
    }
    console.log(`\nknotwork: tests ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return code;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
