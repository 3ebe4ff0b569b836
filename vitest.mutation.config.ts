import { defineConfig } from 'vitest/config';

// The tests Stryker runs against the pure folders' mutants (`npm run mutation`, stryker.config.mjs):
// the pure folders' own, and the calendar command's (in-process, no database), which is where the
// override file's checks are tested.
export default defineConfig({
  test: {
    include: ['test/domain/**/*.test.ts', 'test/plan/**/*.test.ts', 'test/cards/**/*.test.ts', 'test/directory/**/*.test.ts', 'test/cli/calendar.test.ts'],
    testTimeout: 30_000,
  },
});
