export { generateSeedGraph, plannedCounts, resolveOptions, PRACTITIONERS_PER_SCALE, COLLABORATIONS_PER_PRACTITIONER } from './generate.js';
export type { NodeRow, RelRow, SeedBatch, SeedOptions } from './generate.js';
export { demoFacts, demoUsers, DEFAULT_DEMO_PASSWORD } from './demo-facts.js';
export { seedId, uuidv5, slug, KNOTWORK_NAMESPACE } from './ids.js';
export { summarize, type SeedSummary } from './summary.js';
