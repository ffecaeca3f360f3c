import type { SeedBatch } from './generate.js';

export interface SeedSummary {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  total: number;
}

/** Counts nodes per label and relationships per type over a batch stream (consumes it). */
export function summarize(batches: Iterable<SeedBatch>): SeedSummary {
  const nodes: Record<string, number> = {};
  const relationships: Record<string, number> = {};
  let total = 0;
  for (const b of batches) {
    const bucket = b.kind === 'nodes' ? nodes : relationships;
    const key = b.kind === 'nodes' ? b.label : b.type;
    bucket[key] = (bucket[key] ?? 0) + b.rows.length;
    total += b.rows.length;
  }
  return { nodes, relationships, total };
}
