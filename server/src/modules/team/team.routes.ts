import { ErrorBody, TeamRequest, TeamResponse } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createTeamRepository } from './team.repository.js';
import { createTeamService } from './team.service.js';

const teamRoutes: FastifyPluginAsyncZod = async (app) => {
  const repository = createTeamRepository(app.db);
  const service = createTeamService(repository);
  app.warmUp('team', () => repository.warmUp());

  app.post(
    '/api/team',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'suggestTeam',
        tags: ['graph'],
        summary: 'Team around the child: ranked candidates per need, a suggested team, and needs nobody covers',
        description: 'Read-only (POST only because the needs profile is a body). Holds no child data.',
        body: TeamRequest,
        response: { 200: TeamResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => service.suggest(request.body, request.user),
  );
};

export default teamRoutes;
