import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { eventJobId, QUEUES } from '../../src/queue/names.ts';
import { messageReceiveEvent } from '../../src/simulator/events.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { startRedisInstance, type RedisInstance } from '../support/redis-instance.ts';
import { faultConfig, sendReplies, startWebAndWorkers, teardown, TEARDOWN_MS } from './harness.ts';
import { freshEventId, postSigned, seedRound, signed, storedOnce, until, SEED_KEYS, writeCounts, type SeededRound } from '../support/seeded-round.ts';

// Redis (a server of this test's own) stops: the webhook cannot queue, so it answers an error
// toast for card actions and 503 for events, and acknowledges nothing. When Redis is back on the
// same port, web and workers recover by themselves.

let redis: RedisInstance;
let db: TestDb;
let seeded: SeededRound;
let app: App | undefined;
let probe: Redis | undefined;
const prefix = 'dubanfault-redis';

beforeAll(async () => {
  redis = await startRedisInstance();
  db = await createTestDb('faultredis');
  seeded = await seedRound(db.db);
  app = await startWebAndWorkers(faultConfig({ databaseUrl: db.url, redisUrl: redis.url, prefix }));
});

afterAll(() => teardown([() => app?.close(), () => probe?.disconnect(), () => redis?.destroy(), () => db?.drop()]), TEARDOWN_MS);

const question = () =>
  signed(
    messageReceiveEvent({
      eventId: freshEventId('msg'),
      appId: SEED_KEYS.appId,
      verificationToken: SEED_KEYS.verificationToken,
      createTime: new Date(),
      messageId: `om_${freshEventId('m')}`,
      chatId: 'oc_p2p_probe',
      chatType: 'p2p',
      sender: { openId: 'ou_yycjs_0001' },
      text: '任务5进展？',
    }),
  );

describe('Redis stopped', () => {
  it('refuses without acknowledging while Redis is down, and recovers by itself when it returns', async () => {
    const base = app!.url!;
    const before = await sendReplies(base, seeded, 30, 'redis-before', 6);
    expect(before.refused).toEqual([]);
    await until('the first replies to be stored', () => storedOnce(db.db, before.acked), (s) => s.stored === 30, 30_000);

    await redis.stop();
    const during = await sendReplies(base, seeded, 40, 'redis-down', 8);
    expect(during.acked, 'no reply is acknowledged while Redis is down').toEqual([]);
    for (const r of during.refused) {
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ toast: { type: 'error', content: '服务暂时不可用，请稍后重试' } });
    }
    for (let i = 0; i < 5; i++) {
      expect((await postSigned(base, question())).status, 'a message event is answered 503 so Lark delivers it again').toBe(503);
    }
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status, 'the process stays up').toBe(200);

    await redis.start();
    // Nobody restarts duban: the next replies are acknowledged again once it has reconnected.
    await until('the webhook to acknowledge replies again', async () => (await sendReplies(base, seeded, 1, 'redis-probe', 1)).acked.length, (n) => n === 1, 30_000, 200);
    const after = await sendReplies(base, seeded, 30, 'redis-after', 6);
    expect(after.refused).toEqual([]);
    await until('the workers to store the replies sent after the outage', () => storedOnce(db.db, after.acked), (s) => s.stored === 30, 30_000);

    // The refused replies were never queued (Redis came back empty, and nothing re-sent them) and
    // never stored.
    probe = createRedis(redis.url, 'producer');
    const queue = new Queue(QUEUES.inbound, { connection: probe, prefix });
    for (const r of during.refused) expect(await queue.getJob(eventJobId(r.eventId))).toBeUndefined();
    await queue.close();
    expect((await storedOnce(db.db, during.refused.map((r) => r.eventId))).stored).toBe(0);
    const counts = await writeCounts(db.db);
    expect((await storedOnce(db.db, [...before.acked, ...after.acked])).duplicates).toBe(0);
    expect(counts.reports).toBe(counts.processed);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  }, 120_000);
});
