import rateLimit from '@fastify/rate-limit';
import { ErrorBody, LoginRequest, MeResponse } from '@knotwork/graph-schema';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, requireUser } from '../../plugins/app/auth.js';

const authRoutes: FastifyPluginAsyncZod<{ loginsPerMinutePerAddress?: number }> = async (app, opts) => {
  await app.register(rateLimit, { global: false });

  const clearCookie = (reply: FastifyReply) =>
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: app.sessionCookie.secure });

  app.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: opts.loginsPerMinutePerAddress ?? 20, timeWindow: '1 minute' },
      },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        security: [],
        body: LoginRequest,
        response: { 200: MeResponse, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { token, user, expiresAt } = await app.authService.login(
        request.body,
        request.cookies[SESSION_COOKIE] ?? null,
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: app.sessionCookie.secure,
        expires: expiresAt,
      });
      return { user };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        summary: 'Sign out: ends the session and clears the cookie',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await app.authService.logout(token);
      clearCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: MeResponse, 401: ErrorBody },
      },
    },
    async (request) => ({ user: requireUser(request) }),
  );
};

export default authRoutes;
