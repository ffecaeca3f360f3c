import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { buildTestApp } from './helper.js';

/** What an operator's probes and scraper see: liveness, readiness (also while draining) and Prometheus metrics. */
describe('liveness and readiness', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => app.close());

  it('is live without checking any dependency', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'live', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('is ready once migrations are applied and Neo4j answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ready',
      checks: { neo4j: 'up', migrations: 'current', draining: false, search: 'up', warmUp: 'off' },
      reasons: [],
    });
  });

  it('is live but not ready when Neo4j is unreachable', async () => {
    const broken = await buildTestApp({ NEO4J_URI: 'bolt://127.0.0.1:9' });
    try {
      expect((await broken.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
      const res = await broken.inject({ method: 'GET', url: '/api/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'not-ready', checks: { neo4j: 'down' }, reasons: ['Neo4j does not answer'] });
    } finally {
      await broken.close();
    }
  });

  it('waits for the warm-up when READY_AFTER_WARM_UP is set', { timeout: 180_000 }, async () => {
    const warming = await buildTestApp({ WARM_UP: 'true', READY_AFTER_WARM_UP: 'true' });
    try {
      const during = await warming.inject({ method: 'GET', url: '/api/health/ready' });
      if (during.json().checks.warmUp === 'running') expect(during.statusCode).toBe(503);
      await warming.warmedUp;
      await new Promise((r) => setImmediate(r));
      expect((await warming.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);
    } finally {
      await warming.close();
    }
  });

  it('turns unready and closes connections while draining, still answering requests', async () => {
    const draining = await buildTestApp();
    try {
      draining.beginDrain();
      const ready = await draining.inject({ method: 'GET', url: '/api/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().checks.draining).toBe(true);
      expect(ready.json().reasons[0]).toMatch(/^stopping/);
      const live = await draining.inject({ method: 'GET', url: '/api/health/live' });
      expect(live.statusCode).toBe(200);
      expect(live.headers.connection).toBe('close');
    } finally {
      await draining.close();
    }
  });
});

describe('GET /metrics', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => app.close());

  type Family = { name: string; type: string; metrics: Array<{ labels?: Record<string, string>; value?: string; count?: string }> };
  const scrape = async (target = app, headers: Record<string, string> = {}) => {
    const res = await target.inject({ method: 'GET', url: '/metrics', headers });
    return { res, families: res.statusCode === 200 ? (parsePrometheusTextFormat(res.body) as Family[]) : [] };
  };

  it('serves request, outbox, search and pool metrics in the Prometheus text format', async () => {
    await app.inject({ method: 'GET', url: '/api/health/live' });
    await app.inject({ method: 'GET', url: '/api/practitioners/00000000-0000-4000-8000-000000000000' });
    const { res, families } = await scrape();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const byName = new Map(families.map((f) => [f.name, f]));

    const requests = byName.get('knotwork_http_requests_total')!;
    expect(requests.type).toBe('COUNTER');
    expect(requests.metrics).toContainEqual({ labels: { method: 'GET', route: '/api/health/live', status_code: '200' }, value: '1' });
    // route templates, not URLs: one series per route whatever the id
    expect(requests.metrics.map((m) => m.labels?.route)).toContain('/api/practitioners/:id');
    expect(byName.get('knotwork_http_request_duration_seconds')!.type).toBe('HISTOGRAM');

    expect(Number(byName.get('knotwork_outbox_events')!.metrics[0]!.value)).toBeGreaterThanOrEqual(0);
    expect(Number(byName.get('knotwork_outbox_oldest_event_age_seconds')!.metrics[0]!.value)).toBeGreaterThanOrEqual(0);
    expect(byName.get('knotwork_search_backend')!.metrics).toEqual(
      expect.arrayContaining([
        { labels: { backend: 'meilisearch' }, value: '1' },
        { labels: { backend: 'neo4j-fulltext' }, value: '0' },
      ]),
    );
    // the app's own outbox worker may hold a session at the moment of the scrape
    expect(Number(byName.get('knotwork_neo4j_sessions_in_use')!.metrics[0]!.value)).toBeGreaterThanOrEqual(0);
    expect(byName.get('knotwork_neo4j_pool_size')!.metrics[0]!.value).toBe('10');
    expect(byName.has('process_cpu_user_seconds_total')).toBe(true);
    expect(byName.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('reports the Neo4j full-text fallback as the active backend when Meilisearch is unreachable', async () => {
    const degraded = await buildTestApp({ MEILI_HOST: 'http://127.0.0.1:9' });
    try {
      const backends = (await scrape(degraded)).families.find((f) => f.name === 'knotwork_search_backend')!.metrics;
      expect(backends).toContainEqual({ labels: { backend: 'neo4j-fulltext' }, value: '1' });
    } finally {
      await degraded.close();
    }
  });

  it('needs the bearer token when METRICS_TOKEN is set', async () => {
    const guarded = await buildTestApp({ METRICS_TOKEN: 'a-long-enough-scrape-token' });
    try {
      expect((await scrape(guarded)).res.statusCode).toBe(401);
      expect((await scrape(guarded, { authorization: 'Bearer wrong-token-of-some-length' })).res.statusCode).toBe(401);
      const ok = await scrape(guarded, { authorization: 'Bearer a-long-enough-scrape-token' });
      expect(ok.res.statusCode).toBe(200);
      expect(ok.families.length).toBeGreaterThan(5);
    } finally {
      await guarded.close();
    }
  });
});
