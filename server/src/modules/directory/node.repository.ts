import {
  DirectoryLabel,
  RelationshipType,
  fromStoredProps,
  nodeSchemas,
  toStoredProps,
  type NodeLink,
} from '@knotwork/graph-schema';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { cypherAfter, cypherDirection, cypherLabel } from '../../lib/cypher.js';

/**
 * One repository for the seven node types of the directory (DESIGN §3), parameterised by label. Labels are
 * interpolated only through `cypherLabel` (allow-list); every value is a parameter.
 */
export type NodeRecord = Record<string, unknown> & { id: string };

export interface RelationFilter {
  type: RelationshipType;
  /** out: (n)-[:type]->(m {id}); in: (m {id})-[:type]->(n) */
  dir: 'out' | 'in';
  id: string;
}

export interface ListParams {
  q?: string | undefined;
  /** A stored property name, checked by the service against the label's sort fields. */
  sortKey: string;
  desc: boolean;
  limit: number;
  after?: { key: string; id: string } | null;
  /** Equality filters on stored properties (names come from the list schema, values are parameters). */
  props: Record<string, string>;
  rels: RelationFilter[];
}

const relTypes = RelationshipType.options as readonly string[];
const directoryLabels = DirectoryLabel.options as readonly string[];

/** Fills fields an older or imported node may lack with the schema defaults, so that reads always validate. */
const defaultsByLabel = new Map<DirectoryLabel, Record<string, unknown>>();
function defaultsOf(label: DirectoryLabel): Record<string, unknown> {
  let d = defaultsByLabel.get(label);
  if (!d) {
    d = {};
    const shape = (
      nodeSchemas[label].input as unknown as {
        shape: Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
      }
    ).shape;
    for (const [key, field] of Object.entries(shape)) {
      const r = field.safeParse(undefined);
      if (r.success && r.data !== undefined) d[key] = r.data;
    }
    if (label === 'Practitioner' || label === 'Agency') d.lastVerifiedAt = null;
    defaultsByLabel.set(label, d);
  }
  return d;
}

type FieldSchema = { safeParse(v: unknown): { success: boolean } };

/**
 * Reads never fail on data written outside the API (old seeds, imports): a stored value that its output field
 * schema rejects (e.g. a phone with an extension) is replaced by the field's default, or null, rather than
 * turning the whole response into a 500. What the API writes always validates, so this only guards old data.
 */
export function toNodeRecord(label: DirectoryLabel, props: Record<string, unknown>): NodeRecord {
  const record: Record<string, unknown> = { ...defaultsOf(label), ...fromStoredProps(props) };
  const shape = (nodeSchemas[label].output as unknown as { shape: Record<string, FieldSchema> }).shape;
  for (const [key, field] of Object.entries(shape)) {
    if (!(key in record) || field.safeParse(record[key]).success) continue;
    const fallback = defaultsOf(label)[key];
    if (fallback !== undefined && field.safeParse(fallback).success) record[key] = fallback;
    else if (field.safeParse(null).success) record[key] = null;
  }
  return record as NodeRecord;
}

function rowsToNodes(label: DirectoryLabel, rows: { get(k: string): unknown }[], key = 'n'): NodeRecord[] {
  return rows.map((r) => toNodeRecord(label, (r.get(key) as { properties: Record<string, unknown> }).properties));
}

/** Text a node is known by: its name, or for a collaboration its summary (else start date). */
const DISPLAY_NAME = `coalesce(m.name, m.summary, m.startedOn, '')`;

export function createNodeRepository(db: Db) {
  const repository = {
    async list(
      label: DirectoryLabel,
      p: ListParams,
    ): Promise<{ rows: NodeRecord[]; sortValues: string[]; total: number }> {
      const where = `
        WHERE ($q IS NULL OR toLower(coalesce(n.name, n.summary, '')) CONTAINS toLower($q))
          AND all(k IN keys($props) WHERE n[k] = $props[k])
          AND all(f IN $rels WHERE EXISTS {
                MATCH (n)-[r]-(m) WHERE m.id = f.id AND type(r) = f.type
                  AND CASE f.dir WHEN 'out' THEN startNode(r) = n ELSE endNode(r) = n END })`;
      const params = {
        q: p.q && p.q.trim() ? p.q.trim() : null,
        props: p.props,
        rels: p.rels,
        sortKey: p.sortKey,
        after: p.after ?? null,
        limit: neo4j.int(p.limit + 1),
      };
      return db.read(async (tx) => {
        const page = await tx.run(
          `MATCH (n:${cypherLabel(label)}) ${where}
           WITH n, toLower(coalesce(toString(n[$sortKey]), '')) AS sortValue
           WHERE $after IS NULL OR sortValue ${cypherAfter(p.desc)} $after.key
              OR (sortValue = $after.key AND n.id ${cypherAfter(p.desc)} $after.id)
           RETURN n, sortValue
           ORDER BY sortValue ${cypherDirection(p.desc)}, n.id ${cypherDirection(p.desc)}
           LIMIT $limit`,
          params,
        );
        const count = await tx.run(`MATCH (n:${cypherLabel(label)}) ${where} RETURN count(n) AS total`, params);
        return {
          rows: rowsToNodes(label, page.records),
          sortValues: page.records.map((r) => r.get('sortValue') as string),
          total: (count.records[0]?.get('total') as number) ?? 0,
        };
      });
    },

    async get(label: DirectoryLabel, id: string, tx?: ManagedTransaction): Promise<NodeRecord | null> {
      const work = async (t: ManagedTransaction) => {
        const res = await t.run(`MATCH (n:${cypherLabel(label)} {id: $id}) RETURN n`, { id });
        return rowsToNodes(label, res.records)[0] ?? null;
      };
      return tx ? work(tx) : db.read(work);
    },

    /**
     * A node's page in one read transaction (one pooled connection per page view, one consistent snapshot): the
     * node, what `extras` reads beside it, and its direct links. Null when there is no such node.
     */
    async page<E>(
      label: DirectoryLabel,
      id: string,
      extras: (tx: ManagedTransaction, id: string) => Promise<E | null>,
    ) {
      return db.read(async (tx) => {
        const node = await repository.get(label, id, tx);
        const more = node ? await extras(tx, id) : null;
        if (!node || !more) return null;
        return { node, extras: more, links: await repository.links(label, id, undefined, tx) };
      });
    },

    /** Direct relationships of a node (only the directory's relationship types), at most `limit`. */
    async links(label: DirectoryLabel, id: string, limit = 500, tx?: ManagedTransaction): Promise<NodeLink[]> {
      const work = async (t: ManagedTransaction) => {
        const res = await t.run(
          `MATCH (n:${cypherLabel(label)} {id: $id})-[r]-(m)
           WHERE type(r) IN $relTypes
           WITH r, m, startNode(r) = n AS outgoing, [l IN labels(m) WHERE l IN $labels][0] AS label
           WHERE label IS NOT NULL
           RETURN type(r) AS type, outgoing, m.id AS id, label, ${DISPLAY_NAME} AS name, properties(r) AS props
           ORDER BY type, name, id LIMIT $limit`,
          { id, relTypes, labels: directoryLabels, limit: neo4j.int(limit) },
        );
        return res.records.map((r) => ({
          type: r.get('type') as RelationshipType,
          direction: r.get('outgoing') ? ('out' as const) : ('in' as const),
          node: { id: r.get('id') as string, label: r.get('label') as DirectoryLabel, name: String(r.get('name')) },
          properties: r.get('props') as Record<string, unknown>,
        }));
      };
      return tx ? work(tx) : db.read(work);
    },

    async create(tx: ManagedTransaction, label: DirectoryLabel, value: Record<string, unknown>): Promise<NodeRecord> {
      const res = await tx.run(`CREATE (n:${cypherLabel(label)}) SET n = $props RETURN n`, {
        props: toStoredProps(value),
      });
      return rowsToNodes(label, res.records)[0]!;
    },

    /** Applies a partial update; `null` values remove the property (read back as null). */
    async update(
      tx: ManagedTransaction,
      label: DirectoryLabel,
      id: string,
      patch: Record<string, unknown>,
    ): Promise<NodeRecord | null> {
      const res = await tx.run(`MATCH (n:${cypherLabel(label)} {id: $id}) SET n += $props RETURN n`, {
        id,
        props: toStoredProps(patch),
      });
      return rowsToNodes(label, res.records)[0] ?? null;
    },

    /** Relationship counts by type (all types, including User links), for delete refusals. */
    async relationshipCounts(
      tx: ManagedTransaction,
      label: DirectoryLabel,
      id: string,
    ): Promise<Record<string, number>> {
      const res = await tx.run(
        `MATCH (n:${cypherLabel(label)} {id: $id})-[r]-() RETURN type(r) AS type, count(r) AS n ORDER BY type`,
        { id },
      );
      return Object.fromEntries(res.records.map((r) => [r.get('type') as string, r.get('n') as number]));
    },

    /** Every directory relationship of a node with the node at the other end, for audit events on delete. */
    async relationshipsOf(
      tx: ManagedTransaction,
      label: DirectoryLabel,
      id: string,
    ): Promise<
      {
        type: string;
        outgoing: boolean;
        otherId: string;
        otherLabel: DirectoryLabel;
        properties: Record<string, unknown>;
      }[]
    > {
      const res = await tx.run(
        `MATCH (n:${cypherLabel(label)} {id: $id})-[r]-(m)
         WHERE type(r) IN $relTypes
         WITH r, m, startNode(r) = n AS outgoing, [l IN labels(m) WHERE l IN $labels][0] AS otherLabel
         WHERE otherLabel IS NOT NULL
         RETURN type(r) AS type, outgoing, m.id AS otherId, otherLabel, properties(r) AS props`,
        { id, relTypes, labels: directoryLabels },
      );
      return res.records.map((r) => ({
        type: r.get('type') as string,
        outgoing: r.get('outgoing') as boolean,
        otherId: r.get('otherId') as string,
        otherLabel: r.get('otherLabel') as DirectoryLabel,
        properties: r.get('props') as Record<string, unknown>,
      }));
    },

    /** Collaborations in which this practitioner is the only participant: deleting them orphans those. */
    async soleCollaborations(tx: ManagedTransaction, practitionerId: string): Promise<string[]> {
      const res = await tx.run(
        `MATCH (p:Practitioner {id: $id})-[:PARTICIPATED_IN]->(c:Collaboration)
         WHERE NOT EXISTS { MATCH (o:Practitioner)-[:PARTICIPATED_IN]->(c) WHERE o <> p }
         RETURN c.id AS id`,
        { id: practitionerId },
      );
      return res.records.map((r) => r.get('id') as string);
    },

    async delete(tx: ManagedTransaction, label: DirectoryLabel, id: string): Promise<void> {
      await tx.run(`MATCH (n:${cypherLabel(label)} {id: $id}) DETACH DELETE n`, { id });
    },

    /** Sets lastVerifiedAt (and updatedAt). */
    async verify(
      tx: ManagedTransaction,
      label: 'Practitioner' | 'Agency',
      id: string,
      at: string,
    ): Promise<NodeRecord | null> {
      const res = await tx.run(
        `MATCH (n:${cypherLabel(label)} {id: $id}) SET n.lastVerifiedAt = $at, n.updatedAt = $at RETURN n`,
        { id, at },
      );
      return rowsToNodes(label, res.records)[0] ?? null;
    },

    /** Whether a practitioner took part in a collaboration (their right to edit it). */
    async participates(practitionerId: string, collaborationId: string, tx?: ManagedTransaction): Promise<boolean> {
      const work = async (t: ManagedTransaction) => {
        const res = await t.run(
          `RETURN EXISTS { MATCH (:Practitioner {id: $p})-[:PARTICIPATED_IN]->(:Collaboration {id: $c}) } AS ok`,
          { p: practitionerId, c: collaborationId },
        );
        return Boolean(res.records[0]?.get('ok'));
      };
      return tx ? work(tx) : db.read(work);
    },

    /** Links a practitioner to a collaboration they just created. */
    async addParticipant(tx: ManagedTransaction, practitionerId: string, collaborationId: string): Promise<void> {
      await tx.run(`MATCH (p:Practitioner {id: $p}), (c:Collaboration {id: $c}) MERGE (p)-[:PARTICIPATED_IN]->(c)`, {
        p: practitionerId,
        c: collaborationId,
      });
    },
  };
  return repository;
}
export type NodeRepository = ReturnType<typeof createNodeRepository>;
