import { z } from 'zod';

/** Shapes shared by every API route. Domain-specific payloads live beside their node schemas. */

export const ErrorCode = z.enum([
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  })
  .describe('Every error the API returns has this shape');
export type ErrorBody = z.infer<typeof ErrorBody>;

export const ServiceStatus = z.enum(['up', 'down', 'degraded']);

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  version: z.string(),
  neo4j: z.enum(['up', 'down']),
  search: z.object({
    backend: z.enum(['meilisearch', 'neo4j-fulltext']),
    status: ServiceStatus,
    outboxLag: z.number().int().nonnegative().optional().describe('Search index updates not yet applied'),
  }),
  migrations: z.object({ applied: z.number().int(), latest: z.string().nullable() }).optional(),
  warmUp: z
    .enum(['running', 'done', 'off'])
    .optional()
    .describe('Whether the API has finished having Neo4j plan its graph queries after start (meanwhile the first graph requests are slower)'),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** GET /api/health/live: the process is running and its event loop answers (no dependency is checked). */
export const LivenessResponse = z.object({ status: z.literal('live'), version: z.string(), uptimeSeconds: z.number().nonnegative() });
export type LivenessResponse = z.infer<typeof LivenessResponse>;

/** GET /api/health/ready: whether this instance should be sent traffic now (200) or not (503, with the reasons). */
export const ReadinessResponse = z.object({
  status: z.enum(['ready', 'not-ready']),
  version: z.string(),
  checks: z.object({
    neo4j: z.enum(['up', 'down']),
    migrations: z
      .enum(['current', 'pending', 'unknown'])
      .describe('current: every migration this version knows is applied; pending: run `npm run cli -- migrate` (npm run serve does)'),
    warmUp: z.enum(['running', 'done', 'off']),
    draining: z.boolean().describe('true once the process has been asked to stop: it finishes what it has, takes nothing new'),
    search: ServiceStatus.describe('degraded (the Neo4j full-text fallback answers) does not make the instance unready'),
  }),
  reasons: z.array(z.string()).describe('Why it is not ready; empty when ready'),
});
export type ReadinessResponse = z.infer<typeof ReadinessResponse>;

/** Cursor pagination for list endpoints. */
export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(60).optional(),
  q: z.string().max(200).optional().describe('Filter by name (case-insensitive substring)'),
});
export type ListQuery = z.infer<typeof ListQuery>;

export const listResponse = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().nonnegative(), nextCursor: z.string().nullable() });

export const IdParams = z.object({ id: z.uuid({ message: 'must be a UUID' }) });
