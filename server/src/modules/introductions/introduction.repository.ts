import type { Introduction, IntroductionStatus, SessionUser } from '@knotwork/graph-schema';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { writeAuditEvent, type AuditAction } from '../audit/audit.repository.js';
import { enqueuePlannedMail, type PlannedMail } from '../mail/mail.repository.js';

/** The stored request, before the parties' names are read. */
export interface StoredIntroduction {
  id: string;
  status: IntroductionStatus;
  requesterId: string;
  brokerId: string | null;
  targetId: string;
  expiresAt: string;
}

export interface NewIntroduction {
  id: string;
  requesterId: string;
  brokerId: string | null;
  targetId: string;
  status: IntroductionStatus;
  needIds: string[];
  ageBand: string;
  localityId: string;
  line: string | null;
  expiresAt: string;
}

/** One request with its parties' and needs' names; `$me` decides `myRole`. */
const READ_INTRODUCTION = `
  OPTIONAL MATCH (req:Practitioner {id: r.requesterId})
  OPTIONAL MATCH (bro:Practitioner {id: r.brokerId})
  OPTIONAL MATCH (tgt:Practitioner {id: r.targetId})
  OPTIONAL MATCH (loc:Locality {id: r.localityId})
  CALL (r) {
    UNWIND r.needIds AS needId
    OPTIONAL MATCH (n:Need {id: needId})
    RETURN collect({id: needId, name: coalesce(n.name, 'a need no longer listed')}) AS needs
  }
  RETURN r {.*} AS r, needs,
         coalesce(req.name, 'a practitioner no longer listed') AS requesterName,
         bro.name AS brokerName,
         coalesce(tgt.name, 'a practitioner no longer listed') AS targetName,
         coalesce(loc.name, 'a locality no longer listed') AS localityName`;

/** Open requests past their expiry read as expired even before anyone writes that down. */
const EFFECTIVE_STATUS = `CASE WHEN r.status IN ['awaiting-broker', 'awaiting-target'] AND r.expiresAt <= $now
                               THEN 'expired' ELSE r.status END`;

function toIntroduction(row: Record<string, unknown>, me: string): Introduction {
  const r = row.r as Record<string, unknown>;
  const myRole = r.requesterId === me ? 'requester' : r.brokerId === me ? 'broker' : 'target';
  return {
    id: r.id as string,
    status: r.effectiveStatus as IntroductionStatus,
    requester: { id: r.requesterId as string, name: row.requesterName as string },
    broker: r.brokerId
      ? { id: r.brokerId as string, name: (row.brokerName as string | null) ?? 'a practitioner no longer listed' }
      : null,
    target: { id: r.targetId as string, name: row.targetName as string },
    note: {
      needs: row.needs as Introduction['note']['needs'],
      ageBand: r.ageBand as Introduction['note']['ageBand'],
      locality: { id: r.localityId as string, name: row.localityName as string },
      line: (r.line as string | null) ?? null,
    },
    brokerLine: (r.brokerLine as string | null) ?? null,
    myRole,
    createdAt: r.createdAt as string,
    updatedAt: r.updatedAt as string,
    expiresAt: r.expiresAt as string,
    answeredAt: (r.answeredAt as string | null) ?? null,
  };
}

/**
 * Whether practitioner `$me` is a party who may see the request: the requester and the broker always; the target
 * once the request is theirs to answer (a direct request, or one the broker accepted), so a target never hears of a
 * request the broker turned down.
 */
const VISIBLE_TO_ME = `(r.requesterId = $me OR r.brokerId = $me
                        OR (r.targetId = $me AND (r.brokerId IS NULL OR r.brokerAcceptedAt IS NOT NULL)))`;

export function createIntroductionRepository(db: Db, publicUrl = '') {
  return {
    /** Names of the practitioners, needs and locality a message speaks of. */
    async names(ids: string[]): Promise<Map<string, string>> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `UNWIND $ids AS id
           OPTIONAL MATCH (p:Practitioner {id: id}) OPTIONAL MATCH (n:Need {id: id}) OPTIONAL MATCH (l:Locality {id: id})
           RETURN id, coalesce(p.name, n.name, l.name) AS name`,
          { ids },
        );
        return new Map(res.records.map((r) => [r.get('id') as string, r.get('name') as string]));
      });
    },

    /** Which of the given practitioners, needs and locality do not exist (the request refers to them by id). */
    async missing(ids: { practitioners: string[]; needs: string[]; locality: string }) {
      return db.read(async (tx) => {
        const res = await tx.run(
          `CALL () { UNWIND $practitioners AS id OPTIONAL MATCH (p:Practitioner {id: id})
                     WITH id, p WHERE p IS NULL RETURN collect(id) AS practitioners }
           CALL () { UNWIND $needs AS id OPTIONAL MATCH (n:Need {id: id})
                     WITH id, n WHERE n IS NULL RETURN collect(id) AS needs }
           OPTIONAL MATCH (l:Locality {id: $locality})
           RETURN practitioners, needs, l IS NULL AS localityMissing`,
          ids,
        );
        const row = res.records[0]!;
        return {
          practitioners: row.get('practitioners') as string[],
          needs: row.get('needs') as string[],
          locality: row.get('localityMissing') as boolean,
        };
      });
    },

    /** An open request from the same requester to the same target, if there is one (asking twice nags). */
    async openBetween(requesterId: string, targetId: string, now: string): Promise<string | null> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (r:IntroductionRequest {requesterId: $requesterId})
           WHERE r.targetId = $targetId AND r.status IN ['awaiting-broker', 'awaiting-target'] AND r.expiresAt > $now
           RETURN r.id AS id LIMIT 1`,
          { requesterId, targetId, now },
        );
        return (res.records[0]?.get('id') as string | undefined) ?? null;
      });
    },

    async create(input: NewIntroduction, actor: SessionUser, now: string, mail: PlannedMail[] = []): Promise<void> {
      await db.write(async (tx) => {
        await tx.run(
          `MERGE (r:IntroductionRequest {id: $input.id})
             ON CREATE SET r += $input, r.createdAt = $now, r.updatedAt = $now`,
          { input, now },
        );
        await audit(tx, actor, 'request', input.id, null, {
          status: input.status,
          requesterId: input.requesterId,
          brokerId: input.brokerId,
          targetId: input.targetId,
          needIds: input.needIds,
          ageBand: input.ageBand,
          localityId: input.localityId,
        });
        await enqueuePlannedMail(tx, mail, publicUrl);
      });
    },

    /** The stored request, whoever asks (for the service's checks); null when there is none. */
    async stored(
      id: string,
      now: string,
    ): Promise<(StoredIntroduction & { visibleTo: (me: string) => boolean }) | null> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (r:IntroductionRequest {id: $id})
           RETURN r.id AS id, ${EFFECTIVE_STATUS} AS status, r.requesterId AS requesterId, r.brokerId AS brokerId,
                  r.targetId AS targetId, r.expiresAt AS expiresAt, r.brokerAcceptedAt IS NOT NULL AS brokerAccepted`,
          { id, now },
        );
        const row = res.records[0];
        if (!row) return null;
        const stored = {
          id: row.get('id') as string,
          status: row.get('status') as IntroductionStatus,
          requesterId: row.get('requesterId') as string,
          brokerId: (row.get('brokerId') as string | null) ?? null,
          targetId: row.get('targetId') as string,
          expiresAt: row.get('expiresAt') as string,
        };
        const brokerAccepted = row.get('brokerAccepted') as boolean;
        return {
          ...stored,
          visibleTo: (me: string) =>
            me === stored.requesterId ||
            me === stored.brokerId ||
            (me === stored.targetId && (!stored.brokerId || brokerAccepted)),
        };
      });
    },

    async get(id: string, me: string, now: string): Promise<Introduction | null> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (r:IntroductionRequest {id: $id}) WHERE ${VISIBLE_TO_ME}
           WITH r
           ${READ_INTRODUCTION}`,
          { id, me, now },
        );
        const row = res.records[0];
        return row ? toIntroduction(withEffective(row.toObject(), now), me) : null;
      });
    },

    async list(me: string, as: 'any' | 'requester' | 'broker' | 'target', open: boolean | undefined, now: string) {
      return db.read(async (tx) => {
        const res = await tx.run(
          `CALL () {
             MATCH (r:IntroductionRequest {requesterId: $me}) RETURN r
             UNION MATCH (r:IntroductionRequest {brokerId: $me}) RETURN r
             UNION MATCH (r:IntroductionRequest {targetId: $me}) RETURN r
           }
           WITH r WHERE ${VISIBLE_TO_ME}
             AND ($as = 'any' OR ($as = 'requester' AND r.requesterId = $me) OR ($as = 'broker' AND r.brokerId = $me)
                  OR ($as = 'target' AND r.targetId = $me))
             AND ($open IS NULL OR ($open = (${EFFECTIVE_STATUS} IN ['awaiting-broker', 'awaiting-target'])))
           WITH r ORDER BY r.createdAt DESC LIMIT 200
           ${READ_INTRODUCTION}`,
          { me, as, open: open ?? null, now },
        );
        return res.records.map((row) => toIntroduction(withEffective(row.toObject(), now), me));
      });
    },

    /**
     * Moves the request from `from` to `to` in one conditional write (a concurrent answer or an expiry in between
     * makes it a no-op: false), audits the step, and when `knows` is given records the KNOWS tie in the same
     * transaction.
     */
    async transition(
      step: {
        id: string;
        from: IntroductionStatus;
        to: IntroductionStatus;
        action: AuditAction;
        set?: Record<string, string | null>;
        knows?: { from: string; to: string; since: string };
        mail?: PlannedMail[];
      },
      actor: SessionUser,
      now: string,
    ): Promise<boolean> {
      return db.write(async (tx) => {
        const res = await tx.run(
          `MATCH (r:IntroductionRequest {id: $id})
           WHERE r.status = $from AND r.expiresAt > $now
           SET r += $set, r.status = $to, r.updatedAt = $now
           RETURN r.id AS id`,
          { id: step.id, from: step.from, to: step.to, set: step.set ?? {}, now },
        );
        if (res.records.length === 0) return false;
        await audit(tx, actor, step.action, step.id, { status: step.from }, { status: step.to, ...(step.set ?? {}) });
        if (step.knows) await recordKnows(tx, actor, step.knows, now);
        await enqueuePlannedMail(tx, step.mail ?? [], publicUrl);
        return true;
      });
    },

    /** Writes down every open request past its expiry as expired, with an audit event each; returns their ids. */
    async expireOverdue(now: string): Promise<string[]> {
      return db.write(async (tx) => {
        const res = await tx.run(
          `MATCH (r:IntroductionRequest)
           WHERE r.status IN ['awaiting-broker', 'awaiting-target'] AND r.expiresAt <= $now
           WITH r LIMIT 1000
           WITH r, r.status AS before
           SET r.status = 'expired', r.updatedAt = $now
           RETURN r.id AS id, before`,
          { now },
        );
        for (const row of res.records) {
          await audit(
            tx,
            null,
            'expire',
            row.get('id') as string,
            { status: row.get('before') as string },
            { status: 'expired' },
          );
        }
        return res.records.map((row) => row.get('id') as string);
      });
    },
  };
}

export type IntroductionRepository = ReturnType<typeof createIntroductionRepository>;

function withEffective(row: Record<string, unknown>, now: string): Record<string, unknown> {
  const r = row.r as Record<string, unknown>;
  const open = r.status === 'awaiting-broker' || r.status === 'awaiting-target';
  return { ...row, r: { ...r, effectiveStatus: open && (r.expiresAt as string) <= now ? 'expired' : r.status } };
}

function audit(
  tx: ManagedTransaction,
  actor: SessionUser | null,
  action: AuditAction,
  id: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) {
  return writeAuditEvent(tx, { actor, action, entityType: 'IntroductionRequest', entityId: id, before, after });
}

/** The trail an accepted introduction leaves: requester KNOWS target, dated, source "introduction". */
async function recordKnows(
  tx: ManagedTransaction,
  actor: SessionUser,
  knows: { from: string; to: string; since: string },
  now: string,
) {
  const res = await tx.run(
    `MATCH (a:Practitioner {id: $from}), (b:Practitioner {id: $to})
     OPTIONAL MATCH (a)-[existing:KNOWS]->(b)
     WITH a, b, existing IS NULL AS created
     MERGE (a)-[k:KNOWS]->(b)
       ON CREATE SET k.since = $since, k.source = 'introduction', k.createdAt = $now
     RETURN created`,
    { ...knows, now },
  );
  if (res.records[0]?.get('created')) {
    await writeAuditEvent(tx, {
      actor,
      action: 'relate',
      entityType: 'KNOWS',
      entityId: knows.from,
      before: null,
      after: { type: 'KNOWS', from: knows.from, to: knows.to, since: knows.since, source: 'introduction' },
    });
  }
}
