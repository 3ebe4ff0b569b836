import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { migrateDb, openDb } from '../src/db/client.ts';
import { createRedis } from '../src/queue/connection.ts';
import { QUEUES } from '../src/queue/names.ts';
import { startFakeLark } from '../src/simulator/index.ts';
import { dubanEnv } from '../test/support/duban-process.ts';
import { cleanRedisPrefix } from '../test/support/redis.ts';
import { freshEventId, replyPayload, rows, signed, SEED_KEYS, type ReplyTarget } from '../test/support/seeded-round.ts';
import { seedSql } from './ask-seed.ts';
import { runLoad, type LoadResult, type PreparedRequest } from './lib/load.ts';
import { summariseProfile, type ProfileLine } from './lib/profile.ts';
import { adminQuery, REDIS_URL, rssOf, scratchDatabase, sleep, startDuban } from './lib/setup.ts';

// Benchmark 1 (issue 14): the card callback acknowledgement at concurrency 50, three servers on the
// same signed, encrypted card.action.trigger payloads, in a world of 50 units × 1,000 tasks:
//  (a) a bare fastify route answering the toast (bench/bare-server.ts);
//  (b) the least a correct acknowledgement needs: decrypt, signature and token, one BullMQ add (bench/minimal-server.ts);
//  (c) `duban serve --no-workers` with a `duban worker` beside it, storing the replies as they come.

export const ACK_CONNECTIONS = 50;
/** The open round of the world (2021-W52) and a business clock inside it. */
const NOW = '2021-12-28T10:00:00+08:00';

export interface ServerFigures extends Omit<LoadResult, 'acked'> {
  acked: number;
  /** Event-loop delay p99 over the measured run, ms (prom-client's monitor, 10 ms resolution). */
  loopDelayP99Ms: number | null;
}

export interface AckFigures {
  world: { units: number; tasks: number; pairs: number };
  requests: number;
  bare: ServerFigures;
  minimal: ServerFigures;
  duban: ServerFigures;
  /** RSS of `duban serve --no-workers`: started and warmed up, then after the measured submissions. */
  dubanRss: { warm: number | null; after: number | null };
  /** Replies the worker stored from (c)'s run, and dead letters (both should match the acks). */
  stored: number;
  deadLetters: number;
  loadBefore: number[];
  loadAfter: number[];
  /** Top of a CPU profile of (c) over the same run, when asked for (`--profile`). */
  profile?: { byPackage: ProfileLine[]; byFunction: ProfileLine[] } | null;
}

interface Child {
  url: string;
  pid?: number;
  stop(): Promise<void>;
}

/** A baseline server script as a child process; it prints `listening <url>`. */
async function startScript(script: string, env: Record<string, string> = {}): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 30 s`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      const m = /listening (\S+)/.exec(d.toString());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
  const exited = new Promise((r) => child.once('exit', r));
  return { url, pid: child.pid, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

const loopDelay = async (url: string): Promise<number | null> => {
  try {
    return ((await (await fetch(url)).json()) as { p99Ms: number }).p99Ms;
  } catch {
    return null;
  }
};

/** duban's event-loop delay p99 from its /metrics (prom-client resets the monitor at each scrape). */
const dubanLoopDelay = async (metricsUrl: string): Promise<number | null> => {
  try {
    const m = /^duban_nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(await (await fetch(metricsUrl)).text());
    return m ? Number(m[1]) * 1000 : null;
  } catch {
    return null;
  }
};

async function measure(url: string, bodies: PreparedRequest[], delay: () => Promise<number | null>, allowRepeats = false): Promise<ServerFigures> {
  await delay();
  const r = await runLoad({ url: `${url}/lark/events`, bodies, connections: ACK_CONNECTIONS, allowRepeats });
  return { ...r, acked: r.acked.length, loopDelayP99Ms: await delay() };
}

/** The world: 50 units, 1,000 tasks, a year of reports (bench/ask-seed.ts), two reporters per unit, 2021-W52 open. */
async function seedWorld(url: string): Promise<{ targets: ReplyTarget[]; units: number; tasks: number }> {
  const handle = await openDb({ databaseUrl: url, dataDir: '' });
  try {
    await migrateDb(handle);
    for (const [, q] of seedSql()) await handle.db.execute(sql.raw(q));
    await handle.db.execute(sql.raw(`insert into reporters (department_id, open_id) select d.id, 'ou_p' || (2 * (d.id - 1) + k) from departments d, generate_series(0, 1) k`));
    const [round] = await rows<{ id: number }>(handle.db, sql`select id from rounds where key = '2021-W52'`);
    const pairs = await rows<{ task_id: number; department_id: number }>(handle.db, sql`select task_id, department_id from assignments order by task_id, department_id`);
    const [counts] = await rows<{ units: number; tasks: number }>(handle.db, sql`select (select count(*)::int from departments) as units, (select count(*)::int from tasks) as tasks`);
    const targets = pairs.map((p) => ({ planId: 1, roundId: round!.id, departmentId: p.department_id, taskId: p.task_id, reporterOpenId: `ou_p${2 * (p.department_id - 1)}`, chatId: null }));
    return { targets, units: counts!.units, tasks: counts!.tasks };
  } finally {
    await handle.close();
  }
}

/** `n` distinct submissions, signed now, round-robin over every task × unit (so every unit's card is busy). */
function bodies(targets: ReplyTarget[], n: number, label: string): PreparedRequest[] {
  const at = new Date();
  return Array.from({ length: n }, (_, i) => {
    const eventId = freshEventId(label);
    return { eventId, ...signed(replyPayload(targets[i % targets.length]!, { eventId, progress: String(i % 101), note: `第${i}次填报` }), at) };
  });
}

async function drained(prefix: string, timeoutMs = 180_000): Promise<void> {
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

export async function benchAck(opts: { requests: number; warmup: number; profile: boolean; log: (l: string) => void }): Promise<AckFigures> {
  const { log } = opts;
  const loadBefore = loadavg();
  const dbName = 'duban_bench_ack';
  const url = await scratchDatabase(dbName);
  const prefix = `dubanbench-ack-${randomBytes(3).toString('hex')}`;
  const minimalPrefix = `${prefix}-b`;
  const fake = await startFakeLark({ appId: SEED_KEYS.appId, appSecret: SEED_KEYS.appSecret });
  const profileDir = opts.profile ? mkdtempSync(path.join(tmpdir(), 'duban-ack-prof-')) : null;
  const stops: (() => Promise<unknown>)[] = [];
  try {
    log('  world: 50 units × 1,000 tasks, a year of reports…');
    const world = await seedWorld(url);
    const env = dubanEnv({
      DATABASE_URL: url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      LARK_DOMAIN: fake.url,
      LARK_APP_ID: SEED_KEYS.appId,
      LARK_APP_SECRET: SEED_KEYS.appSecret,
      LARK_ENCRYPT_KEY: SEED_KEYS.encryptKey,
      LARK_VERIFICATION_TOKEN: SEED_KEYS.verificationToken,
      DUBAN_NOW: NOW,
      LOG_LEVEL: 'error',
    });
    const bare = await startScript('./bare-server.ts');
    stops.push(bare.stop);
    const minimal = await startScript('./minimal-server.ts', { REDIS_URL, QUEUE_PREFIX: minimalPrefix, LARK_ENCRYPT_KEY: SEED_KEYS.encryptKey, LARK_VERIFICATION_TOKEN: SEED_KEYS.verificationToken });
    stops.push(minimal.stop);
    const serve = await startDuban(env, ['serve', '--no-workers'], profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
    stops.push(() => serve.proc.kill('SIGTERM', 30_000));
    const worker = await startDuban(env, ['worker']);
    stops.push(() => worker.proc.kill('SIGTERM'));
    const metricsUrl = `${/运维端口：(http:\/\/\S+?)（/.exec(await serve.proc.waitForLine(/运维端口：/))![1]!}/metrics`;

    log(`  signing ${opts.warmup + 2 * opts.requests} bodies…`);
    const warm = bodies(world.targets, opts.warmup, 'warm');
    const forMinimal = bodies(world.targets, opts.requests, 'min');
    const forDuban = bodies(world.targets, opts.requests, 'ack');
    log(`  warm-up (${opts.warmup} requests each; duban builds every unit's card once)…`);
    await runLoad({ url: `${bare.url}/lark/events`, bodies: warm, connections: ACK_CONNECTIONS });
    await runLoad({ url: `${minimal.url}/lark/events`, bodies: warm, connections: ACK_CONNECTIONS });
    await runLoad({ url: `${serve.url!}/lark/events`, bodies: warm, connections: ACK_CONNECTIONS });
    await drained(prefix);
    const warmRss = serve.proc.rssBytes();

    log(`  (a) bare fastify, ${opts.requests} requests at concurrency ${ACK_CONNECTIONS}…`);
    const a = await measure(bare.url, forDuban, () => loopDelay(`${bare.url}/loop-delay`), true);
    log(`      ${Math.round(a.rps)} req/s, p99 ${a.p99} ms`);
    log(`  (b) decrypt + verify + one BullMQ add…`);
    const b = await measure(minimal.url, forMinimal, () => loopDelay(`${minimal.url}/loop-delay`));
    log(`      ${Math.round(b.rps)} req/s, p99 ${b.p99} ms`);
    log(`  (c) duban serve --no-workers + duban worker…`);
    const c = await measure(serve.url!, forDuban, () => dubanLoopDelay(metricsUrl));
    log(`      ${Math.round(c.rps)} req/s, p99 ${c.p99} ms`);
    const afterRss = serve.proc.rssBytes();
    await drained(prefix);
    const check = await openDb({ databaseUrl: url, dataDir: '' });
    const [stored] = await rows<{ reports: number; dead: number }>(
      check.db,
      sql`select (select count(*)::int from reports where event_id like 'ack\_%') as reports, (select count(*)::int from inbound_dead_letters) as dead`,
    );
    await check.close();

    let profile: AckFigures['profile'] = null;
    if (profileDir) {
      await serve.proc.kill('SIGTERM', 30_000);
      const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
      profile = file ? summariseProfile(JSON.parse(readFileSync(path.join(profileDir, file), 'utf8'))) : null;
    }
    return {
      world: { units: world.units, tasks: world.tasks, pairs: world.targets.length },
      requests: opts.requests,
      bare: a,
      minimal: b,
      duban: c,
      dubanRss: { warm: warmRss, after: afterRss ?? rssOf(serve.proc.pid) },
      stored: stored?.reports ?? 0,
      deadLetters: stored?.dead ?? 0,
      loadBefore,
      loadAfter: loadavg(),
      profile,
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await fake.stop();
    await cleanRedisPrefix(prefix);
    await cleanRedisPrefix(minimalPrefix);
    await adminQuery(`drop database if exists "${dbName}" with (force)`);
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }
}
