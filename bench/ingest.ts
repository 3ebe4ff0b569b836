import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { rows, storedOnce } from '../test/support/seeded-round.ts';
import { replyBodies } from './lib/bodies.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import { adminQuery, dbUrl, scratchDatabase, type BenchEnv } from './lib/setup.ts';

// Benchmark 2: distinct replies through the webhook until every one is a row in Postgres,
// against pgbench's single-row insert rate on the same Postgres.

const run = promisify(execFile);

export interface IngestFigures {
  replies: number;
  /** Task × department pairs the replies were spread over (1: all on one task). */
  keys?: number;
  /** Pairs whose current status is not the reply received last (must be 0). */
  currentStale?: number;
  load: Omit<LoadResult, 'acked'> & { acked: number };
  /** From the first request to the last acknowledged reply stored. */
  endToEndS: number;
  repliesPerS: number;
  stored: number;
  lost: number;
  duplicated: number;
  /** Stored although not acknowledged (must be 0 too: nothing false either way). */
  storedUnacked: number;
  pgbench: { tps: number; clients: number; seconds: number };
}

const countReports = async (env: BenchEnv) => Number((await rows<{ n: number }>(env.db.db, sql`select count(*)::int as n from reports`))[0]?.n ?? 0);

export async function benchIngest(
  env: BenchEnv,
  dubanUrl: string,
  opts: { replies: number; log: (l: string) => void; timeoutS?: number; targets?: BenchEnv['seeded']['targets']; label?: string },
): Promise<IngestFigures> {
  const targets = opts.targets ?? env.seeded.targets;
  const bodies = replyBodies(env.seeded, opts.replies, opts.label ?? 'ingest', targets);
  const before = await countReports(env);
  opts.log(`  ${opts.replies} replies at concurrency 50…`);
  const started = performance.now();
  const load = await runLoad({ url: `${dubanUrl}/lark/events`, bodies, connections: 50 });
  opts.log(`  sent in ${load.durationS.toFixed(1)} s (${Math.round(load.rps)}/s), ${load.acked.length} acknowledged; waiting for Postgres…`);
  const target = before + load.acked.length;
  const deadline = Date.now() + (opts.timeoutS ?? 600) * 1000;
  let count = before;
  let lastLog = Date.now();
  while ((count = await countReports(env)) < target && Date.now() < deadline) {
    if (Date.now() - lastLog > 10_000) {
      opts.log(`  … ${count - before}/${load.acked.length} stored`);
      lastLog = Date.now();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const endToEndS = (performance.now() - started) / 1000;
  const once = await storedOnce(env.db.db, load.acked);
  const all = await storedOnce(env.db.db, bodies.map((b) => b.eventId));
  const pgbench = await pgbenchInserts();
  const { acked, ...rest } = load;
  // The current status of every pair is the reply the webhook received last.
  const [stale] = await rows<{ n: number }>(
    env.db.db,
    sql`select count(*)::int as n from current_status cs
        join (select task_id, department_id, max(reported_at) as last from reports group by 1, 2) r using (task_id, department_id)
        where cs.reported_at <> r.last`,
  );
  return {
    replies: opts.replies,
    keys: targets.length,
    currentStale: Number(stale?.n ?? 0),
    load: { ...rest, acked: acked.length },
    endToEndS,
    repliesPerS: once.stored / endToEndS,
    stored: once.stored,
    lost: acked.length - once.stored,
    duplicated: all.duplicates,
    storedUnacked: all.stored - once.stored,
    pgbench,
  };
}

/** pgbench -n -f insert.sql -T 5 -c 4: single-row inserts into a scratch table of a scratch db. */
export async function pgbenchInserts(seconds = 5, clients = 4): Promise<{ tps: number; clients: number; seconds: number }> {
  const name = 'duban_bench_pgbench';
  await scratchDatabase(name);
  const dir = mkdtempSync(path.join(tmpdir(), 'duban-pgbench-'));
  try {
    await adminQuery(
      `create table inserts (id bigserial primary key, event_id text not null unique, note text not null, created_at timestamptz not null default now())`,
      dbUrl(name),
    );
    const script = path.join(dir, 'insert.sql');
    writeFileSync(script, `insert into inserts (event_id, note) values (md5(random()::text || clock_timestamp()::text), '进展说明');\n`);
    const u = new URL(dbUrl(name));
    const { stdout } = await run('pgbench', ['-n', '-f', script, '-T', String(seconds), '-c', String(clients), '-j', String(Math.min(clients, 2)), '-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres', name], {
      timeout: (seconds + 60) * 1000,
    });
    const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout);
    if (!m) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return { tps: Number(m[1]), clients, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await adminQuery(`drop database if exists "${name}" with (force)`);
  }
}

/**
 * The database's own rate for the transaction one reply is (as storeReport runs it: record the
 * event, check it, read the round, next version, insert the report, move the current status),
 * through pgbench with the same clients — what the worker could reach with no Node, queue or ORM.
 */
export async function pgbenchReplyTransaction(env: BenchEnv, seconds = 5, clients = 4): Promise<{ tps: number; clients: number; seconds: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'duban-pgbench-tx-'));
  const url = dbUrl(env.dbName);
  try {
    await adminQuery('create sequence if not exists bench_version_seq start 1000000', url);
    const files = env.seeded.targets.slice(0, 10).map((t, i) => {
      const file = path.join(dir, `reply-${i}.sql`);
      const ev = `'pgb' || :ev`;
      writeFileSync(
        file,
        [
          '\\set ev random(1, 9000000000000)',
          'BEGIN;',
          `INSERT INTO processed_events (event_id, event_type, processed_at) VALUES (${ev}, 'card.action.trigger', now()) ON CONFLICT DO NOTHING RETURNING event_id;`,
          `SELECT id FROM reports WHERE event_id = ${ev} LIMIT 1;`,
          `SELECT ends_at, closed_at FROM rounds WHERE id = ${t.roundId} AND plan_id = ${t.planId};`,
          `SELECT coalesce(max(version), 0) FROM reports WHERE task_id = ${t.taskId} AND department_id = ${t.departmentId} AND round_id = ${t.roundId};`,
          `INSERT INTO reports (task_id, department_id, round_id, version, status, progress, note, reporter_open_id, reported_at, late, event_id) VALUES (${t.taskId}, ${t.departmentId}, ${t.roundId}, nextval('bench_version_seq'), 'on_track', 50, '进展说明', '${t.reporterOpenId}', now(), false, ${ev}) RETURNING id;`,
          `INSERT INTO current_status (task_id, department_id, report_id, round_id, status, progress, note, reporter_open_id, reported_at) VALUES (${t.taskId}, ${t.departmentId}, currval(pg_get_serial_sequence('reports', 'id')), ${t.roundId}, 'on_track', 50, '进展说明', '${t.reporterOpenId}', now()) ON CONFLICT (task_id, department_id) DO UPDATE SET report_id = excluded.report_id, status = excluded.status, progress = excluded.progress, reported_at = excluded.reported_at WHERE current_status.reported_at <= excluded.reported_at;`,
          'COMMIT;',
          '',
        ].join('\n'),
      );
      return file;
    });
    const u = new URL(url);
    const { stdout } = await run(
      'pgbench',
      ['-n', ...files.flatMap((f) => ['-f', f]), '-T', String(seconds), '-c', String(clients), '-j', String(Math.min(clients, 2)), '-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres', env.dbName],
      { timeout: (seconds + 60) * 1000 },
    );
    const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout);
    if (!m) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return { tps: Number(m[1]), clients, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
