import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import { createNode, signIn, signInAs, type SignedIn } from '../factories.js';
import { buildTestApp } from '../helper.js';

// Heavy files on a shared two-core machine: allow slow requests rather than flake.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let app: App;
let admin: SignedIn;

beforeAll(async () => {
  app = await buildTestApp();
  admin = await signInAs(app, 'admin');
});
afterAll(async () => app?.close());

describe('/api/users (admins)', () => {
  it('creates an account that can sign in, lists, reads, changes role and link, deletes — with audit and no password hash anywhere', async () => {
    const p = await createNode(app, 'Practitioner');
    const email = `New.Person-${randomUUID().slice(0, 8)}@Example.org`;
    const created = await admin.inject({ method: 'POST', url: '/api/users', payload: { email, password: 'long enough pw', role: 'viewer', practitionerId: p.id } });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ email: email.toLowerCase(), role: 'viewer', practitionerId: p.id, practitionerName: p.name, lastLoginAt: null });
    expect(JSON.stringify(user)).not.toMatch(/scrypt|passwordHash/);

    const session = await signIn(app, email.toLowerCase(), 'long enough pw');
    expect(session.user).toMatchObject({ role: 'viewer', practitionerId: p.id });
    // a viewer may not edit
    expect((await session.inject({ method: 'PATCH', url: `/api/practitioners/${p.id}`, payload: { title: 'x' } })).statusCode).toBe(403);

    const dup = await admin.inject({ method: 'POST', url: '/api/users', payload: { email: email.toUpperCase(), password: 'long enough pw', role: 'viewer' } });
    expect(dup.statusCode).toBe(409);
    const taken = await admin.inject({ method: 'POST', url: '/api/users', payload: { email: `x${email}`, password: 'long enough pw', role: 'practitioner', practitionerId: p.id } });
    expect(taken.statusCode).toBe(409);

    const list = await admin.inject({ method: 'GET', url: `/api/users?q=${encodeURIComponent(email.slice(0, 19))}` });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: user.id }] });
    expect((await admin.inject({ method: 'GET', url: `/api/users?role=admin&limit=1` })).json().items[0].role).toBe('admin');

    // role change applies to the open session at once
    const promoted = await admin.inject({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { role: 'practitioner' } });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json()).toMatchObject({ role: 'practitioner', practitionerId: p.id });
    expect((await session.inject({ method: 'PATCH', url: `/api/practitioners/${p.id}`, payload: { title: 'Own title' } })).statusCode).toBe(200);

    // a password change ends the account's sessions
    expect((await admin.inject({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { password: 'another long pw' } })).statusCode).toBe(200);
    expect((await session.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    await signIn(app, email.toLowerCase(), 'another long pw');

    const unlinked = await admin.inject({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { practitionerId: null } });
    expect(unlinked.json()).toMatchObject({ practitionerId: null, practitionerName: null });

    const history = (await admin.inject({ method: 'GET', url: `/api/audit?entity=${user.id}` })).json().items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['update', 'update', 'update', 'create']);
    expect(JSON.stringify(history)).not.toMatch(/scrypt|passwordHash|another long pw/);
    expect(history[1].after).toMatchObject({ passwordChanged: true });

    expect((await admin.inject({ method: 'DELETE', url: `/api/users/${user.id}` })).statusCode).toBe(204);
    expect((await admin.inject({ method: 'GET', url: `/api/users/${user.id}` })).statusCode).toBe(404);
  });

  it('validates fields, refuses unknown practitioners, self-deletion and removing the last admin', async () => {
    const bad = await admin.inject({ method: 'POST', url: '/api/users', payload: { email: 'nope', password: 'short', role: 'boss' } });
    expect(bad.statusCode).toBe(400);
    const msg = bad.json().error.message as string;
    expect(msg).toContain('body.email: must be an email address');
    expect(msg).toContain('body.password: must be at least 10 characters');
    expect(msg).toContain('body.role');
    const ghost = await admin.inject({ method: 'POST', url: '/api/users', payload: { email: `g${randomUUID().slice(0, 6)}@x.org`, password: 'long enough pw', role: 'practitioner', practitionerId: randomUUID() } });
    expect(ghost.statusCode).toBe(404);
    expect((await admin.inject({ method: 'DELETE', url: `/api/users/${admin.user.id}` })).statusCode).toBe(409);
    expect((await admin.inject({ method: 'PATCH', url: `/api/users/${randomUUID()}`, payload: { role: 'viewer' } })).statusCode).toBe(404);
  });

  it('is for admins only', async () => {
    const coord = await signInAs(app, 'coordinator');
    expect((await coord.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(403);
    expect((await coord.inject({ method: 'POST', url: '/api/users', payload: {} })).statusCode).toBe(403);
  });
});
