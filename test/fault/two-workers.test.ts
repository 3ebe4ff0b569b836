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

// Two `duban worker` processes on the same queues: replies are shared out between them, each
// stored once, and no reply is processed by both.

const REPLIES = 600;
const prefix = testQueuePrefix('fault2w');
let db: TestDb;
let seeded: SeededRound;
let services: Services;
let web: App | undefined;
const workers: DubanProcess[] = [];
const redis = createRedis(testRedisUrl, 'producer');
let queue: Queue;

beforeAll(async () => {
  db = await createTestDb('fault2w');
  seeded = await seedRound(db.db);
  services = { databaseUrl: db.url, redisUrl: testRedisUrl, prefix };
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

/** Event ids a worker's log says it processed (outcome processed) and found already processed. */
function outcomes(w: DubanProcess): { processed: string[]; duplicate: string[] } {
  const out = { processed: [] as string[], duplicate: [] as string[] };
  for (const l of w.logs()) {
    if (l.component !== 'inbound-worker' || typeof l.eventId !== 'string') continue;
    if (l.outcome === 'processed') out.processed.push(l.eventId);
    if (l.outcome === 'duplicate') out.duplicate.push(l.eventId);
  }
  return out;
}

describe('two worker processes sharing the queues', () => {
  it('store every acknowledged reply exactly once, and no reply is processed by both', async () => {
    // Both are up before the replies arrive, so both take a share.
    for (let i = 0; i < 2; i++) workers.push(spawnDuban(['worker'], childEnv(services, { LOG_LEVEL: 'info' })));
    await Promise.all(workers.map((w) => w.waitForLine(/队列处理已启动/, 30_000)));

    const sent = await sendReplies(web!.url!, seeded, REPLIES, 'two');
    expect(sent.refused).toEqual([]);
    const end = await until('every acknowledged reply to be stored', () => storedOnce(db.db, sent.acked), (s) => s.stored === REPLIES, 60_000, 100);
    expect(end).toEqual({ stored: REPLIES, duplicates: 0 });
    const counts = await writeCounts(db.db);
    expect(counts.reports).toBe(REPLIES);
    expect(counts.processed).toBe(REPLIES);

    // Each worker logs one line per job it ran; wait for the last lines to arrive.
    const [a, b] = await until(
      'both workers to log every job',
      async () => workers.map(outcomes),
      (o) => o.reduce((n, x) => n + x.processed.length + x.duplicate.length, 0) >= REPLIES,
      10_000,
    );
    expect(a!.processed.length, 'the first worker took a share').toBeGreaterThan(0);
    expect(b!.processed.length, 'the second worker took a share').toBeGreaterThan(0);
    expect([...a!.duplicate, ...b!.duplicate], 'no job ran twice').toEqual([]);
    const both = a!.processed.filter((id) => new Set(b!.processed).has(id));
    expect(both, 'no reply processed by both workers').toEqual([]);
    expect(new Set([...a!.processed, ...b!.processed])).toEqual(new Set(sent.acked));
    expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
  }, 150_000);
});
