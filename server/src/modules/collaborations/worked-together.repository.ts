import type { SessionUser, WorkedTogether } from '@knotwork/graph-schema';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { enqueueSearchSync } from '../../search/outbox.repository.js';
import { writeAuditEvents } from '../audit/audit.repository.js';
import { enqueuePlannedMail } from '../mail/mail.repository.js';
import { askPartner, tellParticipant } from './collaboration.mail.js';

/**
 * Storage of "we worked together": a Collaboration whose PARTICIPATED_IN relationships carry `state`
 * (confirmed | awaiting | disputed; absent on older records, which count as confirmed). While any partner has not
 * confirmed, the collaboration carries `confirmation` ('awaiting' or 'disputed'); every evidence query reads only
 * collaborations without it (`c.confirmation IS NULL`), so the one property decides what counts.
 */
const READ_WORKED_TOGETHER = `
  RETURN c.id AS id, c.kind AS kind, c.startedOn AS startedOn, c.endedOn AS endedOn,
         coalesce(c.confirmation, 'confirmed') AS confirmation,
         [(c)-[:ADDRESSED]->(n:Need) | {id: n.id, name: n.name}] AS needs,
         [(c)-[:IN]->(l:Locality) | {id: l.id, name: l.name}][0] AS locality,
         [(c)<-[r:PARTICIPATED_IN]-(p:Practitioner) |
            {id: p.id, name: p.name, state: coalesce(r.state, 'confirmed'), disputeReason: r.disputeReason}] AS participants,
         [(c)<-[:PARTICIPATED_IN {role: 'recorder'}]-(rb:Practitioner) | {id: rb.id, name: rb.name}][0] AS recordedBy`;

function toWorkedTogether(row: Record<string, unknown>): WorkedTogether {
  const participants = (row.participants as WorkedTogether['participants']).map((p) => ({
    ...p,
    disputeReason: p.disputeReason ?? null,
  }));
  participants.sort((a, b) => a.name.localeCompare(b.name));
  return {
    id: row.id as string,
    kind: (row.kind as WorkedTogether['kind']) ?? null,
    startedOn: row.startedOn as string,
    endedOn: (row.endedOn as string | null) ?? null,
    needs: row.needs as WorkedTogether['needs'],
    locality: (row.locality as WorkedTogether['locality']) ?? null,
    confirmation: row.confirmation as WorkedTogether['confirmation'],
    participants,
    recordedBy: (row.recordedBy as WorkedTogether['recordedBy']) ?? null,
  };
}

export interface NewWorkedTogether {
  id: string;
  recordedBy: string;
  partners: string[];
  startedOn: string;
  endedOn: string;
  kind: string;
  needs: string[];
  locality: string | null;
}

export function createWorkedTogetherRepository(db: Db, publicUrl = '') {
  return {
    /** Ids among those given that name no node of the label. */
    async missing(practitioners: string[], needs: string[], locality: string | null) {
      return db.read(async (tx) => {
        const res = await tx.run(
          `RETURN [id IN $practitioners WHERE NOT EXISTS { (:Practitioner {id: id}) }] AS practitioners,
                  [id IN $needs WHERE NOT EXISTS { (:Need {id: id}) }] AS needs,
                  $locality IS NOT NULL AND NOT EXISTS { (:Locality {id: $locality}) } AS locality`,
          { practitioners, needs, locality },
        );
        const row = res.records[0]!;
        return {
          practitioners: row.get('practitioners') as string[],
          needs: row.get('needs') as string[],
          locality: row.get('locality') as boolean,
        };
      });
    },

    async create(input: NewWorkedTogether, actor: SessionUser): Promise<void> {
      await db.write(async (tx) => {
        const now = new Date().toISOString();
        await tx.run(
          `MERGE (c:Collaboration {id: $id})
             ON CREATE SET c.createdAt = $now, c.updatedAt = $now, c.startedOn = $startedOn, c.endedOn = $endedOn,
                           c.summary = '', c.outcome = 'ongoing', c.source = 'manual', c.kind = $kind,
                           c.recordedBy = $recordedBy, c.confirmation = 'awaiting'
           WITH c
           MATCH (me:Practitioner {id: $recordedBy})
           MERGE (me)-[r:PARTICIPATED_IN]->(c) SET r.role = 'recorder', r.state = 'confirmed'
           WITH c
           UNWIND $partners AS partnerId
           MATCH (p:Practitioner {id: partnerId})
           MERGE (p)-[r:PARTICIPATED_IN]->(c) SET r.role = 'partner', r.state = 'awaiting'
           WITH DISTINCT c
           CALL (c) { UNWIND $needs AS needId MATCH (n:Need {id: needId}) MERGE (c)-[:ADDRESSED]->(n) }
           CALL (c) { MATCH (l:Locality {id: $locality}) MERGE (c)-[:IN]->(l) }`,
          { ...input, now },
        );
        const participants = [input.recordedBy, ...input.partners];
        await writeAuditEvents(tx, actor, [
          {
            action: 'create',
            entityType: 'Collaboration',
            entityId: input.id,
            before: null,
            after: {
              kind: input.kind,
              startedOn: input.startedOn,
              endedOn: input.endedOn,
              needs: input.needs,
              confirmation: 'awaiting',
            },
          },
          ...participants.map((pid) => ({
            action: 'relate' as const,
            entityType: 'Practitioner',
            entityId: pid,
            before: null,
            after: {
              relationship: {
                type: 'PARTICIPATED_IN',
                from: pid,
                to: input.id,
                properties: { state: pid === input.recordedBy ? 'confirmed' : 'awaiting' },
              },
            },
          })),
        ]);
        await enqueueSearchSync(tx, participants);
        // Each partner is asked to confirm, by mail (as their settings allow) and in the app, in this transaction.
        const names = await tx.run(
          `MATCH (me:Practitioner {id: $recordedBy})
           RETURN me.name AS recorder, COLLECT { MATCH (n:Need) WHERE n.id IN $needs RETURN n.name } AS needs`,
          { recordedBy: input.recordedBy, needs: input.needs },
        );
        const row = names.records[0]!;
        await enqueuePlannedMail(
          tx,
          input.partners.map((partnerId) =>
            askPartner({
              id: input.id,
              partnerId,
              recorder: row.get('recorder') as string,
              kind: input.kind,
              on: input.startedOn,
              needs: (row.get('needs') as Array<string | null>).filter((n): n is string => !!n),
              publicUrl,
              now: new Date(),
            }),
          ),
          publicUrl,
        );
      });
    },

    async get(id: string): Promise<WorkedTogether | null> {
      return db.read(async (tx) => {
        const res = await tx.run(`MATCH (c:Collaboration {id: $id}) ${READ_WORKED_TOGETHER}`, { id });
        const row = res.records[0];
        return row ? toWorkedTogether(row.toObject()) : null;
      });
    },

    /** Collaborations the practitioner took part in that are not (yet) evidence, or that await their answer. */
    async unconfirmedFor(practitionerId: string): Promise<WorkedTogether[]> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (:Practitioner {id: $practitionerId})-[:PARTICIPATED_IN]->(c:Collaboration)
           WHERE c.confirmation IS NOT NULL
           WITH c ORDER BY c.startedOn DESC LIMIT 200
           ${READ_WORKED_TOGETHER}`,
          { practitionerId },
        );
        return res.records.map((r) => toWorkedTogether(r.toObject()));
      });
    },

    /**
     * Records one participant's answer (only while it is awaiting: false otherwise) and sets the collaboration's
     * confirmation from all the answers, auditing the step in the same transaction.
     */
    async answer(
      input: { id: string; practitionerId: string; state: 'confirmed' | 'disputed'; reason: string | null },
      actor: SessionUser,
    ): Promise<boolean> {
      return db.write(async (tx) => {
        const res = await tx.run(
          `MATCH (:Practitioner {id: $practitionerId})-[r:PARTICIPATED_IN]->(c:Collaboration {id: $id})
           WHERE r.state = 'awaiting'
           SET r.state = $state, r.disputeReason = $reason, r.answeredAt = $now
           WITH c
           CALL (c) {
             MATCH (c)<-[x:PARTICIPATED_IN]-(:Practitioner)
             WITH collect(coalesce(x.state, 'confirmed')) AS states
             RETURN CASE WHEN 'disputed' IN states THEN 'disputed' WHEN 'awaiting' IN states THEN 'awaiting' ELSE null END AS next
           }
           SET c.confirmation = next, c.updatedAt = $now
           RETURN coalesce(next, 'confirmed') AS confirmation, c.kind AS kind, c.startedOn AS on,
                  [(c)<-[:PARTICIPATED_IN]-(p:Practitioner) | p.id] AS participants,
                  COLLECT { MATCH (me:Practitioner {id: $practitionerId}) RETURN me.name }[0] AS who`,
          { ...input, now: new Date().toISOString() },
        );
        const row = res.records[0];
        if (!row) return false;
        await audit(tx, actor, input, row.get('confirmation') as string);
        const participants = row.get('participants') as string[];
        await enqueueSearchSync(tx, participants);
        await enqueuePlannedMail(
          tx,
          participants
            .filter((p) => p !== input.practitionerId)
            .map((toId) =>
              tellParticipant({
                toId,
                who: row.get('who') as string,
                state: input.state,
                kind: (row.get('kind') as string | null) ?? 'joint work',
                on: row.get('on') as string,
                publicUrl,
              }),
            ),
          publicUrl,
        );
        return true;
      });
    },

    async participation(id: string, practitionerId: string): Promise<{ exists: boolean; state: string | null }> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `OPTIONAL MATCH (c:Collaboration {id: $id})
           OPTIONAL MATCH (:Practitioner {id: $practitionerId})-[r:PARTICIPATED_IN]->(c)
           RETURN c IS NOT NULL AS exists, CASE WHEN r IS NULL THEN null ELSE coalesce(r.state, 'confirmed') END AS state`,
          { id, practitionerId },
        );
        const row = res.records[0]!;
        return { exists: row.get('exists') as boolean, state: (row.get('state') as string | null) ?? null };
      });
    },
  };
}

export type WorkedTogetherRepository = ReturnType<typeof createWorkedTogetherRepository>;

function audit(
  tx: ManagedTransaction,
  actor: SessionUser,
  input: { id: string; practitionerId: string; state: 'confirmed' | 'disputed'; reason: string | null },
  confirmation: string,
) {
  return writeAuditEvents(tx, actor, [
    {
      action: input.state === 'confirmed' ? 'confirm' : 'dispute',
      entityType: 'Collaboration',
      entityId: input.id,
      before: { participant: input.practitionerId, state: 'awaiting' },
      after: { participant: input.practitionerId, state: input.state, reason: input.reason, confirmation },
    },
  ]);
}
