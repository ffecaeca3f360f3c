import neo4j from 'neo4j-driver';
import type { SearchableLabel } from '@knotwork/graph-schema';
import type { Db } from '../lib/db.js';

export interface ScoredId {
  id: string;
  label: SearchableLabel;
  score: number;
}

/** Cypher of the degraded search path: the Lucene index `knotwork_search` (migration 0003) and graph hops. */
export function createFulltextRepository(db: Db) {
  return {
    /**
     * Lucene hits on the always-visible fields, plus hits on bios that every signed-in user may see (a
     * coordinators-only bio never makes a practitioner match).
     */
    async query(publicQuery: string, bioQuery: string, limit: number): Promise<ScoredId[]> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `CALL () {
             CALL db.index.fulltext.queryNodes('knotwork_search', $publicQuery, {limit: $limit}) YIELD node, score
             RETURN node, score
             UNION ALL
             CALL db.index.fulltext.queryNodes('knotwork_search', $bioQuery, {limit: $limit}) YIELD node, score
             WHERE node:Practitioner AND coalesce(node.bioVisibility, 'signed-in') <> 'coordinators'
             RETURN node, score * 0.5 AS score
           }
           WITH node, max(score) AS score
           RETURN node.id AS id, [l IN labels(node) WHERE l IN $labels][0] AS label, score
           ORDER BY score DESC LIMIT $limit`,
          {
            publicQuery,
            bioQuery,
            limit: neo4j.int(limit),
            labels: ['Practitioner', 'Agency', 'Specialism', 'Need', 'Forum'],
          },
        );
        return res.records.map((r) => ({
          id: r.get('id') as string,
          label: r.get('label') as SearchableLabel,
          score: r.get('score') as number,
        }));
      });
    },

    /**
     * Graph expansion of matched specialisms and needs: practitioners holding (weighted by level) and agencies
     * offering a matched specialism, and specialisms addressing a matched need with their holders.
     */
    async propagate(specialisms: { id: string; score: number }[], needs: { id: string; score: number }[], limit: number): Promise<ScoredId[]> {
      if (specialisms.length === 0 && needs.length === 0) return [];
      return db.read(async (tx) => {
        const res = await tx.run(
          `CALL () {
             UNWIND $needs AS h
             MATCH (:Need {id: h.id})-[a:ADDRESSED_BY]->(s:Specialism)
             RETURN s.id AS sid, h.score * 0.8 * coalesce(a.strength, 1.0) AS sscore
             UNION ALL
             UNWIND $specialisms AS h
             RETURN h.id AS sid, h.score AS sscore
           }
           WITH sid, max(sscore) AS sscore
           CALL (sid, sscore) {
             MATCH (s:Specialism {id: sid})
             RETURN s.id AS id, 'Specialism' AS label, sscore AS score
             UNION ALL
             MATCH (p:Practitioner)-[r:HAS_SPECIALISM]->(:Specialism {id: sid})
             RETURN p.id AS id, 'Practitioner' AS label,
                    sscore * 0.8 * CASE r.level WHEN 'lead' THEN 1.0 WHEN 'aware' THEN 0.6 ELSE 0.9 END AS score
             UNION ALL
             MATCH (a:Agency)-[:OFFERS]->(:Specialism {id: sid})
             RETURN a.id AS id, 'Agency' AS label, sscore * 0.75 AS score
           }
           WITH id, label, max(score) AS score
           RETURN id, label, score ORDER BY score DESC LIMIT $limit`,
          { specialisms, needs, limit: neo4j.int(limit) },
        );
        return res.records.map((r) => ({
          id: r.get('id') as string,
          label: r.get('label') as SearchableLabel,
          score: r.get('score') as number,
        }));
      });
    },

    /**
     * Without query text: nodes of the wanted labels, narrowed in Cypher by the filters (a superset of what
     * `matchesFilters` keeps — that stays the one definition), by name.
     */
    async browse(
      labels: readonly SearchableLabel[],
      f: {
        professions: string[] | null;
        capacities: string[] | null;
        sectors: string[] | null;
        age: number | null;
        language: string | null;
        locality: string | null;
        ancestors: string[];
      },
      limit: number,
    ): Promise<{ total: number; page: ScoredId[] }> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `CALL () {
             ${labels.map((l) => `MATCH (n:${l}) RETURN n`).join(' UNION ALL ')}
           }
           WITH n WHERE ($professions IS NULL OR n.profession IN $professions)
             AND ($capacities IS NULL OR (n:Practitioner AND coalesce(n.capacity, 'open') IN $capacities))
             AND ($age IS NULL OR (n.ageMin <= $age AND n.ageMax >= $age))
             AND ($language IS NULL OR any(l IN coalesce(n.languages, []) WHERE toLower(l) = $language))
             AND ($sectors IS NULL OR (n:Agency AND n.sector IN $sectors)
                  OR (n:Practitioner AND EXISTS { (n)-[:WORKS_FOR]->(a:Agency) WHERE a.sector IN $sectors }))
             AND ($locality IS NULL
                  OR EXISTS { (n)-[:SERVES|MEETS_IN]->(:Locality)-[:WITHIN*0..6]->(:Locality {id: $locality}) }
                  OR EXISTS { (n)-[:SERVES|MEETS_IN]->(l:Locality) WHERE l.id IN $ancestors }
                  OR (n:Practitioner AND NOT EXISTS { (n)-[:SERVES]->(:Locality) }))
           WITH n ORDER BY n.name
           WITH collect(n) AS matched
           RETURN size(matched) AS total,
                  [n IN matched[0..$limit] | {id: n.id, label: [l IN labels(n) WHERE l IN $labels][0]}] AS page`,
          {
            ...f,
            language: f.language ? f.language.trim().toLowerCase() : null,
            age: f.age === null ? null : neo4j.int(f.age),
            labels: [...labels],
            limit: neo4j.int(limit),
          },
        );
        const r = res.records[0];
        const page = (r?.get('page') as { id: string; label: SearchableLabel }[] | undefined) ?? [];
        return { total: (r?.get('total') as number | undefined) ?? 0, page: page.map((p) => ({ ...p, score: 1 })) };
      });
    },
  };
}
export type FulltextRepository = ReturnType<typeof createFulltextRepository>;
