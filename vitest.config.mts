import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start Chromium, which is heavy on a two-core machine.
    maxWorkers: 2,
  },
});
