import { defineConfig } from 'vitest/config';

/**
 * Integration files that drive the search outbox worker themselves: they take the one outbox lease, so they must
 * not share the database with other files' running apps (whose workers hold the lease). They run alone, after the
 * parallel integration group.
 */
/**
 * The search contract compares both backends on its own fixture; the Neo4j full-text backend searches the whole
 * database, so the file runs first, before other files load the demo directory (hundreds of matching profiles).
 */
const firstIntegration = ['server/src/search/search-contract.int.test.ts'];
const exclusiveIntegration = [
  'server/src/search/outbox.int.test.ts',
  'server/src/search/index-builder.int.test.ts',
  // Starts whole stacks of its own (JVMs): alone, so that their start is not starved of the two cores.
  'test/process-lifecycle.int.test.ts',
];

/**
 * Test tiers (see README "Tests"):
 *   unit        — `*.test.ts` beside the code: pure logic, no services;
 *   integration — `*.int.test.ts`: against the real Neo4j and Meilisearch that `npm test` starts
 *                 (NEO4J_URI / MEILI_HOST point at them); migrations run once in the global setup;
 *   integration-exclusive — the few integration files that must have the database to themselves.
 * End-to-end browser tests live in e2e/ and run after these (tools/src/test-runner.ts).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{graph-schema,server,seed,tools,client}/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration-first',
          include: firstIntegration,
          globalSetup: ['./test/integration-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['**/node_modules/**', ...firstIntegration, ...exclusiveIntegration],
          globalSetup: ['./test/integration-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: a few files at a time keeps Neo4j responsive.
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'integration-exclusive',
          include: exclusiveIntegration,
          globalSetup: ['./test/integration-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          maxWorkers: 1,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
