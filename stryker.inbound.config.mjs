// The second mutation run of `npm run mutation` (see stryker.config.mjs): the inbound path, in the
// order a card submission travels (src/app/inbound.ts lists it), against the inbound tests, which use
// the real Postgres and Redis.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { ...base.vitest, configFile: 'vitest.mutation-inbound.config.ts' },
  mutate: [
    'src/http/routes/lark-events.ts',
    'src/lark/inbound/**/*.ts',
    'src/usecases/inbound/**/*.ts',
    'src/queue/inbound.ts',
    'src/queue/workers/inbound.worker.ts',
  ],
  incrementalFile: 'reports/stryker-incremental-inbound.json',
  htmlReporter: { fileName: 'reports/mutation/inbound.html' },
  jsonReporter: { fileName: 'reports/mutation/inbound.json' },
};
