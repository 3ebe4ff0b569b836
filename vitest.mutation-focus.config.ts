import { defineConfig } from 'vitest/config';

// The tests of a short mutation run (stryker.focus.mjs): the files named in MUTATION_TESTS.
export default defineConfig({
  test: {
    include: (process.env.MUTATION_TESTS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    setupFiles: ['test/support/pg-overlap-guard.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
