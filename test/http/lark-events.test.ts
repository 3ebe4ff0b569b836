import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import { createInboundDispatcher } from '../../src/lark/inbound/dispatcher.ts';
import { createLogger } from '../../src/logging.ts';
import { createRedis } from '../../src/queue/connection.ts';
import type { InboundJob } from '../../src/contracts/inbound.ts';
import { createInboundEnqueue } from '../../src/queue/inbound.ts';
import { QUEUES, eventJobId } from '../../src/queue/names.ts';
import {
  APP_ID, ENCRYPT_KEY, VERIFICATION_TOKEN, cardActionEvent, challenge, messageEvent, newEventId,
  sendEncryptedUnsigned, sendToLark,
} from '../support/lark-callbacks.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';
import { botMenuEvent } from '../../src/simulator/bot-events.ts';

const NOW = new Date('2026-03-02T01:00:00Z');
const prefix = testQueuePrefix('larkevents');
let producer: Redis;
let queue: Queue<InboundJob>;
let secured: FastifyInstance; // encrypt key + verification token
let tokenOnly: FastifyInstance; // verification token, plain bodies

const totalJobs = async () => Object.values(await queue.getJobCounts()).reduce((a, b) => a + b, 0);

beforeAll(async () => {
  producer = createRedis(testRedisUrl, 'producer');
  queue = new Queue(QUEUES.inbound, { connection: producer, prefix });
  const logger = createLogger({ level: 'silent' });
  const dispatcher = createInboundDispatcher({ enqueue: createInboundEnqueue(queue), logger, now: () => NOW });
  const checks = { postgres: async () => {}, redis: async () => void (await producer.ping()) };
  secured = await buildServer({ logger, now: () => NOW, keys: { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, appId: APP_ID }, dispatcher, checks });
  tokenOnly = await buildServer({ logger, now: () => NOW, keys: { verificationToken: VERIFICATION_TOKEN }, dispatcher, checks });
});

afterEach(async () => {
  await queue.obliterate({ force: true });
});

afterAll(async () => {
  await secured?.close();
  await tokenOnly?.close();
  await queue?.close();
  producer?.disconnect();
  await cleanRedisPrefix(prefix);
});

describe('POST /lark/events: the url_verification challenge', () => {
  it('answers a plain challenge with the challenge value', async () => {
    const res = await sendToLark(tokenOnly, challenge('abc123'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ challenge: 'abc123' });
  });

  it('decrypts and answers an encrypted challenge', async () => {
    const res = await sendEncryptedUnsigned(secured, challenge('enc-42'), ENCRYPT_KEY);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ challenge: 'enc-42' });
  });

  it('refuses a challenge carrying the wrong verification token', async () => {
    const res = await sendToLark(tokenOnly, challenge('abc', 'wrong-token'));
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('abc');
  });
});

describe('POST /lark/events: genuine events are queued once', () => {
  it('when a signed card action arrives three times, it queues exactly one job and answers 已收到 each time', async () => {
    const payload = cardActionEvent();
    for (let i = 0; i < 3; i++) {
      const res = await sendToLark(secured, payload, { encryptKey: ENCRYPT_KEY, at: NOW });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ toast: { type: 'success', content: '已收到' } });
    }
    expect(await totalJobs()).toBe(1);
    const job = await queue.getJob(eventJobId(payload.header.event_id));
    expect(job?.data).toMatchObject({
      kind: 'card_action',
      eventId: payload.header.event_id,
      eventType: 'card.action.trigger',
      receivedAt: NOW.toISOString(),
      payload: { operatorOpenId: 'ou_operator1', value: { taskId: 5, status: 'done' }, formValue: { note: '已完成' }, openMessageId: 'om_card1' },
    });
  });

  it('when a signed message arrives three times, it queues exactly one message job', async () => {
    const payload = messageEvent({ text: '@_user_1 任务5进展？' });
    for (let i = 0; i < 3; i++) {
      const res = await sendToLark(secured, payload, { encryptKey: ENCRYPT_KEY, at: NOW });
      expect(res.statusCode).toBe(200);
    }
    expect(await totalJobs()).toBe(1);
    const job = await queue.getJob(eventJobId(payload.header.event_id));
    expect(job?.data.payload).toMatchObject({ chatId: 'oc_chat1', text: '@_user_1 任务5进展？', senderOpenId: 'ou_sender1' });
  });

  it('accepts a signature made up to 5 minutes away from now', async () => {
    const res = await sendToLark(secured, messageEvent(), { encryptKey: ENCRYPT_KEY, at: new Date(NOW.getTime() - 299_000) });
    expect(res.statusCode).toBe(200);
    expect(await totalJobs()).toBe(1);
  });

  it('accepts the charset Lark adds to the content type', async () => {
    const res = await sendToLark(secured, messageEvent(), { encryptKey: ENCRYPT_KEY, at: NOW, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(res.statusCode).toBe(200);
    expect(await totalJobs()).toBe(1);
  });

  it('accepts a plain event with the right token when no encrypt key is configured', async () => {
    const res = await sendToLark(tokenOnly, messageEvent());
    expect(res.statusCode).toBe(200);
    expect(await totalJobs()).toBe(1);
  });

  it('acknowledges an unknown event type with 200 and queues nothing', async () => {
    const payload = { ...messageEvent(), header: { ...messageEvent().header, event_type: 'im.chat.member.bot.added_v1' } };
    const res = await sendToLark(secured, payload, { encryptKey: ENCRYPT_KEY, at: NOW });
    expect(res.statusCode).toBe(200);
    expect(await totalJobs()).toBe(0);
  });

  it('queues a bot menu click (application.bot.menu_v6) as an operation request under its event id', async () => {
    const eventId = newEventId();
    const payload = botMenuEvent({ eventId, appId: APP_ID, verificationToken: VERIFICATION_TOKEN, createTime: NOW, operatorOpenId: 'ou_admin_0001', eventKey: 'export_ledger' });
    const res = await sendToLark(secured, payload, { encryptKey: ENCRYPT_KEY, at: NOW });
    expect(res.statusCode).toBe(200);
    const job = await queue.getJob(eventJobId(eventId));
    expect(job?.data).toMatchObject({ kind: 'operation_request', eventType: 'application.bot.menu_v6', payload: { operation: 'export_ledger', source: 'menu', operatorOpenId: 'ou_admin_0001' } });
  });

  it('acknowledges a bot menu click without an operator or with an over-long key, and queues nothing', async () => {
    const base = botMenuEvent({ eventId: newEventId(), appId: APP_ID, verificationToken: VERIFICATION_TOKEN, createTime: NOW, operatorOpenId: 'ou_admin_0001', eventKey: 'remind' });
    const noOperator = { ...base, event: { ...base.event, operator: {} } };
    const longKey = { ...base, header: { ...base.header, event_id: newEventId() }, event: { ...base.event, event_key: 'k'.repeat(31) } };
    for (const payload of [noOperator, longKey]) {
      const res = await sendToLark(secured, payload, { encryptKey: ENCRYPT_KEY, at: NOW });
      expect(res.statusCode).toBe(200);
    }
    expect(await totalJobs()).toBe(0);
  });

  it("ignores the bot's own messages: 200, nothing queued", async () => {
    const res = await sendToLark(secured, messageEvent({ senderType: 'app' }), { encryptKey: ENCRYPT_KEY, at: NOW });
    expect(res.statusCode).toBe(200);
    expect(await totalJobs()).toBe(0);
  });

  it('answers an error toast for a card action missing its essentials, and queues nothing', async () => {
    const bad = cardActionEvent();
    const { action: _a, ...eventWithoutAction } = bad.event;
    const res = await sendToLark(secured, { ...bad, event: eventWithoutAction }, { encryptKey: ENCRYPT_KEY, at: NOW });
    expect(res.statusCode).toBe(200);
    expect(res.json().toast.type).toBe('error');
    expect(await totalJobs()).toBe(0);
  });
});

describe('POST /lark/events: bad requests are refused and reach no handler', () => {
  const refusedWithNothingQueued = async (res: { statusCode: number }, status: number) => {
    expect(res.statusCode).toBe(status);
    expect(await totalJobs()).toBe(0);
  };

  it('refuses a forged signature with 401', async () => {
    const res = await sendToLark(secured, cardActionEvent(), { encryptKey: ENCRYPT_KEY, at: NOW, headers: { 'x-lark-signature': 'f'.repeat(64) } });
    await refusedWithNothingQueued(res, 401);
    expect(res.body).not.toContain('已收到');
  });

  it('refuses a body signed with another key with 401', async () => {
    const res = await sendToLark(secured, cardActionEvent(), { encryptKey: 'some-other-key', at: NOW });
    await refusedWithNothingQueued(res, 401);
  });

  it('refuses a body tampered with after signing with 401', async () => {
    const good = await import('../../src/lark/crypto.ts').then((c) =>
      c.buildSignedRequest(messageEvent(), { encryptKey: ENCRYPT_KEY, timestamp: String(NOW.getTime() / 1000), nonce: 'n1' }),
    );
    const tampered = good.body.replace('{"encrypt":"', '{"encrypt": "');
    const res = await secured.inject({ method: 'POST', url: '/lark/events', headers: good.headers, payload: tampered });
    await refusedWithNothingQueued(res, 401);
  });

  it('refuses a request without signature headers with 401', async () => {
    const res = await sendEncryptedUnsigned(secured, messageEvent(), ENCRYPT_KEY);
    await refusedWithNothingQueued(res, 401);
  });

  it('refuses a timestamp more than 5 minutes old with 401', async () => {
    const res = await sendToLark(secured, cardActionEvent(), { encryptKey: ENCRYPT_KEY, at: new Date(NOW.getTime() - 301_000) });
    await refusedWithNothingQueued(res, 401);
  });

  it('refuses a timestamp more than 5 minutes ahead with 401', async () => {
    const res = await sendToLark(secured, messageEvent(), { encryptKey: ENCRYPT_KEY, at: new Date(NOW.getTime() + 301_000) });
    await refusedWithNothingQueued(res, 401);
  });

  it('refuses a correctly signed event with the wrong verification token with 401', async () => {
    const res = await sendToLark(secured, cardActionEvent({ token: 'not-the-token' }), { encryptKey: ENCRYPT_KEY, at: NOW });
    await refusedWithNothingQueued(res, 401);
  });

  it('refuses a plain event with the wrong verification token with 401', async () => {
    await refusedWithNothingQueued(await sendToLark(tokenOnly, messageEvent({ token: 'nope' })), 401);
  });

  it('refuses a card action whose only token is the card token (header.token missing) with 401', async () => {
    const p = cardActionEvent();
    const { token: _t, ...headerWithoutToken } = p.header;
    await refusedWithNothingQueued(await sendToLark(tokenOnly, { ...p, header: headerWithoutToken }), 401);
  });

  it('refuses a body over 64 KB with 413', async () => {
    const big = messageEvent({ text: 'x'.repeat(70 * 1024) });
    const res = await sendToLark(secured, big, { encryptKey: ENCRYPT_KEY, at: NOW });
    await refusedWithNothingQueued(res, 413);
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await secured.inject({ method: 'POST', url: '/lark/events', headers: { 'content-type': 'application/json' }, payload: '{"schema":"2.0",' });
    await refusedWithNothingQueued(res, 400);
    expect(res.json().error).toContain('JSON');
  });

  it('refuses a JSON body that is not an object with 400', async () => {
    const res = await secured.inject({ method: 'POST', url: '/lark/events', headers: { 'content-type': 'application/json' }, payload: '[1,2]' });
    await refusedWithNothingQueued(res, 400);
  });

  it('refuses an encrypted body that does not decrypt with 401', async () => {
    const res = await secured.inject({ method: 'POST', url: '/lark/events', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ encrypt: 'bm90IHJlYWxseQ==' }) });
    await refusedWithNothingQueued(res, 401);
  });

  it('leaves a queued event alone when a forged copy of it arrives', async () => {
    const id = newEventId();
    await sendToLark(secured, messageEvent({ eventId: id }), { encryptKey: ENCRYPT_KEY, at: NOW });
    const res = await sendToLark(secured, messageEvent({ eventId: id }), { encryptKey: ENCRYPT_KEY, at: NOW, headers: { 'x-lark-signature': '0'.repeat(64) } });
    expect(res.statusCode).toBe(401);
    expect(await totalJobs()).toBe(1);
  });
});

describe('POST /lark/events: app and tenant', () => {
  it('refuses a correctly signed callback naming another app with 401 and queues nothing', async () => {
    const other = messageEvent();
    other.header.app_id = 'cli_someone_else00';
    const res = await sendToLark(secured, other, { encryptKey: ENCRYPT_KEY, at: NOW });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: '签名或令牌校验失败' });
    expect(await totalJobs()).toBe(0);
    const own = await sendToLark(secured, messageEvent(), { encryptKey: ENCRYPT_KEY, at: NOW });
    expect(own.statusCode).toBe(200);
  });
});
