import { ErrorBody, IdParams, Practitioner, PractitionerDetail, PractitionerListQuery } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertCanEditPractitioner, requireUser } from '../../plugins/app/auth.js';
import { registerNodeRoutes } from '../directory/node.routes.js';
import { createNodeRepository } from '../directory/node.repository.js';
import { createNodeService } from '../directory/node.service.js';
import { createPractitionerRepository } from './practitioner.repository.js';
import { createPractitionerService } from './practitioner.service.js';
import { redactPractitioner } from './practitioner.visibility.js';

/**
 * /api/practitioners: coordinators and admins create and delete; a practitioner edits (and verifies) only their
 * own profile. Phone and bio are redacted per the practitioner's visibility choices on every read.
 */
const practitionerRoutes: FastifyPluginAsyncZod = async (app) => {
  const nodeRepository = createNodeRepository(app.db);
  const nodes = createNodeService({ db: app.db, repository: nodeRepository });
  const practitioners = createPractitionerService({ repository: createPractitionerRepository(nodeRepository) });

  registerNodeRoutes(app, {
    label: 'Practitioner',
    basePath: '/api/practitioners',
    tag: 'practitioners',
    one: 'Practitioner',
    many: 'Practitioners',
    service: nodes,
    listQuery: PractitionerListQuery,
    listSpec: {
      propertyFilters: ['profession', 'level', 'capacity'],
      relationFilters: {
        agency: { type: 'WORKS_FOR', dir: 'out' },
        specialism: { type: 'HAS_SPECIALISM', dir: 'out' },
        locality: { type: 'SERVES', dir: 'out' },
        forum: { type: 'ATTENDS', dir: 'out' },
      },
    },
    output: Practitioner,
    detail: { schema: PractitionerDetail, load: (id, user) => practitioners.detail(id, user) },
    access: {
      create: ['coordinator', 'admin'],
      update: ['practitioner', 'coordinator', 'admin'],
      delete: ['coordinator', 'admin'],
    },
    present: (node, user) => redactPractitioner(node, user),
    authorize: { update: (user, id) => assertCanEditPractitioner(user, id) },
  });

  app.post(
    '/api/practitioners/:id/verify',
    {
      config: { access: ['practitioner', 'coordinator', 'admin'] },
      schema: {
        operationId: 'verifyPractitioner',
        tags: ['practitioners'],
        summary: 'Confirm the profile is up to date: sets lastVerifiedAt to now',
        params: IdParams,
        response: { 200: Practitioner, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      assertCanEditPractitioner(user, request.params.id);
      return redactPractitioner(await nodes.verify(user, 'Practitioner', request.params.id), user) as never;
    },
  );
};

export default practitionerRoutes;
