import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { unmatchedIds } from '../../lib/unmatched-ids.js';
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

const labelOf = (v: string, labels: string) => `[l IN labels(${v}) WHERE l IN ${labels}][0]`;
const nameOf = (v: string) => `coalesce(${v}.name, CASE WHEN ${v}:Collaboration THEN 'Collaboration ' + ${v}.startedOn END, ${v}.id)`;
const categoryOf = (v: string) => `CASE
    WHEN ${v}:Practitioner THEN ${v}.profession WHEN ${v}:Agency THEN ${v}.sector
    WHEN ${v}:Forum OR ${v}:Locality THEN ${v}.kind WHEN ${v}:Need OR ${v}:Specialism THEN ${v}.domain
    WHEN ${v}:Collaboration THEN ${v}.outcome ELSE null END`;

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

/**
 * One step of the walk (from n through r to m) as a positional list, all steps of a query collected into one row:
 * decoding hundreds of records of maps with repeated keys costs more than the expansion itself.
 */
const STEP = `[elementId(n), degree, elementId(r), type(r), startNode(r) = n, since,
  elementId(m), m.id, ${labelOf('m', '$allowed')}, ${nameOf('m')}, ${categoryOf('m')}]`;
type StepRow = [string, number, string, string, boolean, string | null, string, string, WalkLabel, string, string | null];

function toStep([from, degree, edgeId, type, outgoing, since, eid, id, label, name, category]: StepRow) {
  const edge: WalkEdge = { id: edgeId, type, source: outgoing ? from : eid, target: outgoing ? eid : from, since };
  const node: WalkNode = { eid, id, label, name, category };
  return { from, degree, edge, node };
}

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
RETURN { eid: elementId(n), id: n.id, label: ${labelOf('n', '$allLabels')}, name: ${nameOf('n')}, category: ${categoryOf('n')} }
         AS focus,
       collect(CASE WHEN m IS NULL THEN null ELSE ${STEP} END) AS steps`;

/**
 * One level of the walk: for each frontier node, up to $perNode neighbours of the allowed labels, with the
 * relationship, plus the node's degree to estimate what was left out.
 */
export const LEVEL = `
UNWIND $frontier AS eid
MATCH (n) WHERE elementId(n) = eid
WITH n, COUNT { (n)--() } AS degree
${NEIGHBOURS.trim()}
RETURN collect(${STEP}) AS steps`;

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
      return { focus: row.get('focus') as WalkNode, rows: (row.get('steps') as StepRow[]).map(toStep) };
    },

    async level(frontier: string[], allowed: readonly string[], perNode: number, asOf: string | undefined) {
      const r = await tx.run(LEVEL, {
        frontier,
        allowed: [...allowed],
        perNode: neo4j.int(perNode),
        asOf: dayOf(asOf),
      });
      return ((r.records[0]?.get('steps') as StepRow[] | undefined) ?? []).map(toStep);
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

    /**
     * Runs the walk's queries with ids that match nothing, so that Neo4j plans them now rather than in the first
     * walk after a start (about a second at 100k), with frontiers of the sizes walks have.
     */
    async warmUp(): Promise<void> {
      for (const size of [1, 20, 150]) {
        await db.read(async (tx) => {
          const ops = walkOps(tx);
          await ops.start(unmatchedIds(1)[0]!, WALK_LABELS, 299, undefined);
          await ops.level(unmatchedIds(size).map((id) => `4:${id}:0`), WALK_LABELS, 15, undefined);
          await ops.collaborationTiesAmong(unmatchedIds(size), undefined);
        });
      }
    },
  };
}

export type GraphRepository = ReturnType<typeof createGraphRepository>;
