import type { Db } from '../../lib/db.js';
import type { InsightsData } from '../../graph/insights.js';
import { collaborationDate } from '../graph/ties.repository.js';

/**
 * Bulk load of everything the insights need, as of a date, in one read transaction (a handful of whole-label
 * scans; at 100k practitioners / 1M collaborations this is the expensive step and the service caches it).
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
                    [(a)-[:OFFERS]->(s:Specialism) | s.id] AS offers, [(a)-[:SERVES]->(l:Locality) | l.id] AS serves`,
          );
          const practitioners = await rows(
            `MATCH (p:Practitioner)
             RETURN p.id AS id, p.name AS name, coalesce(p.profession, 'other') AS profession,
                    coalesce(p.level, 'operational') AS level,
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
          // Streamed record by record (a million collaborations at 100k scale): never buffered as driver records.
          const collaborations: InsightsData['collaborations'] = [];
          for await (const r of tx.run(
            `MATCH (c:Collaboration) WHERE c.startedOn <= $asOf
             WITH c, [(c)<-[:PARTICIPATED_IN]-(p:Practitioner) | p.id] AS ps
             WHERE size(ps) > 1
             RETURN c.startedOn AS s, c.endedOn AS e, ps`,
            { asOf },
          )) {
            collaborations.push({
              date: collaborationDate(r.get('s') as string, (r.get('e') as string | null) ?? null, asOf),
              participants: r.get('ps') as string[],
            });
          }
          const knowsRes = await tx.run(
            `MATCH (a:Practitioner)-[k:KNOWS]->(b:Practitioner) WHERE coalesce(k.since, '') <= $asOf AND a <> b
             RETURN a.id AS a, b.id AS b`,
            { asOf },
          );
          const knows = knowsRes.records.map((r) => [r.get('a') as string, r.get('b') as string] as [string, string]);
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
