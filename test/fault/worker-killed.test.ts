import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { QUEUES } from '../../src/queue/names.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { spawnDuban, type DubanProcess } from '../support/duban-process.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';
import { childEnv, faultConfig, sendReplies, startWeb, type Services, teardown, TEARDOWN_MS } from './harness.ts';
import { seedRound, storedOnce, until, writeCounts, type SeededRound } from '../support/seeded-round.ts';

// A `duban worker` process killed with SIGKILL in the middle of a backlog, then started again:
// every acknowledged reply is stored exactly once. (Kills a child process only; the shared
// Postgres and Redis keep running.)

/** Enough for a few seconds of work: the kill lands mid-batch. */
const REPLIES = 500;
const prefix = testQueuePrefix('faultkill');
let db: TestDb;
let seeded: SeededRound;
let services: Services;
let web: App | undefined;
const workers: DubanProcess[] = [];
const redis = createRedis(testRedisUrl, 'producer');
let queue: Queue;

beforeAll(async () => {
  db = await createTestDb('faultkill');
  seeded = await seedRound(db.db);
  services = { databaseUrl: db.url, redisUrl: testRedisUrl, prefix, lockMs: 5000 };
  web = await startWeb(faultConfig(services));
  queue = new Queue(QUEUES.inbound, { connection: redis, prefix });
});

afterAll(
  () =>
    teardown([
      () => Promise.all(workers.map((w) => w.kill('SIGKILL'))),
      () => web?.close(),
      () => queue?.close(),
      () => redis.disconnect(),
      () => db?.drop(),
      () => cleanRedisPrefix(prefix),
    ]),
  TEARDOWN_MS,
);

const startWorker = async () => {
  const w = spawnDuban(['worker'], childEnv(services));
  workers.push(w);
  await w.waitForLine(/队列处理已启动/, 30_000);
  return w;
};

describe('a worker process killed with SIGKILL mid-batch', () => {
  it('after a restart, every acknowledged reply is stored exactly once', async () => {
    const sent = await sendReplies(web!.url!, seeded, REPLIES, 'kill');
    expect(sent.refused).toEqual([]);

    const first = await startWorker();
    const atKill = await until('the first worker to store 60 replies', () => storedOnce(db.db, sent.acked), (s) => s.stored >= 60, 60_000, 10);
    await first.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const afterKill = await storedOnce(db.db, sent.acked);
    expect(afterKill.stored, 'the worker was killed with replies still to store').toBeLessThan(REPLIES);
    expect(atKill.duplicates).toBe(0);

    await startWorker();
    // Its jobs in flight were locked by the dead worker: they move on once the lock runs out.
    const end = await until('every acknowledged reply to be stored', () => storedOnce(db.db, sent.acked), (s) => s.stored === REPLIES, 90_000, 200);
    expect(end).toEqual({ stored: REPLIES, duplicates: 0 });
    const counts = await writeCounts(db.db);
    expect(counts.reports).toBe(REPLIES);
    expect(counts.processed).toBe(REPLIES);
    // The dead worker's jobs (up to a batch of them, possibly stored already) stay active until their
    // lock runs out; then the new worker runs them again and finds them processed.
    await until('the dead worker\'s jobs to be taken over', () => queue.getJobCounts('active', 'waiting', 'delayed'), (c) => Object.values(c).every((n) => n === 0), 60_000, 200);
    expect(await queue.getJobCounts('failed', 'waiting', 'delayed', 'active')).toEqual({ failed: 0, waiting: 0, delayed: 0, active: 0 });
    expect(await storedOnce(db.db, sent.acked)).toEqual({ stored: REPLIES, duplicates: 0 });
  }, 150_000);
});
