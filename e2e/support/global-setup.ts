import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrations, runMigrations } from '@knotwork/graph-schema/migrations';
import neo4j from 'neo4j-driver';
import type { TestProject } from 'vitest/node';
import { demoFacts } from '../../seed/src/index.js';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const clientDist = join(root, 'client', 'dist');

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function clientIsStale(): boolean {
  const built = join(clientDist, 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(newest(join(root, 'client', 'src')), newest(join(root, 'graph-schema', 'src')));
  return sources > statSync(built).mtimeMs;
}

/**
 * Prepares the real stack for the browser tests:
 *   1. migrations (idempotent);
 *   2. the demo directory and demo users (`seed --demo-users`: merges by id, then reindexes), unless they are there;
 *   3. the client build, when its sources are newer than client/dist;
 *   4. the API (buildApp, serving client/dist) on a free port → `inject('baseUrl')` in the tests.
 * Set E2E_BASE_URL to test an already running server instead (steps 1–4 are skipped).
 */
export default async function setup(project: TestProject) {
  if (process.env.E2E_BASE_URL) {
    project.provide('baseUrl', process.env.E2E_BASE_URL.replace(/\/$/, ''));
    return;
  }
  const missing = ['NEO4J_URI', 'NEO4J_PASSWORD', 'MEILI_HOST', 'MEILI_MASTER_KEY'].filter((v) => !process.env[v]);
  if (missing.length) throw new Error(`e2e needs the services npm test starts: ${missing.join(', ')} not set (run \`npm test\`).`);

  const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD!));
  let seeded: boolean;
  try {
    await runMigrations(driver, migrations);
    const res = await driver.executeQuery(
      'MATCH (u:User {email: "coordinator@knotwork.test"}) MATCH (p:Practitioner {id: $id}) RETURN count(*) AS n',
      { id: demoFacts.slt.id },
    );
    seeded = Number(res.records[0]?.get('n') ?? 0) > 0;
  } finally {
    await driver.close();
  }
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  if (!seeded) {
    console.log('e2e: loading the demo directory (seed --demo-users)…');
    await run(tsx, ['server/src/cli/main.ts', 'seed', '--demo-users'], { ...process.env, LOG_LEVEL: 'warn' });
  }
  if (clientIsStale()) {
    console.log('e2e: building the client…');
    await run('npm', ['run', '--silent', '-w', 'client', 'build']);
  }

  // PORT is required by the config schema but unused: the app listens on a free port below.
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', CLIENT_DIST: clientDist, HOST: '127.0.0.1', PORT: '3999' });
  const app = await buildApp(config, { logger: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  project.provide('baseUrl', address.replace('localhost', '127.0.0.1'));
  console.log(`e2e: API and client on ${address}`);
  return async () => {
    await app.close();
  };
}
