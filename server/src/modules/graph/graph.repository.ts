import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { dayOf, loadCollaborationTiesAmong, type TieSet } from './ties.repository.js';

/** Labels the network walk may show (never User, Session, AuditEvent, OutboxEvent). */
export const WALK_LABELS = ['Practitioner', 'Agency', 'Specialism', 'Need', 'Locality', 'Forum', 'Collaboration'] as const;
export type WalkLabel = (typeof WALK_LABELS)[number];

export interface WalkNode {
  eid: string;
  id: string;
  label: WalkLabel;
  name: string;
  category: string | null;
}
export interface WalkEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  since: string | null;
}

const NODE_FIELDS = `{
  eid: elementId(m), id: m.id, label: [l IN labels(m) WHERE l IN $allowed][0],
  name: coalesce(m.name, CASE WHEN m:Collaboration THEN 'Collaboration ' + m.startedOn END, m.id),
  category: CASE
    WHEN m:Practitioner THEN m.profession WHEN m:Agency THEN m.sector
    WHEN m:Forum OR m:Locality THEN m.kind WHEN m:Need OR m:Specialism THEN m.domain
    WHEN m:Collaboration THEN m.outcome ELSE null END }`;

/** The focus node by id: one index seek per label (ids are unique per label). */
const FOCUS = `
CALL () {
  ${WALK_LABELS.map((l) => `MATCH (m:${l} {id: $id}) RETURN m`).join(' UNION ALL ')}
}
RETURN m ${NODE_FIELDS} AS node LIMIT 1`;

/**
 * One level of the walk: for each frontier node, up to $perNode neighbours of the allowed labels (unordered, so
 * LIMIT stops early on dense nodes), with the relationship, plus the node's degree to estimate what was left out.
 */
export const LEVEL = `
UNWIND $frontier AS eid
MATCH (n) WHERE elementId(n) = eid
CALL (n) {
  MATCH (n)-[r]-(m)
  WHERE any(l IN labels(m) WHERE l IN $allowed)
    AND coalesce(r.since, '') <= $asOf
    AND (NOT m:Collaboration OR m.startedOn <= $asOf)
  RETURN r, m LIMIT $perNode
}
WITH n, r, m,
     CASE WHEN type(r) IN ['PARTICIPATED_IN'] THEN coalesce(m.startedOn, n.startedOn)
          WHEN type(r) IN ['ADDRESSED', 'IN'] THEN n.startedOn
          ELSE r.since END AS since
RETURN elementId(n) AS from, COUNT { (n)--() } AS degree,
       { id: elementId(r), type: type(r), source: elementId(startNode(r)), target: elementId(endNode(r)), since: since } AS edge,
       m ${NODE_FIELDS} AS node`;

/** The walk's reads, bound to one transaction. */
function walkOps(tx: ManagedTransaction) {
  return {
    async focus(id: string): Promise<WalkNode | null> {
      const r = await tx.run(FOCUS, { id, allowed: [...WALK_LABELS] });
      return (r.records[0]?.get('node') as WalkNode | undefined) ?? null;
    },

    async level(frontier: string[], allowed: readonly string[], perNode: number, asOf: string | undefined) {
      const r = await tx.run(LEVEL, {
        frontier,
        allowed: [...allowed],
        perNode: neo4j.int(perNode),
        asOf: dayOf(asOf),
      });
      return r.records.map((x) => ({
        from: x.get('from') as string,
        degree: x.get('degree') as number,
        edge: x.get('edge') as WalkEdge,
        node: x.get('node') as WalkNode,
      }));
    },

    /** Derived ties among the given practitioners who worked together (pairs inside the set). */
    async tiesAmong(ids: readonly string[], asOf: string | undefined): Promise<TieSet> {
      return loadCollaborationTiesAmong(tx, ids, { asOf });
    },
  };
}

export type WalkOps = ReturnType<typeof walkOps>;

export function createGraphRepository(db: Db) {
  return {
    /** Runs the whole walk in one read transaction (one connection, no per-step BEGIN/COMMIT round trips). */
    walk<T>(work: (ops: WalkOps) => Promise<T>): Promise<T> {
      return db.read((tx) => work(walkOps(tx)));
    },
  };
}

export type GraphRepository = ReturnType<typeof createGraphRepository>;
