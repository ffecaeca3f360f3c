import { toStoredProps, type DirectoryLabel } from '@knotwork/graph-schema';
import { generateSeedGraph, plannedCounts, type SeedBatch, type SeedOptions } from '@knotwork/seed';
import type { Db } from '../../lib/db.js';
import { createCollaborationsWithEdges, createNodes, createRelationships, mergeNodes, mergeRelationships } from './transfer.repository.js';

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
  // In create mode, a Collaboration batch and the IN / ADDRESSED / PARTICIPATED_IN batches that follow it are
  // written together by createCollaborationsWithEdges (one statement, one transaction).
  const COLLAB_EDGES = new Set(['IN', 'ADDRESSED', 'PARTICIPATED_IN']);
  let pendingCollabs: SeedBatch & { kind: 'nodes' } | null = null;
  let pendingEdges: (SeedBatch & { kind: 'relationships' })[] = [];
  const flushCollabs = async () => {
    if (!pendingCollabs) return;
    const byId = new Map<string, { props: Record<string, unknown>; locality: string | null; needs: string[]; people: { id: string; role: string | null }[] }>();
    for (const r of pendingCollabs.rows) byId.set(r.id, { props: { endedOn: null, ...toStoredProps(r) }, locality: null, needs: [], people: [] });
    let edges = 0;
    for (const b of pendingEdges) {
      for (const r of b.rows) {
        const c = byId.get(b.type === 'PARTICIPATED_IN' ? r.to : r.from);
        if (!c) throw new Error(`${b.type} row for a collaboration outside its batch`);
        if (b.type === 'IN') c.locality = r.to;
        else if (b.type === 'ADDRESSED') c.needs.push(r.to);
        else c.people.push({ id: r.from, role: (r.properties.role as string | undefined) ?? null });
        edges++;
      }
      relationships[b.type] = (relationships[b.type] ?? 0) + b.rows.length;
    }
    const rows = [...byId.values()];
    const written = await db.write((tx) => createCollaborationsWithEdges(tx, rows));
    if (written.nodes !== rows.length || written.rels !== edges) {
      throw new Error(`collaborations: wrote ${written.nodes}/${rows.length} nodes and ${written.rels}/${edges} relationships (missing endpoints?)`);
    }
    nodes.Collaboration = (nodes.Collaboration ?? 0) + rows.length;
    done += rows.length + edges;
    options.onProgress?.({ done, total: options.total ?? done, batch: pendingCollabs });
    pendingCollabs = null;
    pendingEdges = [];
  };
  for (const batch of batches) {
    if (options.mode === 'create') {
      if (batch.kind === 'nodes' && batch.label === 'Collaboration') {
        await flushCollabs();
        pendingCollabs = batch;
        continue;
      }
      if (pendingCollabs && batch.kind === 'relationships' && COLLAB_EDGES.has(batch.type)) {
        pendingEdges.push(batch);
        continue;
      }
      await flushCollabs();
    }
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
  await flushCollabs();
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
