import { ErrorBody, StaleQuery, StaleResponse } from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decodeCursor, encodeCursor } from '../directory/node.service.js';
import { createStaleRepository } from './stale.repository.js';

const DAY_MS = 24 * 3600 * 1000;

/** GET /api/stale?olderThanDays=180 — practitioner and agency profiles that need checking. */
const staleRoutes: FastifyPluginAsyncZod = async (app) => {
  const repository = createStaleRepository(app.db);

  app.get(
    '/api/stale',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'listStale',
        tags: ['freshness'],
        summary: 'Profiles not verified for more than olderThanDays days (never verified first)',
        querystring: StaleQuery,
        response: { 200: StaleResponse, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => {
      const { olderThanDays, type, limit, cursor } = request.query;
      const now = Date.now();
      const sort = `stale:${olderThanDays}:${type ?? 'all'}`;
      const page = await repository.list({
        before: new Date(now - olderThanDays * DAY_MS).toISOString(),
        labels: type ? [type] : ['Practitioner', 'Agency'],
        after: cursor ? decodeCursor(cursor, sort) : null,
        limit,
      });
      const items = page.rows.slice(0, limit).map((r) => ({
        ...r,
        daysSinceVerified: r.lastVerifiedAt ? Math.floor((now - Date.parse(r.lastVerifiedAt)) / DAY_MS) : null,
      }));
      const last = items.length - 1;
      const nextCursor = page.rows.length > limit && last >= 0 ? encodeCursor(sort, page.sortValues[last]!, items[last]!.id) : null;
      return { items, total: page.total, nextCursor };
    },
  );
};

export default staleRoutes;
