import {
  DirectoryLabel,
  ErrorBody,
  IdParams,
  ImportJob,
  ImportRequest,
  RelationshipType,
  type Role,
} from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { requireUser } from '../../plugins/app/auth.js';
import { csvText, graphDocument, toGraphml } from './export.js';
import { ImportJobs } from './transfer.service.js';

const COORDINATORS: Role[] = ['coordinator', 'admin'];
/** Files that hold collaboration or trail data: coordinators and admins only. */
const RESTRICTED = new Set(['Collaboration', 'PARTICIPATED_IN', 'ADDRESSED', 'IN', 'KNOWS']);

const CsvParams = z.object({ file: z.union([DirectoryLabel, RelationshipType]).describe('A node label (Practitioner) or relationship type (WORKS_FOR)') });
const GraphQuery = z.object({
  format: z.enum(['json', 'graphml']).default('json'),
  around: z.uuid().optional().describe('Only the neighbourhood of this node'),
  depth: z.coerce.number().int().min(1).max(3).default(1),
  cap: z.coerce.number().int().min(1).max(20_000).default(2_000),
  source: z.string().max(80).optional().describe('Only nodes with this source (e.g. seed, import:partner)'),
});

const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  const jobs = new ImportJobs(app.db);

  app.post(
    '/api/imports',
    {
      bodyLimit: 25 * 1024 * 1024,
      config: { access: COORDINATORS },
      schema: {
        operationId: 'startImport',
        tags: ['transfer'],
        summary: 'Import a partner directory (Knotwork CSV, Open Referral HSDS 1.x CSV, Open Referral UK / HSDS 3 JSON); returns a job',
        body: ImportRequest,
        response: { 202: ImportJob, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const job = jobs.start({ ...request.body, actor: { id: user.id, email: user.email } });
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/api/imports/:id',
    {
      config: { access: COORDINATORS },
      schema: {
        operationId: 'getImport',
        tags: ['transfer'],
        summary: 'Progress and report of an import job (report lists every rejected record and unmapped field)',
        params: IdParams,
        response: { 200: ImportJob, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const job = jobs.get(request.params.id);
      if (!job) throw new NotFoundError('Import job', request.params.id);
      return job;
    },
  );

  app.get(
    '/api/exports/csv/:file',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'exportCsv',
        tags: ['transfer'],
        summary: 'One file of the Knotwork CSV layout (see README "Data import and export")',
        params: CsvParams,
        querystring: z.object({ source: z.string().max(80).optional() }),
        response: { 200: z.string(), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const coordinator = COORDINATORS.includes(user.role);
      if (RESTRICTED.has(request.params.file) && !coordinator) throw new ForbiddenError('Collaboration data can be exported by coordinators and admins only');
      const text = await csvText(app.db, request.params.file, {
        sources: request.query.source ? [request.query.source] : null,
        redactForViewer: !coordinator,
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.file}.csv"`)
        .send(text);
    },
  );

  app.get(
    '/api/exports/graph',
    {
      config: { access: COORDINATORS },
      schema: {
        operationId: 'exportGraph',
        tags: ['transfer'],
        summary: 'The whole graph, or the neighbourhood of one node, as JSON or GraphML',
        querystring: GraphQuery,
        response: {
          200: z.union([z.string(), z.object({ nodes: z.array(z.any()), relationships: z.array(z.any()) })]),
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const doc = await graphDocument(app.db, {
        ...(q.around ? { around: q.around } : {}),
        depth: q.depth,
        cap: q.cap,
        sources: q.source ? [q.source] : null,
      });
      if (!doc) throw new NotFoundError('Node', q.around);
      if (q.format === 'graphml') {
        return reply
          .header('content-type', 'application/graphml+xml; charset=utf-8')
          .header('content-disposition', 'attachment; filename="knotwork.graphml"')
          .send(toGraphml(doc));
      }
      return doc;
    },
  );
};

export default transferRoutes;
