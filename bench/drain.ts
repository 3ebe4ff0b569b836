import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { createRedis } from '../src/queue/connection.ts';
import type { InboundJob, ReportJobPayload } from '../src/contracts/inbound.ts';
import { INBOUND_JOB_OPTIONS } from '../src/queue/inbound.ts';
import { eventJobId, QUEUES } from '../src/queue/names.ts';
import { cleanRedisPrefix } from '../test/support/redis.ts';
import { BUSINESS_NOW, freshEventId, rows } from '../test/support/seeded-round.ts';
import { REDIS_URL, startDuban, type BenchEnv } from './lib/setup.ts';

// Benchmark 2b: the worker side of ingest alone. N report jobs, shaped exactly as the webhook
// queues them, are put on the inbound queue first; then a `duban worker` process drains them.

export interface DrainFigures {
  jobs: number;
  /** Worker start-up excluded: from its first stored reply to the last. */
  seconds: number;
  perS: number;
  stored: number;
}

const countReports = async (env: BenchEnv) => Number((await rows<{ n: number }>(env.db.db, sql`select count(*)::int as n from reports`))[0]?.n ?? 0);

export async function benchDrain(env: BenchEnv, opts: { jobs: number; log: (l: string) => void; extraEnv?: Record<string, string>; nodeArgs?: string[] }): Promise<DrainFigures> {
  const prefix = `${env.prefix}-drain-${randomBytes(2).toString('hex')}`;
  const conn = createRedis(REDIS_URL, 'producer');
  const queue = new Queue(QUEUES.inbound, { connection: conn, prefix });
  try {
    const all = [...env.seeded.targets, ...env.seeded.regionTargets];
    const jobs = Array.from({ length: opts.jobs }, (_, i) => {
      const t = all[i % all.length]!;
      const eventId = freshEventId('drain');
      const payload: ReportJobPayload = { planId: t.planId, roundId: t.roundId, departmentId: t.departmentId, taskId: t.taskId, status: 'on_track', progress: i % 101, note: `第${i}次`, evidenceUrl: null, reporterOpenId: t.reporterOpenId };
      const data: InboundJob = { kind: 'status_report', eventId, eventType: 'card.action.trigger', receivedAt: BUSINESS_NOW.toISOString(), payload };
      return { name: data.kind, data, opts: { ...INBOUND_JOB_OPTIONS, jobId: eventJobId(eventId) } };
    });
    for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
    const before = await countReports(env);
    opts.log(`  ${opts.jobs} report jobs queued; starting duban worker…`);
    const { proc } = await startDuban({ ...env.env, QUEUE_PREFIX: prefix, ...opts.extraEnv }, ['worker'], opts.nodeArgs);
    try {
      let first = 0;
      let n = before;
      const deadline = Date.now() + 300_000;
      while ((n = await countReports(env)) < before + opts.jobs && Date.now() < deadline) {
        if (!first && n > before) first = performance.now();
        await new Promise((r) => setTimeout(r, 50));
      }
      const seconds = (performance.now() - (first || performance.now())) / 1000;
      return { jobs: opts.jobs, seconds, perS: (n - before) / seconds, stored: n - before };
    } finally {
      await proc.kill('SIGTERM');
    }
  } finally {
    await queue.close();
    conn.disconnect();
    await cleanRedisPrefix(prefix);
  }
}
