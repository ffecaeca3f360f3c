import { z } from 'zod';
import { AgeParam } from '../common.js';
import { SearchableLabel } from '../nodes.js';
import { Capacity, Profession, Sector } from '../vocabulary.js';

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(500)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(20));

export const SearchQuery = z.object({
  q: z.string().max(200, { message: 'must be at most 200 characters' }).default(''),
  types: csv(SearchableLabel).optional().describe('Comma-separated: Practitioner,Agency,Specialism,Need,Forum'),
  locality: z
    .uuid()
    .optional()
    .describe('Locality id: results serving it, a locality nested within it, or an area it lies within'),
  age: AgeParam.optional()
    .describe('Age of the child in years; matches served age ranges'),
  sector: csv(Sector).optional(),
  profession: csv(Profession).optional(),
  language: z.string().max(60).optional(),
  capacity: csv(Capacity).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  ignore: csv(z.string().max(80))
    .optional()
    .describe('Comma-separated codes of understood needs, specialisms or age bands the user removed'),
  literal: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: search the words as typed, without the situation layer'),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchHit = z.object({
  type: SearchableLabel,
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  /** Fields with matched words wrapped in <mark>…</mark>; already HTML-escaped apart from the marks. */
  highlights: z.record(z.string(), z.string()),
  profession: z.string().optional(),
  sector: z.string().optional(),
  domain: z.string().optional(),
  specialisms: z.array(z.string()).optional(),
  agencyName: z.string().nullable().optional(),
  localities: z.array(z.string()).optional(),
  capacity: Capacity.optional(),
  lastVerifiedAt: z.string().nullable().optional(),
  stale: z.boolean().optional(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResponse = z.object({
  hits: z.array(SearchHit),
  facets: z.record(z.string(), z.record(z.string(), z.number().int())),
  total: z.number().int().nonnegative(),
  degraded: z.boolean().describe('True when Meilisearch is unreachable and Neo4j full-text answered'),
  backend: z.enum(['meilisearch', 'neo4j-fulltext']),
  processingTimeMs: z.number().nonnegative().optional(),
  understood: z
    .object({
      needs: z.array(z.object({ code: z.string(), label: z.string() })),
      specialisms: z.array(z.object({ code: z.string(), label: z.string() })),
      age: z.object({ code: z.string(), label: z.string(), min: z.number().int(), max: z.number().int() }).nullable(),
      searchedFor: z.string(),
    })
    .optional()
    .describe('What the situation layer understood in q ("Searching for: …"); absent when q was searched as typed'),
});
export type SearchResponse = z.infer<typeof SearchResponse>;
