import { SpecialismListQuery } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registerNodeRoutes } from '../directory/node.routes.js';
import { createNodeRepository } from '../directory/node.repository.js';
import { createNodeService } from '../directory/node.service.js';

const editors = ['coordinator', 'admin'] as const;

/** /api/specialisms: everyone signed in reads; coordinators and admins change. */
const routes: FastifyPluginAsyncZod = async (app) => {
  registerNodeRoutes(app, {
    label: 'Specialism',
    basePath: '/api/specialisms',
    tag: 'specialisms',
    one: 'Specialism',
    many: 'Specialisms',
    service: createNodeService({ db: app.db, repository: createNodeRepository(app.db) }),
    listQuery: SpecialismListQuery,
    listSpec: {
      propertyFilters: ['domain'],
      relationFilters: { broader: { type: 'BROADER', dir: 'out' } },
    },
    access: { create: editors, update: editors, delete: editors },
  });
};

export default routes;
