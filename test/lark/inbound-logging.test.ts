import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/schema.ts';
import { buildServer } from '../../src/http/server.ts';
import { createInboundDispatcher } from '../../src/lark/inbound/dispatcher.ts';
import { configSecrets, createLogger } from '../../src/logging.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { createInboundEnqueue } from '../../src/queue/inbound.ts';
import { QUEUES } from '../../src/queue/names.ts';
import { cardActionEvent, challenge, messageEvent, newEventId, sendEncryptedUnsigned, sendToLark } from '../support/lark-callbacks.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

// Secrets configured, every log level on, events good and bad: no secret may reach the log.

const APP_SECRET = 'appsecret-Zq81kLw0pXv3';
const ENCRYPT = 'encryptkey-Hn27cBv5Qe9';
const VTOKEN = 'vtoken-Mp44sDf8Rt1u';
const CARD_TOKEN = 'c-cardtoken-Yy77Ab12Cd';
const config = parseConfig({
  LARK_APP_SECRET: APP_SECRET,
  LARK_ENCRYPT_KEY: ENCRYPT,
  LARK_VERIFICATION_TOKEN: VTOKEN,
  REDIS_URL: 'redis://:redispass-Kk39Jd@127.0.0.1:6379',
});
const secrets = [APP_SECRET, ENCRYPT, VTOKEN, CARD_TOKEN, 'redispass-Kk39Jd'];

const lines: string[] = [];
const logger = createLogger({ level: 'trace', secrets: configSecrets(config), destination: { write: (s: string) => void lines.push(s) } });
const prefix = testQueuePrefix('logging');
let producer: Redis;
let deadProducer: Redis;
let app: FastifyInstance;
let appRedisDown: FastifyInstance;

beforeAll(async () => {
  producer = createRedis(testRedisUrl, 'producer');
  deadProducer = createRedis('redis://127.0.0.1:1', 'producer', { retryStrategy: () => 500 });
  deadProducer.on('error', () => {});
  const queue = new Queue(QUEUES.inbound, { connection: producer, prefix });
  const deadQueue = new Queue(QUEUES.inbound, { connection: deadProducer, prefix });
  deadQueue.on('error', () => {});
  const keys = { encryptKey: ENCRYPT, verificationToken: VTOKEN };
  const checks = { postgres: async () => {}, redis: async () => {} };
  const now = () => new Date();
  app = await buildServer({ logger, now, keys, checks, dispatcher: createInboundDispatcher({ enqueue: createInboundEnqueue(queue), logger, now }) });
  appRedisDown = await buildServer({
    logger, now, keys, checks,
    dispatcher: createInboundDispatcher({ enqueue: createInboundEnqueue(deadQueue, { timeoutMs: 200 }), logger, now }),
  });
});

afterAll(async () => {
  await app?.close();
  await appRedisDown?.close();
  producer?.disconnect();
  deadProducer?.disconnect();
  await cleanRedisPrefix(prefix);
});

describe('logs', () => {
  it('never contain a secret while events are handled, refused or fail', async () => {
    const signed = { encryptKey: ENCRYPT };
    await sendEncryptedUnsigned(app, challenge('c1', VTOKEN), ENCRYPT);
    await sendToLark(app, messageEvent({ token: VTOKEN }), signed);
    await sendToLark(app, cardActionEvent({ token: VTOKEN, cardToken: CARD_TOKEN }), signed);
    await sendToLark(app, cardActionEvent({ token: VTOKEN, cardToken: CARD_TOKEN }), { ...signed, headers: { 'x-lark-signature': 'forged' } });
    await sendToLark(app, messageEvent({ token: `${VTOKEN}-wrong` }), signed);
    await sendToLark(appRedisDown, messageEvent({ token: VTOKEN }), signed);
    await sendToLark(appRedisDown, cardActionEvent({ token: VTOKEN, cardToken: CARD_TOKEN }), signed);
    // A careless log call with the whole config and a token-bearing object.
    logger.info({ config, reply: { tenant_access_token: 't-abc123456789', headers: { authorization: 'Bearer t-abc123456789' } } }, 'careless');
    logger.info(`careless message mentioning ${APP_SECRET}`);

    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    for (const s of secrets) expect(all).not.toContain(s);
    expect(all).not.toContain('t-abc123456789');
    expect(all).toContain('[REDACTED]');
  });

  it('carry the event id on every line of that event’s handling', async () => {
    const eventId = newEventId();
    const from = lines.length;
    await sendToLark(app, cardActionEvent({ eventId, token: VTOKEN }), { encryptKey: ENCRYPT });
    const mine = lines.slice(from).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    for (const line of mine) expect(line.eventId).toBe(eventId);
    expect(mine.some((l) => l.msg === 'request' && l.route === '/lark/events')).toBe(true);
    expect(mine.some((l) => l.component === 'inbound')).toBe(true);
  });
});
