import type { Mode } from './footprint-measure.ts';

// The "## Footprint" section of bench/results.md from bench/footprint.ts's figures.

export interface MemoryFigures {
  /** Idle RSS of bench/bare-fastify.js, bytes. */
  bare: number;
  /** RSS of a bare node (what importRss subtracts). */
  node: number;
  duban: { mode: Mode; noWorkers: boolean; rss: number }[];
  /** Modules a dist `serve` loaded until ready: files, own files (dist/), files per package. */
  modules: { noWorkers: boolean; larkClient: boolean; files: number; own: number; packages: Record<string, number> }[];
  /** RSS a dependency adds to a bare node when imported alone. */
  packageRss: { name: string; rss: number }[];
  /** 1-minute load average before and after. */
  load: number[];
}

export interface StartupFigures {
  medians: Record<string, number>;
  runs: Record<string, number[]>;
  load: number[];
}

export interface FootprintFigures {
  startedAt: string;
  node: string;
  memory: MemoryFigures | null;
  startup: StartupFigures | null;
}

const MB = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const TARGET = { serve: 150 * 2 ** 20, web: 120 * 2 ** 20 };
/** Loaded by a command that needs them, never by serve (src/cli/registry.ts). */
const NEVER_IN_SERVE = ['exceljs', 'docx', '@electric-sql/pglite', 'playwright-core', '@bull-board/api'];

function memorySection(m: MemoryFigures): string[] {
  const rows = m.duban.map((d) => {
    const target = d.noWorkers ? TARGET.web : TARGET.serve;
    return `| \`duban serve${d.noWorkers ? ' --no-workers' : ''}\` | ${d.mode} | **${MB(d.rss)}** | ${MB(m.bare)} | ${(d.rss / m.bare).toFixed(2)}× | ≤ ${MB(target)} | ${d.rss <= target ? 'met' : '**missed**'} |`;
  });
  const missed = m.duban.filter((d) => d.rss > (d.noWorkers ? TARGET.web : TARGET.serve));
  const web = m.modules.find((x) => x.noWorkers);
  const all = m.modules.find((x) => !x.noWorkers);
  const inServe = (p: string) => [web, all].some((x) => x && x.packages[p]);
  const lines = [
    `Idle resident memory (VmRSS, the median of 3 readings a second apart, 3 s after \`/readyz\` answered 200 and the workers said they started), load average ${m.load.map((l) => l.toFixed(1)).join(' → ')}. Baseline: \`bench/bare-fastify.js\` (fastify, one route and /readyz, plain node) in the same run; a bare node is ${MB(m.node)}.`,
    '',
    '| process | runs | idle RSS | bare fastify | ratio | target | |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Modules loaded until ready (dist): \`serve --no-workers\` ${web?.files ?? 'n/a'} files (${web?.own ?? 'n/a'} of duban's own), \`serve\` ${all?.files ?? 'n/a'} (${all?.own ?? 'n/a'}). ` +
      `Never loaded by either: ${NEVER_IN_SERVE.map((p) => `${p} ${inServe(p) ? '**loaded**' : 'no'}`).join(', ')}; the Lark client's module (\`lark/client\`) in \`serve --no-workers\`: ${web ? (web.larkClient ? '**loaded**' : 'no') : 'n/a'}, the Lark SDK: ${web ? (web.packages['@larksuiteoapi/node-sdk'] ? 'loaded' : 'no') : 'n/a'}.`,
    '',
    'What the runtime dependencies `serve` loads cost, each imported alone into a bare node (they share some of their own dependencies, so the sum overstates):',
    '',
    `| package | + RSS alone | files in \`serve --no-workers\` | files in \`serve\` |`,
    '| --- | --- | --- | --- |',
    ...m.packageRss.map((p) => `| ${p.name} | ${MB(p.rss)} | ${web?.packages[p.name] ?? 0} | ${all?.packages[p.name] ?? 0} |`),
  ];
  if (missed.length) {
    const top = m.packageRss.slice(0, 3).map((p) => `${p.name} (${MB(p.rss)})`).join(', ');
    lines.push('', `Where a target is missed: ${missed.map((d) => `${d.mode} \`serve${d.noWorkers ? ' --no-workers' : ''}\` by ${MB(d.rss - (d.noWorkers ? TARGET.web : TARGET.serve))}`).join('; ')}. The largest shares are the packages above: ${top}.`);
  }
  return lines;
}

function startupSection(s: StartupFigures): string[] {
  const node = s.medians['node -e 0']!;
  const bare = s.medians['bare fastify to /readyz 200'];
  const baseline = (k: string) => (k.includes('/readyz') && !k.startsWith('bare') && bare ? bare : node);
  return [
    `Wall time from spawn, the median of the runs (interleaved, so a load spike hits every variant alike), load average ${s.load.map((l) => l.toFixed(1)).join(' → ')}. \`--help\` runs to its exit; \`serve\` until its first \`/readyz\` 200 (the workers start after that). \`npx --version\` is npm starting up; what \`npx duban --help\` takes beyond that and \`node bin/duban.js --help\` is npm exec finding the command in the installed tree.`,
    '',
    '| command | median | runs | × `node -e 0` | × bare fastify to ready |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(s.medians).map(([k, v]) => {
      const fast = baseline(k) === bare && bare ? `${(v / bare).toFixed(1)}×` : '';
      return `| \`${k}\` | ${v.toFixed(0)} ms | ${s.runs[k]!.map((x) => x.toFixed(0)).join(', ')} | ${(v / node).toFixed(1)}× | ${fast} |`;
    }),
  ];
}

export function renderFootprint(f: FootprintFigures): string {
  return [
    '## Footprint: idle memory and start-up',
    '',
    `\`npm run bench:footprint\` (\`-- memory\` or \`-- startup\` for one half) — ${f.startedAt.slice(0, 16).replace('T', ' ')} UTC, Node ${f.node}. The machine is shared: the load average is given beside each half.`,
    '',
    '### Idle memory',
    '',
    ...(f.memory ? memorySection(f.memory) : ['Not measured yet.']),
    '',
    '### Start-up',
    '',
    ...(f.startup ? startupSection(f.startup) : ['Not measured yet.']),
    '',
  ].join('\n');
}
