import type { Db } from '../../lib/db.js';

/** Graph-derived relevance judgments for the relevance test set. */
export function createRelevanceRepository(db: Db) {
  return {
    /**
     * What is relevant to a query about these specialisms/needs: the specialisms (and those narrower, two levels),
     * the needs they address strongly (≥ 0.7), for needs the specialisms addressing them strongly, and every
     * practitioner holding / agency offering one of those specialisms.
     */
    async relevantIds(specialismIds: string[], needIds: string[]): Promise<string[]> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `CALL () {
             UNWIND $specialismIds AS sid
             MATCH (n:Specialism)-[:BROADER*0..2]->(:Specialism {id: sid}) RETURN n.id AS spec
             UNION
             UNWIND $needIds AS nid
             MATCH (:Need {id: nid})-[r:ADDRESSED_BY]->(s:Specialism) WHERE coalesce(r.strength, 1) >= 0.7
             RETURN s.id AS spec
           }
           WITH collect(DISTINCT spec) AS specs
           CALL (specs) {
             UNWIND specs AS sid RETURN sid AS id
             UNION
             UNWIND specs AS sid MATCH (p:Practitioner)-[:HAS_SPECIALISM]->(:Specialism {id: sid}) RETURN p.id AS id
             UNION
             UNWIND specs AS sid MATCH (a:Agency)-[:OFFERS]->(:Specialism {id: sid}) RETURN a.id AS id
             UNION
             UNWIND specs AS sid MATCH (n:Need)-[r:ADDRESSED_BY]->(:Specialism {id: sid})
             WHERE coalesce(r.strength, 1) >= 0.7 RETURN n.id AS id
             UNION
             UNWIND $needIds AS id RETURN id
           }
           RETURN collect(DISTINCT id) AS ids`,
          { specialismIds, needIds },
        );
        return (res.records[0]?.get('ids') as string[] | undefined) ?? [];
      });
    },
  };
}
