/**
 * `npm start`: the whole product on http://localhost:3000 — starts the local Neo4j and Meilisearch (unless
 * NEO4J_URI / MEILI_HOST are set), applies migrations, loads the demo data into an empty database, rebuilds
 * the search index when needed, builds the client when its sources changed, and serves API + client.
 * Ctrl-C, SIGTERM or SIGHUP (or the death of the wrapper that started it) stops the API and the services this
 * command started, and exits 0; a second signal kills them instead of waiting. KNOTWORK_DATA_ROOT moves `.data`.
 */
import { type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { handleStopRequests, tsNodeArgs } from './lifecycle.js';
import { connectionEnv, repoRoot, startLocalStack, type LocalStack } from './services/index.js';

const root = repoRoot();

function step(message: string) {
  console.log(`\x1b[1mknotwork:\x1b[0m ${message}`);
}

let stackStarting: Promise<LocalStack> | undefined;
let stack: LocalStack | undefined;
let server: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  // A stop during the services' start cancels it; the start then stops what it had started itself.
  const started = stack ?? (await stackStarting?.catch(() => undefined));
  await started?.stop();
  process.exit(code);
}

const stopRequests = handleStopRequests({
  log: step,
  onStop: () => void shutdown(0),
  onHurry: () => {
    stack?.kill();
    process.exit(130);
  },
});

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = stopRequests.spawnOwned(command, args, { cwd: root, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} ${signal ? `stopped by ${signal}` : `exited with code ${code}`}`)),
    );
  });
}
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function clientNeedsBuild(): boolean {
  const built = join(root, 'client', 'dist', 'index.html');
  if (!existsSync(join(root, 'client', 'index.html'))) return false;
  if (!existsSync(built)) return true;
  const sources = Math.max(
    newestMtime(join(root, 'client', 'src')),
    newestMtime(join(root, 'graph-schema', 'src')),
    statSync(join(root, 'client', 'index.html')).mtimeMs,
  );
  return sources > statSync(built).mtimeMs;
}

async function main() {
  try {
    stackStarting = startLocalStack({
      dataRoot: resolve(process.env.KNOTWORK_DATA_ROOT || join(root, '.data')),
      meiliLogLevel: 'WARN',
      mail: true,
      startTimeoutMs: 300_000,
      log: step,
      signal: stopRequests.signal,
    });
    stack = await stackStarting;
  } catch (e) {
    if (stopRequests.signal.aborted) return; // asked to stop while starting: `shutdown` ends the process
    // what is wrong and which setting to change, without a stack trace
    console.error(`knotwork: ${e instanceof Error ? e.message : String(e)}`);
    process.exit((e as { exitCode?: number }).exitCode ?? 1);
  }
  if (stopRequests.signal.aborted) return void shutdown(0);

  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...connectionEnv(stack),
      CLIENT_DIST: join(root, 'client', 'dist'),
      PORT: process.env.PORT ?? '3000',
      HOST: process.env.HOST ?? '127.0.0.1',
    };
    const cli = (...args: string[]) => run(...tsNodeArgs('server/src/cli/main.ts', args), env);

    step('applying schema migrations');
    await cli('migrate');
    step('loading demo data if the database is empty');
    await cli('seed', '--if-empty', '--demo-users');
    step('bringing the search index up to date');
    await cli('reindex', '--if-needed');
    if (clientNeedsBuild()) {
      step('building the web client');
      await run('npm', ['run', '--silent', '-w', 'client', 'build'], env);
    }
    if (stopping) return;
    if (stack?.mail?.webUrl) step(`captured mail (Mailpit web inbox): ${stack.mail.webUrl}`);
    step(`starting the API and client on http://localhost:${env.PORT}`);
    server = stopRequests.spawnOwned(...tsNodeArgs('server/src/main.ts'), { cwd: root, env, stdio: 'inherit' });
    server.on('exit', (code) => {
      if (!stopping) {
        console.error(`knotwork: the API stopped (exit code ${code}); stopping the services.`);
        void shutdown(code ?? 1);
      }
    });
  } catch (e) {
    if (stopping) return;
    console.error(`knotwork: ${e instanceof Error ? e.message : String(e)}`);
    await shutdown(1);
  }
}

void main();
