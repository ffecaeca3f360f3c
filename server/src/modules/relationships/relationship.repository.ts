import { DirectoryLabel, type RelationshipType } from '@knotwork/graph-schema';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { cypherLabel, cypherRelType } from '../../lib/cypher.js';
import type { Db } from '../../lib/db.js';

/** Relationships between directory nodes. Types and labels go into Cypher only through the allow-list helpers. */
const directoryLabels = DirectoryLabel.options as readonly string[];

export interface Endpoint {
  id: string;
  label: DirectoryLabel;
}

export interface RelationshipRow {
  type: RelationshipType;
  from: { id: string; label: DirectoryLabel; name: string };
  to: { id: string; label: DirectoryLabel; name: string };
  properties: Record<string, unknown>;
}

export function createRelationshipRepository(db: Db) {
  return {
    /** Which of the candidate labels the node with this id has (index seeks), else null. */
    async labelOf(tx: ManagedTransaction, id: string, candidates: readonly DirectoryLabel[]): Promise<DirectoryLabel | null> {
      for (const label of candidates) {
        const res = await tx.run(`MATCH (n:${cypherLabel(label)} {id: $id}) RETURN count(n) AS n`, { id });
        if (((res.records[0]?.get('n') as number) ?? 0) > 0) return label;
      }
      return null;
    },

    /** The directory label of a node of any label (slow path, only to explain a refusal). */
    async anyLabelOf(tx: ManagedTransaction, id: string): Promise<string | null> {
      const res = await tx.run(
        `MATCH (m {id: $id}) RETURN [l IN labels(m) WHERE l IN $labels][0] AS label LIMIT 1`,
        { id, labels: directoryLabels },
      );
      return (res.records[0]?.get('label') as string | null | undefined) ?? null;
    },

    async get(tx: ManagedTransaction, type: RelationshipType, from: Endpoint, to: Endpoint): Promise<Record<string, unknown> | null> {
      const res = await tx.run(
        `MATCH (:${cypherLabel(from.label)} {id: $from})-[r:${cypherRelType(type)}]->(:${cypherLabel(to.label)} {id: $to})
         RETURN properties(r) AS props LIMIT 1`,
        { from: from.id, to: to.id },
      );
      return (res.records[0]?.get('props') as Record<string, unknown> | undefined) ?? null;
    },

    /** Creates the relationship or replaces its properties (idempotent). */
    async put(
      tx: ManagedTransaction,
      type: RelationshipType,
      from: Endpoint,
      to: Endpoint,
      props: Record<string, unknown>,
    ): Promise<Record<string, unknown>> {
      const res = await tx.run(
        `MATCH (a:${cypherLabel(from.label)} {id: $from}), (b:${cypherLabel(to.label)} {id: $to})
         MERGE (a)-[r:${cypherRelType(type)}]->(b)
         SET r = $props
         RETURN properties(r) AS props`,
        { from: from.id, to: to.id, props },
      );
      return (res.records[0]?.get('props') as Record<string, unknown>) ?? {};
    },

    async remove(tx: ManagedTransaction, type: RelationshipType, from: Endpoint, to: Endpoint): Promise<void> {
      await tx.run(
        `MATCH (:${cypherLabel(from.label)} {id: $from})-[r:${cypherRelType(type)}]->(:${cypherLabel(to.label)} {id: $to})
         DELETE r`,
        { from: from.id, to: to.id },
      );
    },

    /** Whether `to` already reaches `from` along this type, so that adding from->to would close a cycle. */
    async reaches(tx: ManagedTransaction, type: RelationshipType, from: Endpoint, to: Endpoint): Promise<boolean> {
      const res = await tx.run(
        `MATCH (b:${cypherLabel(to.label)} {id: $to}), (a:${cypherLabel(from.label)} {id: $from})
         RETURN EXISTS { MATCH (b)-[:${cypherRelType(type)}*1..30]->(a) } AS reaches`,
        { from: from.id, to: to.id },
      );
      return Boolean(res.records[0]?.get('reaches'));
    },

    async participates(tx: ManagedTransaction, practitionerId: string, collaborationId: string): Promise<boolean> {
      const res = await tx.run(
        `RETURN EXISTS { MATCH (:Practitioner {id: $p})-[:PARTICIPATED_IN]->(:Collaboration {id: $c}) } AS ok`,
        { p: practitionerId, c: collaborationId },
      );
      return Boolean(res.records[0]?.get('ok'));
    },

    async list(type: RelationshipType, filter: { from?: string; to?: string; limit: number }): Promise<RelationshipRow[]> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (a)-[r:${cypherRelType(type)}]->(b)
           WHERE ($from IS NULL OR a.id = $from) AND ($to IS NULL OR b.id = $to)
           WITH a, r, b,
                [l IN labels(a) WHERE l IN $labels][0] AS aLabel, [l IN labels(b) WHERE l IN $labels][0] AS bLabel
           WHERE aLabel IS NOT NULL AND bLabel IS NOT NULL
           RETURN a.id AS aId, aLabel, coalesce(a.name, a.summary, a.startedOn, '') AS aName,
                  b.id AS bId, bLabel, coalesce(b.name, b.summary, b.startedOn, '') AS bName, properties(r) AS props
           ORDER BY aName, bName, aId, bId
           LIMIT $limit`,
          { from: filter.from ?? null, to: filter.to ?? null, labels: directoryLabels, limit: neo4j.int(filter.limit) },
        );
        return res.records.map((r) => ({
          type,
          from: { id: r.get('aId') as string, label: r.get('aLabel') as DirectoryLabel, name: String(r.get('aName')) },
          to: { id: r.get('bId') as string, label: r.get('bLabel') as DirectoryLabel, name: String(r.get('bName')) },
          properties: r.get('props') as Record<string, unknown>,
        }));
      });
    },
  };
}
export type RelationshipRepository = ReturnType<typeof createRelationshipRepository>;
