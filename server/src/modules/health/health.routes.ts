import { HealthResponse, LivenessResponse, ReadinessResponse } from '@knotwork/graph-schema';
import { migrations } from '@knotwork/graph-schema/migrations';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createHealthRepository } from './health.repository.js';
import { createHealthService } from './health.service.js';

const healthRoutes: FastifyPluginAsyncZod<{ version: string; readyAfterWarmUp: boolean }> = async (app, opts) => {
  const service = createHealthService({
    repository: createHealthRepository(app.db),
    meili: app.meili,
    version: opts.version,
    expectedMigrations: migrations.map((m) => m.id),
  });

  app.get(
    '/api/health/live',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getLiveness',
        tags: ['health'],
        summary: 'Liveness: the process runs and answers (restart it if this fails); checks no dependency',
        security: [],
        response: { 200: LivenessResponse },
      },
    },
    async () => service.live(),
  );

  app.get(
    '/api/health/ready',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getReadiness',
        tags: ['health'],
        summary: 'Readiness: send this instance traffic (200) or not (503: starting, migrations pending, Neo4j down, or stopping)',
        security: [],
        response: { 200: ReadinessResponse, 503: ReadinessResponse },
      },
    },
    async (_request, reply) => {
      const ready = await service.ready({ draining: app.draining(), warmUp: app.warmUpState(), readyAfterWarmUp: opts.readyAfterWarmUp });
      return reply.status(ready.status === 'ready' ? 200 : 503).send(ready);
    },
  );

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
