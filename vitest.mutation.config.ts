import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant (`npm run mutation`): the pure folders' own tests, and the
// inbound path's tests (webhook, verification, worker, card route, handlers; these use the real Postgres
// and Redis). The end-to-end files are left out: each mutant they cover would start a whole duban again.
export default defineConfig({
  test: {
    include: [
      'test/domain/**/*.test.ts',
      'test/plan/**/*.test.ts',
      'test/cards/**/*.test.ts',
      'test/directory/**/*.test.ts',
      'test/lark/inbound-*.test.ts',
      'test/http/unavailable.test.ts',
      'test/http/lark-events.test.ts',
      'test/queue/inbound-worker.test.ts',
      'test/usecases/card-action-route.test.ts',
      'test/usecases/inbound-handlers.test.ts',
    ],
    setupFiles: ['test/support/pg-overlap-guard.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
