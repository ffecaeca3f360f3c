import type { OfferTerms } from '@knotwork/graph-schema';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';

/** What the HSDS view of an agency is built from: the node's stored properties plus its offers, areas and locations. */
export interface AgencyRow {
  props: Record<string, unknown>;
  offers: { id: string; name: string; description: string | null; parentId: string | null; terms: OfferTerms }[];
  areas: string[];
  locations: Record<string, unknown>[];
}

export interface AgencyFilter {
  sources?: string[] | null;
  modifiedAfter?: string | null;
  ids?: string[] | null;
  /** Only agencies offering this specialism. */
  offers?: string | null;
}

const WHERE = `WHERE ($sources IS NULL OR a.source IN $sources)
  AND ($modifiedAfter IS NULL OR a.updatedAt > $modifiedAfter)
  AND ($ids IS NULL OR a.id IN $ids)
  AND ($offers IS NULL OR EXISTS { (a)-[:OFFERS]->(:Specialism {id: $offers}) })`;

const params = (f: AgencyFilter) => ({
  sources: f.sources ?? null,
  modifiedAfter: f.modifiedAfter ?? null,
  ids: f.ids ?? null,
  offers: f.offers ?? null,
});

async function agencyRows(
  tx: ManagedTransaction,
  f: AgencyFilter,
  page: { skip: number; limit: number } | null,
): Promise<AgencyRow[]> {
  const res = await tx.run(
    `MATCH (a:Agency) ${WHERE}
     WITH a ORDER BY a.id ${page ? 'SKIP $skip LIMIT $limit' : ''}
     CALL (a) {
       OPTIONAL MATCH (a)-[o:OFFERS]->(s:Specialism)
       OPTIONAL MATCH (s)-[:BROADER]->(parent:Specialism)
       WITH s, o, head(collect(parent.id)) AS parentId ORDER BY s.id
       RETURN collect(CASE WHEN s IS NULL THEN null ELSE {id: s.id, name: s.name, description: s.description, parentId: parentId, terms: properties(o)} END) AS offers
     }
     CALL (a) { OPTIONAL MATCH (a)-[:SERVES]->(l:Locality) WITH l ORDER BY l.name RETURN collect(l.name) AS areas }
     CALL (a) {
       OPTIONAL MATCH (a)-[:HAS_LOCATION]->(loc:Location)
       CALL (loc) { OPTIONAL MATCH (loc)-[:PROVIDES]->(s:Specialism) RETURN collect(s.id) AS provides }
       WITH loc, provides ORDER BY loc.id
       RETURN collect(CASE WHEN loc IS NULL THEN null ELSE loc {.*, provides: provides} END) AS locations
     }
     RETURN a {.*} AS props, offers, areas, locations`,
    { ...params(f), ...(page ? { skip: neo4j.int(page.skip), limit: neo4j.int(page.limit) } : {}) },
  );
  return res.records.map((r) => ({
    props: r.get('props') as Record<string, unknown>,
    offers: r.get('offers') as AgencyRow['offers'],
    areas: r.get('areas') as string[],
    locations: r.get('locations') as Record<string, unknown>[],
  }));
}

export function createHsdsRepository(db: Db) {
  return {
    /** Every matching agency (the export). */
    agencies: (f: AgencyFilter) => db.read((tx) => agencyRows(tx, f, null)),
    agencyPage: (f: AgencyFilter, skip: number, limit: number) =>
      db.read(async (tx) => {
        const count = await tx.run(`MATCH (a:Agency) ${WHERE} RETURN count(a) AS n`, params(f));
        return { total: Number(count.records[0]?.get('n') ?? 0), rows: await agencyRows(tx, f, { skip, limit }) };
      }),
    /**
     * One page of services (an agency's offer of a specialism), ordered by agency then specialism; with the rows of
     * the agencies they belong to.
     */
    offerPage: (f: AgencyFilter, skip: number, limit: number) =>
      db.read(async (tx) => {
        const offersOf = `MATCH (a:Agency)-[:OFFERS]->(s:Specialism) ${WHERE} AND ($offers IS NULL OR s.id = $offers)`;
        const count = await tx.run(`${offersOf} RETURN count(*) AS n`, params(f));
        const pairs = await tx.run(
          `${offersOf} RETURN a.id AS agency, s.id AS specialism ORDER BY a.id, s.id SKIP $skip LIMIT $limit`,
          {
            ...params(f),
            skip: neo4j.int(skip),
            limit: neo4j.int(limit),
          },
        );
        const list = pairs.records.map((r) => ({
          agency: r.get('agency') as string,
          specialism: r.get('specialism') as string,
        }));
        const agencies = list.length
          ? await agencyRows(tx, { ids: [...new Set(list.map((p) => p.agency))] }, null)
          : [];
        return { total: Number(count.records[0]?.get('n') ?? 0), pairs: list, agencies };
      }),
    /** Every (agency, specialism) offer, to find a service by its id. */
    allOffers: () =>
      db.read(async (tx) => {
        const res = await tx.run(
          'MATCH (a:Agency)-[:OFFERS]->(s:Specialism) RETURN a.id AS agency, s.id AS specialism',
        );
        return res.records.map((r) => ({
          agency: r.get('agency') as string,
          specialism: r.get('specialism') as string,
        }));
      }),
    specialismPage: (skip: number, limit: number, modifiedAfter: string | null) =>
      db.read(async (tx) => {
        const where = 'WHERE $modifiedAfter IS NULL OR s.updatedAt > $modifiedAfter';
        const count = await tx.run(`MATCH (s:Specialism) ${where} RETURN count(s) AS n`, { modifiedAfter });
        const res = await tx.run(
          `MATCH (s:Specialism) ${where} WITH s ORDER BY s.id SKIP $skip LIMIT $limit
           OPTIONAL MATCH (s)-[:BROADER]->(p:Specialism)
           RETURN s.id AS id, s.name AS name, s.description AS description, head(collect(p.id)) AS parentId`,
          { modifiedAfter, skip: neo4j.int(skip), limit: neo4j.int(limit) },
        );
        return {
          total: Number(count.records[0]?.get('n') ?? 0),
          rows: res.records.map((r) => ({
            id: r.get('id') as string,
            name: r.get('name') as string,
            description: (r.get('description') as string | null) ?? null,
            parentId: (r.get('parentId') as string | null) ?? null,
          })),
        };
      }),
  };
}
export type HsdsRepository = ReturnType<typeof createHsdsRepository>;
