import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundRoutes } from '../../src/contracts/inbound.ts';
import { openDb, type DbHandle } from '../../src/db/client.ts';
import { buildServer } from '../../src/http/server.ts';
import { createInboundDispatcher } from '../../src/lark/inbound/dispatcher.ts';
import { createLogger } from '../../src/logging.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { createInboundEnqueue } from '../../src/queue/inbound.ts';
import { QUEUES } from '../../src/queue/names.ts';
import { ENCRYPT_KEY, VERIFICATION_TOKEN, cardActionEvent, messageEvent, sendToLark } from '../support/lark-callbacks.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

// Redis or Postgres down: the webhook must never claim success, and /readyz must say so.

const CLOSED_REDIS = 'redis://127.0.0.1:1';
const keys = { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN };
const logger = createLogger({ level: 'silent' });
const prefix = testQueuePrefix('unavail');

let deadRedis: Redis;
let deadQueue: Queue;
let liveRedis: Redis;
let testDb: TestDb;
let deadDb: DbHandle;
let redisDown: FastifyInstance;
let postgresDown: FastifyInstance;
let allUp: FastifyInstance;

beforeAll(async () => {
  deadRedis = createRedis(CLOSED_REDIS, 'producer', { retryStrategy: () => 200 });
  deadRedis.on('error', () => {});
  deadQueue = new Queue(QUEUES.inbound, { connection: deadRedis, prefix });
  deadQueue.on('error', () => {});
  liveRedis = createRedis(testRedisUrl, 'producer');
  testDb = await createTestDb('unavail');
  deadDb = await openDb({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', dataDir: '' });

  const dispatcher = createInboundDispatcher({ enqueue: createInboundEnqueue(deadQueue, { timeoutMs: 300 }), logger, now: () => new Date() });
  const pingLive = async () => void (await liveRedis.ping());
  redisDown = await buildServer({ logger, now: () => new Date(), keys, dispatcher, checks: { postgres: () => testDb.ping(), redis: async () => void (await deadRedis.ping()) } });
  postgresDown = await buildServer({ logger, now: () => new Date(), keys, dispatcher, checks: { postgres: () => deadDb.ping(), redis: pingLive } });
  allUp = await buildServer({ logger, now: () => new Date(), keys, dispatcher, checks: { postgres: () => testDb.ping(), redis: pingLive } });
});

afterAll(async () => {
  await Promise.all([redisDown?.close(), postgresDown?.close(), allUp?.close()]);
  await deadQueue?.close().catch(() => {});
  deadRedis?.disconnect();
  liveRedis?.disconnect();
  await deadDb?.close().catch(() => {});
  await testDb?.drop();
  await cleanRedisPrefix(prefix);
});

describe('when Redis is unavailable', () => {
  it('answers a message event with 503, so Lark delivers it again later', async () => {
    const res = await sendToLark(redisDown, messageEvent(), { encryptKey: ENCRYPT_KEY });
    expect(res.statusCode).toBe(503);
  });

  it('answers a card action with an error toast, never 已收到', async () => {
    const res = await sendToLark(redisDown, cardActionEvent(), { encryptKey: ENCRYPT_KEY });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ toast: { type: 'error', content: '服务暂时不可用，请稍后重试' } });
    expect(res.body).not.toContain('已收到');
  });

  it('tells the route its answer stands only once the job is queued: never when Redis refused it', async () => {
    let kept = 0;
    const routes: InboundRoutes = {
      onCardAction: async (action) => ({ toast: { type: 'success', content: '已提交' }, job: { kind: 'card_action', payload: action }, afterQueued: () => void kept++ }),
    };
    const checks = { postgres: async () => {}, redis: async () => {} };
    const down = await buildServer({ logger, now: () => new Date(), keys, checks, dispatcher: createInboundDispatcher({ enqueue: createInboundEnqueue(deadQueue, { timeoutMs: 300 }), logger, now: () => new Date(), routes }) });
    const up = await buildServer({ logger, now: () => new Date(), keys, checks, dispatcher: createInboundDispatcher({ enqueue: async () => {}, logger, now: () => new Date(), routes }) });
    try {
      expect((await sendToLark(down, cardActionEvent(), { encryptKey: ENCRYPT_KEY })).json()).toEqual({ toast: { type: 'error', content: '服务暂时不可用，请稍后重试' } });
      expect(kept).toBe(0);
      const res = await sendToLark(up, cardActionEvent(), { encryptKey: ENCRYPT_KEY });
      expect(res.json()).toEqual({ toast: { type: 'success', content: '已提交' } });
      expect(kept).toBe(1);
    } finally {
      await Promise.all([down.close(), up.close()]);
    }
  });

  it('still refuses a forged request with 401 rather than 503', async () => {
    const res = await sendToLark(redisDown, messageEvent(), { encryptKey: ENCRYPT_KEY, headers: { 'x-lark-signature': 'bad' } });
    expect(res.statusCode).toBe(401);
  });

  it('reports not ready (503) with Redis down and Postgres up', async () => {
    const res = await redisDown.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ postgres: 'ok', redis: 'down' });
  });

  it('stays healthy: /healthz only says the process is up', async () => {
    expect((await redisDown.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('readiness', () => {
  it('reports not ready (503) when Postgres is down', async () => {
    const res = await postgresDown.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ postgres: 'down', redis: 'ok' });
  });

  it('reports ready when Postgres and Redis both answer', async () => {
    const res = await allUp.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', postgres: 'ok', redis: 'ok' });
  });
});
