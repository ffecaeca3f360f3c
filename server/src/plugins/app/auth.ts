import cookie from '@fastify/cookie';
import type { Role, SessionUser } from '@knotwork/graph-schema';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { AppError, ForbiddenError, UnauthenticatedError } from '../../lib/errors.js';
import { createAuthRepository } from '../../modules/auth/auth.repository.js';
import { createAuthService, type AuthService } from '../../modules/auth/auth.service.js';

/**
 * Who may call a route. Every /api route must declare one in `config.access`; registration fails otherwise,
 * so a new route cannot skip authorization. Finer rules (a practitioner editing only their own profile) are
 * checked in the service with `assertCanEditPractitioner`.
 *   'public'    — anyone, signed in or not
 *   'signed-in' — any signed-in user
 *   Role[]      — signed-in users with one of these roles
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

export const SESSION_COOKIE = 'knotwork_session';
/** Browsers cannot send this header cross-site without a CORS preflight, which we never allow: CSRF defence. */
export const CSRF_HEADER = 'x-knotwork-csrf';

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyInstance {
    authService: AuthService;
    /** Every /api route with its access rule, for the authorization matrix test and docs. */
    routeAccess: RouteAccess[];
    sessionCookie: { secure: boolean; ttlHours: number };
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw new UnauthenticatedError();
  return request.user;
}

export function hasRole(user: SessionUser | null, ...roles: Role[]): boolean {
  return Boolean(user && roles.includes(user.role));
}

/** Practitioners may edit only their own profile; coordinators and admins may edit anyone's. */
export function assertCanEditPractitioner(user: SessionUser | null, practitionerId: string): void {
  if (!user) throw new UnauthenticatedError();
  if (user.role === 'coordinator' || user.role === 'admin') return;
  if (user.role === 'practitioner' && user.practitionerId === practitionerId) return;
  throw new ForbiddenError(
    user.role === 'practitioner' ? 'Practitioners may edit only their own profile' : 'Your role does not allow changes',
  );
}

export default fp(
  async (app, opts: { session: Config['session'] }) => {
    await app.register(cookie);
    app.decorateRequest('user', null);
    app.decorate(
      'authService',
      createAuthService({
        repository: createAuthRepository(app.db),
        sessionTtlHours: opts.session.ttlHours,
        ...(opts.session.cacheMs !== undefined ? { sessionCacheMs: opts.session.cacheMs } : {}),
      }),
    );
    app.decorate('routeAccess', [] as RouteAccess[]);
    app.decorate('sessionCookie', { secure: opts.session.secureCookie, ttlHours: opts.session.ttlHours });

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/')) return;
      const access = route.config?.access;
      if (access === undefined) {
        throw new Error(`Route ${String(route.method)} ${route.url} declares no config.access rule`);
      }
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue;
        app.routeAccess.push({ method, url: route.url, access });
      }
    });

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config?.access;
      if (access === undefined) return; // not an /api route (docs, static client)
      const token = request.cookies[SESSION_COOKIE];
      if (token) request.user = await app.authService.userForToken(token);
      if (MUTATING.has(request.method) && request.headers[CSRF_HEADER] !== '1') {
        throw new AppError(403, 'FORBIDDEN', `Missing ${CSRF_HEADER} header: changes must come from the Knotwork client`);
      }
      if (access === 'public') return;
      if (!request.user) throw new UnauthenticatedError();
      if (access !== 'signed-in' && !access.includes(request.user.role)) throw new ForbiddenError();
    });
  },
  { name: 'auth', dependencies: ['neo4j'] },
);
