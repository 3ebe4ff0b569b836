import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { migrateDb, openDb, type DbHandle } from '../../src/db/client.ts';
import type { App } from '../../src/main.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { eventJobId, QUEUES } from '../../src/queue/names.ts';
import { startPgInstance, type PgInstance } from '../support/pg-instance.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';
import { faultConfig, sendReplies, startWeb, startWorkers, teardown, TEARDOWN_MS } from './harness.ts';
import { rows, seedRound, storedOnce, until, writeCounts, type SeededRound } from '../support/seeded-round.ts';

// Postgres stops while the worker is storing a backlog of 1,000 acknowledged replies, and starts
// again later: every acknowledged reply ends up stored exactly once and nothing is dead-lettered.
// While it is down the webhook still authorises from memory (the access cache, issue 14) and
// queues the replies; they are stored with the rest once Postgres is back. The retry cap is shortened to 200 ms, so 20 s of outage cost each waiting job far more
// attempts than the old budget of 8 (about two minutes at the default cap): retries are unlimited.

const prefix = testQueuePrefix('faultpg');
let pgi: PgInstance;
let db: DbHandle;
let seeded: SeededRound;
let config: Config;
let web: App | undefined;
/** Started in the test, once the backlog is queued. */
let workers: App | undefined;
let queue: Queue;
const redis = createRedis(testRedisUrl, 'producer');

beforeAll(async () => {
  pgi = await startPgInstance();
  const databaseUrl = await pgi.createDatabase('duban');
  db = await openDb({ databaseUrl, dataDir: '', poolSize: 4 });
  await migrateDb(db);
  seeded = await seedRound(db.db);
  config = faultConfig({ databaseUrl, redisUrl: testRedisUrl, prefix, retryMaxMs: 200 });
  web = await startWeb(config);
  queue = new Queue(QUEUES.inbound, { connection: redis, prefix });
});

afterAll(
  () =>
    teardown([
      () => workers?.close(),
      () => web?.close(),
      () => queue?.close(),
      () => redis.disconnect(),
      () => db?.close(),
      () => pgi?.destroy(),
      () => cleanRedisPrefix(prefix),
    ]),
  TEARDOWN_MS,
);

describe('Postgres stopped while replies are being stored', () => {
  it('stores every acknowledged reply exactly once after Postgres comes back, including those acknowledged while it was down', async () => {
    const sent = await sendReplies(web!.url!, seeded, 1000, 'pgdown');
    expect(sent.refused, 'with Postgres up every valid reply is acknowledged').toEqual([]);
    expect((await writeCounts(db.db)).reports, 'the webhook itself writes nothing').toBe(0);

    workers = await startWorkers(config);
    const before = await until('the worker to store its first replies', () => storedOnce(db.db, sent.acked), (s) => s.stored >= 1, 30_000, 10);
    await pgi.stop();

    // Down: the route answers from memory (no Postgres read on the acknowledgement) and queues.
    const during = await sendReplies(web!.url!, seeded, 20, 'pgdown-during', 4);
    expect(during.refused, 'replies are acknowledged from memory while Postgres is down').toEqual([]);
    for (const id of during.acked) expect(await queue.getJob(eventJobId(id)), `an acknowledged reply is queued (${id})`).toBeDefined();
    await new Promise((r) => setTimeout(r, 20_000));
    await pgi.start();

    const acked = [...sent.acked, ...during.acked];
    const after = await until('every acknowledged reply to be stored', () => storedOnce(db.db, acked), (s) => s.stored === acked.length, 90_000, 200);
    expect(before.stored, 'Postgres stopped mid-backlog').toBeLessThan(sent.acked.length);
    expect(after).toEqual({ stored: 1020, duplicates: 0 });
    const counts = await writeCounts(db.db);
    expect(counts.reports).toBe(1020);
    expect(counts.processed).toBe(1020);

    // Some jobs met the outage and were retried; none failed for good.
    const jobs = await queue.getJobs(['completed'], 0, -1);
    expect(jobs.length).toBe(1020);
    expect(jobs.filter((j) => j.attemptsMade > 1).length, 'some replies were interrupted by the outage').toBeGreaterThan(0);
    expect(Math.max(...jobs.map((j) => j.attemptsMade)), 'retried beyond the old budget of 8 attempts').toBeGreaterThan(8);
    expect(await rows(db.db, sql`select id from inbound_dead_letters`), 'nothing dead-lettered').toEqual([]);
    expect(await queue.getJobCounts('failed', 'waiting', 'delayed', 'active')).toEqual({ failed: 0, waiting: 0, delayed: 0, active: 0 });
  }, 240_000);
});
