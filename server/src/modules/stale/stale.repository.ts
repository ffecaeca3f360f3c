import neo4j from 'neo4j-driver';
import type { Db } from '../../lib/db.js';

export interface StaleRow {
  id: string;
  label: 'Practitioner' | 'Agency';
  name: string;
  lastVerifiedAt: string | null;
  updatedAt: string | null;
}

/** Profiles not verified since `before` (never-verified ones first, then the oldest). */
export function createStaleRepository(db: Db) {
  return {
    async list(p: {
      before: string;
      labels: string[];
      after: { key: string; id: string } | null;
      limit: number;
    }): Promise<{ rows: StaleRow[]; sortValues: string[]; total: number }> {
      return db.read(async (tx) => {
        const page = await tx.run(
          `CALL () {
             MATCH (n:Practitioner) WHERE 'Practitioner' IN $labels RETURN n, 'Practitioner' AS label
             UNION ALL
             MATCH (n:Agency) WHERE 'Agency' IN $labels RETURN n, 'Agency' AS label
           }
           WITH n, label, coalesce(n.lastVerifiedAt, '') AS sortValue
           WHERE sortValue < $before
             AND ($after IS NULL OR sortValue > $after.key OR (sortValue = $after.key AND n.id > $after.id))
           RETURN n.id AS id, label, n.name AS name, n.lastVerifiedAt AS lastVerifiedAt, n.updatedAt AS updatedAt, sortValue
           ORDER BY sortValue, n.id
           LIMIT $limit`,
          { ...p, limit: neo4j.int(p.limit + 1) },
        );
        const count = await tx.run(
          `CALL () {
             MATCH (n:Practitioner) WHERE 'Practitioner' IN $labels RETURN n
             UNION ALL
             MATCH (n:Agency) WHERE 'Agency' IN $labels RETURN n
           }
           WITH n WHERE coalesce(n.lastVerifiedAt, '') < $before
           RETURN count(n) AS total`,
          p,
        );
        return {
          rows: page.records.map((r) => ({
            id: r.get('id') as string,
            label: r.get('label') as 'Practitioner' | 'Agency',
            name: String(r.get('name') ?? ''),
            lastVerifiedAt: (r.get('lastVerifiedAt') as string | null) ?? null,
            updatedAt: (r.get('updatedAt') as string | null) ?? null,
          })),
          sortValues: page.records.map((r) => r.get('sortValue') as string),
          total: (count.records[0]?.get('total') as number) ?? 0,
        };
      });
    },
  };
}
