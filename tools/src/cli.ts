/**
 * `npm run cli -- <command>`: runs a server CLI command (migrate, seed, import, export, reindex, …) against the
 * local Neo4j and Meilisearch in .data/ — started for the command if they are not running, and stopped again
 * afterwards — or against NEO4J_URI / MEILI_HOST when those are set.
 */
import { join, resolve } from 'node:path';
import { exitCodeFor, handleStopRequests, tsNodeArgs } from './lifecycle.js';
import { connectionEnv, repoRoot, startLocalStack, type LocalStack } from './services/index.js';

const root = repoRoot();
const log = (line: string) => process.stderr.write(`knotwork: ${line}\n`);
let stack: LocalStack | undefined;

// A stop request goes to the command (which stops at a safe point and says where); once it has exited, main()
// stops the services. A stop while the services start cancels that start.
const stopRequests = handleStopRequests({
  log,
  onStop: () => {},
  onHurry: () => {
    stack?.kill();
    process.exit(130);
  },
});

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length === 0 || args[0] === 'help' || args[0] === '--help') {
    return runCli(args, process.env);
  }
  try {
    stack = await startLocalStack({
      dataRoot: resolve(process.env.KNOTWORK_DATA_ROOT || join(root, '.data')),
      meiliLogLevel: 'WARN',
      log,
      signal: stopRequests.signal,
    });
  } catch (e) {
    if (stopRequests.signal.aborted) return 130;
    throw e;
  }
  try {
    if (stopRequests.signal.aborted) return 130;
    return await runCli(args, { ...process.env, ...connectionEnv(stack) });
  } finally {
    await stack.stop();
  }
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = stopRequests.spawnOwned(...tsNodeArgs('server/src/cli/main.ts', args), {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => resolve(exitCodeFor(code, signal)));
  });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`knotwork: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
