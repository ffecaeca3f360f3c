import { AuditQuery, AuditResponse, ErrorBody } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ForbiddenError } from '../../lib/errors.js';
import { requireUser } from '../../plugins/app/auth.js';
import { createAuditRepository } from './audit.repository.js';

/**
 * GET /api/audit?entity=:id — the change history of one node, newest first. Coordinators and admins see any
 * history; a practitioner sees their own profile's (histories hold before/after values, including fields the
 * profile may hide from others); viewers none.
 */
const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const repository = createAuditRepository(app.db);

  app.get(
    '/api/audit',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'getAuditHistory',
        tags: ['audit'],
        summary: 'Change history of one node: who changed what, when, before and after',
        querystring: AuditQuery,
        response: { 200: AuditResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { entity, limit } = request.query;
      const allowed =
        user.role === 'coordinator' || user.role === 'admin' || (user.role === 'practitioner' && user.practitionerId === entity);
      if (!allowed) throw new ForbiddenError('Only coordinators and admins may read the audit log (practitioners: their own profile)');
      return { items: await repository.historyOf(entity, limit) };
    },
  );
};

export default auditRoutes;
