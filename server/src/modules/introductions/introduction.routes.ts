import {
  CreateIntroductionRequest,
  ErrorBody,
  Introduction,
  IntroductionDecision,
  IntroductionIdParams,
  IntroductionList,
  IntroductionListQuery,
} from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/app/auth.js';
import { createIntroductionRepository } from './introduction.repository.js';
import { createIntroductionService } from './introduction.service.js';

const parties = ['practitioner', 'coordinator', 'admin'] as const;
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/**
 * /api/introductions: ask a broker to introduce you to someone (or ask them directly), answer as broker or target,
 * withdraw what you asked. Every account acts as the practitioner it is linked to; only the parties see a request.
 */
const introductionRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createIntroductionService(createIntroductionRepository(app.db, app.mail.publicUrl), {
    publicUrl: app.mail.publicUrl,
  });

  // Reads already show an unanswered request past its expiry as expired; this writes it down (with its audit event)
  // now and then, so the stored status and the audit log catch up without anyone touching the request.
  let sweep: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    sweep = setInterval(() => void service.expireOverdue().catch((err) => app.log.warn({ err }, 'introduction expiry sweep failed')), 10 * 60_000);
    sweep.unref();
  });
  app.addHook('onClose', async () => {
    if (sweep) clearInterval(sweep);
  });

  app.post(
    '/api/introductions',
    {
      config: { access: parties },
      schema: {
        operationId: 'requestIntroduction',
        tags: ['introductions'],
        summary: 'Ask a broker to introduce you to a practitioner, or ask them directly (no broker)',
        body: CreateIntroductionRequest,
        response: { 201: Introduction, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(request.body, requireUser(request))),
  );

  app.get(
    '/api/introductions',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'listIntroductions',
        tags: ['introductions'],
        summary: 'Introduction requests the signed-in practitioner asked, is asked to broker, or is asked to accept',
        querystring: IntroductionListQuery,
        response: { 200: IntroductionList, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => service.list(requireUser(request), request.query.as, request.query.open),
  );

  app.get(
    '/api/introductions/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'getIntroduction',
        tags: ['introductions'],
        summary: 'One introduction request (404 unless you are one of its parties)',
        params: IntroductionIdParams,
        response: { 200: Introduction, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => service.get(request.params.id, requireUser(request)),
  );

  app.post(
    '/api/introductions/:id/broker',
    {
      config: { access: parties },
      schema: {
        operationId: 'answerIntroductionAsBroker',
        tags: ['introductions'],
        summary: 'The broker accepts (optionally adding a line for the target) or declines',
        params: IntroductionIdParams,
        body: IntroductionDecision,
        response: { 200: Introduction, ...errors },
      },
    },
    async (request) => service.answerAsBroker(request.params.id, request.body, requireUser(request)),
  );

  app.post(
    '/api/introductions/:id/target',
    {
      config: { access: parties },
      schema: {
        operationId: 'answerIntroductionAsTarget',
        tags: ['introductions'],
        summary: 'The person to be introduced accepts (a KNOWS tie is recorded) or declines',
        params: IntroductionIdParams,
        body: IntroductionDecision,
        response: { 200: Introduction, ...errors },
      },
    },
    async (request) => service.answerAsTarget(request.params.id, request.body, requireUser(request)),
  );

  app.post(
    '/api/introductions/:id/withdraw',
    {
      config: { access: parties },
      schema: {
        operationId: 'withdrawIntroduction',
        tags: ['introductions'],
        summary: 'The practitioner who asked withdraws a request still waiting for an answer',
        params: IntroductionIdParams,
        response: { 200: Introduction, ...errors },
      },
    },
    async (request) => service.withdraw(request.params.id, requireUser(request)),
  );
};

export default introductionRoutes;
