import type { SessionUser } from '@knotwork/graph-schema';
import neo4j from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { writeAuditEvent } from '../audit/audit.repository.js';

/** The locality, the wider areas containing it and the places within it. */
const AROUND = `
MATCH (l0:Locality {id: $loc})
CALL (l0) {
  MATCH (l0)-[:WITHIN*0..6]->(x:Locality) RETURN x
  UNION
  MATCH (x:Locality)-[:WITHIN*1..6]->(l0) RETURN x
}
WITH l0, collect(DISTINCT x) AS around`;

export function createOnboardingRepository(db: Db) {
  return {
    async locality(id: string) {
      return db.read(async (tx) => {
        const r = await tx.run('MATCH (l:Locality {id: $id}) RETURN l.id AS id, l.name AS name', { id });
        return r.records[0] ? { id: r.records[0].get('id') as string, name: r.records[0].get('name') as string } : null;
      });
    },

    async people(loc: string, profession: string, me: string | null, perDomain: number, since: string) {
      return db.read(async (tx) => {
        const r = await tx.run(
          `${AROUND}
           UNWIND around AS l
           MATCH (l)<-[:SERVES]-(p:Practitioner)
           WITH DISTINCT p WHERE $me IS NULL OR p.id <> $me
           MATCH (p)-[h:HAS_SPECIALISM]->(s:Specialism)
           WITH p, s.domain AS domain,
                max(CASE h.level WHEN 'lead' THEN 2 WHEN 'practitioner' THEN 1 ELSE 0 END) AS level,
                collect(s.name)[0..3] AS specialisms
           WITH p, domain, level, specialisms,
                COUNT { (p)-[:PARTICIPATED_IN]->(c:Collaboration) WHERE c.startedOn >= $since AND c.confirmation IS NULL } AS recent
           ORDER BY domain, CASE WHEN p.profession = $profession THEN 1 ELSE 0 END, level DESC, recent DESC, p.id
           WITH domain, collect({p: p, level: level, specialisms: specialisms, recent: recent})[0..$n] AS top
           UNWIND top AS t
           WITH domain, t, t.p AS p
           RETURN domain, p.id AS id, p.name AS name, p.profession AS profession, coalesce(p.level, 'operational') AS level,
                  [(p)-[:WORKS_FOR]->(a:Agency) | a.name][0] AS agencyName, t.level AS specialismLevel,
                  t.specialisms AS specialisms, t.recent AS recent,
                  CASE WHEN $me IS NULL THEN false ELSE EXISTS { (p)<-[:KNOWS]-(:Practitioner {id: $me}) } END AS known`,
          { loc, profession, me, n: neo4j.int(perDomain), since },
        );
        return r.records.map((x) => x.toObject());
      });
    },

    async forums(loc: string, profession: string, me: string | null) {
      return db.read(async (tx) => {
        const r = await tx.run(
          `${AROUND}
           UNWIND around AS l
           MATCH (l)<-[:MEETS_IN]-(f:Forum)
           WITH DISTINCT f
           RETURN f.id AS id, f.name AS name, coalesce(f.kind, '') AS kind, coalesce(f.cadence, '') AS cadence,
                  COUNT { (f)<-[:ATTENDS]-(:Practitioner) } AS attendees,
                  COUNT { MATCH (f)<-[:ATTENDS]-(:Practitioner)-[:WORKS_FOR]->(a:Agency) RETURN DISTINCT a } AS agencies,
                  COUNT { (f)<-[:ATTENDS]-(:Practitioner {profession: $profession}) } AS sameProfession,
                  CASE WHEN $me IS NULL THEN false ELSE EXISTS { (f)<-[:ATTENDS]-(:Practitioner {id: $me}) } END AS joined
           ORDER BY agencies DESC, attendees DESC, name
           LIMIT 10`,
          { loc, profession, me },
        );
        return r.records.map((x) => x.toObject());
      });
    },

    async agencies(loc: string) {
      return db.read(async (tx) => {
        const r = await tx.run(
          `${AROUND}
           UNWIND around AS l
           MATCH (l)<-[:SERVES]-(a:Agency)
           WITH DISTINCT a
           RETURN a.id AS id, a.name AS name, coalesce(a.sector, 'other') AS sector,
                  coalesce(a.referralRoute, '') AS referralRoute,
                  COUNT { (a)<-[:WORKS_FOR]-(:Practitioner) } AS practitioners
           ORDER BY practitioners DESC, name
           LIMIT 12`,
          { loc },
        );
        return r.records.map((x) => x.toObject());
      });
    },

    /**
     * MERGE a KNOWS trail from → to; audit it in the same transaction when it is new. Returns null when either
     * practitioner does not exist.
     */
    async recordKnows(
      input: { from: string; to: string; since: string; source: string },
      actor: Pick<SessionUser, 'id' | 'email'>,
    ) {
      return db.write(async (tx) => {
        const r = await tx.run(
          `MATCH (a:Practitioner {id: $from}), (b:Practitioner {id: $to})
           OPTIONAL MATCH (a)-[existing:KNOWS]->(b)
           WITH a, b, existing IS NULL AS created
           MERGE (a)-[k:KNOWS]->(b)
             ON CREATE SET k.since = $since, k.source = $source, k.createdAt = $now
           RETURN a.id AS fromId, a.name AS fromName, b.id AS toId, b.name AS toName,
                  k.since AS since, coalesce(k.source, 'met') AS source, created`,
          { ...input, now: new Date().toISOString() },
        );
        const row = r.records[0];
        if (!row) return null;
        const result = {
          from: { id: row.get('fromId') as string, name: row.get('fromName') as string },
          to: { id: row.get('toId') as string, name: row.get('toName') as string },
          since: (row.get('since') as string | null) ?? null,
          source: row.get('source') as string,
          created: row.get('created') as boolean,
        };
        if (result.created) {
          await writeAuditEvent(tx, {
            actor,
            action: 'relate',
            entityType: 'KNOWS',
            entityId: input.from,
            before: null,
            after: { type: 'KNOWS', from: input.from, to: input.to, since: input.since, source: input.source },
          });
        }
        return result;
      });
    },

    async evidence(practitioner: string, subject: { need?: string; specialism?: string }, asOf: string) {
      return db.read(async (tx) => {
        const head = await tx.run(
          `MATCH (p:Practitioner {id: $pid})
           OPTIONAL MATCH (n:Need {id: $need})
           OPTIONAL MATCH (s:Specialism {id: $spec})
           RETURN p.name AS pname, coalesce(n.name, s.name) AS sname`,
          { pid: practitioner, need: subject.need ?? null, spec: subject.specialism ?? null },
        );
        const h = head.records[0];
        if (!h || h.get('sname') === null) return null;
        const needsQuery = subject.need
          ? `MATCH (n:Need {id: $need}) WITH collect(n) AS needs`
          : `MATCH (:Specialism {id: $spec})<-[:BROADER*0..2]-(:Specialism)<-[:ADDRESSED_BY]-(n:Need)
             WITH collect(DISTINCT n) AS needs`;
        const r = await tx.run(
          `${needsQuery}
           MATCH (p:Practitioner {id: $pid})-[:PARTICIPATED_IN]->(c:Collaboration)-[:ADDRESSED]->(n:Need)
           WHERE n IN needs AND c.startedOn <= $asOf AND c.confirmation IS NULL
           WITH DISTINCT p, c
           RETURN c.id AS id, c.startedOn AS startedOn, c.endedOn AS endedOn, coalesce(c.outcome, 'ongoing') AS outcome,
                  [(c)-[:ADDRESSED]->(x:Need) | x.name] AS needs,
                  [(c)<-[:PARTICIPATED_IN]-(q:Practitioner) WHERE q <> p |
                     {id: q.id, name: q.name, agencyName: [(q)-[:WORKS_FOR]->(a:Agency) | a.name][0]}] AS partners
           ORDER BY coalesce(c.endedOn, c.startedOn) DESC, c.id`,
          { pid: practitioner, need: subject.need ?? null, spec: subject.specialism ?? null, asOf },
        );
        return {
          practitionerName: h.get('pname') as string,
          subjectName: h.get('sname') as string,
          rows: r.records.map((x) => x.toObject()),
        };
      });
    },
  };
}

export type OnboardingRepository = ReturnType<typeof createOnboardingRepository>;
