import {
  fromStoredProps,
  nodeSchemas,
  relationshipTypes,
  type DirectoryLabel,
  type RelationshipType,
} from '@knotwork/graph-schema';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { cypherLabel, cypherPositionalMap } from '../../lib/cypher.js';
import type { Db } from '../../lib/db.js';

/**
 * Cypher of bulk loading, import and export. Labels and relationship types are interpolated only after checking
 * them against the graph-schema allow-lists (`assertLabel`, `assertType`); every value is a parameter.
 */
const LABELS = new Set(Object.keys(nodeSchemas));
const TYPES = new Set(Object.keys(relationshipTypes));

export function assertLabel(label: string): DirectoryLabel {
  if (!LABELS.has(label)) throw new Error(`not a directory label: ${label}`);
  return label as DirectoryLabel;
}
export function assertType(type: string): RelationshipType {
  if (!TYPES.has(type)) throw new Error(`not a relationship type: ${type}`);
  return type as RelationshipType;
}

export interface StoredNodeRow {
  id: string;
  [key: string]: unknown;
}
export interface StoredRelRow {
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

const DIRECTORY_MATCH = Object.keys(nodeSchemas)
  .map((l) => `n:${l}`)
  .join(' OR ');

export async function countDirectoryNodes(tx: ManagedTransaction): Promise<number> {
  const res = await tx.run(`MATCH (n) WHERE ${DIRECTORY_MATCH} RETURN count(n) AS c`);
  return Number(res.records[0]?.get('c') ?? 0);
}

export async function countByLabel(tx: ManagedTransaction, label: DirectoryLabel): Promise<number> {
  const res = await tx.run(`MATCH (n:${assertLabel(label)}) RETURN count(n) AS c`);
  return Number(res.records[0]?.get('c') ?? 0);
}

/** Fresh load into an empty database: plain CREATE (fastest). */
export async function createNodes(tx: ManagedTransaction, label: DirectoryLabel, rows: StoredNodeRow[]): Promise<number> {
  const res = await tx.run(`UNWIND $rows AS r CREATE (n:${assertLabel(label)}) SET n = r RETURN count(n) AS c`, { rows });
  return Number(res.records[0]?.get('c') ?? 0);
}

/**
 * Upsert by id. `props` are set on new and existing nodes; `createOnly` (e.g. createdAt) only on new ones.
 * Returns how many were created and updated.
 */
export async function mergeNodes(
  tx: ManagedTransaction,
  label: DirectoryLabel,
  rows: { id: string; props: Record<string, unknown>; createOnly: Record<string, unknown> }[],
): Promise<{ created: number; updated: number }> {
  const res = await tx.run(
    `UNWIND $rows AS r
     OPTIONAL MATCH (old:${assertLabel(label)} {id: r.id})
     WITH r, old IS NOT NULL AS existed
     MERGE (n:${label} {id: r.id})
     ON CREATE SET n += r.createOnly
     SET n += r.props
     RETURN sum(CASE WHEN existed THEN 0 ELSE 1 END) AS created, sum(CASE WHEN existed THEN 1 ELSE 0 END) AS updated`,
    { rows },
  );
  return { created: Number(res.records[0]?.get('created') ?? 0), updated: Number(res.records[0]?.get('updated') ?? 0) };
}

function relPattern(type: RelationshipType, fromLabel: DirectoryLabel, toLabel: DirectoryLabel) {
  return `MATCH (a:${assertLabel(fromLabel)} {id: r.from}) MATCH (b:${assertLabel(toLabel)} {id: r.to})`;
}

export async function createRelationships(
  tx: ManagedTransaction,
  type: RelationshipType,
  fromLabel: DirectoryLabel,
  toLabel: DirectoryLabel,
  rows: StoredRelRow[],
): Promise<number> {
  // Properties listed from the type's schema (allow-list) so that CREATE sets them in the pattern: a
  // `SET x = r.properties` after CREATE would force an Eager operator and halve the write rate.
  const keys = Object.keys(relationshipTypes[assertType(type)].props.shape);
  const props = keys.length ? ` {${keys.map((k) => `${k}: r.properties.${k}`).join(', ')}}` : '';
  const res = await tx.run(
    `UNWIND $rows AS r ${relPattern(type, fromLabel, toLabel)}
     CREATE (a)-[x:${type}${props}]->(b) RETURN count(x) AS c`,
    { rows },
  );
  return Number(res.records[0]?.get('c') ?? 0);
}

export async function mergeRelationships(
  tx: ManagedTransaction,
  type: RelationshipType,
  fromLabel: DirectoryLabel,
  toLabel: DirectoryLabel,
  rows: StoredRelRow[],
): Promise<{ created: number; updated: number }> {
  const res = await tx.run(
    `UNWIND $rows AS r ${relPattern(type, fromLabel, toLabel)}
     OPTIONAL MATCH (a)-[old:${assertType(type)}]->(b)
     WITH a, b, r, count(old) AS existed
     MERGE (a)-[x:${type}]->(b) SET x = r.properties
     RETURN sum(CASE WHEN existed = 0 THEN 1 ELSE 0 END) AS created, sum(CASE WHEN existed = 0 THEN 0 ELSE 1 END) AS updated`,
    { rows },
  );
  return { created: Number(res.records[0]?.get('created') ?? 0), updated: Number(res.records[0]?.get('updated') ?? 0) };
}

/** Which of these ids exist with this label. */
export async function existingIds(tx: ManagedTransaction, label: DirectoryLabel, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const res = await tx.run(`MATCH (n:${assertLabel(label)}) WHERE n.id IN $ids RETURN n.id AS id`, { ids });
  return new Set(res.records.map((r) => r.get('id') as string));
}

/** Export pages: nodes of a label ordered by id (keyset pagination), optionally only from some sources. */
export async function nodesPage(
  tx: ManagedTransaction,
  label: DirectoryLabel,
  after: string,
  limit: number,
  sources: string[] | null,
): Promise<Record<string, unknown>[]> {
  const res = await tx.run(
    `MATCH (n:${assertLabel(label)}) WHERE n.id > $after AND ($sources IS NULL OR n.source IN $sources)
     RETURN properties(n) AS p ORDER BY n.id LIMIT $limit`,
    { after, limit: neo4j.int(limit), sources },
  );
  return res.records.map((r) => fromStoredProps(r.get('p') as Record<string, unknown>));
}

/** Relationships of a type, grouped by start node id (keyset on the start node), with end labels. */
export async function relationshipsPage(
  tx: ManagedTransaction,
  type: RelationshipType,
  fromLabel: DirectoryLabel,
  toLabel: DirectoryLabel,
  after: string,
  limit: number,
  sources: string[] | null,
): Promise<{ lastFrom: string | null; rows: { from: string; to: string; properties: Record<string, unknown> }[] }> {
  const res = await tx.run(
    `MATCH (a:${assertLabel(fromLabel)}) WHERE a.id > $after AND ($sources IS NULL OR a.source IN $sources)
     WITH a ORDER BY a.id LIMIT $limit
     OPTIONAL MATCH (a)-[x:${assertType(type)}]->(b:${assertLabel(toLabel)})
     WHERE $sources IS NULL OR b.source IN $sources
     RETURN a.id AS from, b.id AS to, properties(x) AS p ORDER BY from`,
    { after, limit: neo4j.int(limit), sources },
  );
  let lastFrom: string | null = null;
  const rows: { from: string; to: string; properties: Record<string, unknown> }[] = [];
  for (const r of res.records) {
    lastFrom = r.get('from') as string;
    const to = r.get('to') as string | null;
    if (to) rows.push({ from: lastFrom, to, properties: (r.get('p') as Record<string, unknown>) ?? {} });
  }
  return { lastFrom, rows };
}

/** Specialisms with their synonym terms, for matching taxonomy terms through the thesaurus. */
/**
 * Specialisms a partner's terms may be matched to: the directory's own (manual, seed) — never an import's. Another
 * source's would merge two councils' services; this source's own are planned again under their deterministic ids,
 * so that a changed description is applied and a service gone from the source is seen as gone.
 */
export async function specialismTerms(tx: ManagedTransaction): Promise<{ id: string; name: string; terms: string[] }[]> {
  const res = await tx.run(
    `MATCH (s:Specialism) WHERE NOT coalesce(s.source, '') STARTS WITH 'import:'
     RETURN s.id AS id, s.name AS name, coalesce(s.synonymTerms, []) AS terms`,
  );
  return res.records.map((r) => ({ id: r.get('id') as string, name: r.get('name') as string, terms: r.get('terms') as string[] }));
}

export async function upsertUser(
  tx: ManagedTransaction,
  user: { id: string; email: string; role: string; passwordHash: string; practitionerId: string | null; now: string },
): Promise<boolean> {
  const res = await tx.run(
    `MERGE (u:User {email: $email})
     ON CREATE SET u.id = $id, u.role = $role, u.passwordHash = $passwordHash, u.createdAt = $now, u.updatedAt = $now, u.__new = true
     WITH u, coalesce(u.__new, false) AS created
     REMOVE u.__new
     WITH u, created
     OPTIONAL MATCH (p:Practitioner {id: $practitionerId})
     FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (u)-[:IS]->(p))
     RETURN created`,
    user,
  );
  return Boolean(res.records[0]?.get('created'));
}

/** Graph neighbourhood for exports: breadth-first from a node over directory nodes, capped. */
export async function neighbourhood(
  db: Db,
  id: string,
  depth: number,
  cap: number,
): Promise<{ nodes: { elementId: string; label: string; props: Record<string, unknown> }[]; rels: { type: string; from: string; to: string; props: Record<string, unknown> }[] } | null> {
  return db.read(async (tx) => {
    let start: string | null = null;
    for (const label of LABELS) {
      const res = await tx.run(`MATCH (n:${label} {id: $id}) RETURN elementId(n) AS e`, { id });
      if (res.records.length) {
        start = res.records[0]!.get('e') as string;
        break;
      }
    }
    if (!start) return null;
    const seen = new Set<string>([start]);
    let frontier = [start];
    for (let level = 0; level < depth && frontier.length && seen.size < cap; level++) {
      const res = await tx.run(
        `MATCH (a) WHERE elementId(a) IN $frontier
         MATCH (a)--(b) WHERE ${DIRECTORY_MATCH.replaceAll('n:', 'b:')}
         RETURN DISTINCT elementId(b) AS e LIMIT $limit`,
        { frontier, limit: neo4j.int(cap * 4) },
      );
      const next: string[] = [];
      for (const r of res.records) {
        const e = r.get('e') as string;
        if (seen.has(e) || seen.size >= cap) continue;
        seen.add(e);
        next.push(e);
      }
      frontier = next;
    }
    const ids = [...seen];
    const nodesRes = await tx.run(`MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS e, labels(n) AS labels, properties(n) AS p`, { ids });
    const relsRes = await tx.run(
      `MATCH (a)-[r]->(b) WHERE elementId(a) IN $ids AND elementId(b) IN $ids
       RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS p`,
      { ids },
    );
    return {
      nodes: nodesRes.records.map((r) => ({
        elementId: r.get('e') as string,
        label: (r.get('labels') as string[]).find((l) => LABELS.has(l)) ?? 'Node',
        props: fromStoredProps(r.get('p') as Record<string, unknown>),
      })),
      rels: relsRes.records.map((r) => ({
        type: r.get('type') as string,
        from: r.get('from') as string,
        to: r.get('to') as string,
        props: (r.get('p') as Record<string, unknown>) ?? {},
      })),
    };
  });
}

/** Ids in Neo4j's full-text index `knotwork_search` for a query (used to check imports are searchable). */
export async function fulltextIds(tx: ManagedTransaction, query: string, limit = 20): Promise<string[]> {
  const res = await tx.run(
    `CALL db.index.fulltext.queryNodes('knotwork_search', $query) YIELD node RETURN node.id AS id LIMIT $limit`,
    { query, limit: neo4j.int(limit) },
  );
  return res.records.map((r) => r.get('id') as string);
}

/** Property keys a node of this label may have in the database (graph-schema output fields, stored shape). */
function storedKeys(label: DirectoryLabel): Set<string> {
  const stored = new Set<string>();
  for (const k of Object.keys(nodeSchemas[label].output.shape)) {
    if (k === 'ageRange') stored.add('ageMin').add('ageMax');
    else if (k === 'synonyms') stored.add('synonymTerms').add('synonymProfessions');
    else stored.add(k);
  }
  return stored;
}

/** An edge group of createNodesWithEdges: relationships between each new node and existing nodes of `otherLabel`. */
export interface EdgeGroup {
  type: RelationshipType;
  /** 'out': (new)-[:type]->(other); 'in': (other)-[:type]->(new) */
  direction: 'out' | 'in';
  otherLabel: DirectoryLabel;
}

type EdgeTuple = readonly [type: RelationshipType, direction: 'out' | 'in', otherLabel: DirectoryLabel];
/** The edge groups a node batch may be written with (the Cypher is built from these fixed lists only). */
const PRACTITIONER_EDGES: readonly EdgeTuple[] = [
  ['WORKS_FOR', 'out', 'Agency'],
  ['HAS_SPECIALISM', 'out', 'Specialism'],
  ['SERVES', 'out', 'Locality'],
];
const COLLABORATION_EDGES: readonly EdgeTuple[] = [
  ['IN', 'out', 'Locality'],
  ['ADDRESSED', 'out', 'Need'],
  ['PARTICIPATED_IN', 'in', 'Practitioner'],
];

type NodesWithEdgesBatch = { rows: StoredNodeRow[]; targets: string[][]; edges: [number, number, Record<string, unknown>?][][] };

/**
 * Fresh load of nodes together with their relationships to existing nodes, in one statement. The new nodes are
 * created once and collected; the existing endpoints are looked up once per distinct id (`targets[g]`, for edge
 * group `groups[g]`); each edge `[i, t, props?]` of `edges[g]` then joins new node `rows[i]` to `targets[g][t]` by
 * list position, without a lookup per edge. Property maps are written out from allow-listed keys (the label's
 * stored keys, the relationship type's schema) so that no Eager operator is planned.
 * Supported: Practitioner (WORKS_FOR, HAS_SPECIALISM, SERVES) and Collaboration (IN, ADDRESSED, PARTICIPATED_IN),
 * in that order; other combinations are refused.
 * When an endpoint is missing, nothing is created and the counts are 0 (the caller's check fails the transaction).
 */
export async function createNodesWithEdges(
  tx: ManagedTransaction,
  label: DirectoryLabel,
  groups: readonly EdgeGroup[],
  batch: NodesWithEdgesBatch,
): Promise<{ nodes: number; rels: number }> {
  const same = (fixed: readonly EdgeTuple[]) =>
    fixed.length === groups.length &&
    fixed.every(([type, direction, other], i) => groups[i]!.type === type && groups[i]!.direction === direction && groups[i]!.otherLabel === other);
  if (label === 'Practitioner' && same(PRACTITIONER_EDGES)) return writeNodesWithEdges(tx, 'Practitioner', PRACTITIONER_EDGES, batch);
  if (label === 'Collaboration' && same(COLLABORATION_EDGES)) return writeNodesWithEdges(tx, 'Collaboration', COLLABORATION_EDGES, batch);
  throw new Error(`no combined write for ${label} with ${groups.map((g) => g.type).join(', ')}`);
}

async function writeNodesWithEdges(
  tx: ManagedTransaction,
  label: 'Practitioner' | 'Collaboration',
  edgeGroups: readonly EdgeTuple[],
  batch: NodesWithEdgesBatch,
): Promise<{ nodes: number; rels: number }> {
  const allowed = storedKeys(assertLabel(label));
  const keySet = new Set<string>();
  for (const r of batch.rows) for (const k of Object.keys(r)) keySet.add(k);
  for (const k of keySet) if (!allowed.has(k)) throw new Error(`not a stored property of ${label}: ${k}`);
  const nodeKeys = [...keySet].sort();
  // Rows and edges travel as positional lists (no repeated map keys to encode and decode).
  const rowValues = batch.rows.map((r) => nodeKeys.map((k) => r[k] ?? null));
  const nodeMap = cypherPositionalMap(nodeKeys, [...allowed], 'r');
  const lookups = edgeGroups.map(
    ([, , other], i) => `CALL () { UNWIND $targets[${i}] AS id MATCH (o:${other} {id: id}) RETURN collect(o) AS o${i}, collect(o.id) = $targets[${i}] AS ok${i} }`,
  );
  const edgeValues = edgeGroups.map(([type], i) => {
    const relKeys = Object.keys(relationshipTypes[type].props.shape);
    return relKeys.length ? batch.edges[i]!.map(([n, t, p]) => [n, t, ...relKeys.map((k) => p?.[k] ?? null)]) : batch.edges[i]!;
  });
  const creates = edgeGroups.map(([type, direction], i) => {
    const relKeys = Object.keys(relationshipTypes[type].props.shape);
    const edgeProps = relKeys.length ? ` {${relKeys.map((k, j) => `${k}: e[${j + 2}]`).join(', ')}}` : '';
    const edgePattern = direction === 'out' ? `(n)-[:${type}${edgeProps}]->(o)` : `(o)-[:${type}${edgeProps}]->(n)`;
    return `CALL (ns, o${i}) { UNWIND $edges[${i}] AS e WITH ns[toInteger(e[0])] AS n, o${i}[toInteger(e[1])] AS o, e CREATE ${edgePattern} RETURN count(*) AS c${i} }`;
  });
  const carried = [...edgeGroups.map((_, i) => `o${i}`), `${['true', ...edgeGroups.map((_, i) => `ok${i}`)].join(' AND ')} AS ok`];
  const relCount = edgeGroups.map((_, i) => `c${i}`).join(' + ') || '0';
  const res = await tx.run(
    `${lookups.join('\n     ')}
     WITH ${carried.join(', ')} WHERE ok
     CALL () { UNWIND $rows AS r CREATE (n:${cypherLabel(label)} ${nodeMap}) RETURN collect(n) AS ns }
     ${creates.join('\n     ')}
     RETURN size(ns) AS nodes, ${relCount} AS rels`,
    { rows: rowValues, targets: batch.targets, edges: edgeValues },
  );
  return { nodes: Number(res.records[0]?.get('nodes') ?? 0), rels: Number(res.records[0]?.get('rels') ?? 0) };
}

/** Stored properties of the nodes of `label` with these ids (for an import's diff). */
export async function storedPropsById(tx: ManagedTransaction, label: DirectoryLabel, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  if (!ids.length) return new Map();
  const res = await tx.run(`MATCH (n:${assertLabel(label)}) WHERE n.id IN $ids RETURN n.id AS id, properties(n) AS props`, { ids });
  return new Map(res.records.map((r) => [r.get('id') as string, r.get('props') as Record<string, unknown>]));
}

/** Ids and names of every node of `label` that came from `source` (e.g. "import:lambeth"). */
export async function nodesOfSource(tx: ManagedTransaction, label: DirectoryLabel, source: string): Promise<{ id: string; name: string }[]> {
  const res = await tx.run(`MATCH (n:${assertLabel(label)}) WHERE n.source = $source RETURN n.id AS id, n.name AS name`, { source });
  return res.records.map((r) => ({ id: r.get('id') as string, name: (r.get('name') as string | null) ?? '' }));
}

/** Removes these nodes of `label` and their relationships; returns how many went. */
export async function deleteNodesById(tx: ManagedTransaction, label: DirectoryLabel, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const res = await tx.run(`MATCH (n:${assertLabel(label)}) WHERE n.id IN $ids DETACH DELETE n RETURN count(*) AS c`, { ids });
  return Number(res.records[0]?.get('c') ?? 0);
}
