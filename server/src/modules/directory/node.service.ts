import { randomUUID } from 'node:crypto';
import { type DirectoryLabel, type RelationshipType, type SessionUser } from '@knotwork/graph-schema';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { enqueueSearchSync, enqueueSearchSyncBeforeDelete } from '../../search/outbox.repository.js';
import { changesShownFields, isSearchable } from '../../search/sync-scope.js';
import { writeAuditEvent, writeAuditEvents } from '../audit/audit.repository.js';
import type { NodeRecord, NodeRepository, RelationFilter } from './node.repository.js';

/**
 * The generic directory service: list/get/create/update/delete/verify for any node label, with an audit event
 * and search-outbox entries written in the same transaction as every change. Per-entity modules add only what
 * is special (visibility, detail views, ownership rules).
 */
export type Actor = Pick<SessionUser, 'id' | 'email'> | null;

export interface ListSpec {
  /** Query keys that filter on the stored property of the same name. */
  propertyFilters: readonly string[];
  /** Query keys that filter on a direct relationship to the node with the given id. */
  relationFilters: Readonly<Record<string, { type: RelationshipType; dir: 'out' | 'in' }>>;
}

export interface ListResult {
  items: NodeRecord[];
  total: number;
  nextCursor: string | null;
}

export function encodeCursor(sort: string, key: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, key, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): { key: string; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'string')) {
      if (v[0] !== sort) throw new BadRequestError('querystring.cursor: belongs to another sort order; start again without it');
      return { key: v[1] as string, id: v[2] as string };
    }
  } catch (e) {
    if (e instanceof BadRequestError) throw e;
  }
  throw new BadRequestError('querystring.cursor: is not a cursor this API returned');
}

export function createNodeService(deps: {
  db: Db;
  repository: NodeRepository;
  now?: () => Date;
  /** The search outbox (replaceable to simulate a failure late in a write transaction). */
  enqueueSearchSync?: typeof enqueueSearchSync;
}) {
  const { db, repository } = deps;
  const enqueue = deps.enqueueSearchSync ?? enqueueSearchSync;
  const now = () => (deps.now ? deps.now() : new Date()).toISOString();

  const service = {
    async list(label: DirectoryLabel, query: Record<string, unknown>, spec: ListSpec): Promise<ListResult> {
      const sort = (query.sort as string | undefined) ?? 'name';
      const desc = sort.startsWith('-');
      const sortKey = desc ? sort.slice(1) : sort;
      const props: Record<string, string> = {};
      for (const key of spec.propertyFilters) {
        if (typeof query[key] === 'string') props[key] = query[key];
      }
      const rels: RelationFilter[] = [];
      for (const [key, rel] of Object.entries(spec.relationFilters)) {
        if (typeof query[key] === 'string') rels.push({ ...rel, id: query[key] });
      }
      const limit = (query.limit as number | undefined) ?? 50;
      const after = typeof query.cursor === 'string' ? decodeCursor(query.cursor, sort) : null;
      const page = await repository.list(label, {
        q: query.q as string | undefined,
        sortKey,
        desc,
        limit,
        after,
        props,
        rels,
      });
      const items = page.rows.slice(0, limit);
      const last = items.length - 1;
      const nextCursor =
        page.rows.length > limit && last >= 0 ? encodeCursor(sort, page.sortValues[last]!, items[last]!.id) : null;
      return { items, total: page.total, nextCursor };
    },

    async get(label: DirectoryLabel, id: string): Promise<NodeRecord> {
      const node = await repository.get(label, id);
      if (!node) throw new NotFoundError(label, id);
      return node;
    },

    async links(label: DirectoryLabel, id: string) {
      return repository.links(label, id);
    },

    async create(
      actor: Actor,
      label: DirectoryLabel,
      input: Record<string, unknown>,
      options: { afterCreate?: (tx: ManagedTransaction, node: NodeRecord) => Promise<void> } = {},
    ): Promise<NodeRecord> {
      const at = now();
      const value: Record<string, unknown> = { ...input, id: randomUUID(), createdAt: at, updatedAt: at };
      if (label === 'Practitioner' || label === 'Agency') value.lastVerifiedAt ??= null;
      return db.write(async (tx) => {
        const node = await repository.create(tx, label, value);
        await options.afterCreate?.(tx, node);
        await writeAuditEvent(tx, { actor, action: 'create', entityType: label, entityId: node.id, before: null, after: node });
        if (isSearchable(label)) await enqueue(tx, [node.id]);
        return node;
      });
    },

    async update(
      actor: Actor,
      label: DirectoryLabel,
      id: string,
      patch: Record<string, unknown>,
      options: { check?: (merged: NodeRecord) => void } = {},
    ): Promise<NodeRecord> {
      return db.write(async (tx) => {
        const before = await repository.get(label, id, tx);
        if (!before) throw new NotFoundError(label, id);
        const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        options.check?.({ ...before, ...changes } as NodeRecord);
        const after = await repository.update(tx, label, id, { ...changes, updatedAt: now() });
        if (!after) throw new NotFoundError(label, id);
        await writeAuditEvent(tx, { actor, action: 'update', entityType: label, entityId: id, before, after });
        if (changesShownFields(label, before, after)) await enqueue(tx, [id], { withDependents: true });
        else if (isSearchable(label)) await enqueue(tx, [id]);
        return after;
      });
    },

    /**
     * Deletes a node. Refuses (409, with relationship counts) when the node still has relationships, unless
     * `cascade`: then its relationships go too, and so do collaborations it leaves without participants.
     */
    async remove(actor: Actor, label: DirectoryLabel, id: string, cascade: boolean): Promise<void> {
      await db.write(async (tx) => {
        const before = await repository.get(label, id, tx);
        if (!before) throw new NotFoundError(label, id);
        const counts = await repository.relationshipCounts(tx, label, id);
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        if (total > 0 && !cascade) {
          const list = Object.entries(counts)
            .map(([t, n]) => `${t}: ${n}`)
            .join(', ');
          throw new ConflictError(
            `${label} ${id} still has ${total} relationship(s) (${list}); remove them first or delete with ?cascade=true`,
            { relationships: counts },
          );
        }
        await enqueueSearchSyncBeforeDelete(tx, id, isSearchable(label));
        // the other end of every removed relationship records an 'unrelate' in its own history
        const removed = total > 0 ? await repository.relationshipsOf(tx, label, id) : [];
        const orphans = label === 'Practitioner' ? await repository.soleCollaborations(tx, id) : [];
        const orphanSet = new Set(orphans);
        await writeAuditEvents(
          tx,
          actor,
          removed
            .filter((r) => !orphanSet.has(r.otherId))
            .map((r) => ({
              action: 'unrelate' as const,
              entityType: r.otherLabel,
              entityId: r.otherId,
              before: {
                relationship: {
                  type: r.type,
                  from: r.outgoing ? id : r.otherId,
                  to: r.outgoing ? r.otherId : id,
                  properties: r.properties,
                },
              },
              after: null,
            })),
        );
        for (const cid of orphans) {
          const c = await repository.get('Collaboration', cid, tx);
          const links = (await repository.relationshipsOf(tx, 'Collaboration', cid)).filter((r) => r.otherId !== id);
          await writeAuditEvents(
            tx,
            actor,
            links.map((r) => ({
              action: 'unrelate' as const,
              entityType: r.otherLabel,
              entityId: r.otherId,
              before: { relationship: { type: r.type, from: r.outgoing ? cid : r.otherId, to: r.outgoing ? r.otherId : cid, properties: r.properties } },
              after: null,
            })),
          );
          await repository.delete(tx, 'Collaboration', cid);
          await writeAuditEvent(tx, { actor, action: 'delete', entityType: 'Collaboration', entityId: cid, before: c, after: null });
        }
        await repository.delete(tx, label, id);
        await writeAuditEvent(tx, {
          actor,
          action: 'delete',
          entityType: label,
          entityId: id,
          before: { ...before, ...(total > 0 ? { removedRelationships: counts } : {}) },
          after: null,
        });
      });
    },

    async verify(actor: Actor, label: 'Practitioner' | 'Agency', id: string): Promise<NodeRecord> {
      return db.write(async (tx) => {
        const before = await repository.get(label, id, tx);
        if (!before) throw new NotFoundError(label, id);
        const after = await repository.verify(tx, label, id, now());
        if (!after) throw new NotFoundError(label, id);
        await writeAuditEvent(tx, {
          actor,
          action: 'verify',
          entityType: label,
          entityId: id,
          before: { lastVerifiedAt: before.lastVerifiedAt ?? null },
          after: { lastVerifiedAt: after.lastVerifiedAt ?? null },
        });
        await enqueue(tx, [id]);
        return after;
      });
    },
  };
  return service;
}
export type NodeService = ReturnType<typeof createNodeService>;
