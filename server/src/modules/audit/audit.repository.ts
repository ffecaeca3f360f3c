import type { AuditEvent, SessionUser } from '@knotwork/graph-schema';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';

export type AuditAction = AuditEvent['action'];

/** Records a change in the same transaction as the change itself, so both commit or neither does. */
export async function writeAuditEvent(
  tx: ManagedTransaction,
  event: {
    actor: Pick<SessionUser, 'id' | 'email'> | null;
    action: AuditAction;
    entityType: string;
    entityId: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  },
): Promise<void> {
  await tx.run(
    `CREATE (:AuditEvent {id: randomUUID(), at: $at, actorId: $actorId, actorEmail: $actorEmail, action: $action,
                          entityType: $entityType, entityId: $entityId, before: $before, after: $after})`,
    {
      at: new Date().toISOString(),
      actorId: event.actor?.id ?? null,
      actorEmail: event.actor?.email ?? null,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: event.before === null ? null : JSON.stringify(event.before),
      after: event.after === null ? null : JSON.stringify(event.after),
    },
  );
}

/** Several audit events in one statement (e.g. every neighbour of a node deleted with its relationships). */
export async function writeAuditEvents(
  tx: ManagedTransaction,
  actor: Pick<SessionUser, 'id' | 'email'> | null,
  events: { action: AuditAction; entityType: string; entityId: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.run(
    `UNWIND $events AS e
     CREATE (:AuditEvent {id: randomUUID(), at: $at, actorId: $actorId, actorEmail: $actorEmail, action: e.action,
                          entityType: e.entityType, entityId: e.entityId, before: e.before, after: e.after})`,
    {
      at: new Date().toISOString(),
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      events: events.map((e) => ({
        ...e,
        before: e.before === null ? null : JSON.stringify(e.before),
        after: e.after === null ? null : JSON.stringify(e.after),
      })),
    },
  );
}

export function createAuditRepository(db: Db) {
  return {
    async historyOf(entityId: string, limit = 200): Promise<AuditEvent[]> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (e:AuditEvent {entityId: $entityId})
           RETURN e ORDER BY e.at DESC LIMIT $limit`,
          { entityId, limit: neo4j.int(limit) },
        );
        return res.records.map((r) => {
          const p = r.get('e').properties as Record<string, unknown>;
          return {
            id: p.id as string,
            at: p.at as string,
            actorId: (p.actorId as string | null) ?? null,
            actorEmail: (p.actorEmail as string | null) ?? null,
            action: p.action as AuditAction,
            entityType: p.entityType as string,
            entityId: p.entityId as string,
            before: p.before ? (JSON.parse(p.before as string) as Record<string, unknown>) : null,
            after: p.after ? (JSON.parse(p.after as string) as Record<string, unknown>) : null,
          };
        });
      });
    },
  };
}
