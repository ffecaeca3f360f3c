import { z } from 'zod';
import { AgeRange, Email, IsoDate, IsoDateTime, NodeMeta, Phone, ProfileMeta, Url, patchOf, requiredText, text } from './common.js';
import { identifyingDetails } from './privacy.js';
import {
  Capacity,
  Domain,
  ForumKind,
  Level,
  LocalityKind,
  Outcome,
  Profession,
  Role,
  Sector,
  Visibility,
} from './vocabulary.js';

/**
 * Node schemas (DESIGN §3). For each node type:
 *   - `XxxInput`: what a client sends to create one (no id/meta);
 *   - `XxxPatch`: a partial update;
 *   - `Xxx`:      the node as the API returns it.
 */

const Languages = z.array(requiredText(60)).max(20, { message: 'at most 20 languages' });

export const Synonym = z.object({
  term: requiredText(120),
  profession: Profession.optional().describe('The profession that uses this term, if it is specific to one'),
});
export type Synonym = z.infer<typeof Synonym>;
const Synonyms = z.array(Synonym).max(50, { message: 'at most 50 synonyms' });

// Practitioner -------------------------------------------------------------
export const PractitionerInput = z.object({
  name: requiredText(120),
  profession: Profession,
  title: text(160).default(''),
  level: Level.default('operational'),
  bio: text(4000).default(''),
  languages: Languages.default(['English']),
  email: Email.nullable().default(null),
  phone: Phone.nullable().default(null),
  ageRange: AgeRange.nullable().default({ min: 0, max: 18 }).describe('Ages served; null when the source does not say'),
  capacity: Capacity.default('open'),
  limitsOfExpertise: text(2000).default('').describe('What this practitioner does not do'),
  phoneVisibility: Visibility.default('signed-in'),
  bioVisibility: Visibility.default('signed-in'),
  source: ProfileMeta.shape.source.default('manual'),
});
export type PractitionerInput = z.input<typeof PractitionerInput>;
export const PractitionerPatch = patchOf(PractitionerInput);
export const Practitioner = NodeMeta.extend(PractitionerInput.shape).extend({
  lastVerifiedAt: IsoDateTime.nullable(),
  // Hidden fields come back as null with the reason in `redacted`.
  phone: Phone.nullable(),
  bio: z.string().nullable(),
  // Read back: a record stored without ages (an import whose source gave none) says so; it is not given a default.
  ageRange: AgeRange.nullable().default(null),
  redacted: z.array(z.enum(['phone', 'bio'])).default([]),
});
export type Practitioner = z.infer<typeof Practitioner>;

// Agency -------------------------------------------------------------------
export const AgencyInput = z.object({
  name: requiredText(160),
  sector: Sector,
  description: text(4000).default(''),
  website: Url.nullable().default(null),
  phone: Phone.nullable().default(null),
  address: text(400).default(''),
  referralRoute: text(4000).default('').describe('How to refer: route, criteria and thresholds'),
  ageRange: AgeRange.nullable().default({ min: 0, max: 18 }).describe('Ages served; null when the source does not say'),
  email: Email.nullable().default(null),
  otherPhones: z
    .array(text(160))
    .max(50)
    .default([])
    .describe('Further numbers as the source gave them, each with its kind and whose it is: "650-372-6200 (fax, Main Library)"'),
  source: ProfileMeta.shape.source.default('manual'),
});
export type AgencyInput = z.input<typeof AgencyInput>;
export const AgencyPatch = patchOf(AgencyInput);
export const Agency = NodeMeta.extend(AgencyInput.shape).extend({
  lastVerifiedAt: IsoDateTime.nullable(),
  ageRange: AgeRange.nullable().default(null),
  email: Email.nullable().default(null),
  otherPhones: z.array(z.string()).default([]),
});
export type Agency = z.infer<typeof Agency>;

// Specialism ---------------------------------------------------------------
export const SpecialismInput = z.object({
  name: requiredText(160),
  domain: Domain,
  description: text(2000).default(''),
  synonyms: Synonyms.default([]),
  source: ProfileMeta.shape.source.default('manual'),
});
export type SpecialismInput = z.input<typeof SpecialismInput>;
export const SpecialismPatch = patchOf(SpecialismInput);
export const Specialism = NodeMeta.extend(SpecialismInput.shape);
export type Specialism = z.infer<typeof Specialism>;

// Need ---------------------------------------------------------------------
export const NeedInput = z.object({
  name: requiredText(160).describe('A need of a child or family in plain words, never about a named child'),
  domain: Domain,
  description: text(2000).default(''),
  synonyms: Synonyms.default([]),
  source: ProfileMeta.shape.source.default('manual'),
});
export type NeedInput = z.input<typeof NeedInput>;
export const NeedPatch = patchOf(NeedInput);
export const Need = NodeMeta.extend(NeedInput.shape);
export type Need = z.infer<typeof Need>;

// Locality -----------------------------------------------------------------
export const LocalityInput = z.object({
  name: requiredText(160),
  kind: LocalityKind,
  source: ProfileMeta.shape.source.default('manual'),
});
export type LocalityInput = z.input<typeof LocalityInput>;
export const LocalityPatch = patchOf(LocalityInput);
export const Locality = NodeMeta.extend(LocalityInput.shape);
export type Locality = z.infer<typeof Locality>;

// Location -----------------------------------------------------------------
/** A place where an agency works and offers services (HSDS location): a library branch, a clinic, a children's centre. */
export const LocationInput = z.object({
  name: requiredText(200),
  description: text(2000).default(''),
  address: text(400).default('').describe('Street address as one line'),
  postcode: text(20).default(''),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  openingTimes: text(2000).default('').describe('As the source gives them, one line per rule: "Mon 09:00–17:00"'),
  accessibility: text(2000).default('').describe('Step-free access, hearing loops, … as the source describes them'),
  phone: Phone.nullable().default(null),
  email: Email.nullable().default(null),
  source: ProfileMeta.shape.source.default('manual'),
});
export type LocationInput = z.input<typeof LocationInput>;
export const LocationPatch = patchOf(LocationInput);
export const Location = NodeMeta.extend(LocationInput.shape);
export type Location = z.infer<typeof Location>;

// Forum --------------------------------------------------------------------
export const ForumInput = z.object({
  name: requiredText(160),
  kind: ForumKind,
  cadence: text(120).default(''),
  description: text(2000).default(''),
  source: ProfileMeta.shape.source.default('manual'),
});
export type ForumInput = z.input<typeof ForumInput>;
export const ForumPatch = patchOf(ForumInput);
export const Forum = NodeMeta.extend(ForumInput.shape);
export type Forum = z.infer<typeof Forum>;

// Collaboration ------------------------------------------------------------
/** Free text about joint work, screened for details that could identify a child or family (privacy.ts). */
const CollaborationSummary = text(1000).superRefine((value, ctx) => {
  const found = identifyingDetails(value);
  if (found.length) {
    ctx.addIssue({
      code: 'custom',
      message: `must not identify anyone: remove ${found.join(', ')} and describe the work, not the person`,
    });
  }
});

/**
 * One piece of joint work around one child or family. Holds no child data: the summary is screened by
 * `identifyingDetails` and must describe the work, not the person.
 */
export const CollaborationInput = z
  .object({
    startedOn: IsoDate,
    endedOn: IsoDate.nullable().default(null),
    summary: CollaborationSummary.default(''),
    outcome: Outcome.default('ongoing'),
    source: ProfileMeta.shape.source.default('manual'),
  })
  .refine((c) => c.endedOn === null || c.endedOn >= c.startedOn, {
    message: 'endedOn must not be before startedOn',
    path: ['endedOn'],
  });
export type CollaborationInput = z.input<typeof CollaborationInput>;
export const CollaborationPatch = z.object({
  startedOn: IsoDate.optional(),
  endedOn: IsoDate.nullable().optional(),
  summary: CollaborationSummary.optional(),
  outcome: Outcome.optional(),
});
export const Collaboration = NodeMeta.extend({
  startedOn: IsoDate,
  endedOn: IsoDate.nullable(),
  summary: z.string(),
  outcome: Outcome,
  source: ProfileMeta.shape.source,
});
export type Collaboration = z.infer<typeof Collaboration>;

// User ---------------------------------------------------------------------
export const Password = z
  .string()
  .min(10, { message: 'must be at least 10 characters' })
  .max(200, { message: 'must be at most 200 characters' });
export const UserInput = z.object({
  email: Email,
  password: Password,
  role: Role,
  practitionerId: z.uuid().nullable().default(null),
});
export type UserInput = z.input<typeof UserInput>;
export const UserPatch = z.object({
  password: Password.optional(),
  role: Role.optional(),
  practitionerId: z.uuid().nullable().optional(),
});
export const User = NodeMeta.extend({
  email: Email,
  role: Role,
  practitionerId: z.uuid().nullable(),
});
export type User = z.infer<typeof User>;

// Audit --------------------------------------------------------------------
export const AuditEvent = z.object({
  id: z.uuid(),
  at: IsoDateTime,
  actorId: z.uuid().nullable(),
  actorEmail: z.string().nullable(),
  action: z.enum([
    'create', 'update', 'delete', 'verify', 'relate', 'unrelate', 'import',
    // introduction requests and collaboration confirmations (issue 16)
    'request', 'accept', 'decline', 'withdraw', 'expire', 'confirm', 'dispute',
  ]),
  entityType: z.string(),
  entityId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** Node labels with the schemas that describe them. */
export const nodeSchemas = {
  Practitioner: { input: PractitionerInput, patch: PractitionerPatch, output: Practitioner },
  Agency: { input: AgencyInput, patch: AgencyPatch, output: Agency },
  Specialism: { input: SpecialismInput, patch: SpecialismPatch, output: Specialism },
  Need: { input: NeedInput, patch: NeedPatch, output: Need },
  Locality: { input: LocalityInput, patch: LocalityPatch, output: Locality },
  Location: { input: LocationInput, patch: LocationPatch, output: Location },
  Forum: { input: ForumInput, patch: ForumPatch, output: Forum },
  Collaboration: { input: CollaborationInput, patch: CollaborationPatch, output: Collaboration },
} as const;
export type DirectoryLabel = keyof typeof nodeSchemas;
export const DirectoryLabel = z.enum(Object.keys(nodeSchemas) as [DirectoryLabel, ...DirectoryLabel[]]);

/** Labels searched by the search engine. */
export const SearchableLabel = z.enum(['Practitioner', 'Agency', 'Specialism', 'Need', 'Forum']);
export type SearchableLabel = z.infer<typeof SearchableLabel>;
