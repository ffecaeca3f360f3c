import { z } from 'zod';
import { ListQuery } from '../api.js';
import { IsoDateTime } from '../common.js';
import { Agency, AuditEvent, DirectoryLabel, Practitioner, User } from '../nodes.js';
import { RelationshipType, relationshipTypes } from '../relationships.js';
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
  SpecialismLevel,
} from '../vocabulary.js';

/**
 * Payloads of the directory API (issue 4): lists, detail views with direct relationships, relationships,
 * users, audit, freshness.
 */

// Lists ----------------------------------------------------------------------------------------------------
const uuidFilter = (what: string) => z.uuid({ message: 'must be a UUID' }).optional().describe(what);

/** `sort` is a field name, optionally prefixed with `-` for descending order. */
const sortOf = <const T extends readonly [string, ...string[]]>(fields: T, byDefault: string) =>
  z
    .enum([...fields, ...fields.map((f) => `-${f}`)] as [string, ...string[]], {
      message: `must be one of ${fields.join(', ')} (prefix - for descending)`,
    })
    .default(byDefault)
    .describe(`Sort field (${fields.join(', ')}); prefix with - for descending`);

const BaseList = ListQuery.omit({ sort: true });
const named = ['name', 'createdAt', 'updatedAt'] as const;

export const PractitionerListQuery = BaseList.extend({
  sort: sortOf([...named, 'lastVerifiedAt'], 'name'),
  profession: Profession.optional(),
  level: Level.optional(),
  capacity: Capacity.optional(),
  agency: uuidFilter('Only practitioners who work for this agency'),
  specialism: uuidFilter('Only practitioners with this specialism'),
  locality: uuidFilter('Only practitioners who serve this locality (directly)'),
  forum: uuidFilter('Only practitioners who attend this forum'),
});
export const AgencyListQuery = BaseList.extend({
  sort: sortOf([...named, 'lastVerifiedAt'], 'name'),
  sector: Sector.optional(),
  locality: uuidFilter('Only agencies that serve this locality (directly)'),
  offers: uuidFilter('Only agencies that offer this specialism'),
  partOf: uuidFilter('Only teams within this agency'),
});
export const SpecialismListQuery = BaseList.extend({
  sort: sortOf(named, 'name'),
  domain: Domain.optional(),
  broader: uuidFilter('Only specialisms directly narrower than this one'),
});
export const NeedListQuery = BaseList.extend({
  sort: sortOf(named, 'name'),
  domain: Domain.optional(),
  specialism: uuidFilter('Only needs addressed by this specialism'),
});
export const LocalityListQuery = BaseList.extend({
  sort: sortOf(named, 'name'),
  kind: LocalityKind.optional(),
  within: uuidFilter('Only localities directly within this one'),
});
export const LocationListQuery = BaseList.extend({
  sort: sortOf(named, 'name'),
  agency: uuidFilter('Only locations of this agency'),
});
export const ForumListQuery = BaseList.extend({
  sort: sortOf(named, 'name'),
  kind: ForumKind.optional(),
  locality: uuidFilter('Only forums that meet in this locality'),
  convenor: uuidFilter('Only forums convened by this agency'),
});
export const CollaborationListQuery = BaseList.extend({
  sort: sortOf(['startedOn', 'createdAt', 'updatedAt'], '-startedOn'),
  q: z.string().max(200).optional().describe('Filter by summary (case-insensitive substring)'),
  outcome: Outcome.optional(),
  practitioner: uuidFilter('Only collaborations this practitioner took part in'),
  need: uuidFilter('Only collaborations that addressed this need'),
  locality: uuidFilter('Only collaborations in this locality'),
});

export const DeleteQuery = z.object({
  cascade: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .optional()
    .describe('Also remove the relationships (and collaborations left without participants) instead of refusing'),
});

// Detail views ----------------------------------------------------------------------------------------------
export const NodeRef = z.object({ id: z.uuid(), label: DirectoryLabel, name: z.string() });
export type NodeRef = z.infer<typeof NodeRef>;

/** One direct relationship of a node, seen from that node. */
export const NodeLink = z.object({
  type: RelationshipType,
  direction: z.enum(['out', 'in']).describe('out: this node is the start of the relationship'),
  node: NodeRef,
  properties: z.record(z.string(), z.unknown()),
});
export type NodeLink = z.infer<typeof NodeLink>;
export const Links = z.array(NodeLink).describe('Direct relationships (at most 500)');

export const PractitionerDetail = Practitioner.extend({
  links: Links,
  agencies: z.array(
    z.object({ id: z.uuid(), name: z.string(), sector: z.string().nullable(), role: z.string().nullable(), since: z.string().nullable() }),
  ),
  specialisms: z.array(z.object({ id: z.uuid(), name: z.string(), domain: z.string().nullable(), level: SpecialismLevel.nullable() })),
  forums: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string().nullable() })),
  localities: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string().nullable() })),
  recentCollaborators: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        profession: z.string().nullable(),
        collaborations: z.number().int(),
        lastStartedOn: z.string().nullable(),
      }),
    )
    .describe('Up to 10 practitioners with whom this one shared collaborations, most recent first'),
});
export type PractitionerDetail = z.infer<typeof PractitionerDetail>;

export const AgencyDetail = Agency.extend({
  links: Links,
  staffCount: z.number().int().nonnegative(),
  offers: z.array(z.object({ id: z.uuid(), name: z.string(), domain: z.string().nullable() })),
  partOf: z.array(NodeRef),
  teams: z.array(NodeRef),
  convenes: z.array(NodeRef),
  localities: z.array(NodeRef),
  locations: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        address: z.string(),
        postcode: z.string(),
        openingTimes: z.string(),
        accessibility: z.string(),
        phone: z.string().nullable(),
        provides: z.array(z.string()).describe('Names of the specialisms offered at this location'),
      }),
    )
    .default([])
    .describe('Where the agency works from, with the services offered at each place'),
});
export type AgencyDetail = z.infer<typeof AgencyDetail>;

// Relationships -----------------------------------------------------------------------------------------------
const relationshipPaths = Object.values(relationshipTypes).map((t) => t.path) as [string, ...string[]];
export const RelationshipPath = z
  .enum(relationshipPaths, { message: `must be one of ${relationshipPaths.join(', ')}` })
  .describe('Relationship type as a URL segment, e.g. has-specialism for HAS_SPECIALISM');
export const RelationshipParams = z.object({ type: RelationshipPath });
export const RelationshipEndpoints = z.object({
  from: z.uuid({ message: 'must be a UUID' }),
  to: z.uuid({ message: 'must be a UUID' }),
});
export const RelationshipListQuery = z.object({
  from: uuidFilter('Start node'),
  to: uuidFilter('End node'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const RelationshipList = z.object({
  items: z.array(
    z.object({
      type: RelationshipType,
      from: NodeRef,
      to: NodeRef,
      properties: z.record(z.string(), z.unknown()),
    }),
  ),
});

// Users -------------------------------------------------------------------------------------------------------
export const UserView = User.extend({
  practitionerName: z.string().nullable(),
  lastLoginAt: IsoDateTime.nullable(),
});
export type UserView = z.infer<typeof UserView>;
export const UserListQuery = BaseList.extend({
  sort: sortOf(['email', 'createdAt', 'updatedAt'], 'email'),
  q: z.string().max(200).optional().describe('Filter by email (case-insensitive substring)'),
  role: Role.optional(),
});

// Audit -------------------------------------------------------------------------------------------------------
export const AuditQuery = z.object({
  entity: z.uuid({ message: 'must be a UUID' }).describe('Id of the node whose history to show'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const AuditResponse = z.object({ items: z.array(AuditEvent) });

// Freshness ---------------------------------------------------------------------------------------------------
export const StaleQuery = z.object({
  olderThanDays: z.coerce.number().int().min(0).max(3650).default(180),
  type: z.enum(['Practitioner', 'Agency']).optional().describe('Only this kind of profile'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});
export const StaleItem = z.object({
  id: z.uuid(),
  label: z.enum(['Practitioner', 'Agency']),
  name: z.string(),
  lastVerifiedAt: IsoDateTime.nullable().describe('null: never verified'),
  updatedAt: IsoDateTime.nullable(),
  daysSinceVerified: z.number().int().nullable(),
});
export const StaleResponse = z.object({
  items: z.array(StaleItem),
  total: z.number().int().nonnegative(),
  nextCursor: z.string().nullable(),
});
