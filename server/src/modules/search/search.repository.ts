import type { Db } from '../../lib/db.js';

export function createSearchRepository(db: Db) {
  return {
    /** Every locality this one lies within (any depth); empty when it has none or does not exist. */
    async localityAncestors(localityId: string): Promise<string[]> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (l:Locality {id: $id}) OPTIONAL MATCH (l)-[:WITHIN*1..6]->(anc:Locality)
           RETURN collect(DISTINCT anc.id) AS ancestors`,
          { id: localityId },
        );
        return (res.records[0]?.get('ancestors') as string[] | undefined) ?? [];
      });
    },
  };
}
export type SearchRepository = ReturnType<typeof createSearchRepository>;
