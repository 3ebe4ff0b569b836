// Mutation testing (`npm run mutation`; slow, so not part of `npm test`). Stryker breaks the source one
// change at a time and runs the tests that cover it; a mutant that no test notices is a hole in the suite.
// Two runs: this one, the pure folders against their own tests (milliseconds each), and
// stryker.inbound.config.mjs, the inbound path against tests that need Postgres and Redis (seconds
// each): together, every pure mutant would also start a database. Results: reports/mutation/, and the
// score per folder in bench/results.md (bench/mutation-score.ts).
// The pure folders are run one at a time (MUTATION_PART=plan …; `npm run mutation` runs each in
// turn): a run stays short enough to repeat while writing tests, each part keeps its own incremental
// file and report, and bench/mutation-score.ts merges the reports.
const PARTS = {
  domain: ['src/domain/**/*.ts'],
  plan: ['src/plan/**/*.ts'],
  cards: ['src/cards/**/*.ts'],
  directory: ['src/directory/**/*.ts'],
};
const part = process.env.MUTATION_PART;
if (part !== undefined && !(part in PARTS)) throw new Error(`MUTATION_PART must be one of ${Object.keys(PARTS).join(', ')}`);
const name = part ?? 'pure';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  // The TypeScript checker marks mutants that do not compile (they are not counted). It is the slow part
  // on a loaded machine: STRYKER_TYPECHECK=off skips it, and a mutant that would not compile then counts
  // as killed or survived by the tests alone (bench/results.md says which way a run went).
  checkers: process.env.STRYKER_TYPECHECK === 'off' ? [] : ['typescript'],
  // The checker compiles the source only: quicker, and a mutant is about the source.
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: part ? PARTS[part] : Object.values(PARTS).flat(),
  // Log lines are not behaviour: no mutants in them (stryker-plugins/ignore-logging.mjs says why).
  plugins: ['@stryker-mutator/*', './stryker-plugins/ignore-logging.mjs'],
  ignorers: ['logging'],
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level constant) needs every test run again: 92 % of the time for 48 % of
  // the mutants on the first run. They are reported as ignored and left out of the score.
  ignoreStatic: true,
  // Two cores on the development machine, shared. Stryker makes one checker per two slots; the checker
  // idles while the test runner works (it checks a batch ahead), so on a quiet machine
  // STRYKER_CONCURRENCY=3 (one checker, two runners) nearly halves a run.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${name}.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 10_000,
  ignorePatterns: ['data', 'test-artifacts', 'reports', 'bench/results*'],
};
