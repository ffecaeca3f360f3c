import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildTestApp } from '../helper.js';
import { TEST_PASSWORD, createUser, signInAs, unique } from '../factories.js';

/**
 * Security checks beyond the role matrix: session fixation and expiry, login throttling per address and per
 * account, CSRF defence on cookie-authenticated writes, security headers and CORS, and what git tracks.
 */

const CSRF = { 'x-knotwork-csrf': '1' };

function sessionCookieOf(res: { headers: Record<string, unknown> }): string | undefined {
  const all = [res.headers['set-cookie']].flat().filter((c): c is string => typeof c === 'string');
  return all.find((c) => c.startsWith('knotwork_session='));
}

describe('security', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('sessions', () => {
    it('replaces a session cookie brought to login (fixation) and the old token stops working', async () => {
      const a = await signInAs(app, 'viewer');
      const { email } = await createUser(app, 'coordinator');
      // An attacker plants their own (valid) session token in the victim's browser, who then signs in.
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { ...CSRF, cookie: a.cookie },
        payload: { email, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const fresh = sessionCookieOf(res)!.split(';')[0]!;
      expect(fresh).not.toBe(a.cookie);
      // The planted token is gone: it no longer opens any session.
      const old = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: a.cookie } });
      expect(old.statusCode).toBe(401);
      const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: fresh } });
      expect(me.json().user.email).toBe(email);
    });

    it('issues an unguessable, HttpOnly, SameSite=Strict cookie that expires with the session', async () => {
      const { email } = await createUser(app, 'viewer');
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: CSRF, payload: { email, password: TEST_PASSWORD } });
      const cookie = sessionCookieOf(res)!;
      const token = cookie.split(';')[0]!.split('=')[1]!;
      expect(token.length).toBeGreaterThanOrEqual(43); // 32 random bytes, base64url
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Path=\//);
      const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie)![1]!);
      const hours = (expires - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(app.sessionCookie.ttlHours - 0.1);
      expect(hours).toBeLessThanOrEqual(app.sessionCookie.ttlHours + 0.01);
    });

    it('rejects an expired session even though the browser still sends the cookie', async () => {
      const s = await signInAs(app, 'viewer');
      expect((await s.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
      await app.db.write((tx) =>
        tx.run(`MATCH (s:Session)-[:FOR]->(u:User {id: $id}) SET s.expiresAt = '2000-01-01T00:00:00.000Z'`, { id: s.user.id }),
      );
      // The expiry was changed behind the app's back: drop the short-lived session cache, as its TTL passing would.
      app.authService.forgetAllSessions();
      const res = await s.inject({ method: 'GET', url: '/api/me' });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    });

    it('ends the session on logout: the token is useless afterwards', async () => {
      const s = await signInAs(app, 'viewer');
      const out = await s.inject({ method: 'POST', url: '/api/auth/logout' });
      expect(out.statusCode).toBe(204);
      expect((await s.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    });

    it('applies a role change, password change and account deletion to live sessions at once (no stale cache)', async () => {
      const admin = await signInAs(app, 'admin');
      const s = await signInAs(app, 'coordinator');
      expect((await s.inject({ method: 'GET', url: '/api/me' })).json().user.role).toBe('coordinator');
      const demoted = await admin.inject({ method: 'PATCH', url: `/api/users/${s.user.id}`, payload: { role: 'viewer' } });
      expect(demoted.statusCode).toBe(200);
      expect((await s.inject({ method: 'GET', url: '/api/me' })).json().user.role).toBe('viewer');
      const reset = await admin.inject({ method: 'PATCH', url: `/api/users/${s.user.id}`, payload: { password: 'a brand new password 42' } });
      expect(reset.statusCode).toBe(200);
      expect((await s.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);

      const other = await signInAs(app, 'viewer');
      expect((await other.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
      expect((await admin.inject({ method: 'DELETE', url: `/api/users/${other.user.id}` })).statusCode).toBe(204);
      expect((await other.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    });

    it('ignores forged or malformed session cookies', async () => {
      for (const cookie of ['knotwork_session=AAAA', 'knotwork_session=', `knotwork_session=${'x'.repeat(5000)}`, "knotwork_session=' OR 1=1 //"]) {
        const res = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
        expect(res.statusCode).toBe(401);
      }
    });
  });

  describe('login throttling', () => {
    it('locks an account after 5 failed attempts within 15 minutes, even with the right password', async () => {
      const { email } = await createUser(app, 'viewer');
      for (let i = 0; i < 5; i++) {
        const bad = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: CSRF,
          remoteAddress: `10.9.${i}.1`, // different addresses: the per-account limit, not the per-address one
          payload: { email, password: `wrong-${i}-password` },
        });
        expect(bad.statusCode).toBe(401);
      }
      const locked = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: CSRF,
        remoteAddress: '10.9.99.1',
        payload: { email, password: TEST_PASSWORD },
      });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.message).toMatch(/15 minutes/);
      expect(sessionCookieOf(locked)).toBeUndefined();

      // Once the window has passed the account opens again (simulated by ageing the last failure).
      await app.db.write((tx) =>
        tx.run(`MATCH (u:User {email: $email}) SET u.lastFailedLoginAt = '2000-01-01T00:00:00.000Z'`, { email }),
      );
      const ok = await app.inject({ method: 'POST', url: '/api/auth/login', headers: CSRF, remoteAddress: '10.9.98.1', payload: { email, password: TEST_PASSWORD } });
      expect(ok.statusCode).toBe(200);
    });

    it('answers unknown and known accounts alike (no account enumeration)', async () => {
      const { email } = await createUser(app, 'viewer');
      const known = await app.inject({ method: 'POST', url: '/api/auth/login', headers: CSRF, remoteAddress: '10.8.0.1', payload: { email, password: 'not-the-password' } });
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: CSRF,
        remoteAddress: '10.8.0.2',
        payload: { email: `${unique('nobody').replace(' ', '-')}@test.knotwork.example`, password: 'not-the-password' },
      });
      expect(known.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(known.json().error.message).toBe(unknown.json().error.message);
    });

    it('limits login attempts per address (429 after 20 a minute), other addresses unaffected', async () => {
      const address = '10.7.7.7';
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: CSRF,
          remoteAddress: address,
          // malformed on purpose: rejected by validation without hashing, still counted by the limiter
          payload: { email: `spray-${i}@test.knotwork.example`, password: 'x' },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 20).every((s) => s !== 429)).toBe(true);
      expect(statuses[20]).toBe(429);
      const other = await app.inject({ method: 'POST', url: '/api/auth/login', headers: CSRF, remoteAddress: '10.7.7.8', payload: { email: 'a@b.example', password: 'whatever-pass' } });
      expect(other.statusCode).not.toBe(429);
    });
  });

  describe('CSRF', () => {
    it('rejects every cookie-authenticated write without the x-knotwork-csrf header with 403', async () => {
      const admin = await signInAs(app, 'admin');
      const writes = app.routeAccess.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
      expect(writes.length).toBeGreaterThan(5);
      for (const route of writes) {
        const url = route.url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
        const res = await app.inject({
          method: route.method as 'POST',
          url,
          headers: { cookie: admin.cookie, 'content-type': 'application/json' },
          payload: '{}',
        });
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
        expect(res.json().error.message).toMatch(/x-knotwork-csrf/);
      }
    });

    it('does not accept a wrong header value, nor a simple form post', async () => {
      const admin = await signInAs(app, 'admin');
      const wrong = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: admin.cookie, 'x-knotwork-csrf': 'true' } });
      expect(wrong.statusCode).toBe(403);
      const form = await app.inject({
        method: 'POST',
        url: '/api/agencies',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'name=Evil&sector=education',
      });
      expect(form.statusCode).toBe(403);
      // and the session still works: the failed attempts changed nothing
      expect((await admin.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    });
  });

  describe('headers', () => {
    it('sends the security headers on API answers, errors and the docs', async () => {
      for (const url of ['/api/health', '/api/me', '/api/no-such-route', '/openapi.json']) {
        const res = await app.inject({ method: 'GET', url });
        const h = res.headers;
        expect(h['content-security-policy'], url).toMatch(/default-src 'self'/);
        expect(h['content-security-policy'], url).toMatch(/frame-ancestors 'none'/);
        expect(h['x-content-type-options'], url).toBe('nosniff');
        expect(h['x-frame-options'], url).toBeDefined();
        expect(h['strict-transport-security'], url).toMatch(/max-age=\d+/);
        expect(h['referrer-policy'], url).toBeDefined();
        expect(h['x-powered-by'], url).toBeUndefined();
      }
    });

    it('answers malformed URLs and over-long path parameters in the one error format (fuzzing found these)', async () => {
      for (const url of ['/api/specialisms/%ED%A0%80', `/api/collaborations/${'x'.repeat(300)}`]) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, url).toBeLessThan(500);
        expect(res.json().error, url).toMatchObject({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
      }
    });

    it('closes CORS to origins not configured, preflight included', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const pre = await app.inject({
        method: 'OPTIONS',
        url: '/api/agencies',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-knotwork-csrf' },
      });
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('returns error bodies without stack traces or internals', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { ...CSRF, 'content-type': 'application/json' }, payload: '{"email":' });
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
      expect(res.json().error.requestId).toBeTruthy();
    });
  });
});

describe('repository hygiene', () => {
  const root = join(import.meta.dirname, '..', '..', '..');
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);

  it('tracks no local data, environment files or keys', () => {
    const bad = tracked.filter(
      (f) =>
        /(^|\/)\.data(\/|$)/.test(f) ||
        /(^|\/)\.env(\.|$)/.test(f) && !/\.env\.example$/.test(f) ||
        /(^|\/)secrets\.json$/.test(f) ||
        /\.(pem|key|p12|pfx|jks|keystore)$/i.test(f) ||
        /(^|\/)id_(rsa|ed25519|ecdsa)(\.pub)?$/.test(f),
    );
    expect(bad).toEqual([]);
  });

  it('has no private keys or credentials in tracked files', () => {
    const patterns: [string, RegExp][] = [
      ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
      ['AWS key', /AKIA[0-9A-Z]{16}/],
      ['GitHub token', /gh[pousr]_[A-Za-z0-9]{36}/],
      ['npm token', /npm_[A-Za-z0-9]{36}/],
      ['Slack token', /xox[baprs]-[A-Za-z0-9-]{10,}/],
      ['credentials in a URL', /\b(?:bolt|neo4j|https?):\/\/[^\s:/@'"`$]+:[^\s@'"`$<>{}]{6,}@(?!example)[a-z0-9.-]+/i],
    ];
    const hits: string[] = [];
    for (const f of tracked) {
      if (/\.(png|jpe?g|gif|ico|woff2?|pdf|lock)$/i.test(f) || f === 'package-lock.json') continue;
      let text: string;
      try {
        if (statSync(join(root, f)).size > 2_000_000) continue;
        text = readFileSync(join(root, f), 'utf8');
      } catch {
        continue; // deleted in the working tree
      }
      for (const [name, re] of patterns) if (re.test(text) && !f.includes('security.int.test.ts')) hits.push(`${f}: ${name}`);
    }
    expect(hits).toEqual([]);
  });

  it('ignores .data/ and other local state in .gitignore', () => {
    const ignore = readFileSync(join(root, '.gitignore'), 'utf8');
    expect(ignore).toMatch(/^\.data\/?$/m);
    expect(ignore).toMatch(/^node_modules\/?$/m);
  });
});
