import { ErrorBody, PathsQuery, PathsResponse } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createPathsRepository } from './paths.repository.js';
import { createPathsService, HOLDERS_LIMIT } from './paths.service.js';

const pathsRoutes: FastifyPluginAsyncZod = async (app) => {
  const repository = createPathsRepository(app.db);
  const service = createPathsService(repository);
  app.warmUp('paths', () => repository.warmUp(HOLDERS_LIMIT));

  app.get(
    '/api/paths',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'getIntroductionPaths',
        tags: ['graph'],
        summary: 'Up to 3 strongest introduction paths (≤ 4 ties) to a practitioner or the nearest holder of a specialism',
        querystring: PathsQuery,
        response: { 200: PathsResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => service.find(request.query, request.user),
  );
};

export default pathsRoutes;
