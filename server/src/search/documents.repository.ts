import type { SearchableLabel } from '@knotwork/graph-schema';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../lib/db.js';
import { buildDocument, type DocumentRow, type SearchDocument } from './search-document.js';

/**
 * Reads what search documents are built from: one query per searchable label, each taking a batch of ids.
 * Practitioners without SERVES of their own inherit their agency's localities.
 */
const LOCALITIES = (v: string, rel: string) => `
  CALL (${v}) {
    OPTIONAL MATCH (${v})-[:${rel}]->(l:Locality)
    OPTIONAL MATCH (l)-[:WITHIN*0..6]->(anc:Locality)
    RETURN collect(DISTINCT l.name) AS localityNames, collect(DISTINCT l.id) AS servedLocalityIds,
           collect(DISTINCT anc.id) AS localityIds
  }`;

/** Looks nodes up by id through the per-label unique indexes (a label-less `{id: $id}` match would scan). */
const byId = (labels: readonly string[], v = 'n') =>
  `CALL (id) { ${labels.map((l) => `MATCH (${v}:${l} {id: id}) RETURN ${v}`).join(' UNION ')} }`;
const ALL_LABELS = ['Practitioner', 'Agency', 'Specialism', 'Need', 'Forum', 'Locality'];

const queries: Record<SearchableLabel, string> = {
  Practitioner: `
    MATCH (p:Practitioner) WHERE p.id IN $ids
    CALL (p) {
      OPTIONAL MATCH (p)-[:WORKS_FOR]->(a:Agency)
      RETURN a {.id, .name, .sector} AS agency ORDER BY a.name LIMIT 1
    }
    CALL (p) {
      OPTIONAL MATCH (p)-[:HAS_SPECIALISM]->(s:Specialism)
      OPTIONAL MATCH (n:Need)-[na:ADDRESSED_BY]->(s) WHERE coalesce(na.strength, 1.0) >= $minStrength
      WITH s, collect(DISTINCT n {.name, .synonymTerms}) AS ns
      RETURN collect(s {.name, .synonymTerms}) AS specialisms, reduce(acc = [], x IN collect(ns) | acc + x) AS needs
    }
    CALL (p, agency) {
      OPTIONAL MATCH (p)-[:SERVES]->(own:Locality)
      WITH agency, collect(own) AS owns
      OPTIONAL MATCH (:Agency {id: agency.id})-[:SERVES]->(al:Locality) WHERE size(owns) = 0
      WITH owns, collect(al) AS agencyServed
      WITH CASE WHEN size(owns) > 0 THEN owns ELSE agencyServed END AS served
      UNWIND CASE WHEN size(served) = 0 THEN [null] ELSE served END AS l
      OPTIONAL MATCH (l)-[:WITHIN*0..6]->(anc:Locality)
      RETURN collect(DISTINCT l.name) AS localityNames, collect(DISTINCT l.id) AS servedLocalityIds,
             collect(DISTINCT anc.id) AS localityIds
    }
    RETURN 'Practitioner' AS type, properties(p) AS node, agency, specialisms, needs,
           localityNames, servedLocalityIds, localityIds, [] AS extraNames`,
  Agency: `
    MATCH (a:Agency) WHERE a.id IN $ids
    CALL (a) {
      OPTIONAL MATCH (a)-[:PART_OF]->(parent:Agency)
      RETURN parent {.id, .name} AS agency ORDER BY parent.name LIMIT 1
    }
    CALL (a) {
      OPTIONAL MATCH (a)-[:OFFERS]->(s:Specialism)
      OPTIONAL MATCH (n:Need)-[na:ADDRESSED_BY]->(s) WHERE coalesce(na.strength, 1.0) >= $minStrength
      WITH s, collect(DISTINCT n {.name, .synonymTerms}) AS ns
      RETURN collect(s {.name, .synonymTerms}) AS specialisms, reduce(acc = [], x IN collect(ns) | acc + x) AS needs
    }
    ${LOCALITIES('a', 'SERVES')}
    RETURN 'Agency' AS type, properties(a) AS node, agency, specialisms, needs,
           localityNames, servedLocalityIds, localityIds, [] AS extraNames`,
  Specialism: `
    MATCH (s:Specialism) WHERE s.id IN $ids
    CALL (s) {
      OPTIONAL MATCH (s)-[:BROADER]->(b:Specialism)
      RETURN collect(DISTINCT b.name) AS extraNames
    }
    CALL (s) {
      OPTIONAL MATCH (n:Need)-[na:ADDRESSED_BY]->(s) WHERE coalesce(na.strength, 1.0) >= $minStrength
      RETURN collect(DISTINCT n {.name, .synonymTerms}) AS needs
    }
    RETURN 'Specialism' AS type, properties(s) AS node, null AS agency, [] AS specialisms, needs,
           [] AS localityNames, [] AS servedLocalityIds, [] AS localityIds, extraNames`,
  Need: `
    MATCH (n:Need) WHERE n.id IN $ids
    CALL (n) {
      OPTIONAL MATCH (n)-[na:ADDRESSED_BY]->(s:Specialism) WHERE coalesce(na.strength, 1.0) >= $minStrength
      RETURN collect(DISTINCT s.name) AS extraNames
    }
    RETURN 'Need' AS type, properties(n) AS node, null AS agency, [] AS specialisms, [] AS needs,
           [] AS localityNames, [] AS servedLocalityIds, [] AS localityIds, extraNames`,
  Forum: `
    MATCH (f:Forum) WHERE f.id IN $ids
    CALL (f) {
      OPTIONAL MATCH (a:Agency)-[:CONVENES]->(f)
      RETURN a {.id, .name} AS agency ORDER BY a.name LIMIT 1
    }
    ${LOCALITIES('f', 'MEETS_IN')}
    RETURN 'Forum' AS type, properties(f) AS node, agency, [] AS specialisms, [] AS needs,
           localityNames, servedLocalityIds, localityIds, [] AS extraNames`,
};

/**
 * A need's words go into the documents of the specialisms (and their holders) that address it strongly
 * (ADDRESSED_BY strength ≥ this); weak links would make half the directory match every need.
 */
export const MIN_NEED_STRENGTH = 0.7;

/**
 * Entities whose documents show something of these entities (so they must be rebuilt too): practitioners of
 * a changed agency, holders and needs of a changed specialism, everything serving a changed locality.
 */
export async function dependentsOf(tx: ManagedTransaction, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const res = await tx.run(
    `UNWIND $ids AS id ${byId(ALL_LABELS, 'x')}
     CALL (x) {
       MATCH (p:Practitioner)-[:WORKS_FOR]->(x:Agency) RETURN p.id AS dep
       UNION
       MATCH (a:Agency)-[:PART_OF]->(x:Agency) RETURN a.id AS dep
       UNION
       MATCH (f:Forum)<-[:CONVENES]-(x:Agency) RETURN f.id AS dep
       UNION
       MATCH (h)-[:HAS_SPECIALISM|OFFERS]->(x:Specialism) RETURN h.id AS dep
       UNION
       MATCH (n:Need)-[:ADDRESSED_BY]->(x:Specialism) RETURN n.id AS dep
       UNION
       MATCH (s:Specialism)-[:BROADER]->(x:Specialism) RETURN s.id AS dep
       UNION
       MATCH (x:Need)-[:ADDRESSED_BY]->(s:Specialism)<-[:HAS_SPECIALISM|OFFERS]-(h) RETURN h.id AS dep
       UNION
       MATCH (x:Need)-[:ADDRESSED_BY]->(s:Specialism) RETURN s.id AS dep
       UNION
       MATCH (h)-[:SERVES|MEETS_IN]->(:Locality)-[:WITHIN*0..6]->(x:Locality) RETURN h.id AS dep
       UNION
       MATCH (p:Practitioner)-[:WORKS_FOR]->(:Agency)-[:SERVES]->(:Locality)-[:WITHIN*0..6]->(x:Locality)
       WHERE NOT (p)-[:SERVES]->(:Locality) RETURN p.id AS dep
     }
     RETURN collect(DISTINCT dep) AS deps`,
    { ids: [...new Set(ids)] },
  );
  return (res.records[0]?.get('deps') as string[] | undefined) ?? [];
}

export const SEARCHABLE_LABELS: readonly SearchableLabel[] = ['Practitioner', 'Agency', 'Specialism', 'Need', 'Forum'];

export interface ThesaurusEntry {
  kind: 'Specialism' | 'Need';
  id: string;
  name: string;
  synonyms: { term: string; profession: string | null }[];
}

export function createDocumentsRepository(db: Db) {
  return {
    /** Documents for these ids, whatever their label; ids that are not (or no longer) searchable are absent. */
    async loadDocuments(ids: readonly string[], now: number = Date.now()): Promise<SearchDocument[]> {
      if (ids.length === 0) return [];
      const labelled = await db.read(async (tx) => {
        const res = await tx.run(
          `UNWIND $ids AS id ${byId(SEARCHABLE_LABELS)}
           RETURN n.id AS id, [l IN labels(n) WHERE l IN $labels][0] AS label`,
          { ids: [...new Set(ids)], labels: SEARCHABLE_LABELS },
        );
        return res.records.map((r) => ({ id: r.get('id') as string, label: r.get('label') as SearchableLabel }));
      });
      const byLabel = new Map<SearchableLabel, string[]>();
      for (const { id, label } of labelled) {
        // push, not a spread copy per id: a broad specialism's change re-indexes tens of thousands of holders
        const list = byLabel.get(label);
        if (list) list.push(id);
        else byLabel.set(label, [id]);
      }
      const docs: SearchDocument[] = [];
      for (const [label, labelIds] of byLabel) {
        for (let i = 0; i < labelIds.length; i += 1_000) docs.push(...(await this.loadByLabel(label, labelIds.slice(i, i + 1_000), now)));
      }
      return docs;
    },

    async loadByLabel(label: SearchableLabel, ids: readonly string[], now: number = Date.now()): Promise<SearchDocument[]> {
      if (ids.length === 0) return [];
      return db.read(async (tx) => {
        const res = await tx.run(queries[label], { ids: [...ids], minStrength: MIN_NEED_STRENGTH });
        return res.records.map((r) => buildDocument(r.toObject() as unknown as DocumentRow, now));
      });
    },

    /** Ids of one label, in id order, one page after `afterId` (keyset pagination for the reindex). */
    async idsPage(label: SearchableLabel, afterId: string | null, limit: number): Promise<string[]> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (n:${label}) WHERE $after IS NULL OR n.id > $after
           RETURN n.id AS id ORDER BY id LIMIT $limit`,
          { after: afterId, limit: neo4j.int(limit) },
        );
        return res.records.map((r) => r.get('id') as string);
      });
    },

    async countByLabel(): Promise<Record<SearchableLabel, number>> {
      return db.read(async (tx) => {
        const out = {} as Record<SearchableLabel, number>;
        for (const label of SEARCHABLE_LABELS) {
          const res = await tx.run(`MATCH (n:${label}) RETURN count(n) AS c`);
          out[label] = res.records[0]!.get('c') as number;
        }
        return out;
      });
    },

    /** See dependentsOf. */
    async dependents(ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      return db.read((tx) => dependentsOf(tx, ids));
    },

    /**
     * Which of these ids are still nodes of the directory, searchable or not (a locality has no document of its
     * own but may be queued so that the documents that show it are rebuilt).
     */
    async stillInGraph(ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      return db.read(async (tx) => {
        const res = await tx.run(`UNWIND $ids AS id ${byId(ALL_LABELS)} RETURN collect(n.id) AS ids`, { ids: [...new Set(ids)] });
        return new Set((res.records[0]?.get('ids') as string[] | undefined) ?? []);
      });
    },

    /** Whether any of these ids is a Specialism or a Need (their synonyms feed the thesaurus). */
    async touchesThesaurus(ids: readonly string[]): Promise<boolean> {
      if (ids.length === 0) return false;
      return db.read(async (tx) => {
        const res = await tx.run(
          `UNWIND $ids AS id ${byId(['Specialism', 'Need'])} RETURN count(n) > 0 AS any`,
          { ids: [...new Set(ids)] },
        );
        return Boolean(res.records[0]?.get('any'));
      });
    },

    /** The professional thesaurus: every specialism and need with its synonyms (tagged by profession). */
    async loadThesaurus(): Promise<ThesaurusEntry[]> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (n) WHERE n:Specialism OR n:Need
           RETURN CASE WHEN n:Specialism THEN 'Specialism' ELSE 'Need' END AS kind, n.id AS id, n.name AS name,
                  coalesce(n.synonymTerms, []) AS terms, coalesce(n.synonymProfessions, []) AS professions
           ORDER BY n.id`,
        );
        return res.records.map((r) => {
          const terms = r.get('terms') as string[];
          const profs = r.get('professions') as string[];
          return {
            kind: r.get('kind') as 'Specialism' | 'Need',
            id: r.get('id') as string,
            name: r.get('name') as string,
            synonyms: terms.map((term, i) => ({ term, profession: profs[i] ? profs[i]! : null })),
          };
        });
      });
    },

  };
}
export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
