import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundCommand } from '../../src/cli/inbound.ts';
import type { App } from '../../src/main.ts';
import { metricsText } from '../../src/metrics.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { INBOUND_JOB_OPTIONS } from '../../src/queue/inbound.ts';
import { eventJobId, QUEUES } from '../../src/queue/names.ts';
import type { InboundJobOf } from '../../src/contracts/inbound.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';
import { faultConfig, startWorkers, teardown, TEARDOWN_MS } from './harness.ts';
import { BUSINESS_NOW, freshEventId, seedRound, rows, storedOnce, until, type SeededRound } from '../support/seeded-round.ts';

// A poison reply among 100 queued ones (its department was deleted after it was acknowledged, so
// the worker's re-check inside the write transaction refuses it on every attempt): the 99 others are stored, the poison one lands in the
// dead-letter table instead of failing silently, and once the cause is fixed
// `duban inbound retry` stores it.

const POISON_DEPT = 900_001;
const prefix = testQueuePrefix('faultpoison');
let db: TestDb;
let world: SeededRound;
let workers: App | undefined;
const redis = createRedis(testRedisUrl, 'producer');
let queue: Queue;

beforeAll(async () => {
  db = await createTestDb('faultpoison');
  world = await seedRound(db.db);
  queue = new Queue(QUEUES.inbound, { connection: redis, prefix });
});

afterAll(() => teardown([() => workers?.close(), () => queue?.close(), () => redis.disconnect(), () => db?.drop(), () => cleanRedisPrefix(prefix)]), TEARDOWN_MS);

const job = (i: number, departmentId?: number): InboundJobOf<'status_report'> => {
  const t = world.targets[i % 20]!;
  return {
    kind: 'status_report',
    eventId: freshEventId('poison'),
    eventType: 'card.action.trigger',
    receivedAt: new Date(BUSINESS_NOW.getTime() + i).toISOString(),
    payload: {
      planId: t.planId,
      roundId: t.roundId,
      departmentId: departmentId ?? t.departmentId,
      taskId: t.taskId,
      status: 'on_track',
      progress: i % 101,
      note: `第 ${i} 条`,
      evidenceUrl: null,
      reporterOpenId: t.reporterOpenId,
    },
  };
};
const deadLetters = () => rows<{ id: number; event_id: string; error_code: string; retried_at: unknown }>(db.db, sql`select id, event_id, error_code, retried_at from inbound_dead_letters order by id`);

describe('a poison reply in a batch of 100', () => {
  it('stores the 99 others, dead-letters the poison one, and stores it on retry once fixed', async () => {
    const jobs = Array.from({ length: 100 }, (_, i) => (i === 42 ? job(i, POISON_DEPT) : job(i)));
    await queue.addBulk(jobs.map((data) => ({ name: data.kind, data, opts: { ...INBOUND_JOB_OPTIONS, jobId: eventJobId(data.eventId) } })));
    workers = await startWorkers(faultConfig({ databaseUrl: db.url, redisUrl: testRedisUrl, prefix }));

    const good = jobs.filter((_, i) => i !== 42).map((j) => j.eventId);
    const poison = jobs[42]!.eventId;
    await until('the 99 to be stored', () => storedOnce(db.db, good), (s) => s.stored === 99, 30_000);
    const letters = await until('the poison reply to be dead-lettered', deadLetters, (l) => l.length === 1, 30_000);
    expect(letters).toMatchObject([{ event_id: poison, error_code: 'NOT_REPORTER', retried_at: null }]);
    expect((await storedOnce(db.db, [poison])).stored).toBe(0);
    expect(await rows(db.db, sql`select 1 from processed_events where event_id = ${poison}`), 'not recorded as processed').toEqual([]);
    await until('the queue to settle', () => queue.getJobCounts('active', 'waiting', 'delayed', 'failed'), (c) => Object.values(c).every((n) => n === 0), 10_000);
    expect((await queue.getJob(eventJobId(poison)))?.returnvalue).toBe('dead_lettered');
    expect(await metricsText(), 'the metric counts it').toMatch(/^duban_inbound_dead_letters_total\{kind="status_report"\} 1$/m);

    // Fix the cause (restore the department, its reporter and its assignment), then re-drive it from the command line.
    const p = jobs[42]!.payload;
    await db.db.execute(sql`insert into departments (id, name) values (${POISON_DEPT}, '恢复的部门')`);
    await db.db.execute(sql`insert into reporters (department_id, open_id) values (${POISON_DEPT}, ${p.reporterOpenId})`);
    await db.db.execute(sql`insert into assignments (task_id, department_id, position, role) values (${p.taskId}, ${POISON_DEPT}, 99, 'co')`);
    const out: string[] = [];
    const config = faultConfig({ databaseUrl: db.url, redisUrl: testRedisUrl, prefix });
    expect(await inboundCommand.run(['retry', '--all'], { config, out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
    expect(out[0]).toContain(`#${letters[0]!.id}`);
    await until('the poison reply to be stored after the retry', () => storedOnce(db.db, [poison]), (s) => s.stored === 1, 30_000);
    expect((await storedOnce(db.db, [...good, poison]))).toEqual({ stored: 100, duplicates: 0 });
    expect(await deadLetters()).toMatchObject([{ event_id: poison, retried_at: expect.anything() }]);
  }, 120_000);
});
