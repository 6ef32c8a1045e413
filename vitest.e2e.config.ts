import { defineConfig } from 'vitest/config';

// End-to-end tests drive a real browser (and the Electron app, where it can run) against the
// real engine: one file at a time, with time for an engine to boot.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
