/**
 * `npm run cli -- <command>`: runs a server CLI command (migrate, seed, import, export, reindex, …) against the
 * local Neo4j and Meilisearch in .data/ — started for the command if they are not running, and stopped again
 * afterwards — or against NEO4J_URI / MEILI_HOST when those are set.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { connectionEnv, repoRoot, startLocalStack } from './services/index.js';

const root = repoRoot();

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length === 0 || args[0] === 'help' || args[0] === '--help') {
    return runCli(args, process.env);
  }
  const stack = await startLocalStack({
    dataRoot: join(root, '.data'),
    meiliLogLevel: 'WARN',
    log: (line) => process.stderr.write(`knotwork: ${line}\n`),
  });
  try {
    return await runCli(args, {
      ...process.env,
      ...connectionEnv(stack),
    });
  } finally {
    await stack.stop();
  }
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['server/src/cli/main.ts', ...args], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`knotwork: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
