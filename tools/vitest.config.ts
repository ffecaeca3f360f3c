import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // The integration test starts a JVM (a first run may also build the launcher with Maven).
    testTimeout: 120_000, // a first Cypher query on a busy 2-core machine has taken 20+ s
    hookTimeout: 600_000,
  },
});
