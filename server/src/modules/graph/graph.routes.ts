import { ErrorBody, IdParams, NeighbourhoodQuery, NeighbourhoodResponse } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createGraphRepository } from './graph.repository.js';
import { createGraphService } from './graph.service.js';

const graphRoutes: FastifyPluginAsyncZod = async (app) => {
  const repository = createGraphRepository(app.db);
  const service = createGraphService(repository);
  app.warmUp('neighbourhood', () => repository.warmUp());

  app.get(
    '/api/graph/neighbourhood/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'getNeighbourhood',
        tags: ['graph'],
        summary: 'Nodes and edges around a node to depth 1–3, filtered by node type, capped, with a count of what was left out',
        params: IdParams,
        querystring: NeighbourhoodQuery,
        response: { 200: NeighbourhoodResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => service.neighbourhood(request.params.id, request.query),
  );
};

export default graphRoutes;
