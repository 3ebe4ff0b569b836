import { defineConfig } from 'vitest/config';

// The tests Stryker runs against the inbound path's mutants (`npm run mutation`, stryker.inbound.config.mjs):
// webhook, verification, dispatcher, card route, handlers, batch writer, dead-letter retry and worker,
// on the real Postgres and Redis.
// The end-to-end files are left out: each mutant they cover would start a whole duban again.
export default defineConfig({
  test: {
    include: [
      'test/lark/inbound-*.test.ts',
      'test/http/lark-events.test.ts',
      'test/http/unavailable.test.ts',
      'test/queue/inbound-worker.test.ts',
      'test/usecases/card-action-route.test.ts',
      'test/usecases/inbound-handlers.test.ts',
      'test/usecases/store-report-batch.test.ts',
      'test/cli/inbound.test.ts',
    ],
    setupFiles: ['test/support/pg-overlap-guard.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
