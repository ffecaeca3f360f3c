import { z } from 'zod';

/** Network walk and introduction paths. */

export const GraphNode = z.object({
  id: z.uuid(),
  label: z.string().describe('Node label: Practitioner, Agency, …'),
  name: z.string(),
  /** Sector for agencies, profession for practitioners, kind for forums/localities, domain for needs/specialisms. */
  category: z.string().nullable(),
});
export type GraphNode = z.infer<typeof GraphNode>;

export const GraphEdge = z.object({
  id: z.string(),
  type: z
    .string()
    .describe(
      'Relationship type (WORKS_FOR, SERVES, PARTICIPATED_IN, KNOWS, …), or COLLABORATED: a derived tie between two practitioners in view who share at least one collaboration',
    ),
  source: z.uuid(),
  target: z.uuid(),
  /** Derived tie strength in [0, 1] for practitioner–practitioner ties; absent otherwise. */
  strength: z.number().min(0).max(1).optional().describe('Tie strength (server/src/graph/tie-strength.ts) on COLLABORATED edges'),
  /** Earliest date the edge existed (for the time slider), YYYY-MM-DD; absent when unknown. */
  since: z
    .string()
    .nullable()
    .optional()
    .describe(
      "From when the edge existed (time slider): the relationship's since; for PARTICIPATED_IN/ADDRESSED/IN the collaboration's start; for COLLABORATED the end of the first shared collaboration; null when unknown",
    ),
});
export type GraphEdge = z.infer<typeof GraphEdge>;

export const NeighbourhoodQuery = z.object({
  depth: z.coerce.number().int().min(1).max(3).default(1),
  types: z
    .string()
    .max(300)
    .optional()
    .describe('Comma-separated node labels to include (the focus node is always included)'),
  limit: z.coerce.number().int().min(1).max(2000).default(200),
  asOf: z.iso.date().optional().describe('Show the network as it was on this date'),
});
export type NeighbourhoodQuery = z.infer<typeof NeighbourhoodQuery>;

export const NeighbourhoodResponse = z.object({
  nodes: z.array(GraphNode),
  edges: z.array(GraphEdge),
  omitted: z
    .number()
    .int()
    .nonnegative()
    .describe(
      "Estimate of the nodes left out by the limit: neighbours beyond each node's share of the budget (from its degree) plus neighbours found over the limit",
    ),
});
export type NeighbourhoodResponse = z.infer<typeof NeighbourhoodResponse>;

export const PathsQuery = z
  .object({
    from: z.uuid(),
    to: z.uuid().optional(),
    toSpecialism: z.uuid().optional(),
    locality: z.uuid().optional(),
    asOf: z.iso.date().optional(),
  })
  .refine((q) => Boolean(q.to) !== Boolean(q.toSpecialism), {
    message: 'give exactly one of to or toSpecialism',
    path: ['to'],
  });
export type PathsQuery = z.infer<typeof PathsQuery>;

export const PathHop = z.object({
  from: z.object({ id: z.uuid(), name: z.string() }),
  to: z.object({ id: z.uuid(), name: z.string() }),
  strength: z.number().min(0).max(1),
  explanation: z.string().describe('Why these two are tied, in words'),
});
export const Path = z.object({ strength: z.number().min(0).max(1), hops: z.array(PathHop) });
export const PathsResponse = z.object({
  paths: z.array(Path),
  target: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  message: z.string().optional().describe('Why no path was found, when none was'),
});
export type PathsResponse = z.infer<typeof PathsResponse>;
