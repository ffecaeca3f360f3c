import { CollaborationListQuery, type SessionUser } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ForbiddenError } from '../../lib/errors.js';
import { NOT_LINKED_MESSAGE } from '../../lib/linked-practitioner.js';
import { enqueueSearchSync } from '../../search/outbox.repository.js';
import { writeAuditEvents } from '../audit/audit.repository.js';
import { registerNodeRoutes } from '../directory/node.routes.js';
import { createNodeRepository } from '../directory/node.repository.js';
import { createNodeService } from '../directory/node.service.js';
import { validationError } from '../directory/validation.js';
import workedTogetherRoutes from './worked-together.routes.js';

const writers = ['practitioner', 'coordinator', 'admin'] as const;

/**
 * /api/collaborations: coordinators and admins change any; a practitioner records joint work they take part in
 * (creating a collaboration makes them its first participant) and changes or deletes only collaborations they
 * participated in. Collaborations hold no child data.
 */
const collaborationRoutes: FastifyPluginAsyncZod = async (app) => {
  const repository = createNodeRepository(app.db);
  await app.register(workedTogetherRoutes);

  async function assertParticipant(user: SessionUser, collaborationId: string) {
    if (user.role === 'coordinator' || user.role === 'admin') return;
    if (user.role === 'practitioner' && user.practitionerId) {
      if (await repository.participates(user.practitionerId, collaborationId)) return;
      // An unknown id must still answer 404, not 403.
      if (!(await repository.get('Collaboration', collaborationId))) return;
    }
    throw new ForbiddenError('Practitioners may change only collaborations they took part in');
  }

  registerNodeRoutes(app, {
    label: 'Collaboration',
    basePath: '/api/collaborations',
    tag: 'collaborations',
    one: 'Collaboration',
    many: 'Collaborations',
    service: createNodeService({ db: app.db, repository }),
    listQuery: CollaborationListQuery,
    listSpec: {
      propertyFilters: ['outcome'],
      relationFilters: {
        practitioner: { type: 'PARTICIPATED_IN', dir: 'in' },
        need: { type: 'ADDRESSED', dir: 'out' },
        locality: { type: 'IN', dir: 'out' },
      },
    },
    access: { create: writers, update: writers, delete: writers },
    authorize: {
      create: (user) => {
        if (user.role === 'practitioner' && !user.practitionerId) {
          throw new ForbiddenError(NOT_LINKED_MESSAGE);
        }
      },
      update: assertParticipant,
      delete: assertParticipant,
    },
    afterCreate: (user) =>
      user.role === 'practitioner' && user.practitionerId
        ? async (tx, node) => {
            const practitionerId = user.practitionerId!;
            await repository.addParticipant(tx, practitionerId, node.id);
            const relationship = { type: 'PARTICIPATED_IN', from: practitionerId, to: node.id, properties: {} };
            await writeAuditEvents(tx, user, [
              { action: 'relate', entityType: 'Practitioner', entityId: practitionerId, before: null, after: { relationship } },
              { action: 'relate', entityType: 'Collaboration', entityId: node.id, before: null, after: { relationship } },
            ]);
            await enqueueSearchSync(tx, [practitionerId]);
          }
        : undefined,
    checkUpdate: (merged) => {
      const { startedOn, endedOn } = merged as unknown as { startedOn: string; endedOn: string | null };
      if (endedOn !== null && endedOn !== undefined && endedOn < startedOn) {
        throw validationError([{ field: 'body.endedOn', message: 'endedOn must not be before startedOn' }]);
      }
    },
  });
};

export default collaborationRoutes;
