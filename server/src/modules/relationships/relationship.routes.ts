import {
  ErrorBody,
  Relationship,
  RelationshipEndpoints,
  RelationshipInput,
  RelationshipList,
  RelationshipListQuery,
  RelationshipParams,
  relationshipTypeByPath,
  relationshipTypes,
  type RelationshipType,
} from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../plugins/app/auth.js';
import { createRelationshipRepository } from './relationship.repository.js';
import { createRelationshipService } from './relationship.service.js';

const typeList = Object.entries(relationshipTypes)
  .map(([t, d]) => `${d.path} = (${d.from.join('|')})-[:${t}]->(${d.to.join('|')})`)
  .join('; ');

/**
 * One scheme for every relationship type of DESIGN §3, addressed by its URL segment:
 *   GET    /api/relationships/:type?from=&to=   list
 *   PUT    /api/relationships/:type             {from, to, properties} create or replace (idempotent)
 *   DELETE /api/relationships/:type?from=&to=   remove
 */
const relationshipRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createRelationshipService({ db: app.db, repository: createRelationshipRepository(app.db) });
  const typeOf = (path: string) => relationshipTypeByPath(path) as RelationshipType;
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

  app.get(
    '/api/relationships/:type',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'listRelationships',
        tags: ['relationships'],
        summary: 'Relationships of one type, optionally from and/or to a node',
        description: `Types: ${typeList}`,
        params: RelationshipParams,
        querystring: RelationshipListQuery,
        response: { 200: RelationshipList, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => {
      const { from, to, limit } = request.query;
      return { items: await service.list(typeOf(request.params.type), { from, to, limit }) };
    },
  );

  app.put(
    '/api/relationships/:type',
    {
      config: { access: ['practitioner', 'coordinator', 'admin'] },
      schema: {
        operationId: 'putRelationship',
        tags: ['relationships'],
        summary: 'Create a relationship, or replace its properties',
        description:
          `Types: ${typeList}. Properties per type: works-for {role?, since?}, has-specialism {level, since?}, ` +
          `addressed-by {strength 0..1}, attends {since?}, participated-in {role?}, knows {since?, source}; others none. ` +
          'Practitioners may change only relationships of their own profile and of collaborations they took part in.',
        params: RelationshipParams,
        body: RelationshipInput,
        response: { 200: Relationship, ...errors },
      },
    },
    async (request) => service.put(requireUser(request), typeOf(request.params.type), request.body),
  );

  app.delete(
    '/api/relationships/:type',
    {
      config: { access: ['practitioner', 'coordinator', 'admin'] },
      schema: {
        operationId: 'deleteRelationship',
        tags: ['relationships'],
        summary: 'Remove a relationship',
        params: RelationshipParams,
        querystring: RelationshipEndpoints,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.remove(requireUser(request), typeOf(request.params.type), request.query.from, request.query.to);
      return reply.status(204).send(null);
    },
  );
};

export default relationshipRoutes;
