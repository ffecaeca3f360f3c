import { HealthResponse } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createHealthRepository } from './health.repository.js';
import { createHealthService } from './health.service.js';

const healthRoutes: FastifyPluginAsyncZod<{ version: string }> = async (app, opts) => {
  const service = createHealthService({
    repository: createHealthRepository(app.db),
    meili: app.meili,
    version: opts.version,
  });

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getHealth',
        tags: ['health'],
        summary: 'Whether the database and the search engine are up',
        security: [],
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_request, reply) => {
      const health = { ...(await service.check()), warmUp: app.warmUpState() };
      return reply.status(health.neo4j === 'up' ? 200 : 503).send(health);
    },
  );
};

export default healthRoutes;
