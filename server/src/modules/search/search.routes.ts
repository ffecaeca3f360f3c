import { ErrorBody, SearchQuery, SearchResponse } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createSearchRepository } from './search.repository.js';
import { createSearchService } from './search.service.js';

const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createSearchService({
    failover: app.searchRuntime.failover,
    repository: createSearchRepository(app.db),
  });

  app.get(
    '/api/search',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'search',
        tags: ['search'],
        summary: 'Search practitioners, agencies, specialisms, needs and forums (typo-tolerant, with the thesaurus)',
        description:
          'Answers from Meilisearch; when it is unreachable, from the Neo4j full-text index with `degraded: true`. ' +
          'Ranking: text relevance, then freshness (profiles not verified for six months rank lower), then capacity.',
        querystring: SearchQuery,
        response: { 200: SearchResponse, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => service.search(request.query),
  );
};

export default searchRoutes;
