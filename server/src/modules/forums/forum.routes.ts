import { ForumListQuery } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registerNodeRoutes } from '../directory/node.routes.js';
import { createNodeRepository } from '../directory/node.repository.js';
import { createNodeService } from '../directory/node.service.js';

const editors = ['coordinator', 'admin'] as const;

/** /api/forums: everyone signed in reads; coordinators and admins change. */
const routes: FastifyPluginAsyncZod = async (app) => {
  registerNodeRoutes(app, {
    label: 'Forum',
    basePath: '/api/forums',
    tag: 'forums',
    one: 'Forum',
    many: 'Forums',
    service: createNodeService({ db: app.db, repository: createNodeRepository(app.db) }),
    listQuery: ForumListQuery,
    listSpec: {
      propertyFilters: ['kind'],
      relationFilters: { locality: { type: 'MEETS_IN', dir: 'out' }, convenor: { type: 'CONVENES', dir: 'in' } },
    },
    access: { create: editors, update: editors, delete: editors },
  });
};

export default routes;
