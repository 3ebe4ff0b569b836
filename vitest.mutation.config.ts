import { defineConfig } from 'vitest/config';

// The tests Stryker runs against the pure folders' mutants (`npm run mutation`, stryker.config.mjs).
export default defineConfig({
  test: {
    include: ['test/domain/**/*.test.ts', 'test/plan/**/*.test.ts', 'test/cards/**/*.test.ts', 'test/directory/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
