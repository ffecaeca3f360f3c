import { toStoredProps, type DirectoryLabel } from '@knotwork/graph-schema';
import { generateSeedGraph, plannedCounts, type SeedBatch, type SeedOptions } from '@knotwork/seed';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import {
  createNodes,
  createNodesWithEdges,
  createRelationships,
  mergeNodes,
  mergeRelationships,
  type EdgeGroup,
  type StoredNodeRow,
} from './transfer.repository.js';

export type LoadMode = 'create' | 'merge';

export interface LoadProgress {
  done: number;
  /** estimate of the whole run, for progress bars */
  total: number;
  batch: SeedBatch;
}

export interface LoadResult {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  total: number;
  ms: number;
  perSecond: number;
  /** batches whose transaction the driver had to run again (transient errors such as deadlocks between writers) */
  retries: number;
}

export interface LoadOptions {
  mode: LoadMode;
  total?: number;
  onProgress?: (p: LoadProgress) => void;
  /**
   * Transactions in flight at once (create mode; default 2). Only batches of the same kind (nodes of one label,
   * or relationships of one type) overlap, so every batch's endpoints were committed before it starts. Merge mode
   * always writes one batch at a time.
   */
  concurrency?: number;
}

/**
 * In create mode, a node batch of these labels and the relationship batches that follow it and hang off its nodes
 * (to nodes written earlier) are written together in one statement: the new node is not looked up again.
 */
const EDGE_GROUPS: Partial<Record<DirectoryLabel, EdgeGroup[]>> = {
  Practitioner: [
    { type: 'WORKS_FOR', direction: 'out', otherLabel: 'Agency' },
    { type: 'HAS_SPECIALISM', direction: 'out', otherLabel: 'Specialism' },
    { type: 'SERVES', direction: 'out', otherLabel: 'Locality' },
  ],
  Collaboration: [
    { type: 'IN', direction: 'out', otherLabel: 'Locality' },
    { type: 'ADDRESSED', direction: 'out', otherLabel: 'Need' },
    { type: 'PARTICIPATED_IN', direction: 'in', otherLabel: 'Practitioner' },
  ],
};

type NodeBatch = SeedBatch & { kind: 'nodes' };
type RelBatch = SeedBatch & { kind: 'relationships' };
interface PendingGroup {
  batch: NodeBatch;
  groups: EdgeGroup[];
  /** node id -> position in rows */
  index: Map<string, number>;
  rows: StoredNodeRow[];
  /** per edge group: distinct ids of the existing endpoints -> position in targets[g] */
  targetIndex: Map<string, number>[];
  /** per edge group: [node position, target position, properties?] */
  edges: [number, number, Record<string, unknown>?][][];
  edgeBatches: RelBatch[];
  edgeCount: number;
}

/** Which edge group of `pending` a relationship batch belongs to, if every row of it hangs off a pending node. */
function groupOf(pending: PendingGroup, batch: RelBatch): number {
  const label = pending.batch.label;
  const g = pending.groups.findIndex((e) =>
    e.type === batch.type && (e.direction === 'out' ? batch.fromLabel === label && batch.toLabel === e.otherLabel : batch.toLabel === label && batch.fromLabel === e.otherLabel),
  );
  if (g < 0) return -1;
  const own = pending.groups[g]!.direction === 'out' ? 'from' : 'to';
  return batch.rows.every((r) => pending.index.has(r[own])) ? g : -1;
}

/**
 * Writes a stream of seed batches with batched, parameterised UNWIND statements, one managed transaction per batch.
 *   mode 'create' — plain CREATE, for a fresh seed into an empty database (fast); batches of the same kind are
 *                   written by `concurrency` transactions at once, and the next batch is generated meanwhile;
 *   mode 'merge'  — MERGE by id (nodes) and by endpoints (relationships): idempotent, for re-runs and tests.
 * Every batch checks that it wrote as many nodes and relationships as it was given.
 * Bulk seeding writes no outbox events: rebuild the search index afterwards (`reindex`).
 */
export async function loadBatches(db: Db, batches: Iterable<SeedBatch>, options: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const create = options.mode === 'create';
  const concurrency = create ? Math.max(1, Math.floor(options.concurrency ?? 2)) : 1;
  const nodes: Record<string, number> = {};
  const relationships: Record<string, number> = {};
  let done = 0;
  let retries = 0;
  /** db.write, counting the driver's retries of the work */
  const write = <T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => {
    let attempts = 0;
    return db.write((tx) => {
      if (attempts++) retries++;
      return work(tx);
    });
  };
  const add = (counts: Record<string, number>, key: string, n: number) => (counts[key] = (counts[key] ?? 0) + n);
  const progress = (batch: SeedBatch, n: number) => {
    done += n;
    options.onProgress?.({ done, total: options.total ?? done, batch });
  };

  // Writes in flight (all of one kind, `inFlightKind`) and the first failure among them.
  const inFlight = new Set<Promise<void>>();
  let inFlightKind = '';
  let failure: { error: unknown } | null = null;
  const drain = async () => {
    await Promise.allSettled([...inFlight]);
    if (failure) throw failure.error;
  };
  const dispatch = async (kind: string, work: () => Promise<void>) => {
    if (kind !== inFlightKind) await drain();
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) throw failure.error;
    inFlightKind = kind;
    const p: Promise<void> = work()
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    // One turn of the event loop so that the driver sends the statement before the next batch is generated.
    if (concurrency > 1) await new Promise<void>((resolve) => setImmediate(resolve));
  };

  let pending: PendingGroup | null = null;
  const flushPending = async () => {
    if (!pending) return;
    const { batch, groups, rows, targetIndex, edges, edgeBatches, edgeCount } = pending;
    pending = null;
    const params = { rows, targets: targetIndex.map((m) => [...m.keys()]), edges };
    await dispatch(`nodes:${batch.label}`, async () => {
      await write(async (tx) => {
        const written = await createNodesWithEdges(tx, batch.label, groups, params);
        // Thrown inside the transaction: it rolls back and nothing of the batch is written.
        if (written.nodes !== rows.length || written.rels !== edgeCount) {
          throw new Error(`${batch.label}: wrote ${written.nodes}/${rows.length} nodes and ${written.rels}/${edgeCount} relationships (missing endpoints?)`);
        }
      });
      add(nodes, batch.label, rows.length);
      for (const b of edgeBatches) add(relationships, b.type, b.rows.length);
      progress(batch, rows.length + edgeCount);
    });
  };

  try {
    for (const batch of batches) {
      if (create && batch.kind === 'nodes' && EDGE_GROUPS[batch.label]) {
        await flushPending();
        const index = new Map<string, number>();
        const groups = EDGE_GROUPS[batch.label]!;
        const rows = batch.rows.map((r, i) => {
          index.set(r.id, i);
          return toStoredProps(r) as StoredNodeRow;
        });
        pending = { batch, groups, index, rows, targetIndex: groups.map(() => new Map()), edges: groups.map(() => []), edgeBatches: [], edgeCount: 0 };
        continue;
      }
      if (pending && batch.kind === 'relationships') {
        const g = groupOf(pending, batch);
        if (g >= 0) {
          const p: PendingGroup = pending;
          const own = p.groups[g]!.direction === 'out' ? 'from' : 'to';
          const other = own === 'from' ? 'to' : 'from';
          const targets = p.targetIndex[g]!;
          const list = p.edges[g]!;
          for (const r of batch.rows) {
            let t = targets.get(r[other]);
            if (t === undefined) targets.set(r[other], (t = targets.size));
            const i = p.index.get(r[own])!;
            list.push(Object.keys(r.properties).length ? [i, t, r.properties] : [i, t]);
          }
          p.edgeBatches.push(batch);
          p.edgeCount += batch.rows.length;
          continue;
        }
      }
      await flushPending();
      if (batch.kind === 'nodes') {
        const rows = batch.rows.map((r) => toStoredProps(r) as StoredNodeRow);
        await dispatch(`nodes:${batch.label}`, async () => {
          const written = create
            ? await write((tx) => createNodes(tx, batch.label, rows))
            : await write((tx) => mergeNodes(tx, batch.label, rows.map((props) => ({ id: props.id, props, createOnly: {} }))))
                .then((r) => r.created + r.updated);
          if (written !== rows.length) throw new Error(`${batch.label}: wrote ${written} of ${rows.length} nodes`);
          add(nodes, batch.label, rows.length);
          progress(batch, rows.length);
        });
      } else {
        await dispatch(`rels:${batch.type}:${batch.fromLabel}:${batch.toLabel}`, async () => {
          const written = create
            ? await write((tx) => createRelationships(tx, batch.type, batch.fromLabel, batch.toLabel, batch.rows))
            : await write((tx) => mergeRelationships(tx, batch.type, batch.fromLabel, batch.toLabel, batch.rows)).then((r) => r.created + r.updated);
          if (written !== batch.rows.length) {
            throw new Error(`${batch.type}: wrote ${written} of ${batch.rows.length} relationships (missing endpoints?)`);
          }
          add(relationships, batch.type, batch.rows.length);
          progress(batch, batch.rows.length);
        });
      }
    }
    await flushPending();
    await drain();
  } catch (error) {
    await Promise.allSettled([...inFlight]);
    throw error;
  }
  const ms = Date.now() - started;
  return { nodes, relationships, total: done, ms, perSecond: Math.round((done / Math.max(ms, 1)) * 1000), retries };
}

/** Generates and loads the seed graph (demo with scale 1). */
export async function seedDatabase(
  db: Db,
  options: SeedOptions & { mode: LoadMode; onProgress?: (p: LoadProgress) => void; concurrency?: number },
): Promise<LoadResult> {
  const { mode, onProgress, concurrency, ...seedOptions } = options;
  return loadBatches(db, generateSeedGraph(seedOptions), {
    mode,
    total: plannedCounts(seedOptions).approxTotal,
    ...(onProgress ? { onProgress } : {}),
    ...(concurrency ? { concurrency } : {}),
  });
}
