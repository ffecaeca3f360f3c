import { LocationListQuery } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registerNodeRoutes } from '../directory/node.routes.js';
import { createNodeRepository } from '../directory/node.repository.js';
import { createNodeService } from '../directory/node.service.js';

const editors = ['coordinator', 'admin'] as const;

/** /api/locations: the places agencies work from. Everyone signed in reads; coordinators and admins change. */
const routes: FastifyPluginAsyncZod = async (app) => {
  registerNodeRoutes(app, {
    label: 'Location',
    basePath: '/api/locations',
    tag: 'locations',
    one: 'Location',
    many: 'Locations',
    service: createNodeService({ db: app.db, repository: createNodeRepository(app.db) }),
    listQuery: LocationListQuery,
    listSpec: {
      propertyFilters: [],
      relationFilters: { agency: { type: 'HAS_LOCATION', dir: 'in' } },
    },
    access: { create: editors, update: editors, delete: editors },
  });
};

export default routes;
