import { randomUUID } from 'node:crypto';
import type { Role } from '@knotwork/graph-schema';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import type { Access, RouteAccess } from '../src/plugins/app/auth.js';
import { createNode, signInAs, type SignedIn } from './factories.js';
import { buildTestApp } from './helper.js';

// Heavy files on a shared two-core machine: allow slow requests rather than flake.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

/**
 * The authorization matrix, generated from `app.routeAccess` (every /api route must declare its access rule,
 * or registration fails), so a route added later is covered without touching this file.
 *
 * For every route × every caller (signed out, viewer, practitioner, coordinator, admin) the expected outcome
 * follows from the declared rule: 401 signed out, 403 for a role not in the rule, and for an allowed role
 * anything but 401/403. Allowed callers of mutating routes send a body with a content type no route parses,
 * so the request passes authorization (onRequest) and stops at body parsing (415) before any handler runs:
 * the matrix changes no data, whatever the route does. Finer rules (own profile) are checked separately.
 */
const ROLES = ['viewer', 'practitioner', 'coordinator', 'admin'] as const satisfies readonly Role[];
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PROBE = { 'content-type': 'application/x-knotwork-authz-probe' };

let app: App;
let routes: RouteAccess[];
const as = {} as Record<Role, SignedIn>;

beforeAll(async () => {
  app = await buildTestApp();
  routes = app.routeAccess.filter((r) => r.method !== 'OPTIONS');
  for (const role of ROLES) as[role] = await signInAs(app, role);
});
afterAll(async () => app?.close());

const fill = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, () => randomUUID()).replace(/\*$/, 'x');
const allows = (access: Access, role: Role | null) =>
  access === 'public' || (role !== null && (access === 'signed-in' || access.includes(role)));
const describeAccess = (a: Access) => (typeof a === 'string' ? a : a.join('|'));

function expected(access: Access, role: Role | null): 'allowed' | 401 | 403 {
  if (allows(access, role)) return 'allowed';
  return role === null ? 401 : 403;
}

/** Sends the probe as `role` (null: signed out); `csrf: false` leaves out the CSRF header. */
async function call(route: RouteAccess, role: Role | null, { csrf = true } = {}) {
  const headers: Record<string, string> = {
    ...(MUTATING.has(route.method) ? PROBE : {}),
    ...(csrf ? { 'x-knotwork-csrf': '1' } : {}),
    ...(role ? { cookie: as[role].cookie } : {}),
  };
  return app.inject({
    method: route.method as InjectOptions['method'],
    url: fill(route.url),
    headers,
    ...(MUTATING.has(route.method) ? { payload: 'probe' } : {}),
  });
}

describe('authorization matrix (generated from app.routeAccess)', () => {
  it('covers every documented /api operation, and at least the directory routes', async () => {
    const declared = new Set(routes.map((r) => `${r.method} ${r.url}`));
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, ops] of Object.entries(spec.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const method of Object.keys(ops)) {
        const url = path.replace(/\{([^}]+)\}/g, ':$1');
        expect(declared.has(`${method.toUpperCase()} ${url}`), `${method} ${path} has no access rule`).toBe(true);
      }
    }
    for (const must of [
      'POST /api/practitioners', 'PATCH /api/practitioners/:id', 'DELETE /api/practitioners/:id', 'POST /api/practitioners/:id/verify',
      'POST /api/agencies', 'POST /api/agencies/:id/verify', 'POST /api/specialisms', 'POST /api/needs', 'POST /api/localities',
      'POST /api/forums', 'POST /api/collaborations', 'PUT /api/relationships/:type', 'DELETE /api/relationships/:type',
      'POST /api/users', 'PATCH /api/users/:id', 'DELETE /api/users/:id',
    ]) {
      expect(declared.has(must), must).toBe(true);
    }
    expect(routes.filter((r) => MUTATING.has(r.method)).length).toBeGreaterThanOrEqual(30);
  });

  it('every mutating route × every caller gets the outcome its access rule declares', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => MUTATING.has(r.method))) {
      for (const role of [null, ...ROLES]) {
        if (route.access === 'public' && role !== null) continue; // same outcome for everyone; spare sessions and rate limits
        const want = expected(route.access, role);
        const res = await call(route, role);
        const got = res.statusCode;
        const ok = want === 'allowed' ? got !== 401 && got !== 403 && got < 500 : got === want;
        if (!ok) failures.push(`${route.method} ${route.url} [${describeAccess(route.access)}] as ${role ?? 'signed out'}: want ${want}, got ${got} ${res.body.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('every non-public read route refuses signed-out callers (401) and roles outside its rule (403)', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !MUTATING.has(r.method) && r.access !== 'public')) {
      for (const role of [null, ...ROLES]) {
        const want = expected(route.access, role);
        if (want === 'allowed') continue; // reads by allowed roles are covered by each module's tests
        const res = await call(route, role);
        if (res.statusCode !== want) failures.push(`${route.method} ${route.url} as ${role ?? 'signed out'}: want ${want}, got ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('every mutating route refuses a request without the CSRF header, even from an allowed role', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => MUTATING.has(r.method))) {
      const role = ROLES.find((r) => allows(route.access, r)) ?? 'admin';
      const res = await call(route, route.access === 'public' ? null : role, { csrf: false });
      if (res.statusCode !== 403 || !res.body.includes('x-knotwork-csrf')) {
        failures.push(`${route.method} ${route.url}: got ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a practitioner changing someone else’s profile gets 403 on every practitioner route open to their role', async () => {
    const other = await createNode(app, 'Practitioner');
    const own = as.practitioner.user.practitionerId!;
    const profileRoutes = routes.filter(
      (r) => MUTATING.has(r.method) && r.url.startsWith('/api/practitioners/:id') && allows(r.access, 'practitioner'),
    );
    expect(profileRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['PATCH /api/practitioners/:id', 'POST /api/practitioners/:id/verify']),
    );
    for (const route of profileRoutes) {
      const url = route.url.replace(':id', other.id).replace(/:([A-Za-z0-9_]+)/g, () => randomUUID());
      const body = route.method === 'PATCH' ? { payload: {} } : {};
      const res = await as.practitioner.inject({ method: route.method as InjectOptions['method'], url, ...body });
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).toBe(403);
    }
    // …and the same requests on their own profile succeed
    expect((await as.practitioner.inject({ method: 'PATCH', url: `/api/practitioners/${own}`, payload: {} })).statusCode).toBe(200);
    // relationships of someone else's profile, too
    const spec = await createNode(app, 'Specialism');
    const rel = await as.practitioner.inject({ method: 'PUT', url: '/api/relationships/has-specialism', payload: { from: other.id, to: spec.id } });
    expect(rel.statusCode).toBe(403);
  });
});
