import type { ManagedTransaction } from 'neo4j-driver';

/**
 * The transactional outbox: a write that changes searchable data records which entities changed, in the same
 * transaction as the change. The search sync worker later re-reads each entity from Neo4j and upserts (or
 * deletes) its search document, so a search outage loses nothing and replays are harmless.
 */
export async function enqueueSearchSync(tx: ManagedTransaction, entityIds: readonly string[]): Promise<void> {
  if (entityIds.length === 0) return;
  await tx.run(
    `UNWIND $entityIds AS entityId
     CREATE (:OutboxEvent {id: randomUUID(), entityId: entityId, createdAt: $now, seq: timestamp(), attempts: 0})`,
    { entityIds: [...new Set(entityIds)], now: new Date().toISOString() },
  );
}
