import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findByRef, findByUuid } from '../../src/db/repositories/sent-messages.repository.ts';
import { createLarkClient } from '../../src/lark/client.ts';
import { createMessenger } from '../../src/lark/messenger.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { createOutbox, outboxUuid, type Outbox } from '../../src/queue/outbox.ts';
import { startOutboxWorker } from '../../src/queue/workers/outbox.worker.ts';
import type { FakeLark } from '../../src/simulator/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { accepted, card, peakPerSecond, startTestLark, waitFor } from '../support/fake-lark.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

let db: TestDb;
let fake: FakeLark;
let outbox: Outbox;
/** Same queue, one attempt per job: a job that completes through it spent no attempt on throttling. */
let oneShot: Outbox;
let worker: { close(): Promise<void> };
let producer: Redis;
let consumer: Redis;
/** How far the fake Lark's clock runs ahead of real time (to step past its one-hour uuid window). */
let larkAheadMs = 0;
const prefix = testQueuePrefix('outbox');

/** Waits until the job settles and returns its state and record. */
async function settled(jobId: string) {
  return waitFor(async () => {
    const job = await outbox.queue.getJob(jobId);
    const state = job ? await job.getState() : 'missing';
    return state === 'completed' || state === 'failed' ? { state, job: job! } : null;
  }, 20_000);
}

const toChat = (chatId: string, title: string) => ({ kind: 'send' as const, to: { chatId }, content: { card: card(title) } });
const creates = (uuid: string) => fake.calls.filter((c) => c.route === 'create' && c.uuid === uuid);

beforeAll(async () => {
  db = await createTestDb('outbox');
  let client;
  ({ fake, client } = await startTestLark({ now: () => new Date(Date.now() + larkAheadMs) }));
  for (const id of ['oc_a', 'oc_b', 'oc_c', 'oc_retry', 'oc_429', 'oc_freq', 'oc_token', 'oc_bad', 'oc_tight', 'oc_dedupe', 'oc_hour']) {
    fake.addChat({ chat_id: id, name: id });
  }
  producer = createRedis(testRedisUrl, 'producer');
  consumer = createRedis(testRedisUrl, 'worker');
  const logger = pino({ level: 'silent' });
  outbox = createOutbox({ connection: producer, prefix, attempts: 4, backoffMs: 100 });
  oneShot = createOutbox({ connection: producer, prefix, attempts: 1 });
  worker = startOutboxWorker({
    connection: consumer,
    prefix,
    messenger: createMessenger({ client, logger }),
    db: db.db,
    logger,
    rates: { appPerSecond: 40, chatPerSecond: 4 },
    concurrency: 8,
  });
});

afterAll(async () => {
  await worker?.close();
  await outbox?.close();
  await oneShot?.close();
  producer?.disconnect();
  consumer?.disconnect();
  await fake?.stop();
  await cleanRedisPrefix(prefix);
  await db?.drop();
});

describe('outbox', () => {
  it('derives a short, stable uuid per logical message', () => {
    const u = outboxUuid('round_card', 'round:1:dept:2');
    expect(u).toBe(outboxUuid('round_card', 'round:1:dept:2'));
    expect(u).not.toBe(outboxUuid('round_card', 'round:1:dept:3'));
    expect(u.length).toBeLessThanOrEqual(50);
    expect(u).not.toContain(':');
  });

  it('sends once, records the message id, and ignores a second enqueue of the same message', async () => {
    const meta = { purpose: 'round_card', ref: 'round:1:dept:1' };
    const { jobId, uuid } = await outbox.enqueue(toChat('oc_a', '第1轮'), meta);
    await outbox.enqueue(toChat('oc_a', '第1轮'), meta);
    expect((await settled(jobId)).state).toBe('completed');
    const row = await findByRef(db.db, 'round_card', 'round:1:dept:1');
    expect(row).toMatchObject({ uuid, chatId: 'oc_a', messageId: expect.stringMatching(/^om_/) });
    expect(fake.state.messages.get(row!.messageId)?.card).toEqual(card('第1轮'));
    expect(creates(uuid)).toHaveLength(1);

    // A card patched later is found by its ref.
    const patch = await outbox.enqueue({ kind: 'patch', messageId: row!.messageId, chatId: 'oc_a', card: card('第1轮 已更新') }, { purpose: 'round_card_patch', ref: 'round:1:dept:1:v:2' });
    expect((await settled(patch.jobId)).state).toBe('completed');
    expect(fake.state.messages.get(row!.messageId)?.card).toEqual(card('第1轮 已更新'));
  });

  it('retries after 5xx and leaves one message in Lark', async () => {
    fake.inject({ route: 'create', times: 2, status: 500 });
    const { jobId, uuid } = await outbox.enqueue(toChat('oc_retry', '重试'), { purpose: 'reminder', ref: 'retry:1' });
    expect((await settled(jobId)).state).toBe('completed');
    expect(creates(uuid).map((c) => c.status)).toEqual([500, 500, 200]);
    expect(fake.messages.filter((m) => m.uuid === uuid)).toHaveLength(1);
  });

  it('when an earlier attempt reached Lark unrecorded, the retry gets the same message (uuid dedupe)', async () => {
    const meta = { purpose: 'digest', ref: 'week:2026-W10:chat:oc_dedupe' };
    const uuid = outboxUuid(meta.purpose, meta.ref);
    // Simulate a worker that sent, then died before writing sent_messages.
    const first = await createMessenger({ client: createLarkClient({ appId: 'cli_a1b2c3d4e5f60718', appSecret: 'sim-app-secret-do-not-log', domain: fake.url, eventMode: 'webhook' }) })
      .perform(toChat('oc_dedupe', '周报'), uuid);
    const { jobId } = await outbox.enqueue(toChat('oc_dedupe', '周报'), meta);
    expect((await settled(jobId)).state).toBe('completed');
    expect((await findByUuid(db.db, uuid))?.messageId).toBe(first.messageId);
    expect(fake.messages.filter((m) => m.uuid === uuid)).toHaveLength(1);
  });

  it('a retry after Lark’s one-hour uuid window sends nothing again: sent_messages remembers the message', async () => {
    const meta = { purpose: 'digest', ref: 'week:2026-W11:chat:oc_hour' };
    const first = await outbox.enqueue(toChat('oc_hour', '周报'), meta);
    expect((await settled(first.jobId)).state).toBe('completed');
    const messageId = (await findByUuid(db.db, first.uuid))!.messageId;
    // An hour on: BullMQ has dropped the completed job (removeOnComplete age 3600) and Lark has forgotten the uuid.
    await (await outbox.queue.getJob(first.jobId))!.remove();
    larkAheadMs = 61 * 60_000;
    try {
      const again = await outbox.enqueue(toChat('oc_hour', '周报'), meta);
      expect((await settled(again.jobId)).state).toBe('completed');
      // Read again: the job settled() read may predate its completion.
      expect((await outbox.queue.getJob(again.jobId))!.returnvalue).toMatchObject({ deduped: true, messageId });
      expect(creates(first.uuid)).toHaveLength(1);
      expect(fake.state.messagesIn('oc_hour')).toHaveLength(1);
    } finally {
      larkAheadMs = 0;
    }
  });

  it('waits x-ogw-ratelimit-reset after a 429 and then sends, without spending an attempt', async () => {
    fake.inject({ route: 'create', status: 429, resetSeconds: 1 });
    const { jobId, uuid } = await oneShot.enqueue(toChat('oc_429', '限流'), { purpose: 'reminder', ref: 'rl:1' });
    const { state, job } = await settled(jobId);
    expect(state).toBe('completed');
    expect(job.data.throttled).toBe(1);
    const [limited, sent] = creates(uuid);
    expect([limited?.status, sent?.status]).toEqual([429, 200]);
    expect(sent!.ms - limited!.ms).toBeGreaterThanOrEqual(1000);
  });

  it('backs off about a second on 230020 and then sends, without spending an attempt', async () => {
    fake.inject({ route: 'create', status: 400, code: 230020 });
    const { jobId, uuid } = await oneShot.enqueue(toChat('oc_freq', '频控'), { purpose: 'reminder', ref: 'freq:1' });
    expect((await settled(jobId)).state).toBe('completed');
    const [limited, sent] = creates(uuid);
    expect(limited?.code).toBe(230020);
    expect(sent!.ms - limited!.ms).toBeGreaterThanOrEqual(900);
  });

  it('fetches a new token after 99991663 and sends within the same attempt', async () => {
    fake.revokeTokens();
    const { jobId, uuid } = await oneShot.enqueue(toChat('oc_token', '令牌'), { purpose: 'reminder', ref: 'token:1' });
    expect((await settled(jobId)).state).toBe('completed');
    expect(creates(uuid).map((c) => c.code)).toEqual([99991663, 0]);
  });

  it('fails a job Lark refuses with 230001 at once (4 attempts allowed, 1 call), recording nothing', async () => {
    fake.inject({ route: 'create', status: 400, code: 230001 });
    const { jobId, uuid } = await outbox.enqueue(toChat('oc_bad', '坏请求'), { purpose: 'reminder', ref: 'bad:1' });
    const { state, job } = await settled(jobId);
    expect(state).toBe('failed');
    expect(job.failedReason).toContain('230001');
    expect(creates(uuid)).toHaveLength(1);
    expect(await findByUuid(db.db, uuid)).toBeUndefined();
  });

  it('keeps 60 messages to 3 chats within the limits: no 429, no failures, no duplicates', async () => {
    const chats = ['oc_a', 'oc_b', 'oc_c'];
    const since = fake.calls.length;
    const jobs = await Promise.all(
      Array.from({ length: 60 }, (_, i) => outbox.enqueue(toChat(chats[i % 3]!, `批量 ${i}`), { purpose: 'round_card', ref: `bulk:${i}` })),
    );
    const results = await Promise.all(jobs.map((j) => settled(j.jobId)));
    expect(results.filter((r) => r.state !== 'completed')).toEqual([]);
    const calls = fake.calls.slice(since).filter((c) => c.route === 'create');
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    for (const chat of chats) {
      const times = calls.filter((c) => c.chatId === chat && c.status === 200).map((c) => c.ms);
      expect(times).toHaveLength(20);
      expect(peakPerSecond(times)).toBeLessThanOrEqual(5);
    }
    const uuids = calls.filter((c) => c.status === 200).map((c) => c.uuid);
    expect(new Set(uuids).size).toBe(60);
    expect(uuids).toHaveLength(60);
  });

  it('recovers when Lark throttles harder than the outbox expects', async () => {
    fake.setLimits({ chatPerSecond: 2 });
    try {
      const jobs = await Promise.all(Array.from({ length: 6 }, (_, i) => outbox.enqueue(toChat('oc_tight', `紧 ${i}`), { purpose: 'answer', ref: `tight:${i}` })));
      const results = await Promise.all(jobs.map((j) => settled(j.jobId)));
      expect(results.map((r) => r.state)).toEqual(Array(6).fill('completed'));
      const calls = fake.calls.filter((c) => c.route === 'create' && c.chatId === 'oc_tight');
      // Lark answers per-chat throttling with HTTP 400 and 230020, not 429.
      expect(calls.some((c) => c.status === 400 && c.code === 230020)).toBe(true);
      const ok = calls.filter((c) => c.status === 200);
      expect(new Set(ok.map((c) => c.uuid)).size).toBe(6);
      expect(ok).toHaveLength(6);
      expect(peakPerSecond(ok.map((c) => c.ms))).toBeLessThanOrEqual(2);
    } finally {
      fake.setLimits({ chatPerSecond: 5 });
    }
  });

  it('made no call the fake does not know', () => {
    expect(fake.unknownCalls).toEqual([]);
    expect(accepted(fake, 'create').length).toBeGreaterThan(60);
  });
});
