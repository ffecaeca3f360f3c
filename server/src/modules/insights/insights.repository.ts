import type { Db } from '../../lib/db.js';
import type { InsightsData } from '../../graph/insights.js';
import { COLLAB_DATE } from '../graph/ties.repository.js';

/**
 * Bulk load of everything the insights need, as of a date, in one read transaction (a handful of whole-label
 * scans; at 100k practitioners / 1M collaborations this is the expensive step and the service caches it).
 * Served age ranges travel as the stored ageMin/ageMax (graph-schema storage.ts; null when a bound is missing:
 * open-ended), two small integers per practitioner and agency, so one load serves every `age` asked.
 */
export function createInsightsRepository(db: Db) {
  return {
    async load(asOf: string): Promise<InsightsData> {
      return db.read(
        async (tx) => {
          const rows = async (q: string) => (await tx.run(q, { asOf })).records.map((r) => r.toObject());
          const localities = await rows(
            `MATCH (l:Locality) RETURN l.id AS id, l.name AS name, coalesce(l.kind, '') AS kind,
                    [(l)-[:WITHIN]->(p:Locality) | p.id] AS parents`,
          );
          const agencies = await rows(
            `MATCH (a:Agency) RETURN a.id AS id, a.name AS name, coalesce(a.sector, 'other') AS sector,
                    a.ageMin AS ageMin, a.ageMax AS ageMax,
                    [(a)-[:OFFERS]->(s:Specialism) | s.id] AS offers, [(a)-[:SERVES]->(l:Locality) | l.id] AS serves`,
          );
          const practitionerRows = await rows(
            `MATCH (p:Practitioner)
             RETURN id(p) AS key, p.id AS id, p.name AS name, coalesce(p.profession, 'other') AS profession,
                    coalesce(p.level, 'operational') AS level, p.ageMin AS ageMin, p.ageMax AS ageMax,
                    [(p)-[w:WORKS_FOR]->(a:Agency) WHERE coalesce(w.since, '') <= $asOf | a.id] AS agencies,
                    [(p)-[:SERVES]->(l:Locality) | l.id] AS served,
                    [(p)-[t:ATTENDS]->(f:Forum) WHERE coalesce(t.since, '') <= $asOf | f.id] AS forums,
                    [(p)-[h:HAS_SPECIALISM]->(s:Specialism) WHERE coalesce(h.since, '') <= $asOf | s.id] AS specialisms`,
          );
          const specialisms = await rows(
            `MATCH (s:Specialism) RETURN s.id AS id, s.name AS name, [(s)-[:BROADER]->(b:Specialism) | b.id] AS broader`,
          );
          const needs = await rows(
            `MATCH (n:Need) RETURN n.id AS id, n.name AS name, coalesce(n.domain, '') AS domain,
                    [(n)-[:ADDRESSED_BY]->(s:Specialism) | s.id] AS addressedBy`,
          );
          const forums = await rows(
            `MATCH (f:Forum) RETURN f.id AS id, f.name AS name, coalesce(f.kind, '') AS kind,
                    [(f)-[:MEETS_IN]->(l:Locality) | l.id] AS meetsIn`,
          );
          // A million collaborations at 100k scale: participants travel as internal node ids (integers decode far
          // faster than id strings, and skip a property read each), grouped by date (a few thousand rows, not a
          // million), and are mapped back to the practitioners' ids here. The internal ids are used only within
          // this one transaction.
          const idOfKey = new Map(practitionerRows.map((p) => [p.key as number, p.id as string]));
          const practitioners = practitionerRows.map(({ key: _key, ...p }) => p);
          const collaborations: InsightsData['collaborations'] = [];
          const idsOf = (keys: number[]) => keys.map((k) => idOfKey.get(k)).filter((id): id is string => id !== undefined);
          for await (const r of tx.run(
            `MATCH (c:Collaboration) WHERE c.startedOn <= $asOf AND c.confirmation IS NULL
             WITH c, [(c)<-[:PARTICIPATED_IN]-(p:Practitioner) | id(p)] AS ps
             WHERE size(ps) > 1
             WITH ${COLLAB_DATE} AS date, ps
             RETURN date, collect(ps) AS groups`,
            { asOf },
          )) {
            const date = r.get('date') as string;
            for (const ps of r.get('groups') as number[][]) collaborations.push({ date, participants: idsOf(ps) });
          }
          const knowsRes = await tx.run(
            `MATCH (a:Practitioner)-[k:KNOWS]->(b:Practitioner) WHERE coalesce(k.since, '') <= $asOf AND a <> b
             RETURN id(a) AS a, id(b) AS b`,
            { asOf },
          );
          const knows = knowsRes.records
            .map((r) => idsOf([r.get('a') as number, r.get('b') as number]))
            .filter((pair) => pair.length === 2) as Array<[string, string]>;
          return {
            asOf,
            localities,
            agencies,
            practitioners,
            specialisms,
            needs,
            forums,
            collaborations,
            knows,
          } as unknown as InsightsData;
        },
        { timeoutMs: 600_000 },
      );
    },
  };
}

export type InsightsRepository = ReturnType<typeof createInsightsRepository>;
