import { buildApp, type App } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';

/** The configuration integration tests run with: the services `npm test` started, quiet logs. */
export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
}

export async function buildTestApp(overrides: Record<string, string | undefined> = {}): Promise<App> {
  const app = await buildApp(testConfig(overrides), { logger: false });
  await app.ready();
  return app;
}
