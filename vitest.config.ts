import { defineConfig } from 'vitest/config';

/**
 * Test tiers (see README "Tests"):
 *   unit        — `*.test.ts` beside the code: pure logic, no services;
 *   integration — `*.int.test.ts`: against the real Neo4j and Meilisearch that `npm test` starts
 *                 (NEO4J_URI / MEILI_HOST point at them); migrations run once in the global setup.
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
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['./test/integration-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: a few files at a time keeps Neo4j responsive.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
