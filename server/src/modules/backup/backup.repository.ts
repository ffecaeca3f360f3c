import neo4j, { type ManagedTransaction } from 'neo4j-driver';

/**
 * Cypher of backup and restore. A backup holds every node and relationship with its properties, except runtime
 * state that a restored database rebuilds itself: sessions (sign-ins do not survive a restore), migration
 * bookkeeping (the target runs migrations first), the search outbox and its lease (restore reindexes).
 *
 * Labels and relationship types come from the backup file on restore, so they are checked against IDENTIFIER and
 * backtick-quoted before they are put into Cypher; every value is a parameter.
 */
export const EXCLUDED_LABELS = ['Session', 'Migration', 'SearchLease', 'OutboxEvent'] as const;
/** Temporary label and key that let relationships find their restored end nodes through an index. */
export const RESTORE_LABEL = 'KnotworkRestore';
export const RESTORE_KEY = 'knotworkRestoreKey';
export const RESTORE_INDEX = 'knotwork_restore_key';

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name) || name === RESTORE_LABEL) throw new Error(`not a label or relationship type: ${JSON.stringify(name)}`);
  return `\`${name}\``;
}

/** Property value types a backup can carry exactly; anything else (temporal, spatial) is refused, not converted. */
const typeOk = (x: string) =>
  `valueType(${x}[key]) =~ '(LIST<)?(INTEGER|FLOAT|STRING|BOOLEAN|NOTHING)( NOT NULL)?(>( NOT NULL)?)?'`;
const INT_KEYS = (x: string) =>
  `[key IN keys(${x}) WHERE valueType(${x}[key]) STARTS WITH 'INTEGER' OR valueType(${x}[key]) STARTS WITH 'LIST<INTEGER']`;
const BAD_KEYS = (x: string) => `[key IN keys(${x}) WHERE NOT ${typeOk(x)} | key + ': ' + valueType(${x}[key])]`;

export interface BackupNodeRow {
  k: string;
  labels: string[];
  p: Record<string, unknown>;
  ints: string[];
  bad: string[];
}
export interface BackupRelRow {
  k: string;
  type: string;
  from: string;
  to: string;
  p: Record<string, unknown>;
  ints: string[];
  bad: string[];
}

const notExcluded = (x: string) => `NONE(l IN labels(${x}) WHERE l IN $excluded)`;

export async function countGraph(tx: ManagedTransaction): Promise<{ nodes: number; relationships: number }> {
  const n = await tx.run(`MATCH (n) WHERE ${notExcluded('n')} RETURN count(n) AS c`, { excluded: EXCLUDED_LABELS });
  const r = await tx.run(`MATCH (a)-[r]->(b) WHERE ${notExcluded('a')} AND ${notExcluded('b')} RETURN count(r) AS c`, {
    excluded: EXCLUDED_LABELS,
  });
  return { nodes: Number(n.records[0]?.get('c') ?? 0), relationships: Number(r.records[0]?.get('c') ?? 0) };
}

/**
 * Every node other than runtime state, streamed (the driver pulls records in batches as they are consumed), so one
 * pass and one transaction read the whole graph with bounded memory.
 */
export async function* streamNodes(tx: ManagedTransaction): AsyncGenerator<BackupNodeRow> {
  const result = tx.run(
    `MATCH (n) WHERE ${notExcluded('n')}
     RETURN elementId(n) AS k, labels(n) AS labels, properties(n) AS p, ${INT_KEYS('n')} AS ints, ${BAD_KEYS('n')} AS bad`,
    { excluded: EXCLUDED_LABELS },
  );
  for await (const r of result) yield r.toObject() as unknown as BackupNodeRow;
}

export async function* streamRelationships(tx: ManagedTransaction): AsyncGenerator<BackupRelRow> {
  const result = tx.run(
    `MATCH (a)-[r]->(b) WHERE ${notExcluded('a')} AND ${notExcluded('b')}
     RETURN elementId(r) AS k, type(r) AS type, elementId(a) AS from, elementId(b) AS to, properties(r) AS p,
            ${INT_KEYS('r')} AS ints, ${BAD_KEYS('r')} AS bad`,
    { excluded: EXCLUDED_LABELS },
  );
  for await (const r of result) yield r.toObject() as unknown as BackupRelRow;
}

/** Nodes a restore would collide with: everything except migration bookkeeping and the outbox lease. */
export async function countRestoreBlockers(tx: ManagedTransaction): Promise<number> {
  const res = await tx.run(`MATCH (n) WHERE NONE(l IN labels(n) WHERE l IN ['Migration', 'SearchLease']) RETURN count(n) AS c`);
  return Number(res.records[0]?.get('c') ?? 0);
}

/** Deletes up to `limit` nodes (with their relationships) other than migration bookkeeping; returns how many. */
export async function deleteBatch(tx: ManagedTransaction, limit: number): Promise<number> {
  const res = await tx.run(
    `MATCH (n) WHERE NONE(l IN labels(n) WHERE l IN ['Migration', 'SearchLease'])
     WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS c`,
    { limit: neo4j.int(limit) },
  );
  return Number(res.records[0]?.get('c') ?? 0);
}

export async function createRestoreIndex(tx: ManagedTransaction): Promise<void> {
  await tx.run(`CREATE INDEX ${RESTORE_INDEX} IF NOT EXISTS FOR (n:${RESTORE_LABEL}) ON (n.${RESTORE_KEY})`);
}
export async function awaitRestoreIndex(tx: ManagedTransaction): Promise<void> {
  await tx.run(`CALL db.awaitIndex($name, 300)`, { name: RESTORE_INDEX });
}
export async function dropRestoreIndex(tx: ManagedTransaction): Promise<void> {
  await tx.run(`DROP INDEX ${RESTORE_INDEX} IF EXISTS`);
}

/** Creates nodes that share one set of labels; each carries its backup key until `clearRestoreKeys`. */
export async function createNodes(
  tx: ManagedTransaction,
  labels: string[],
  rows: { k: string; p: Record<string, unknown> }[],
): Promise<number> {
  const labelList = [...labels.map(quoteIdentifier), RESTORE_LABEL].join(':');
  const res = await tx.run(
    `UNWIND $rows AS r CREATE (n:${labelList}) SET n = r.p, n.${RESTORE_KEY} = r.k RETURN count(n) AS c`,
    { rows },
  );
  return Number(res.records[0]?.get('c') ?? 0);
}

export async function createRelationships(
  tx: ManagedTransaction,
  type: string,
  rows: { from: string; to: string; p: Record<string, unknown> }[],
): Promise<number> {
  const res = await tx.run(
    `UNWIND $rows AS r
     MATCH (a:${RESTORE_LABEL} {${RESTORE_KEY}: r.from})
     MATCH (b:${RESTORE_LABEL} {${RESTORE_KEY}: r.to})
     CREATE (a)-[x:${quoteIdentifier(type)}]->(b) SET x = r.p RETURN count(x) AS c`,
    { rows },
  );
  return Number(res.records[0]?.get('c') ?? 0);
}

export async function clearRestoreKeys(tx: ManagedTransaction, limit: number): Promise<number> {
  const res = await tx.run(
    `MATCH (n:${RESTORE_LABEL}) WITH n LIMIT $limit REMOVE n:${RESTORE_LABEL}, n.${RESTORE_KEY} RETURN count(*) AS c`,
    { limit: neo4j.int(limit) },
  );
  return Number(res.records[0]?.get('c') ?? 0);
}

/** Per label (sorted label set) counts of the backed-up part of the graph, and relationship counts per type. */
export async function graphCounts(tx: ManagedTransaction): Promise<{ labels: Record<string, number>; types: Record<string, number> }> {
  const n = await tx.run(
    `MATCH (n) WHERE ${notExcluded('n')}
     WITH n, [l IN labels(n) WHERE l <> '${RESTORE_LABEL}'] AS ls
     UNWIND ls AS l RETURN l, count(*) AS c`,
    { excluded: EXCLUDED_LABELS },
  );
  const r = await tx.run(
    `MATCH (a)-[r]->(b) WHERE ${notExcluded('a')} AND ${notExcluded('b')} RETURN type(r) AS t, count(r) AS c`,
    { excluded: EXCLUDED_LABELS },
  );
  return {
    labels: Object.fromEntries(n.records.map((x) => [x.get('l') as string, Number(x.get('c'))])),
    types: Object.fromEntries(r.records.map((x) => [x.get('t') as string, Number(x.get('c'))])),
  };
}
