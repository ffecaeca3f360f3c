import { migrations, runMigrations } from '@knotwork/graph-schema/migrations';
import { STOP_SIGNALS, onStopSignals, watchParent } from '@knotwork/tools/supervise';
import closeWithGrace from 'close-with-grace';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

/**
 * Starts the API and owns its shutdown. On SIGTERM / SIGINT / SIGHUP (or when the process that started it dies):
 * /api/health/ready turns 503 and responses close their connections (draining), after DRAIN_DELAY_MS the server
 * stops accepting, in-flight requests and the search outbox's current batch finish, the Neo4j driver closes, and
 * the process exits 0 — or 1 if that takes longer than SHUTDOWN_TIMEOUT_MS. A second signal exits at once.
 */
export async function runApi(options: { migrate: boolean }): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const app = await buildApp(config);
  const { drainDelayMs, shutdownTimeoutMs } = config.lifecycle;
  let stopping: Promise<void> | undefined;
  const stop = (why: object, drain: boolean) =>
    (stopping ??= (async () => {
      app.log.info({ ...why, drainDelayMs: drain ? drainDelayMs : 0 }, 'stopping: draining');
      setTimeout(() => {
        app.log.error({ shutdownTimeoutMs }, 'in-flight work did not finish in time; exiting anyway');
        process.exit(1);
      }, shutdownTimeoutMs).unref();
      app.beginDrain();
      if (drain && drainDelayMs) await sleep(drainDelayMs);
      await app.close();
      app.log.info('stopped');
    })());
  onStopSignals({
    first: (signal) => void stop({ signal }, true).then(() => process.exit(0), () => process.exit(1)),
    again: (signal) => {
      console.error(`${signal} again: exiting without waiting`);
      process.exit(1);
    },
  });
  // Started by a wrapper (npm start) that dies, even by SIGKILL: stop instead of serving on as an orphan.
  watchParent((parent) => void stop({ reason: `the process that started this one (pid ${parent}) has gone` }, false).then(() => process.exit(0)));
  // An uncaught error: close what can be closed (bounded by the same timeout), then exit 1 for the process manager.
  closeWithGrace({ delay: shutdownTimeoutMs, skip: [...STOP_SIGNALS] }, async ({ err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    await stop({ reason: 'error' }, false);
  });

  if (options.migrate) {
    const report = await runMigrations(app.neo4j, migrations, {
      ...(config.neo4j.database ? { database: config.neo4j.database } : {}),
      log: (line) => app.log.info(line),
    });
    app.log.info({ applied: report.applied, alreadyApplied: report.alreadyApplied.length }, 'schema migrations checked');
  }
  await app.listen({ host: config.host, port: config.port });
}
