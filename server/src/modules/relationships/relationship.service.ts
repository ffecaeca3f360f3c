import {
  relationshipTypes,
  type DirectoryLabel,
  type RelationshipType,
  type SessionUser,
} from '@knotwork/graph-schema';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { enqueueSyncScopes } from '../../search/outbox.repository.js';
import { relationshipSyncScope } from '../../search/sync-scope.js';
import { writeAuditEvent } from '../audit/audit.repository.js';
import { parseOrThrow, validationError } from '../directory/validation.js';
import type { Endpoint, RelationshipRepository } from './relationship.repository.js';

/** Relationship types that form hierarchies: no self-loops, no cycles. */
const hierarchical = new Set<RelationshipType>(['PART_OF', 'BROADER', 'WITHIN']);
const noSelfLoop = new Set<RelationshipType>(['PART_OF', 'BROADER', 'WITHIN', 'KNOWS']);

/** Relationships a practitioner may change when `from` is their own profile. */
const ownProfile = new Set<RelationshipType>(['HAS_SPECIALISM', 'ATTENDS', 'WORKS_FOR', 'SERVES', 'KNOWS', 'PARTICIPATED_IN']);
/** Relationships from a collaboration, which its participants may change. */
const fromCollaboration = new Set<RelationshipType>(['ADDRESSED', 'IN']);

export interface RelationshipView {
  type: RelationshipType;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

export function createRelationshipService(deps: { db: Db; repository: RelationshipRepository }) {
  const { db, repository } = deps;

  async function resolve(tx: ManagedTransaction, type: RelationshipType, from: string, to: string): Promise<[Endpoint, Endpoint]> {
    const def = relationshipTypes[type];
    const ends: Endpoint[] = [];
    for (const [field, id, labels] of [
      ['from', from, def.from],
      ['to', to, def.to],
    ] as const) {
      const label = await repository.labelOf(tx, id, labels as readonly DirectoryLabel[]);
      if (!label) {
        const actual = await repository.anyLabelOf(tx, id);
        if (actual) {
          throw validationError([
            { field: `body.${field}`, message: `is a ${actual}, but ${def.path} needs ${labels.join(' or ')}` },
          ]);
        }
        throw new NotFoundError(labels.join(' or '), id);
      }
      ends.push({ id, label });
    }
    return [ends[0]!, ends[1]!];
  }

  /**
   * Coordinators and admins change any relationship. A practitioner changes relationships of their own profile
   * (specialisms, forums attended, agency, localities served, whom they know — either end — and their own
   * participation), and, for collaborations they took part in, who else took part, what needs it addressed and
   * where it was. Everyone else: 403.
   */
  async function authorize(tx: ManagedTransaction, user: SessionUser, type: RelationshipType, from: string, to: string) {
    if (user.role === 'coordinator' || user.role === 'admin') return;
    const me = user.role === 'practitioner' ? user.practitionerId : null;
    if (me) {
      if (ownProfile.has(type) && from === me) return;
      if (type === 'KNOWS' && to === me) return;
      if (type === 'PARTICIPATED_IN' && (await repository.participates(tx, me, to))) return;
      if (fromCollaboration.has(type) && (await repository.participates(tx, me, from))) return;
      throw new ForbiddenError('Practitioners may change only the relationships of their own profile and collaborations');
    }
    throw new ForbiddenError('Your role does not allow changes');
  }

  async function record(
    tx: ManagedTransaction,
    user: SessionUser,
    action: 'relate' | 'unrelate',
    type: RelationshipType,
    ends: [Endpoint, Endpoint],
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ) {
    const describe = (props: Record<string, unknown> | null) =>
      props === null ? null : { relationship: { type, from: ends[0].id, to: ends[1].id, properties: props } };
    for (const end of ends) {
      await writeAuditEvent(tx, {
        actor: user,
        action,
        entityType: end.label,
        entityId: end.id,
        before: describe(before),
        after: describe(after),
      });
    }
    await enqueueSyncScopes(tx, [relationshipSyncScope(type, ends[0], ends[1])]);
  }

  return {
    list: (type: RelationshipType, filter: { from?: string; to?: string; limit: number }) => repository.list(type, filter),

    /** Creates the relationship or replaces its properties; idempotent. */
    async put(user: SessionUser, type: RelationshipType, input: { from: string; to: string; properties: unknown }): Promise<RelationshipView> {
      const def = relationshipTypes[type];
      const properties = parseOrThrow(def.props.strict(), input.properties ?? {}, 'body.properties') as Record<string, unknown>;
      if (noSelfLoop.has(type) && input.from === input.to) {
        throw validationError([{ field: 'body.to', message: `must differ from body.from: a node cannot ${def.path} itself` }]);
      }
      return db.write(async (tx) => {
        const ends = await resolve(tx, type, input.from, input.to);
        await authorize(tx, user, type, input.from, input.to);
        if (hierarchical.has(type) && (await repository.reaches(tx, type, ends[0], ends[1]))) {
          throw new ConflictError(`${def.path} from ${input.from} to ${input.to} would make a cycle`);
        }
        const before = await repository.get(tx, type, ends[0], ends[1]);
        const after = await repository.put(tx, type, ends[0], ends[1], properties);
        await record(tx, user, 'relate', type, ends, before, after);
        return { type, from: input.from, to: input.to, properties: after };
      });
    },

    async remove(user: SessionUser, type: RelationshipType, from: string, to: string): Promise<void> {
      await db.write(async (tx) => {
        const ends = await resolve(tx, type, from, to);
        await authorize(tx, user, type, from, to);
        const before = await repository.get(tx, type, ends[0], ends[1]);
        if (before === null) throw new NotFoundError(`${relationshipTypes[type].path} relationship from ${from} to ${to}`);
        await repository.remove(tx, type, ends[0], ends[1]);
        await record(tx, user, 'unrelate', type, ends, before, null);
      });
    },
  };
}
export type RelationshipService = ReturnType<typeof createRelationshipService>;
