// A short mutation run while writing tests: a few source files against a few test files, e.g.
//   MUTATION_FILES=src/lark/inbound/verify.ts MUTATION_TESTS=test/lark/inbound-verify.test.ts \
//   MUTATION_NAME=verify npx stryker run stryker.focus.mjs
// (comma-separated lists; `file.ts:10-20` mutates those lines only). Fewer tests can only kill fewer
// mutants, so its score is a floor of the full run's. The report goes to
// reports/mutation/<MUTATION_NAME>.json, where `npm run mutation:score` reads it with the others.
import base from './stryker.config.mjs';

const list = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required (comma-separated paths)`);
  return v.split(',').map((s) => s.trim()).filter(Boolean);
};
const name = process.env.MUTATION_NAME ?? 'focus';
list('MUTATION_TESTS'); // read by vitest.mutation-focus.config.ts; checked here so a missing list fails early

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { ...base.vitest, configFile: 'vitest.mutation-focus.config.ts' },
  mutate: list('MUTATION_FILES'),
  incrementalFile: `reports/stryker-incremental-${name}.json`,
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
};
