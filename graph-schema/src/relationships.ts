import { z } from 'zod';
import { IsoDate, requiredText, ServedAge, text } from './common.js';
import type { DirectoryLabel } from './nodes.js';
import { KnowsSource, SpecialismLevel } from './vocabulary.js';

/**
 * Relationship types of DESIGN §3: which labels they join and which properties they carry.
 * `path` is the URL segment the API uses for the relationship (e.g. /api/relationships/works-for).
 */
const Empty = z.object({});
const Since = z.object({ since: IsoDate.optional() });

/**
 * What the source says about the service(s) behind an agency's offer, kept as given (HSDS service fields). Ages
 * are stored flat because Neo4j relationship properties hold scalars only; an offer for adults is still an offer.
 */
export const OfferTerms = z.object({
  service: text(400).optional().describe("The source's name(s) for the service(s) behind this offer"),
  eligibility: text(2000).optional().describe('Who can use it, as the source words it'),
  fees: text(1000).optional().describe('What it costs, as the source words it'),
  audience: text(1000).optional().describe('Who it is for (HSDS audience, ORUK pc_targetAudience)'),
  languages: z.array(requiredText(60)).max(40).optional(),
  ageMin: ServedAge.optional().describe('Youngest age served, in years, when the source says'),
  ageMax: ServedAge.optional().describe('Oldest age served (120 means "and older"), when the source says'),
});
export type OfferTerms = z.infer<typeof OfferTerms>;

export const relationshipTypes = {
  WORKS_FOR: {
    path: 'works-for',
    from: ['Practitioner'],
    to: ['Agency'],
    props: z.object({ role: text(160).optional(), since: IsoDate.optional() }),
  },
  PART_OF: { path: 'part-of', from: ['Agency'], to: ['Agency'], props: Empty },
  HAS_SPECIALISM: {
    path: 'has-specialism',
    from: ['Practitioner'],
    to: ['Specialism'],
    props: z.object({ level: SpecialismLevel.default('practitioner'), since: IsoDate.optional() }),
  },
  OFFERS: { path: 'offers', from: ['Agency'], to: ['Specialism'], props: OfferTerms },
  HAS_LOCATION: { path: 'locations', from: ['Agency'], to: ['Location'], props: Empty },
  /** At this location, the agency that has it offers this specialism (HSDS service_at_location). */
  PROVIDES: { path: 'provides', from: ['Location'], to: ['Specialism'], props: Empty },
  BROADER: { path: 'broader', from: ['Specialism'], to: ['Specialism'], props: Empty },
  ADDRESSED_BY: {
    path: 'addressed-by',
    from: ['Need'],
    to: ['Specialism'],
    props: z.object({ strength: z.number().min(0).max(1).default(1) }),
  },
  SERVES: { path: 'serves', from: ['Practitioner', 'Agency'], to: ['Locality'], props: Empty },
  MEETS_IN: { path: 'meets-in', from: ['Forum'], to: ['Locality'], props: Empty },
  WITHIN: { path: 'within', from: ['Locality'], to: ['Locality'], props: Empty },
  ATTENDS: { path: 'attends', from: ['Practitioner'], to: ['Forum'], props: Since },
  CONVENES: { path: 'convenes', from: ['Agency'], to: ['Forum'], props: Empty },
  PARTICIPATED_IN: {
    path: 'participated-in',
    from: ['Practitioner'],
    to: ['Collaboration'],
    props: z.object({ role: text(160).optional() }),
  },
  ADDRESSED: { path: 'addressed', from: ['Collaboration'], to: ['Need'], props: Empty },
  IN: { path: 'in', from: ['Collaboration'], to: ['Locality'], props: Empty },
  KNOWS: {
    path: 'knows',
    from: ['Practitioner'],
    to: ['Practitioner'],
    props: z.object({ since: IsoDate.optional(), source: KnowsSource.default('met') }),
  },
} as const satisfies Record<
  string,
  { path: string; from: readonly DirectoryLabel[]; to: readonly DirectoryLabel[]; props: z.ZodObject }
>;

export type RelationshipType = keyof typeof relationshipTypes;
export const RelationshipType = z.enum(Object.keys(relationshipTypes) as [RelationshipType, ...RelationshipType[]]);

/** A relationship as the API accepts it: endpoints by id plus the type's properties. */
export const RelationshipInput = z.object({
  from: z.uuid(),
  to: z.uuid(),
  properties: z.record(z.string(), z.unknown()).default({}),
});

export const Relationship = z.object({
  type: RelationshipType,
  from: z.uuid(),
  to: z.uuid(),
  properties: z.record(z.string(), z.unknown()),
});
export type Relationship = z.infer<typeof Relationship>;

export function relationshipTypeByPath(path: string): RelationshipType | undefined {
  return (Object.keys(relationshipTypes) as RelationshipType[]).find((t) => relationshipTypes[t].path === path);
}
