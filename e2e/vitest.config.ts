import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tier: `npm test` runs it after unit + integration with
 *   vitest run --config e2e/vitest.config.ts
 * against the Neo4j + Meilisearch it started (NEO4J_URI, MEILI_HOST … in the environment).
 * The global setup migrates, loads the demo data, builds the client when needed and starts the API (serving the
 * client) on a free port; tests drive Debian's Chromium with playwright-core.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    name: 'e2e',
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 900_000,
    // One browser at a time on two cores; the journeys share the demo database.
    fileParallelism: false,
    maxWorkers: 1,
  },
});
