import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { dayOf, loadTies, type TieSet } from './ties.repository.js';

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

const nodeFields = (v: string, labels = '$allowed') => `{
  eid: elementId(${v}), id: ${v}.id, label: [l IN labels(${v}) WHERE l IN ${labels}][0],
  name: coalesce(${v}.name, CASE WHEN ${v}:Collaboration THEN 'Collaboration ' + ${v}.startedOn END, ${v}.id),
  category: CASE
    WHEN ${v}:Practitioner THEN ${v}.profession WHEN ${v}:Agency THEN ${v}.sector
    WHEN ${v}:Forum OR ${v}:Locality THEN ${v}.kind WHEN ${v}:Need OR ${v}:Specialism THEN ${v}.domain
    WHEN ${v}:Collaboration THEN ${v}.outcome ELSE null END }`;
const NODE_FIELDS = nodeFields('m');

/**
 * Up to $perNode neighbours of `n` of the allowed labels, as of $asOf (unordered, so LIMIT stops early); carries
 * `degree`, counted once per node before the expansion (not once per neighbour row).
 */
const NEIGHBOURS = `
CALL (n) {
  MATCH (n)-[r]-(m)
  WHERE any(l IN labels(m) WHERE l IN $allowed)
    AND coalesce(r.since, '') <= $asOf
    AND (NOT m:Collaboration OR m.startedOn <= $asOf)
  RETURN r, m LIMIT $perNode
}
WITH n, degree, r, m,
     CASE WHEN type(r) IN ['PARTICIPATED_IN'] THEN coalesce(m.startedOn, n.startedOn)
          WHEN type(r) IN ['ADDRESSED', 'IN'] THEN n.startedOn
          ELSE r.since END AS since`;

const EDGE_FIELDS = `{ id: elementId(r), type: type(r), source: elementId(startNode(r)), target: elementId(endNode(r)), since: since }`;

/**
 * The focus node by id (one index seek per label: ids are unique per label) with the walk's first level, in one
 * round trip.
 */
const FOCUS_AND_FIRST_LEVEL = `
CALL () {
  ${WALK_LABELS.map((l) => `MATCH (n:${l} {id: $id}) RETURN n`).join(' UNION ALL ')}
}
WITH n LIMIT 1
WITH n, COUNT { (n)--() } AS degree
OPTIONAL ${NEIGHBOURS.trim()}
RETURN ${nodeFields('n', '$allLabels')} AS focus, degree,
       collect(CASE WHEN m IS NULL THEN null ELSE [${EDGE_FIELDS}, m ${NODE_FIELDS}] END) AS rows`;

/**
 * One level of the walk: for each frontier node, up to $perNode neighbours of the allowed labels, with the
 * relationship, plus the node's degree to estimate what was left out.
 */
export const LEVEL = `
UNWIND $frontier AS eid
MATCH (n) WHERE elementId(n) = eid
WITH n, COUNT { (n)--() } AS degree
${NEIGHBOURS.trim()}
RETURN elementId(n) AS from, degree, ${EDGE_FIELDS} AS edge, m ${NODE_FIELDS} AS node`;

/** The walk's reads, bound to one transaction. */
function walkOps(tx: ManagedTransaction) {
  return {
    /** The focus node and its first level (null when no walkable node has that id). */
    async start(id: string, allowed: readonly string[], perNode: number, asOf: string | undefined) {
      const r = await tx.run(FOCUS_AND_FIRST_LEVEL, {
        id,
        allowed: [...allowed],
        allLabels: [...WALK_LABELS],
        perNode: neo4j.int(perNode),
        asOf: dayOf(asOf),
      });
      const row = r.records[0];
      if (!row) return null;
      const focus = row.get('focus') as WalkNode;
      const degree = row.get('degree') as number;
      const rows = (row.get('rows') as Array<[WalkEdge, WalkNode] | null>)
        .filter((x): x is [WalkEdge, WalkNode] => x !== null)
        .map(([edge, node]) => ({ from: focus.eid, degree, edge, node }));
      return { focus, rows };
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

    /** Ties between given practitioners who worked together (pairs inside the set), in one round trip. */
    async collaborationTiesAmong(ids: readonly string[], asOf: string | undefined): Promise<TieSet> {
      return loadTies(tx, ids, { asOf, restrictTo: ids, collaboratorsOnly: true });
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
