import { buildApp, type App } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';

/** The configuration integration tests run with: the services `npm test` started, quiet logs. */
export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  // Test apps live for seconds: planning the graph queries in each one's background would only compete with the
  // tests (the warm-up itself is tested with WARM_UP: 'true'). Mail is sent only when a test drains the outbox
  // itself (app.mail.worker.drain()), so that what a test expects to be sent, or not, is not sent by another file.
  return loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', WARM_UP: 'false', MAIL_WORKER: 'false', ...overrides });
}

export async function buildTestApp(overrides: Record<string, string | undefined> = {}): Promise<App> {
  const app = await buildApp(testConfig(overrides), { logger: false });
  await app.ready();
  return app;
}
