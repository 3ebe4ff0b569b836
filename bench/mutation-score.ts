// Writes the "Mutation score" section of bench/results.md from Stryker's JSON reports
// (reports/mutation/*.json: one per part of `npm run mutation`), per folder; run after `stryker run`.
// A mutant measured by several reports counts as in the newest one (a part or a few files run again
// alone replace the figures of their mutants only). The "### Why these survive" notes written by hand under
// the section are kept.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';
import { carriedLabel, carriedRow, type CarriedRow, type RowCounts } from './lib/carried-rows.ts';
import { replaceSection, sectionOf } from './lib/kept-sections.ts';

const REPORT_DIR = 'reports/mutation';
const RESULTS = 'bench/results.md';
const HEADING = '## Mutation score';
const NOTES = '### Why these survive';

interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number }; end?: { line: number; column: number } };
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

/** The folders of issue 20; everything on the inbound path is one group. */
const GROUPS: [string, (file: string) => boolean][] = [
  ['src/domain', (f) => f.startsWith('src/domain/')],
  ['src/plan', (f) => f.startsWith('src/plan/')],
  ['src/cards', (f) => f.startsWith('src/cards/')],
  ['src/directory', (f) => f.startsWith('src/directory/')],
  ['inbound path', (f) => /inbound/.test(f) || f === 'src/http/routes/lark-events.ts'],
];
/** Where each group's source lives, to ask git whether a carried row is older than the code. */
const SOURCES: Record<string, string[]> = {
  'inbound path': ['src/http/routes/lark-events.ts', 'src/lark/inbound', 'src/usecases/inbound', 'src/queue/inbound.ts', 'src/queue/workers/inbound.worker.ts'],
};
const groupOf = (file: string) => GROUPS.find(([, match]) => match(file))?.[0] ?? 'other';

type Counts = RowCounts;
const empty = (): Counts => ({ mutants: 0, Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, errors: 0 });
function add(c: Counts, status: string): void {
  c.mutants++;
  if (status === 'Killed' || status === 'Timeout' || status === 'Survived' || status === 'NoCoverage' || status === 'Ignored') c[status]++;
  else c.errors++; // CompileError / RuntimeError: not valid mutants, left out of the score
}
const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);
const score = (c: Counts) => pct(c.Killed + c.Timeout, c.Killed + c.Timeout + c.Survived + c.NoCoverage);
const covered = (c: Counts) => pct(c.Killed + c.Timeout, c.Killed + c.Timeout + c.Survived);

// Oldest first, so the newest report's entry for a mutant is the one kept.
const reports = (existsSync(REPORT_DIR) ? readdirSync(REPORT_DIR) : [])
  .filter((f) => f.endsWith('.json'))
  .map((f) => `${REPORT_DIR}/${f}`)
  .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
if (reports.length === 0) {
  process.stderr.write(`no report in ${REPORT_DIR}/: run \`npm run mutation\` first\n`);
  process.exit(1);
}
// Merged mutant by mutant (place, mutator and replacement), the newest report's status winning: a
// focused run over a few lines (\`file.ts:75-94\`) replaces those mutants only, not the whole file.
const merged = new Map<string, Map<string, Mutant>>();
const measuredAt = new Map<string, string>();
for (const file of reports) {
  for (const [source, entry] of Object.entries((JSON.parse(readFileSync(file, 'utf8')) as Report).files)) {
    const mutants = merged.get(source) ?? merged.set(source, new Map()).get(source)!;
    for (const m of entry.mutants) mutants.set(`${m.location.start.line}:${m.location.start.column}-${m.location.end?.line}:${m.location.end?.column}:${m.mutatorName}:${m.replacement ?? ''}`, m);
    measuredAt.set(source, new Date(statSync(file).mtimeMs).toISOString().slice(0, 16).replace('T', ' '));
  }
}
const report: Report = { files: Object.fromEntries([...merged].map(([source, mutants]) => [source, { mutants: [...mutants.values()] }])) };
const runs = [...new Set(measuredAt.values())].sort();
const missing = GROUPS.filter(([g]) => !Object.keys(report.files).some((f) => groupOf(f) === g)).map(([g]) => g);
const byGroup = new Map<string, Counts>(GROUPS.map(([g]) => [g, empty()]));
const total = empty();
// Per file: the lines of its surviving and not-covered mutants (the HTML report shows each mutant).
const inboundSurvivors = new Map<string, { Survived: Set<number>; NoCoverage: Set<number>; count: number }>();
for (const [file, { mutants }] of Object.entries(report.files)) {
  const group = groupOf(file);
  const c = byGroup.get(group) ?? byGroup.set(group, empty()).get(group)!;
  for (const m of mutants) {
    add(c, m.status);
    add(total, m.status);
    if (group === 'inbound path' && (m.status === 'Survived' || m.status === 'NoCoverage')) {
      const f = inboundSurvivors.get(file) ?? inboundSurvivors.set(file, { Survived: new Set(), NoCoverage: new Set(), count: 0 }).get(file)!;
      f[m.status].add(m.location.start.line);
      f.count++;
    }
  }
}

// Folders no report measures keep the figures of the table already on the page (bench/lib/carried-rows.ts).
const page = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# duban benchmarks\n';
const carried = new Map<string, CarriedRow>();
for (const g of missing) {
  const row = carriedRow(sectionOf(page, HEADING), g);
  if (!row) continue;
  carried.set(g, row);
  byGroup.set(g, row.counts);
  for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += row.counts[k];
}
/** Whether git has a commit touching the group's source after `since` (UTC). */
function changedSince(group: string, since: string): boolean {
  const last = execFileSync('git', ['log', '-1', '--format=%cd', '--date=format-local:%Y-%m-%d %H:%M', '--', ...(SOURCES[group] ?? [group])], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  }).trim();
  return last > since;
}
const notMeasured = missing.filter((g) => !carried.has(g));

/** Whether a source file declares anything that runs (a file of types and re-exports has no mutants). */
const holdsCode = (path: string) => /^\s*(export\s+)?(default\s+)?(async\s+)?(function|const|let|var|class|enum)\b/m.test(readFileSync(path, 'utf8'));
/** `7 of 30 files` when a folder was measured only in part (focused runs), so its score is read as such. */
function measuredFiles(folder: string): string {
  const all = readdirSync(folder, { recursive: true }).map(String).filter((f) => f.endsWith('.ts') && holdsCode(`${folder}/${f}`)).length;
  const measured = Object.keys(report.files).filter((f) => f.startsWith(`${folder}/`)).length;
  return measured >= all ? `all ${all} files with code` : `${measured} of ${all} files with code`;
}
const lines = (set: Set<number>) => [...set].sort((a, b) => a - b).join(', ');
const survivorLine = (file: string, f: { Survived: Set<number>; NoCoverage: Set<number>; count: number }) =>
  `- \`${file}\` (${f.count}): ${[f.Survived.size ? `survived at ${lines(f.Survived)}` : '', f.NoCoverage.size ? `not covered at ${lines(f.NoCoverage)}` : ''].filter(Boolean).join('; ')}`;
const row = (label: string, c: Counts) =>
  c.mutants === 0 ? `| ${label} | — | — | — | — | — | — | not measured in this run | — |` :
  `| ${label} | ${c.mutants} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${c.Ignored} | **${score(c)}** | ${covered(c)} |`;
const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
const section = [
  HEADING,
  '',
  `\`npm run mutation\` (Stryker with the vitest runner and the TypeScript checker: \`stryker.config.mjs\` for the pure folders, one \`MUTATION_PART\` at a time, with the tests of \`vitest.mutation.config.ts\`; \`stryker.inbound.config.mjs\` for the inbound path with those of \`vitest.mutation-inbound.config.ts\`) — written ${when} UTC from reports of ${runs[0]}${runs.length > 1 ? ` to ${runs.at(-1)}` : ''} UTC (${reports.map((r) => r.replace(`${REPORT_DIR}/`, '')).join(', ')}), ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.`,
  'Score = killed and timed-out mutants over all valid ones (survived and not covered count against it); "of covered" leaves out the mutants no test runs.',
  `Static mutants (module-level constants, which need every test re-run) are ignored (\`ignoreStatic\`), as are mutants the TypeScript checker rejects. Log lines are not mutated (\`stryker-plugins/ignore-logging.mjs\`). Per-file detail: \`${REPORT_DIR}/<part>.html\`.${carried.size ? ` Carried from the table before (no report of this run measures them): ${[...carried.keys()].join(', ')}.` : ''}${notMeasured.length ? ` Not measured: ${notMeasured.join(', ')}.` : ''}`,
  '',
  '| folder | mutants | killed | timed out | survived | no coverage | ignored (static, log lines) | score | of covered |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...[...byGroup].map(([g, c]) => {
    const kept = carried.get(g);
    if (kept) return row(carriedLabel(g, kept, changedSince(g, kept.since)), c);
    return row(g.startsWith('src/') ? `${g} (${measuredFiles(g)})` : g, c);
  }),
  row('all', total),
  '',
  ...(carried.has('inbound path')
    ? [`Surviving mutants on the inbound path: not in this run's reports (its figures are carried from ${carried.get('inbound path')?.since}); the notes below list them.`]
    : [`Surviving mutants on the inbound path (${[...inboundSurvivors.values()].reduce((n, f) => n + f.count, 0)}), by file and line:`, '', ...(inboundSurvivors.size ? [...inboundSurvivors].map(([file, f]) => survivorLine(file, f)) : ['- none'])]),
].join('\n');

const notes = sectionOf(sectionOf(page, HEADING), NOTES);
writeFileSync(RESULTS, replaceSection(page, HEADING, notes ? `${section}\n\n${notes}` : section));
process.stderr.write(`wrote the mutation score to ${RESULTS}: ${score(total)} overall\n`);
