import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // The integration test starts a JVM (a first run may also build the launcher with Maven).
    testTimeout: 30_000,
    hookTimeout: 600_000,
  },
});
