import { ErrorBody, IdParams, UserInput, UserListQuery, UserPatch, UserView, listResponse } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../plugins/app/auth.js';
import { createUserRepository } from './user.repository.js';
import { createUserService } from './user.service.js';

const admins = ['admin'] as const;
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** /api/users: account management, admins only. */
const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createUserService({
    db: app.db,
    repository: createUserRepository(app.db),
    onUserChanged: (id) => app.authService.forgetUser(id),
  });

  app.get(
    '/api/users',
    {
      config: { access: admins },
      schema: {
        operationId: 'listUsers',
        tags: ['users'],
        summary: 'List accounts',
        querystring: UserListQuery,
        response: { 200: listResponse(UserView), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => service.list(request.query),
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: admins },
      schema: {
        operationId: 'getUser',
        tags: ['users'],
        summary: 'One account',
        params: IdParams,
        response: { 200: UserView, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => service.get(request.params.id),
  );

  app.post(
    '/api/users',
    {
      config: { access: admins },
      schema: {
        operationId: 'createUser',
        tags: ['users'],
        summary: 'Create an account (409 when the email is taken)',
        body: UserInput,
        response: { 201: UserView, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(requireUser(request), request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: admins },
      schema: {
        operationId: 'updateUser',
        tags: ['users'],
        summary: 'Change role, password (ends the account’s sessions) or practitioner link',
        params: IdParams,
        body: UserPatch,
        response: { 200: UserView, ...errors },
      },
    },
    async (request) => service.update(requireUser(request), request.params.id, request.body),
  );

  app.delete(
    '/api/users/:id',
    {
      config: { access: admins },
      schema: {
        operationId: 'deleteUser',
        tags: ['users'],
        summary: 'Delete an account and its sessions (not your own, not the last admin)',
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.remove(requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};

export default userRoutes;
