import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRetryableFailure } from '../../src/db/errors.ts';
import { storeReportJobs } from '../../src/usecases/inbound/store-report-batch.ts';
import type { InboundJobOf, ReportJobPayload } from '../../src/contracts/inbound.ts';
import { storeReport } from '../../src/usecases/store-report.ts';
import { BUSINESS_NOW, freshEventId, seedRound, rows, type ReplyTarget, type SeededRound } from '../support/seeded-round.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
let world: SeededRound;

beforeAll(async () => {
  t = await createTestDb('batch');
  world = await seedRound(t.db);
}, 60_000);
afterAll(async () => t?.drop());

const reportJob = (target: ReplyTarget, receivedAt: Date, over: Partial<ReportJobPayload> = {}, eventId = freshEventId('b')): InboundJobOf<'status_report'> => ({
  kind: 'status_report',
  eventId,
  eventType: 'card.action.trigger',
  receivedAt: receivedAt.toISOString(),
  payload: {
    planId: target.planId,
    roundId: target.roundId,
    departmentId: target.departmentId,
    taskId: target.taskId,
    status: 'on_track',
    progress: 50,
    note: `说明 ${eventId}`,
    evidenceUrl: null,
    reporterOpenId: target.reporterOpenId,
    ...over,
  },
});

const versionsOf = async (target: ReplyTarget) =>
  (
    await rows<{ version: number }>(
      t.db,
      sql`select version from reports where task_id = ${target.taskId} and department_id = ${target.departmentId} and round_id = ${target.roundId} order by version`,
    )
  ).map((r) => r.version);
const currentOf = async (target: ReplyTarget) =>
  (await rows<{ progress: number; note: string }>(t.db, sql`select progress, note from current_status where task_id = ${target.taskId} and department_id = ${target.departmentId}`))[0];
const count = async (table: string) => Number((await rows<{ n: number }>(t.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);
const at = (ms: number) => new Date(BUSINESS_NOW.getTime() + ms);

describe('storing status reports', () => {
  it('gives 60 concurrent single replies for one task versions 1..60 without a single constraint failure', async () => {
    const target = world.targets[0]!;
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        t.db.transaction((tx) => storeReport(tx, { ...reportJob(target, at(i)).payload, eventId: freshEventId('single'), receivedAt: at(i).toISOString() })),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await versionsOf(target)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('stores concurrent batches for one key with contiguous versions and the last received reply as current status', async () => {
    const target = world.targets[1]!;
    // 400 replies in 8 concurrent batches, each batch shuffled: receive time decides, not batch order.
    const jobs = Array.from({ length: 400 }, (_, i) => reportJob(target, at(i * 10), { progress: i % 101, note: `第 ${i} 条` }));
    const batches = Array.from({ length: 8 }, (_, b) => jobs.filter((_, i) => i % 8 === b).reverse());
    const outcomes = (await Promise.all(batches.map((b) => storeReportJobs(t.db, b, BUSINESS_NOW)))).flat();
    expect(outcomes.filter((o) => o !== 'processed')).toEqual([]);
    expect(await versionsOf(target)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(await currentOf(target)).toEqual({ progress: 399 % 101, note: '第 399 条' });
  });

  it('stores a redelivered reply once and reports it as a duplicate', async () => {
    const target = world.targets[2]!;
    const job = reportJob(target, at(0));
    expect(await storeReportJobs(t.db, [job], BUSINESS_NOW)).toEqual(['processed']);
    const before = await count('reports');
    expect(await storeReportJobs(t.db, [job, reportJob(target, at(1))], BUSINESS_NOW)).toEqual(['duplicate', 'processed']);
    expect(await count('reports')).toBe(before + 1);
    expect(await versionsOf(target)).toEqual([1, 2]);
  });

  it('keeps the current status when an older reply arrives after a newer one', async () => {
    const target = world.targets[3]!;
    await storeReportJobs(t.db, [reportJob(target, at(5000), { progress: 80, note: '新' })], BUSINESS_NOW);
    await storeReportJobs(t.db, [reportJob(target, at(1000), { progress: 20, note: '旧' })], BUSINESS_NOW);
    expect(await currentOf(target)).toEqual({ progress: 80, note: '新' });
    expect(await versionsOf(target)).toEqual([1, 2]);
  });

  it('continues after the versions stored before the counter existed', async () => {
    const target = world.targets[4]!;
    await storeReportJobs(t.db, [reportJob(target, at(0)), reportJob(target, at(1))], BUSINESS_NOW);
    await t.db.execute(sql`delete from report_versions where task_id = ${target.taskId} and department_id = ${target.departmentId}`);
    expect(await storeReportJobs(t.db, [reportJob(target, at(2))], BUSINESS_NOW)).toEqual(['processed']);
    expect(await versionsOf(target)).toEqual([1, 2, 3]);
  });

  it('isolates a poison reply in a batch of 100: the 99 others are stored, the poison one fails for good and writes nothing', async () => {
    const targets = world.targets.slice(5, 15);
    const jobs = Array.from({ length: 100 }, (_, i) => reportJob(targets[i % targets.length]!, at(i)));
    const poisonAt = 37;
    jobs[poisonAt] = reportJob(targets[poisonAt % targets.length]!, at(poisonAt), { note: 'bad\u0000note' });
    const before = { reports: await count('reports'), processed: await count('processed_events') };
    const outcomes = await storeReportJobs(t.db, jobs, BUSINESS_NOW);
    expect(outcomes.filter((o) => o === 'processed')).toHaveLength(99);
    const poison = outcomes[poisonAt];
    expect(poison).toBeInstanceOf(Error);
    expect(isRetryableFailure(poison)).toBe(false);
    expect(await count('reports')).toBe(before.reports + 99);
    expect(await count('processed_events')).toBe(before.processed + 99);
    expect((await rows(t.db, sql`select 1 from processed_events where event_id = ${jobs[poisonAt]!.eventId}`)).length).toBe(0);
    for (const target of targets) {
      const v = await versionsOf(target);
      expect(v, 'versions stay contiguous around the poison reply').toEqual(Array.from({ length: v.length }, (_, i) => i + 1));
    }
  });

  it('refuses a reply for a round that does not exist without holding back the others', async () => {
    const target = world.targets[20]!;
    const good = reportJob(target, at(0));
    const gone = reportJob(target, at(1), { roundId: 999_999 });
    const [a, b] = await storeReportJobs(t.db, [good, gone], BUSINESS_NOW);
    expect(a).toBe('processed');
    expect(b).toMatchObject({ code: 'ROUND_UNKNOWN', retryable: false });
    expect(await versionsOf(target)).toEqual([1]);
  });
});
