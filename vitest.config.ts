// Vitest: unit tests of the pure core, integration tests against real ptys, kernels and
// Chromium. Processes (not threads) isolate node-pty and the servers tests start.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
