import { z } from 'zod';

/**
 * The Open Referral HSDS 3.0 / ORUK 3.0 read API that Knotwork serves at /hsds, for directory front-ends built on
 * that standard. These schemas describe what Knotwork sends (for validation of requests and for OpenAPI); the
 * fields and the page envelope are the standard's.
 */
const text = z.string();
export const HsdsPhone = z.object({ id: z.string(), number: z.string() });
export const HsdsTaxonomyTerm = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  taxonomy: z.string(),
  parent_id: z.string().optional(),
});
export const HsdsAddress = z.object({ id: z.string(), address_1: text, postal_code: text, address_type: z.string() });
export const HsdsLocation = z.object({
  id: z.string(),
  name: z.string(),
  description: text,
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  email: z.string().nullable(),
  phones: z.array(HsdsPhone),
  addresses: z.array(HsdsAddress),
  accessibility: z.array(z.object({ id: z.string(), description: text })),
});
export const HsdsOrganizationBasic = z.object({
  id: z.string(),
  name: z.string(),
  description: text,
  email: z.string().nullable(),
  website: z.string().nullable(),
});
export const HsdsService = z.object({
  id: z.string(),
  name: z.string(),
  description: text,
  status: z.literal('active'),
  minimum_age: z.number().int().optional(),
  maximum_age: z.number().int().optional(),
  alternate_name: z.string().optional().describe("The source's name(s) for the service behind this offer"),
  application_process: text,
  eligibility_description: z.string().optional(),
  fees_description: z.string().optional(),
  languages: z.array(z.object({ id: z.string(), name: z.string() })),
  attributes: z.array(z.object({ taxonomy_term: HsdsTaxonomyTerm })),
  service_areas: z.array(z.object({ id: z.string(), name: z.string() })),
  service_at_locations: z.array(z.object({ id: z.string(), location: HsdsLocation })),
  organization: HsdsOrganizationBasic.optional(),
});
export const HsdsOrganization = HsdsOrganizationBasic.extend({
  phones: z.array(HsdsPhone),
  services: z.array(HsdsService),
  locations: z.array(HsdsLocation),
});
export const HsdsTaxonomy = z.object({ id: z.string(), name: z.string(), description: text, version: z.string() });

export const hsdsPage = <T extends z.ZodType>(item: T) =>
  z.object({
    total_items: z.number().int(),
    total_pages: z.number().int(),
    page_number: z.number().int(),
    size: z.number().int(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(item),
  });

export const HsdsListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).describe('1-based page number'),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
  modified_after: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Only records changed after this time (ISO 8601)'),
});
export const HsdsServiceListQuery = HsdsListQuery.extend({
  taxonomy_term_id: z
    .string()
    .max(100)
    .optional()
    .describe('Only services with this taxonomy term (a Knotwork specialism id)'),
});
export const HsdsIdParams = z.object({ id: z.string().min(1).max(100) });
