import {
  DisputeRequest,
  ErrorBody,
  WorkedTogether,
  WorkedTogetherList,
  WorkedTogetherRequest,
} from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../plugins/app/auth.js';
import { createWorkedTogetherRepository } from './worked-together.repository.js';
import { createWorkedTogetherService } from './worked-together.service.js';

const parties = ['practitioner', 'coordinator', 'admin'] as const;
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Params = z.object({ id: z.uuid() });

/** "We worked together" in two clicks, and the partners' confirm / dispute (issue 16). */
const workedTogetherRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createWorkedTogetherService(createWorkedTogetherRepository(app.db, app.mail.publicUrl));

  app.post(
    '/api/collaborations/worked-together',
    {
      config: { access: parties },
      schema: {
        operationId: 'recordWorkedTogether',
        tags: ['collaborations'],
        summary: 'Record "we worked together" with partners; it counts as evidence once every partner confirms',
        body: WorkedTogetherRequest,
        response: { 201: WorkedTogether, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.record(request.body, requireUser(request))),
  );

  app.get(
    '/api/collaborations/unconfirmed',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'listUnconfirmedCollaborations',
        tags: ['collaborations'],
        summary:
          "The signed-in practitioner's collaborations that are not evidence yet: awaiting an answer, or disputed",
        response: { 200: WorkedTogetherList, 401: ErrorBody },
      },
    },
    async (request) => service.unconfirmed(requireUser(request)),
  );

  app.post(
    '/api/collaborations/:id/confirm',
    {
      config: { access: parties },
      schema: {
        operationId: 'confirmCollaboration',
        tags: ['collaborations'],
        summary: 'A named partner confirms the record',
        params: Params,
        response: { 200: WorkedTogether, ...errors },
      },
    },
    async (request) => service.confirm(request.params.id, requireUser(request)),
  );

  app.post(
    '/api/collaborations/:id/dispute',
    {
      config: { access: parties },
      schema: {
        operationId: 'disputeCollaboration',
        tags: ['collaborations'],
        summary: 'A named partner disputes the record; it does not count as evidence',
        params: Params,
        body: DisputeRequest,
        response: { 200: WorkedTogether, ...errors },
      },
    },
    async (request) => service.dispute(request.params.id, requireUser(request), request.body.reason),
  );
};

export default workedTogetherRoutes;
