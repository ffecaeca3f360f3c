import { Agency, AgencyDetail, AgencyListQuery, ErrorBody, IdParams } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/app/auth.js';
import { registerNodeRoutes } from '../directory/node.routes.js';
import { createNodeRepository } from '../directory/node.repository.js';
import { createNodeService } from '../directory/node.service.js';
import { createAgencyRepository } from './agency.repository.js';
import { createAgencyService } from './agency.service.js';

const editors = ['coordinator', 'admin'] as const;

/** /api/agencies: everyone signed in reads; coordinators and admins change. */
const agencyRoutes: FastifyPluginAsyncZod = async (app) => {
  const nodeRepository = createNodeRepository(app.db);
  const nodes = createNodeService({ db: app.db, repository: nodeRepository });
  const agencies = createAgencyService({ repository: createAgencyRepository(nodeRepository) });

  registerNodeRoutes(app, {
    label: 'Agency',
    basePath: '/api/agencies',
    tag: 'agencies',
    one: 'Agency',
    many: 'Agencies',
    service: nodes,
    listQuery: AgencyListQuery,
    listSpec: {
      propertyFilters: ['sector'],
      relationFilters: {
        locality: { type: 'SERVES', dir: 'out' },
        offers: { type: 'OFFERS', dir: 'out' },
        partOf: { type: 'PART_OF', dir: 'out' },
      },
    },
    output: Agency,
    detail: { schema: AgencyDetail, load: (id) => agencies.detail(id) },
    access: { create: editors, update: editors, delete: editors },
  });

  app.post(
    '/api/agencies/:id/verify',
    {
      config: { access: editors },
      schema: {
        operationId: 'verifyAgency',
        tags: ['agencies'],
        summary: 'Confirm the agency record is up to date: sets lastVerifiedAt to now',
        params: IdParams,
        response: { 200: Agency, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => nodes.verify(requireUser(request), 'Agency', request.params.id) as never,
  );
};

export default agencyRoutes;
