import { LocalityListQuery } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registerNodeRoutes } from '../directory/node.routes.js';
import { createNodeRepository } from '../directory/node.repository.js';
import { createNodeService } from '../directory/node.service.js';

const editors = ['coordinator', 'admin'] as const;

/** /api/localities: everyone signed in reads; coordinators and admins change. */
const routes: FastifyPluginAsyncZod = async (app) => {
  registerNodeRoutes(app, {
    label: 'Locality',
    basePath: '/api/localities',
    tag: 'localities',
    one: 'Locality',
    many: 'Localities',
    service: createNodeService({ db: app.db, repository: createNodeRepository(app.db) }),
    listQuery: LocalityListQuery,
    listSpec: {
      propertyFilters: ['kind'],
      relationFilters: { within: { type: 'WITHIN', dir: 'out' } },
    },
    access: { create: editors, update: editors, delete: editors },
  });
};

export default routes;
