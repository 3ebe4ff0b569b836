import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { QUEUES } from '../../src/queue/names.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';
import { faultConfig, startWebAndWorkers, teardown, TEARDOWN_MS } from './harness.ts';
import { acknowledged, freshEventId, postSigned, seedRound, replyPayload, rows, signed, storedOnce, until, type SeededRound } from '../support/seeded-round.ts';

// 1,000 replies for ONE task of one department at once (a whole office pressing 提交 together):
// every one stored within seconds of the last acknowledgement, versions 1..1000 without a gap,
// and no job ever retried (before issue 12, version collisions sent jobs into minutes of backoff).

const N = 1000;
const prefix = testQueuePrefix('faultone');
let db: TestDb;
let world: SeededRound;
let app: App | undefined;
const redis = createRedis(testRedisUrl, 'producer');
let queue: Queue;

beforeAll(async () => {
  db = await createTestDb('faultone');
  world = await seedRound(db.db);
  app = await startWebAndWorkers(faultConfig({ databaseUrl: db.url, redisUrl: testRedisUrl, prefix }));
  queue = new Queue(QUEUES.inbound, { connection: redis, prefix });
});

afterAll(() => teardown([() => app?.close(), () => queue?.close(), () => redis.disconnect(), () => db?.drop(), () => cleanRedisPrefix(prefix)]), TEARDOWN_MS);

describe('1,000 concurrent replies for one task', () => {
  it('are all stored within seconds of the last acknowledgement, versions 1..1000, no job retried', async () => {
    const target = world.targets[0]!;
    const acked: string[] = [];
    let next = 0;
    const lane = async () => {
      while (next < N) {
        const i = next++;
        const eventId = freshEventId('one');
        const res = await postSigned(app!.url!, signed(replyPayload(target, { eventId, progress: String(i % 101) })));
        if (acknowledged(res)) acked.push(eventId);
      }
    };
    await Promise.all(Array.from({ length: 50 }, lane));
    const lastAck = Date.now();
    expect(acked).toHaveLength(N);

    await until('all 1,000 to be stored', () => storedOnce(db.db, acked), (s) => s.stored === N, 30_000, 50);
    const lag = Date.now() - lastAck;
    expect(lag, 'stored within seconds of the last acknowledgement').toBeLessThan(15_000);

    const versions = await rows<{ version: number }>(
      db.db,
      sql`select version from reports where task_id = ${target.taskId} and department_id = ${target.departmentId} and round_id = ${target.roundId} order by version`,
    );
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect((await storedOnce(db.db, acked)).duplicates).toBe(0);

    // The current status is the reply received last.
    const [current] = await rows<{ ok: boolean }>(
      db.db,
      sql`select cs.reported_at = (select max(reported_at) from reports where task_id = ${target.taskId} and department_id = ${target.departmentId}) as ok
          from current_status cs where cs.task_id = ${target.taskId} and cs.department_id = ${target.departmentId}`,
    );
    expect(current?.ok).toBe(true);

    await until('the queue to settle', () => queue.getJobCounts('active', 'waiting', 'delayed'), (c) => Object.values(c).every((n) => n === 0), 10_000);
    const jobs = await queue.getJobs(['completed', 'failed'], 0, -1);
    expect(jobs).toHaveLength(N);
    expect(jobs.filter((j) => j.attemptsMade > 1 || j.failedReason).map((j) => j.failedReason), 'no job retried').toEqual([]);
    expect(jobs.every((j) => j.returnvalue === 'processed')).toBe(true);
  }, 120_000);
});
