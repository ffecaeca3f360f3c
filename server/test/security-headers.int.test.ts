import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import { buildTestApp } from './helper.js';

// Heavy files on a shared two-core machine: allow slow requests rather than flake.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

describe('security headers and CORS', () => {
  let app: App;
  let withCors: App;
  beforeAll(async () => {
    app = await buildTestApp();
    withCors = await buildTestApp({ CORS_ORIGINS: 'https://trusted.example' });
  });
  afterAll(async () => {
    await app?.close();
    await withCors?.close();
  });

  it('sends helmet’s headers on API responses, including a CSP', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps /docs working under the CSP: the UI page and its same-origin scripts and styles load', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    // everything the page loads is same-origin; no inline <script> that the CSP would block
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    for (const src of [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)) {
      expect(src.startsWith('http')).toBe(false);
      const asset = await app.inject({ method: 'GET', url: new URL(src, 'http://x/docs/').pathname });
      expect(asset.statusCode, src).toBe(200);
    }
    expect((await app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
  });

  it('CORS is closed by default: no allow-origin header for any origin, preflights refused', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await app.inject({
      method: 'OPTIONS',
      url: '/api/practitioners',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-knotwork-csrf' },
    });
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the configured origins, with credentials and the CSRF header', async () => {
    const pre = await withCors.inject({
      method: 'OPTIONS',
      url: '/api/practitioners',
      headers: { origin: 'https://trusted.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-knotwork-csrf' },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('https://trusted.example');
    expect(pre.headers['access-control-allow-credentials']).toBe('true');
    expect(String(pre.headers['access-control-allow-headers'])).toContain('x-knotwork-csrf');
    const other = await withCors.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://trusted.example.evil.com' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('OpenAPI', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => app?.close());

  it('documents every directory route with operationId, tags and request/response schemas', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const ops: { path: string; method: string; op: { operationId?: string; tags?: string[]; responses?: Record<string, unknown>; requestBody?: unknown } }[] = [];
    for (const [path, methods] of Object.entries(spec.paths as Record<string, Record<string, never>>)) {
      for (const [method, op] of Object.entries(methods)) ops.push({ path, method, op });
    }
    const ids = new Set<string>();
    for (const { path, method, op } of ops.filter((o) => o.path.startsWith('/api/'))) {
      expect(op.operationId, `${method} ${path}`).toBeTruthy();
      expect(ids.has(op.operationId!), `duplicate operationId ${op.operationId}`).toBe(false);
      ids.add(op.operationId!);
      expect(op.tags?.length, `${method} ${path} tags`).toBeGreaterThan(0);
      expect(Object.keys(op.responses ?? {}).length, `${method} ${path} responses`).toBeGreaterThan(0);
    }
    for (const id of [
      'listPractitioners', 'getPractitioner', 'createPractitioner', 'updatePractitioner', 'deletePractitioner', 'verifyPractitioner',
      'listAgencies', 'getAgency', 'verifyAgency', 'listSpecialisms', 'listNeeds', 'listLocalities', 'listForums', 'listCollaborations',
      'listRelationships', 'putRelationship', 'deleteRelationship', 'listUsers', 'createUser', 'updateUser', 'deleteUser',
      'getAuditHistory', 'listStale',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
    const create = spec.paths['/api/practitioners'].post;
    expect(create.tags).toEqual(['practitioners']);
    expect(create.requestBody.content['application/json'].schema.properties).toHaveProperty('phoneVisibility');
    expect(create.responses['201'].content['application/json'].schema.properties).toHaveProperty('redacted');
    const detail = spec.paths['/api/practitioners/{id}'].get.responses['200'].content['application/json'].schema;
    expect(detail.properties).toHaveProperty('recentCollaborators');
    const list = spec.paths['/api/agencies'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['limit', 'cursor', 'sort', 'q', 'sector']));
  });
});
