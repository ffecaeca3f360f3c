import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../lib/db.js';
import { dependentsOf } from './documents.repository.js';
import { syncEvents, type SyncScope } from './sync-scope.js';

/**
 * The transactional outbox: a write that changes searchable data records which entities changed, in the same
 * transaction as the change. The search sync worker later re-reads each entity from Neo4j and upserts (or
 * deletes) its search document, so a search outage loses nothing and replays are harmless.
 */
export async function enqueueSearchSync(
  tx: ManagedTransaction,
  entityIds: readonly string[],
  options: { withDependents?: boolean } = {},
): Promise<void> {
  const ids = [...entityIds];
  await enqueueSyncScopes(tx, [options.withDependents ? { ids: [], withDependents: ids } : { ids, withDependents: [] }]);
}

/** Enqueues scopes (see sync-scope.ts) in one statement: own documents, and documents rebuilt with their dependents. */
export async function enqueueSyncScopes(tx: ManagedTransaction, scopes: readonly SyncScope[]): Promise<void> {
  const events = syncEvents(scopes);
  if (events.length === 0) return;
  await tx.run(
    `UNWIND $events AS event
     CREATE (:OutboxEvent {id: randomUUID(), entityId: event[0], withDependents: event[1], createdAt: $now,
                           seq: timestamp(), attempts: 0})`,
    { events, now: new Date().toISOString() },
  );
}

/**
 * For a node about to be deleted in this transaction: its own document goes, and the documents that show it are
 * rebuilt. They are found now, while its relationships still lead to them.
 */
export async function enqueueSearchSyncBeforeDelete(tx: ManagedTransaction, id: string, searchable: boolean): Promise<void> {
  const dependents = await dependentsOf(tx, [id]);
  await enqueueSearchSync(tx, searchable ? [id, ...dependents] : dependents);
}

export interface OutboxEventRow {
  id: string;
  entityId: string;
  attempts: number;
  /** The documents that show this entity are to be rebuilt too. */
  withDependents: boolean;
}

export interface OutboxLag {
  /** Events not yet applied. */
  events: number;
  /** Distinct entities waiting for their document to be rebuilt. */
  entities: number;
  oldestCreatedAt: string | null;
}

/** The worker's side of the outbox: claim, acknowledge (delete), postpone, measure; and the drain lease. */
export function createOutboxRepository(db: Db) {
  return {
    /**
     * Takes or renews the lease `name` for `holder` until now + ttlMs; false when another live holder has it.
     */
    async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
      return db.write(async (tx) => {
        const now = Date.now();
        const res = await tx.run(
          `MERGE (l:SearchLease {id: $name})
           ON CREATE SET l.holder = $holder, l.until = $until
           WITH l
           CALL (l) {
             WITH l WHERE l.holder = $holder OR coalesce(l.until, 0) < $now
             SET l.holder = $holder, l.until = $until
           }
           RETURN l.holder = $holder AS mine`,
          { name, holder, now, until: now + ttlMs },
        );
        return Boolean(res.records[0]?.get('mine'));
      });
    },

    async releaseLease(name: string, holder: string): Promise<void> {
      await db.write((tx) =>
        tx.run('MATCH (l:SearchLease {id: $name}) WHERE l.holder = $holder SET l.until = 0', { name, holder }),
      );
    },

    /** The oldest events due now (never-tried or whose backoff has passed), in write order. */
    async due(limit: number, now: number = Date.now()): Promise<OutboxEventRow[]> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (e:OutboxEvent) WHERE e.seq IS NOT NULL AND coalesce(e.notBefore, 0) <= $now
           RETURN e.id AS id, e.entityId AS entityId, coalesce(e.attempts, 0) AS attempts,
                  coalesce(e.withDependents, true) AS withDependents
           ORDER BY e.seq LIMIT $limit`,
          { now, limit: neo4j.int(limit) },
        );
        return res.records.map((r) => ({
          id: r.get('id') as string,
          entityId: r.get('entityId') as string,
          attempts: r.get('attempts') as number,
          withDependents: r.get('withDependents') as boolean,
        }));
      });
    },

    /** Acknowledges applied events; only called once the Meilisearch task has succeeded. */
    async acknowledge(eventIds: readonly string[]): Promise<void> {
      if (eventIds.length === 0) return;
      await db.write((tx) =>
        tx.run('UNWIND $ids AS id MATCH (e:OutboxEvent {id: id}) DELETE e', { ids: [...eventIds] }),
      );
    },

    /** Records a failed attempt and when to try again. */
    async postpone(eventIds: readonly string[], notBefore: number, error: string): Promise<void> {
      if (eventIds.length === 0) return;
      await db.write((tx) =>
        tx.run(
          `UNWIND $ids AS id MATCH (e:OutboxEvent {id: id})
           SET e.attempts = coalesce(e.attempts, 0) + 1, e.notBefore = $notBefore, e.lastError = $error`,
          { ids: [...eventIds], notBefore, error: error.slice(0, 500) },
        ),
      );
    },

    async lag(): Promise<OutboxLag> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (e:OutboxEvent)
           RETURN count(e) AS events, count(DISTINCT e.entityId) AS entities, min(e.createdAt) AS oldest`,
        );
        const r = res.records[0];
        return {
          events: (r?.get('events') as number) ?? 0,
          entities: (r?.get('entities') as number) ?? 0,
          oldestCreatedAt: (r?.get('oldest') as string | null) ?? null,
        };
      });
    },
  };
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
