import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../../lib/errors.js';

export interface MetricsOptions {
  /** When set, GET /metrics needs `Authorization: Bearer <token>` (METRICS_TOKEN). */
  token?: string;
  /** Bolt pool size, to report use against (NEO4J_MAX_CONNECTIONS). */
  neo4jPoolSize?: number;
}

/**
 * Prometheus metrics at GET /metrics (text exposition format), from this process's own registry (so that several
 * apps in one test process do not share counters): requests per route template, status and method with their
 * latency; the search outbox (events waiting, the oldest one's age, whether this instance drains it); which search
 * backend answers; Neo4j sessions in use against the pool size; and Node's process metrics.
 */
const metrics: FastifyPluginAsync<MetricsOptions> = async (app, opts) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({ name: 'knotwork_http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'knotwork_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its response',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // Set in the /metrics handler: one outbox read and one engine probe per scrape.
  const outboxEvents = new Gauge({
    name: 'knotwork_outbox_events',
    help: 'Search index updates written to Neo4j and not yet applied to Meilisearch',
    registers: [registry],
  });
  const outboxOldest = new Gauge({
    name: 'knotwork_outbox_oldest_event_age_seconds',
    help: 'Age of the oldest search index update not yet applied (0 when none waits)',
    registers: [registry],
  });
  new Gauge({
    name: 'knotwork_outbox_worker_leader',
    help: '1 while this instance holds the outbox lease and applies the updates',
    registers: [registry],
    collect() {
      this.set(app.searchRuntime.worker?.stats.isLeader ? 1 : 0);
    },
  });
  new Gauge({
    name: 'knotwork_outbox_worker_failures_total',
    help: 'Outbox rounds that failed (Meilisearch unreachable or refusing) since start',
    registers: [registry],
    collect() {
      this.set(app.searchRuntime.worker?.stats.failures ?? 0);
    },
  });
  const searchBackend = new Gauge({
    name: 'knotwork_search_backend',
    help: 'Which backend answers searches now: 1 for the active one (meilisearch, or neo4j-fulltext when degraded)',
    labelNames: ['backend'],
    registers: [registry],
  });
  new Gauge({
    name: 'knotwork_neo4j_sessions_in_use',
    help: 'Neo4j sessions (each holding at most one pooled Bolt connection) open now',
    registers: [registry],
    collect() {
      this.set(app.db.sessionsInUse());
    },
  });
  if (opts.neo4jPoolSize) {
    new Gauge({ name: 'knotwork_neo4j_pool_size', help: 'Bolt connections the API may hold (NEO4J_MAX_CONNECTIONS)', registers: [registry] }).set(
      opts.neo4jPoolSize,
    );
  }

  app.addHook('onResponse', async (request, reply) => {
    // The route template, not the URL: one series per route, not per id. Unmatched URLs share one label.
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (opts.token && request.headers.authorization !== `Bearer ${opts.token}`) {
      throw new AppError(401, 'UNAUTHENTICATED', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    const [lag, meiliUp] = await Promise.all([
      app.searchRuntime.outbox.lag().catch(() => null),
      app.meili ? app.meili.health().then((h) => h.status === 'available', () => false) : false,
    ]);
    const meiliActive = meiliUp && app.searchRuntime.failover.breaker.state !== 'open';
    searchBackend.set({ backend: 'meilisearch' }, meiliActive ? 1 : 0);
    searchBackend.set({ backend: 'neo4j-fulltext' }, meiliActive ? 0 : 1);
    if (lag) {
      outboxEvents.set(lag.events);
      outboxOldest.set(lag.oldestCreatedAt ? Math.max(0, (Date.now() - Date.parse(lag.oldestCreatedAt)) / 1000) : 0);
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};

export default fp(metrics, { name: 'metrics', dependencies: ['search'] });
