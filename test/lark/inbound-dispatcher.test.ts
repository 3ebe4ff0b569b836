import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CardActionOutcome, InboundJob, InboundRoutes } from '../../src/contracts/inbound.ts';
import { DubanError } from '../../src/errors.ts';
import { buildServer } from '../../src/http/server.ts';
import { BOT_ADDED, BOT_DELETED } from '../../src/lark/inbound/bot-membership.ts';
import { CARD_ACTION, MESSAGE_RECEIVE, createInboundDispatcher, handlesEventType } from '../../src/lark/inbound/dispatcher.ts';
import { TOAST_FAILED, TOAST_INVALID, TOAST_UNAVAILABLE } from '../../src/lark/inbound/toasts.ts';
import { createLogger } from '../../src/logging.ts';
import { metrics } from '../../src/metrics.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { createInboundEnqueue } from '../../src/queue/inbound.ts';
import { QUEUES, eventJobId } from '../../src/queue/names.ts';
import { APP_ID, VERIFICATION_TOKEN, cardActionEvent, messageEvent, newEventId, sendToLark } from '../support/lark-callbacks.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

// What the dispatcher answers and queues for each way a route or a payload can go, through the
// webhook (token only, plain bodies: the crypto has its own tests), and what it counts on /metrics.
// The routes here stand in for the app's (test/usecases/card-action-route.test.ts tests those):
// each answers by what the message says or the button carries.

const NOW = new Date('2026-03-02T01:00:00Z');
const logger = createLogger({ level: 'silent' });
const prefix = testQueuePrefix('dispatch');
const CLOSED_REDIS = 'redis://127.0.0.1:1';
let producer: Redis;
let queue: Queue<InboundJob>;
let deadRedis: Redis;
let deadQueue: Queue;
let app: FastifyInstance;
let redisDown: FastifyInstance;

const CARD = { type: 'raw' as const, data: { schema: '2.0', body: { elements: [] } } };

const routes: Required<InboundRoutes> = {
  async onMessage(msg, ctx) {
    // The route decides by the dispatcher's clock and logs under the event's logger.
    if (msg.text === 'what time') return { kind: 'message', payload: { ...msg, text: `${ctx.now().toISOString()} ${typeof ctx.logger.info}` } };
    if (msg.text === 'crash') throw new Error('the route broke');
    if (msg.text === 'who am i') throw new DubanError('BOT_IDENTITY_UNKNOWN', '暂时无法确认机器人身份', { retryable: true });
    if (msg.text === 'queue down') throw new DubanError('QUEUE_UNAVAILABLE', '任务队列暂时不可用', { retryable: true });
    if (msg.text === 'ignore me') return null;
    return { kind: 'message', payload: msg };
  },
  async onCardAction(action, ctx): Promise<CardActionOutcome> {
    const v = action.value as { do?: string };
    if (v.do === 'what time') return { toast: { type: 'info', content: `${ctx.now().toISOString()} ${typeof ctx.logger.info}` }, job: null };
    if (v.do === 'refuse') throw new DubanError('NOT_A_REPORTER', '您不是该部门的填报人', { retryable: false });
    if (v.do === 'retryable') throw new DubanError('DB_DOWN', '数据库暂时不可用', { retryable: true });
    if (v.do === 'crash') throw new Error('the route broke');
    if (v.do === 'answer') return { toast: { type: 'info', content: '仅回答' }, card: CARD, job: null };
    return { toast: { type: 'success', content: '已提交' }, card: CARD, job: { kind: 'card_action', payload: action } };
  },
};

const totalJobs = async () => Object.values(await queue.getJobCounts()).reduce((a, b) => a + b, 0);
const post = (server: FastifyInstance, payload: unknown) => sendToLark(server, payload);
const message = (text: string) => messageEvent({ text });
const card = (value: unknown) => cardActionEvent({ value });
const botMembership = (type: string, event: Record<string, unknown>) => ({
  schema: '2.0',
  header: { event_id: newEventId(), token: VERIFICATION_TOKEN, create_time: '1', event_type: type, tenant_key: 'tenant_test', app_id: APP_ID },
  event,
});

/** How often /metrics has counted this type and outcome of inbound event so far. */
const counted = async (type: string, outcome: string) =>
  (await metrics.inboundEvents.get()).values.find((v) => v.labels.type === type && v.labels.outcome === outcome)?.value ?? 0;
/** Runs `send` and answers how much each (type, outcome) counter moved. */
async function countsDuring(pairs: [string, string][], send: () => Promise<unknown>): Promise<number[]> {
  const before = await Promise.all(pairs.map(([t, o]) => counted(t, o)));
  await send();
  const after = await Promise.all(pairs.map(([t, o]) => counted(t, o)));
  return after.map((a, i) => a - before[i]!);
}

beforeAll(async () => {
  producer = createRedis(testRedisUrl, 'producer');
  queue = new Queue(QUEUES.inbound, { connection: producer, prefix });
  deadRedis = createRedis(CLOSED_REDIS, 'producer', { retryStrategy: () => 200 });
  deadRedis.on('error', () => {});
  deadQueue = new Queue(QUEUES.inbound, { connection: deadRedis, prefix });
  deadQueue.on('error', () => {});
  const checks = { postgres: async () => {}, redis: async () => {} };
  const keys = { verificationToken: VERIFICATION_TOKEN };
  const dispatcher = createInboundDispatcher({ enqueue: createInboundEnqueue(queue), logger, now: () => NOW, routes });
  app = await buildServer({ logger, now: () => NOW, keys, dispatcher, checks });
  const deadDispatcher = createInboundDispatcher({ enqueue: createInboundEnqueue(deadQueue, { timeoutMs: 300 }), logger, now: () => NOW, routes });
  redisDown = await buildServer({ logger, now: () => NOW, keys, dispatcher: deadDispatcher, checks });
});

afterEach(async () => {
  await queue.obliterate({ force: true });
});

afterAll(async () => {
  await app?.close();
  await redisDown?.close();
  await queue?.close();
  await deadQueue?.close().catch(() => {});
  producer?.disconnect();
  deadRedis?.disconnect();
  await cleanRedisPrefix(prefix);
});

describe('handlesEventType', () => {
  it('is true for the four registered events and false for app_ticket, unknown types and none', () => {
    const d = createInboundDispatcher({ enqueue: async () => {}, logger, now: () => NOW });
    for (const type of [MESSAGE_RECEIVE, CARD_ACTION, BOT_ADDED, BOT_DELETED]) expect(handlesEventType(d, type)).toBe(true);
    expect(handlesEventType(d, 'app_ticket')).toBe(false); // the SDK's own event: duban keeps no app ticket
    expect(handlesEventType(d, 'contact.user.created_v3')).toBe(false);
    expect(handlesEventType(d, undefined)).toBe(false);
  });
});

describe('events nobody handles', () => {
  it('acknowledges an app_ticket push and an unknown event type with 200 {}, queues nothing, counts them as unhandled', async () => {
    const appTicket = { uuid: newEventId(), token: VERIFICATION_TOKEN, ts: '1', type: 'event_callback', event: { type: 'app_ticket', app_id: APP_ID, app_ticket: 'tk' } };
    const unknown = { ...messageEvent(), header: { ...messageEvent().header, event_type: 'contact.user.created_v3' } };
    const noType = { schema: '2.0', header: { event_id: newEventId(), token: VERIFICATION_TOKEN, app_id: APP_ID }, event: {} };
    const moved = await countsDuring([['unhandled', 'ignored']], async () => {
      for (const body of [appTicket, unknown, noType]) {
        const res = await post(app, body);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({});
      }
    });
    expect(moved).toEqual([3]);
    expect(await totalJobs()).toBe(0);
  });

  it('counts a refused request as unauthorized and a malformed one as malformed, answering the reason only for the latter', async () => {
    const moved = await countsDuring([['unknown', 'unauthorized'], ['unknown', 'malformed']], async () => {
      const forged = await post(app, messageEvent({ token: 'not-the-token' }));
      expect(forged.statusCode).toBe(401);
      expect(forged.json()).toEqual({ error: '签名或令牌校验失败' });
      const malformed = await app.inject({ method: 'POST', url: '/lark/events', headers: { 'content-type': 'application/json' }, payload: '[]' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toEqual({ error: '请求体必须是 JSON 对象' });
    });
    expect(moved).toEqual([1, 1]);
  });
});

describe('messages', () => {
  it('queues a message the route takes, with its event id, type and time, and counts it as queued', async () => {
    const payload = message('任务5进展');
    const moved = await countsDuring([[MESSAGE_RECEIVE, 'queued']], async () => {
      const res = await post(app, payload);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({});
    });
    expect(moved).toEqual([1]);
    const job = await queue.getJob(eventJobId(payload.header.event_id));
    expect(job?.name).toBe('message');
    expect(job?.data).toMatchObject({ kind: 'message', eventId: payload.header.event_id, eventType: MESSAGE_RECEIVE, receivedAt: NOW.toISOString(), payload: { text: '任务5进展' } });
  });

  it('hands the route the dispatcher’s clock and the event’s logger', async () => {
    const payload = message('what time');
    expect((await post(app, payload)).statusCode).toBe(200);
    const job = await queue.getJob(eventJobId(payload.header.event_id));
    expect(job?.data).toMatchObject({ payload: { text: `${NOW.toISOString()} function` } });
  });

  it('acknowledges a message the route ignores with 200 {}, queues nothing, counts it as ignored', async () => {
    const moved = await countsDuring([[MESSAGE_RECEIVE, 'ignored']], async () => {
      const res = await post(app, message('ignore me'));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({});
    });
    expect(moved).toEqual([1]);
    expect(await totalJobs()).toBe(0);
  });

  it('acknowledges a message event without its message with 200 {} (a retry cannot fix it), queues nothing, counts it as invalid', async () => {
    const bad = messageEvent() as { event: Record<string, unknown> };
    delete bad.event.message;
    const moved = await countsDuring([[MESSAGE_RECEIVE, 'invalid']], async () => {
      const res = await post(app, bad);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({});
    });
    expect(moved).toEqual([1]);
    expect(await totalJobs()).toBe(0);
  });

  it('answers 500 when the route fails for an unexpected reason (or a passing one other than the queue), and 503 when the queue is down', async () => {
    for (const text of ['crash', 'who am i']) {
      const res = await post(app, message(text));
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: '服务器内部错误' });
    }
    const queueDown = await post(app, message('queue down'));
    expect(queueDown.statusCode).toBe(503);
    expect(queueDown.json()).toEqual({ error: '服务暂时不可用，请稍后重试' });
    expect(await totalJobs()).toBe(0);
  });

  it('answers 503 when the message cannot be queued, and counts it as unavailable', async () => {
    const moved = await countsDuring([[MESSAGE_RECEIVE, 'unavailable'], [MESSAGE_RECEIVE, 'queued']], async () => {
      const res = await post(redisDown, message('任务5进展'));
      expect(res.statusCode).toBe(503);
    });
    expect(moved).toEqual([1, 0]);
  });
});

describe('card actions', () => {
  it('queues the route’s job and answers its toast and card, without the job, counting it as queued', async () => {
    const payload = card({ do: 'submit' });
    const moved = await countsDuring([[CARD_ACTION, 'queued'], [CARD_ACTION, 'answered']], async () => {
      const res = await post(app, payload);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ toast: { type: 'success', content: '已提交' }, card: CARD });
    });
    expect(moved).toEqual([1, 0]);
    const job = await queue.getJob(eventJobId(payload.header.event_id));
    expect(job?.data).toMatchObject({ kind: 'card_action', eventId: payload.header.event_id, eventType: CARD_ACTION, receivedAt: NOW.toISOString() });
  });

  it('hands the route the dispatcher’s clock and the event’s logger', async () => {
    const res = await post(app, card({ do: 'what time' }));
    expect(res.json()).toEqual({ toast: { type: 'info', content: `${NOW.toISOString()} function` } });
  });

  it('answers a route’s reply that has no job as it is, queues nothing, counts it as answered', async () => {
    const moved = await countsDuring([[CARD_ACTION, 'answered'], [CARD_ACTION, 'queued']], async () => {
      const res = await post(app, card({ do: 'answer' }));
      expect(res.json()).toEqual({ toast: { type: 'info', content: '仅回答' }, card: CARD });
    });
    expect(moved).toEqual([1, 0]);
    expect(await totalJobs()).toBe(0);
  });

  it('answers a refusal (an error that retrying cannot fix) with its own words, counted as refused', async () => {
    const moved = await countsDuring([[CARD_ACTION, 'refused'], [CARD_ACTION, 'failed']], async () => {
      const res = await post(app, card({ do: 'refuse' }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ toast: { type: 'error', content: '您不是该部门的填报人' } });
    });
    expect(moved).toEqual([1, 0]);
    expect(await totalJobs()).toBe(0);
  });

  it('answers a failure that may pass, or an unexpected one, with 处理失败 and not its message, counted as failed', async () => {
    const moved = await countsDuring([[CARD_ACTION, 'failed'], [CARD_ACTION, 'refused']], async () => {
      for (const what of ['retryable', 'crash']) {
        const res = await post(app, card({ do: what }));
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ toast: TOAST_FAILED });
      }
    });
    expect(moved).toEqual([2, 0]);
    expect(await totalJobs()).toBe(0);
  });

  it('refuses a card action without its action with 无法识别的操作, counted as invalid', async () => {
    const bad = cardActionEvent() as { event: Record<string, unknown> };
    delete bad.event.action;
    const moved = await countsDuring([[CARD_ACTION, 'invalid']], async () => {
      const res = await post(app, bad);
      expect(res.json()).toEqual({ toast: TOAST_INVALID });
    });
    expect(moved).toEqual([1]);
    expect(await totalJobs()).toBe(0);
  });

  it('answers 服务暂时不可用 (never the route’s success) when the job cannot be queued, counted as unavailable', async () => {
    const moved = await countsDuring([[CARD_ACTION, 'unavailable'], [CARD_ACTION, 'queued']], async () => {
      const res = await post(redisDown, card({ do: 'submit' }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ toast: TOAST_UNAVAILABLE });
    });
    expect(moved).toEqual([1, 0]);
  });
});

describe('the bot added to or removed from a chat', () => {
  it('queues who added the bot to which chat, and its removal, each counted as queued', async () => {
    const added = botMembership(BOT_ADDED, { chat_id: 'oc_new', name: '督办群', operator_id: { open_id: 'ou_admin' } });
    const removed = botMembership(BOT_DELETED, { chat_id: 'oc_old' });
    const moved = await countsDuring([[BOT_ADDED, 'queued'], [BOT_DELETED, 'queued']], async () => {
      for (const body of [added, removed]) {
        const res = await post(app, body);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({});
      }
    });
    expect(moved).toEqual([1, 1]);
    expect((await queue.getJob(eventJobId(added.header.event_id)))?.data).toEqual({
      kind: 'bot_membership',
      eventId: added.header.event_id,
      eventType: BOT_ADDED,
      receivedAt: NOW.toISOString(),
      payload: { chatId: 'oc_new', chatName: '督办群', operatorOpenId: 'ou_admin', change: 'added' },
    });
    expect((await queue.getJob(eventJobId(removed.header.event_id)))?.data).toMatchObject({
      kind: 'bot_membership',
      eventType: BOT_DELETED,
      payload: { chatId: 'oc_old', change: 'removed' },
    });
  });

  it('acknowledges one without its chat with 200 {}, queues nothing, counts it as invalid', async () => {
    const moved = await countsDuring([[BOT_ADDED, 'invalid']], async () => {
      const res = await post(app, botMembership(BOT_ADDED, { name: '督办群' }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({});
    });
    expect(moved).toEqual([1]);
    expect(await totalJobs()).toBe(0);
  });

  it('answers 503 when it cannot be queued, counted as unavailable', async () => {
    const moved = await countsDuring([[BOT_ADDED, 'unavailable']], async () => {
      const res = await post(redisDown, botMembership(BOT_ADDED, { chat_id: 'oc_new' }));
      expect(res.statusCode).toBe(503);
    });
    expect(moved).toEqual([1]);
  });
});

describe('createInboundEnqueue', () => {
  const spec = (eventId: string): InboundJob => ({ kind: 'card_action', eventId, eventType: CARD_ACTION, receivedAt: NOW.toISOString(), payload: { eventId, value: null } });

  it('adds a job named by its kind under the id derived from its event id, so a repeat is the same job', async () => {
    const enqueue = createInboundEnqueue(queue);
    const id = newEventId();
    await enqueue(spec(id));
    await enqueue(spec(id));
    expect(await totalJobs()).toBe(1);
    const job = await queue.getJob(eventJobId(id));
    expect(job?.name).toBe('card_action');
    expect(job?.data).toEqual(spec(id));
  });

  it('gives up after its timeout when Redis does not answer, with a retryable QUEUE_UNAVAILABLE naming the queue and why', async () => {
    const started = Date.now();
    const failure = await createInboundEnqueue(deadQueue, { timeoutMs: 150 })(spec(newEventId())).then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(failure).toBeInstanceOf(DubanError);
    expect(failure).toMatchObject({
      code: 'QUEUE_UNAVAILABLE',
      message: '任务队列暂时不可用',
      retryable: true,
      details: { queue: QUEUES.inbound, reason: 'enqueue timed out after 150 ms' },
    });
  });
});
