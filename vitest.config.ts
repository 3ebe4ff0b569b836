import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/pg-overlap-guard.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more forks than that only adds contention against the shared Postgres and Redis.
    pool: 'forks',
    maxWorkers: 2,
  },
});
