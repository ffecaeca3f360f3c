import { toStoredProps, type DirectoryLabel } from '@knotwork/graph-schema';
import { generateSeedGraph, plannedCounts, type SeedBatch, type SeedOptions } from '@knotwork/seed';
import type { Db } from '../../lib/db.js';
import { createNodes, createRelationships, mergeNodes, mergeRelationships } from './transfer.repository.js';

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
}

/**
 * Writes a stream of seed batches with batched, parameterised UNWIND statements, one transaction per batch.
 *   mode 'create' — plain CREATE, for a fresh seed into an empty database (fast);
 *   mode 'merge'  — MERGE by id (nodes) and by endpoints (relationships): idempotent, for re-runs and tests.
 * Bulk seeding writes no outbox events: rebuild the search index afterwards (`reindex`).
 */
export async function loadBatches(
  db: Db,
  batches: Iterable<SeedBatch>,
  options: { mode: LoadMode; total?: number; onProgress?: (p: LoadProgress) => void },
): Promise<LoadResult> {
  const started = Date.now();
  const nodes: Record<string, number> = {};
  const relationships: Record<string, number> = {};
  let done = 0;
  for (const batch of batches) {
    if (batch.kind === 'nodes') {
      const rows = batch.rows.map((r) => toStoredProps(r) as { id: string });
      if (options.mode === 'create') await db.write((tx) => createNodes(tx, batch.label, rows));
      else await db.write((tx) => mergeNodes(tx, batch.label, rows.map((props) => ({ id: props.id, props, createOnly: {} }))));
      nodes[batch.label] = (nodes[batch.label] ?? 0) + rows.length;
    } else {
      const written =
        options.mode === 'create'
          ? await db.write((tx) => createRelationships(tx, batch.type, batch.fromLabel, batch.toLabel, batch.rows))
          : await db.write((tx) => mergeRelationships(tx, batch.type, batch.fromLabel, batch.toLabel, batch.rows)).then((r) => r.created + r.updated);
      if (written !== batch.rows.length) {
        throw new Error(`${batch.type}: wrote ${written} of ${batch.rows.length} relationships (missing endpoints?)`);
      }
      relationships[batch.type] = (relationships[batch.type] ?? 0) + batch.rows.length;
    }
    done += batch.rows.length;
    options.onProgress?.({ done, total: options.total ?? done, batch });
  }
  const ms = Date.now() - started;
  return { nodes, relationships, total: done, ms, perSecond: Math.round((done / Math.max(ms, 1)) * 1000) };
}

/** Generates and loads the seed graph (demo with scale 1). */
export async function seedDatabase(
  db: Db,
  options: SeedOptions & { mode: LoadMode; onProgress?: (p: LoadProgress) => void },
): Promise<LoadResult> {
  const { mode, onProgress, ...seedOptions } = options;
  return loadBatches(db, generateSeedGraph(seedOptions), {
    mode,
    total: plannedCounts(seedOptions).approxTotal,
    ...(onProgress ? { onProgress } : {}),
  });
}

export type { DirectoryLabel };
