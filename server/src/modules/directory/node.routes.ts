import {
  DeleteQuery,
  ErrorBody,
  IdParams,
  Links,
  listResponse,
  nodeSchemas,
  type DirectoryLabel,
  type Role,
  type SessionUser,
} from '@knotwork/graph-schema';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { requireUser } from '../../plugins/app/auth.js';
import type { NodeRecord } from './node.repository.js';
import type { ListSpec, NodeService } from './node.service.js';

/**
 * Registers the five CRUD routes of one node type under `basePath`, with per-domain tags and operationIds
 * (listPractitioners, getPractitioner, createPractitioner, updatePractitioner, deletePractitioner).
 * Per-entity modules pass what is special: detail view, redaction, ownership rules.
 */
export interface NodeRoutesOptions {
  label: DirectoryLabel;
  basePath: string;
  tag: string;
  /** Singular and plural names for operationIds and summaries, e.g. Practitioner / Practitioners. */
  one: string;
  many: string;
  service: NodeService;
  listQuery: z.ZodObject;
  listSpec: ListSpec;
  /** Item schema of lists and write responses (default: the graph-schema output schema). */
  output?: z.ZodObject;
  /** The GET /:id view (default: the node plus its direct relationships as `links`). */
  detail?: { schema: z.ZodType; load: (id: string, user: SessionUser) => Promise<unknown> };
  /** Roles allowed to create/update/delete at route level (finer checks go in `authorize`). */
  access: { create: readonly Role[]; update: readonly Role[]; delete: readonly Role[] };
  /** Shapes a node for the viewer (e.g. hides a practitioner's phone). */
  present?: (node: NodeRecord, user: SessionUser) => unknown;
  authorize?: {
    create?: (user: SessionUser, body: Record<string, unknown>) => void | Promise<void>;
    update?: (user: SessionUser, id: string) => void | Promise<void>;
    delete?: (user: SessionUser, id: string) => void | Promise<void>;
  };
  /** Extra writes in the create transaction (e.g. the creator takes part in a new collaboration). */
  afterCreate?: (user: SessionUser) => ((tx: ManagedTransaction, node: NodeRecord) => Promise<void>) | undefined;
  /** Checks the merged node of an update (cross-field rules). */
  checkUpdate?: (merged: NodeRecord) => void;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function registerNodeRoutes(instance: FastifyInstance, o: NodeRoutesOptions): void {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const schemas = nodeSchemas[o.label];
  const patch = schemas.patch as unknown as z.ZodObject;
  const output = o.output ?? (schemas.output as unknown as z.ZodObject);
  const present = (node: NodeRecord, user: SessionUser) => (o.present ? o.present(node, user) : node);
  const detail =
    o.detail ??
    ({
      schema: output.extend({ links: Links }),
      load: async (id: string, user: SessionUser) => {
        const node = await o.service.get(o.label, id);
        const links = await o.service.links(o.label, id);
        return { ...(present(node, user) as object), links };
      },
    } as const);

  app.get(
    o.basePath,
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: `list${o.many}`,
        tags: [o.tag],
        summary: `List ${o.many.toLowerCase()} (cursor pagination, sort, filters)`,
        querystring: o.listQuery,
        response: { 200: listResponse(output), 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const page = await o.service.list(o.label, request.query as Record<string, unknown>, o.listSpec);
      return { ...page, items: page.items.map((n) => present(n, user)) } as never;
    },
  );

  app.get(
    `${o.basePath}/:id`,
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: `get${o.one}`,
        tags: [o.tag],
        summary: `One ${o.one.toLowerCase()} with its direct relationships`,
        params: IdParams,
        response: { 200: detail.schema, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => (await detail.load(request.params.id, requireUser(request))) as never,
  );

  app.post(
    o.basePath,
    {
      config: { access: o.access.create },
      schema: {
        operationId: `create${o.one}`,
        tags: [o.tag],
        summary: `Create a ${o.one.toLowerCase()}`,
        body: schemas.input,
        response: { 201: output, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body as Record<string, unknown>;
      await o.authorize?.create?.(user, body);
      const node = await o.service.create(user, o.label, body, { afterCreate: o.afterCreate?.(user) });
      return reply.status(201).send(present(node, user) as never);
    },
  );

  app.patch(
    `${o.basePath}/:id`,
    {
      config: { access: o.access.update },
      schema: {
        operationId: `update${o.one}`,
        tags: [o.tag],
        summary: `Change some fields of a ${o.one.toLowerCase()}`,
        params: IdParams,
        body: patch,
        response: { 200: output, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await o.authorize?.update?.(user, request.params.id);
      const node = await o.service.update(user, o.label, request.params.id, request.body as Record<string, unknown>, {
        check: o.checkUpdate,
      });
      return present(node, user) as never;
    },
  );

  app.delete(
    `${o.basePath}/:id`,
    {
      config: { access: o.access.delete },
      schema: {
        operationId: `delete${o.one}`,
        tags: [o.tag],
        summary: `Delete a ${o.one.toLowerCase()}; refused with 409 while it has relationships unless ?cascade=true`,
        params: IdParams,
        querystring: DeleteQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await o.authorize?.delete?.(user, request.params.id);
      await o.service.remove(user, o.label, request.params.id, request.query.cascade === 'true');
      return reply.status(204).send(null);
    },
  );
}
