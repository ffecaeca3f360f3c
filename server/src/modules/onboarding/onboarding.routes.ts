import {
  ErrorBody,
  EvidenceQuery,
  EvidenceResponse,
  KnowsRequest,
  KnowsResponse,
  OnboardingQuery,
  OnboardingResponse,
} from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/app/auth.js';
import { createOnboardingRepository } from './onboarding.repository.js';
import { createOnboardingService } from './onboarding.service.js';

const onboardingRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createOnboardingService(createOnboardingRepository(app.db));

  app.get(
    '/api/onboarding',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'getOnboarding',
        tags: ['onboarding'],
        summary: 'For a role and locality: people to know per need domain, forums to join, agencies and their referral routes',
        querystring: OnboardingQuery,
        response: { 200: OnboardingResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => service.onboarding(request.query, request.user),
  );

  app.post(
    '/api/knows',
    {
      config: { access: ['practitioner', 'coordinator', 'admin'] },
      schema: {
        operationId: 'recordKnows',
        tags: ['onboarding'],
        summary: 'Record "I have met them" as a KNOWS trail (201 when new, 200 when already recorded)',
        body: KnowsRequest,
        response: {
          200: KnowsResponse,
          201: KnowsResponse,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const result = await service.recordKnows(request.body, requireUser(request));
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/api/evidence',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'getEvidence',
        tags: ['graph'],
        summary: "Recorded joint work showing a practitioner's expertise on a need or specialism",
        querystring: EvidenceQuery,
        response: { 200: EvidenceResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => service.evidence(request.query),
  );
};

export default onboardingRoutes;
