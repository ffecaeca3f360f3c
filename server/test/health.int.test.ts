import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { buildTestApp } from './helper.js';

describe('GET /api/health', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => app.close());

  it('reports Neo4j and Meilisearch up', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'ok', neo4j: 'up', search: { backend: 'meilisearch', status: 'up' } });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.migrations.applied).toBeGreaterThanOrEqual(3);
    expect(body.warmUp).toBe('off'); // test apps do not warm up
  });

  it('says whether the API has finished its warm-up', { timeout: 180_000 }, async () => {
    const warming = await buildTestApp({ WARM_UP: 'true' });
    try {
      const during = (await warming.inject({ method: 'GET', url: '/api/health' })).json();
      expect(['running', 'done']).toContain(during.warmUp);
      await warming.warmedUp;
      await new Promise((r) => setImmediate(r));
      expect((await warming.inject({ method: 'GET', url: '/api/health' })).json().warmUp).toBe('done');
    } finally {
      await warming.close();
    }
  });

  it('reports degraded search on the Neo4j full-text backend when Meilisearch is unreachable', async () => {
    const degraded = await buildTestApp({ MEILI_HOST: 'http://127.0.0.1:9' });
    try {
      const res = await degraded.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'degraded',
        neo4j: 'up',
        search: { backend: 'neo4j-fulltext', status: 'degraded' },
      });
    } finally {
      await degraded.close();
    }
  });

  it('answers 503 with neo4j down when the database is unreachable', async () => {
    const broken = await buildTestApp({ NEO4J_URI: 'bolt://127.0.0.1:9' });
    try {
      const res = await broken.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'down', neo4j: 'down' });
    } finally {
      await broken.close();
    }
  });
});

describe('API surface', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => app.close());

  it('serves OpenAPI generated from the zod schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.paths['/api/health'].get.operationId).toBe('getHealth');
    expect(spec.paths['/api/health'].get.responses['200'].content['application/json'].schema.properties).toHaveProperty(
      'neo4j',
    );
  });

  it('serves OpenAPI when the web client is served too (its file routes have no schema)', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'knotwork-client-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Knotwork</title>');
    const withClient = await buildTestApp({ CLIENT_DIST: dist });
    try {
      const res = await withClient.inject({ method: 'GET', url: '/openapi.json' });
      expect(res.statusCode).toBe(200);
      expect(res.json().paths['/api/team'].post.responses).toHaveProperty('403');
    } finally {
      await withClient.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('serves the API docs UI', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('answers unknown routes in the single error format', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nowhere' });
    expect(res.statusCode).toBe(404);
    const body = res.json();
    expect(body.error).toMatchObject({ code: 'NOT_FOUND', message: 'No route GET /api/nowhere' });
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
