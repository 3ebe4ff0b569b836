// `npm run bench`: the benchmarks of issue 8, each figure with a baseline measured in the same
// run. Needs the local Postgres (127.0.0.1:5432, user postgres), Redis (127.0.0.1:6379) and
// pgbench. Writes bench/results.md. `--quick` for a smoke run, `--only ack,ingest,dispatch,external,footprint`
// (footprint: bench/footprint.ts, its own section of the page).
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { Queue } from 'bullmq';
import { QUEUES } from '../src/queue/names.ts';
import { createRedis } from '../src/queue/connection.ts';
import { cleanRedisPrefix } from '../test/support/redis.ts';
import { benchAck, type AckFigures } from './ack.ts';
import { benchDispatch, type DispatchFigures } from './dispatch.ts';
import { EXTERNAL, runExternal, type ExternalResult } from './external.ts';
import { benchDrain, type DrainFigures } from './drain.ts';
import { benchIngest, pgbenchReplyTransaction, type IngestFigures } from './ingest.ts';
import * as md from './lib/report.ts';
import { render, type Figures } from './lib/render.ts';
import { withKeptSections } from './lib/kept-sections.ts';
import { REDIS_URL, sleep, startBenchEnv, startDuban } from './lib/setup.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    // CPU profile of `duban serve` during the ack benchmark, summarised in the results
    profile: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    render: { type: 'string' },
    // Sizes of the ingest runs (issue 12: 20,000 spread, 3,000 on one task, 20,000 drained).
    replies: { type: 'string' },
    'one-task': { type: 'string' },
    drain: { type: 'string' },
  },
});
const replies = Number(values.replies ?? 20_000);
const oneTask = Number(values['one-task'] ?? 3000);
const drainJobs = Number(values.drain ?? 20_000);
if (values.render) {
  // Re-render a results page from the figures of an earlier run.
  const saved = JSON.parse(readFileSync(values.render, 'utf8')) as Figures;
  const target = values.out ?? values.render.replace(/\.json$/, '.md');
  writeFileSync(target, withKeptSections(render(saved), target));
  process.stderr.write(`wrote ${target}\n`);
  process.exit(0);
}
// `npm run bench -- ack` runs one benchmark (same as --only ack)
const only = new Set(positionals.length ? positionals : (values.only ?? 'ack,ingest,dispatch,external,footprint').split(','));
const quick = values.quick;
const log = (l: string) => process.stderr.write(`${l}\n`);
const startedAt = new Date();
const loadBefore = loadavg();

/** Waits until the inbound queue of `prefix` has nothing waiting, delayed or active. */
async function drained(prefix: string, timeoutMs = 600_000): Promise<void> {
  const conn = createRedis(REDIS_URL, 'producer');
  const q = new Queue(QUEUES.inbound, { connection: conn, prefix });
  try {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(c).every((n) => n === 0)) return;
      if (Date.now() > end) throw new Error(`inbound queue not drained: ${JSON.stringify(c)}`);
      await sleep(200);
    }
  } finally {
    await q.close();
    conn.disconnect();
  }
}

let ack: AckFigures | null = null;
let ingest: IngestFigures | null = null;
let ingestOneTask: IngestFigures | null = null;
let drain: DrainFigures | null = null;
let replyTx: md.PgbenchFigure | null = null;
const dispatch: DispatchFigures[] = [];
const memory: md.Memory = { idle: null, afterAck: null, afterIngest: null, bareIdle: null };
const external: ExternalResult[] = [];

if (only.has('ack')) {
  log('1. card callback acknowledgement: (a) bare, (b) least correct ack, (c) duban serve --no-workers + worker');
  ack = await benchAck({ requests: quick ? 4000 : 20_000, warmup: quick ? 1000 : 3000, profile: values.profile, log });
  memory.afterAck = ack.dubanRss.after;
  log(`   (c) ${Math.round(ack.duban.rps)} req/s, p99 ${ack.duban.p99} ms; (b) ${Math.round(ack.minimal.rps)} req/s; (a) ${Math.round(ack.bare.rps)} req/s`);
}
const needsEnv = only.has('ingest') || only.has('dispatch');
const env = needsEnv ? await startBenchEnv() : null;
if (env) log(`scratch database ${env.dbName}: seed plan, ${env.seeded.targets.length} task × department and ${env.seeded.regionTargets.length} task × region pairs with reporters, round ${env.seeded.roundId}`);
try {
  if (env && only.has('ingest')) {
    // As deployed for issue 12: the web process and one \`duban worker\` beside it.
    const serve = await startDuban(env.env, ['serve', '--no-workers']);
    const worker = await startDuban(env.env, ['worker']);
    try {
      await sleep(3000);
      memory.idle = serve.proc.rssBytes();
      log('2. ingest');
      ingest = await benchIngest(env, serve.url!, { replies: quick ? 2000 : replies, log });
      memory.afterIngest = serve.proc.rssBytes();
      log(`   ${md.fmt(ingest.repliesPerS)} replies/s vs pgbench ${md.fmt(ingest.pgbench.tps)}/s; lost ${ingest.lost}, duplicated ${ingest.duplicated}, stale ${ingest.currentStale}`);
      await drained(env.prefix);
      log('2a. ingest, all on one task');
      ingestOneTask = await benchIngest(env, serve.url!, { replies: quick ? 500 : oneTask, log, targets: env.seeded.targets.slice(0, 1), label: 'onetask' });
      log(`   ${md.fmt(ingestOneTask.repliesPerS)} replies/s vs pgbench ${md.fmt(ingestOneTask.pgbench.tps)}/s; lost ${ingestOneTask.lost}, duplicated ${ingestOneTask.duplicated}, stale ${ingestOneTask.currentStale}`);
    } finally {
      await serve.proc.kill('SIGTERM');
      await worker.proc.kill('SIGTERM');
    }
  }
  if (env && only.has('ingest')) {
    log('2b. the worker alone, and the reply transaction in pgbench');
    drain = await benchDrain(env, { jobs: quick ? 2000 : drainJobs, log });
    log(`   worker drains ${md.fmt(drain.perS)} replies/s`);
    replyTx = await pgbenchReplyTransaction(env);
    log(`   pgbench reply transaction ${md.fmt(replyTx.tps)} tx/s`);
  }
  if (env && only.has('dispatch')) {
    log('3. dispatch');
    for (const appRate of [40, 45, 50]) {
      const d = await benchDispatch(env, { appRate, cards: quick ? 200 : 1000, chats: quick ? 40 : 200, log });
      dispatch.push(d);
      log(`   ${md.fmt(d.perS)} cards/s (steady ${md.fmt(d.steadyPerS)}); 429s ${d.throttled429}, failed ${d.failedJobs}, twice ${d.sentTwice}`);
    }
  }
} finally {
  if (env) {
    await env.close();
    await cleanRedisPrefix(env.prefix);
  }
}
if (only.has('external')) {
  log('4. digest and ask (their own scripts)');
  for (const x of EXTERNAL) external.push(await runExternal(x.script, x.results, log));
}

const measured: Figures = {
  startedAt: startedAt.toISOString(),
  quick,
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'cpu', memGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  loadBefore,
  loadAfter: loadavg(),
  ack,
  ingest,
  ingestOneTask,
  drain,
  replyTx,
  dispatch,
  memory,
  external,
};
const out = values.out ?? (quick ? path.join(tmpdir(), 'duban-bench-quick.md') : 'bench/results.md');
// A partial run (--only) into an existing page keeps the other sections' figures from its JSON.
const previous = (values.only || positionals.length) && !quick ? readPrevious(out.replace(/\.md$/, '.json')) : null;
const figures: Figures = previous ? mergeFigures(previous, measured) : measured;
writeFileSync(out, withKeptSections(render(figures), out));
// The figures themselves, so the page can be re-rendered (`--render <json>`) without re-running.
writeFileSync(out.replace(/\.md$/, '.json'), `${JSON.stringify(figures, null, 1)}\n`);
log(`wrote ${out} (${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s)`);
if (only.has('footprint')) {
  log('5. footprint: idle memory and start-up (bench/footprint.ts)');
  spawnSync(process.execPath, ['--import', 'tsx', 'bench/footprint.ts', '--out', out, ...(quick ? ['--runs', '2'] : [])], { stdio: 'inherit' });
}
process.exit(0);

function readPrevious(file: string): Figures | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Figures;
  } catch {
    return null;
  }
}

function mergeFigures(prev: Figures, now: Figures): Figures {
  const pick = <K extends keyof Figures>(k: K): Figures[K] => {
    const v = now[k];
    return (v === null || (Array.isArray(v) && v.length === 0) ? prev[k] : v) as Figures[K];
  };
  const memory = Object.fromEntries(Object.entries(now.memory).map(([k, v]) => [k, v ?? prev.memory?.[k as keyof md.Memory] ?? null])) as md.Memory;
  return { ...now, ack: pick('ack'), ingest: pick('ingest'), ingestOneTask: pick('ingestOneTask'), drain: pick('drain'), replyTx: pick('replyTx'), dispatch: pick('dispatch'), external: pick('external'), memory };
}
