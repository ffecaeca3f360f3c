import { NeedListQuery } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registerNodeRoutes } from '../directory/node.routes.js';
import { createNodeRepository } from '../directory/node.repository.js';
import { createNodeService } from '../directory/node.service.js';

const editors = ['coordinator', 'admin'] as const;

/** /api/needs: everyone signed in reads; coordinators and admins change. */
const routes: FastifyPluginAsyncZod = async (app) => {
  registerNodeRoutes(app, {
    label: 'Need',
    basePath: '/api/needs',
    tag: 'needs',
    one: 'Need',
    many: 'Needs',
    service: createNodeService({ db: app.db, repository: createNodeRepository(app.db) }),
    listQuery: NeedListQuery,
    listSpec: {
      propertyFilters: ['domain'],
      relationFilters: { specialism: { type: 'ADDRESSED_BY', dir: 'out' } },
    },
    access: { create: editors, update: editors, delete: editors },
  });
};

export default routes;
