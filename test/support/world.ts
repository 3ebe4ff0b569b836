import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import pino from 'pino';
import { parseConfig, type Config } from '../../src/config/schema.ts';
import { shiftedClock, type Now } from '../../src/domain/clock.ts';
import { startApp, type App } from '../../src/main.ts';
import { deliverCardAction, messageReceiveEvent, postCallback, startFakeLark, userMessageContent, type FakeLark, type FakeMessage, type Mention, type UserContent } from '../../src/simulator/index.ts';
import { seedFakeFromDirectory } from '../../src/simulator/seed-directory.ts';
import { bootstrapFromFiles } from '../../src/usecases/bootstrap.ts';
import type { ParsedDirectory } from '../../src/directory/types.ts';
import { runStep } from '../../src/usecases/steps.ts';
import type { StepName } from '../../src/usecases/steps.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { QUEUES, eventJobId } from '../../src/queue/names.ts';
import { BUSY_STATES } from './outbox-lark.ts';
import { createPgliteTestDb, createTestDb, type TestDb } from './db.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from './redis.ts';
import { SEED_FILES, SEED_KEYS, TIMEZONE } from './seeded-round.ts';

export const APP_ID = SEED_KEYS.appId;
export const ENCRYPT_KEY = 'test-encrypt-key';
export const VERIFICATION_TOKEN = 'test-verification-token';

/**
 * A whole duban against the fake Lark: a fresh Postgres database with the seed plan and the
 * example directory, a queue prefix of its own, web + workers, and a business clock inside 2021.
 */
export interface World {
  db: TestDb;
  fake: FakeLark;
  app: App;
  config: Config;
  directory: ParsedDirectory;
  now: Now;
  step(step: StepName): Promise<string>;
  /**
   * Sends a card action as Lark would (3 s deadline, answer checked, its card applied); returns the
   * webhook's answer. `timedOut` when duban took longer than Lark waits.
   */
  cardAction(input: { operator: string; value: unknown; formValue?: Record<string, unknown>; messageId?: string; chatId?: string; eventId?: string }): Promise<{ status: number; body: any; timedOut: boolean; ms: number }>;
  /** A person's message; `mentions` (any order, `@_all` included) replaces the bot-in-front default of mentionBot. */
  message(input: {
    sender: string;
    text: string;
    chatId: string;
    chatType: 'p2p' | 'group';
    mentionBot?: boolean;
    mentions?: Mention[];
    body?: Exclude<UserContent, { type: 'text' }>;
    eventId?: string;
    messageId?: string;
  }): Promise<{ status: number; body: any }>;
  /**
   * A person sends a file, as Lark delivers it: a file message (no mentions: a file cannot carry
   * one) whose bytes the fake serves through the message resource API. Returns the message id.
   */
  sendFile(input: { sender: string; chatId: string; chatType: 'p2p' | 'group'; fileName: string; bytes: Buffer; eventId?: string }): Promise<{ status: number; messageId: string; eventId: string }>;
  /**
   * Waits until the inbound and outbox queues have nothing waiting, delayed or running: every
   * event accepted so far has been handled and every message it queued has reached the fake Lark.
   * Check "nothing happened" after this, never after a fixed sleep.
   */
  idle(): Promise<void>;
  /** The inbound job queued for a Lark event id, if the webhook queued one. */
  inboundJob(eventId: string): Promise<unknown>;
  /** Empties the week's data (rounds, reports, statuses, indicator values, sent messages, events): a test's own start. */
  resetRounds(): Promise<void>;
  close(): Promise<void>;
}

export const BOT_OPEN_ID = 'ou_bot_duban';

export async function startWorld(label: string, opts: { start?: string; schedules?: boolean; pglite?: boolean } = {}): Promise<World> {
  const db = opts.pglite ? await createPgliteTestDb() : await createTestDb(label);
  const fake = await startFakeLark({ appId: APP_ID, appSecret: 'sim-secret', bot: { openId: BOT_OPEN_ID, name: '督办机器人' } });
  const prefix = testQueuePrefix(label);
  const now = shiftedClock(DateTime.fromISO(opts.start ?? '2021-06-08T10:00:00', { zone: TIMEZONE }).toJSDate(), () => new Date());
  const config = parseConfig({
    LARK_APP_ID: APP_ID,
    LARK_APP_SECRET: 'sim-secret',
    LARK_DOMAIN: fake.url,
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    DATABASE_URL: opts.pglite ? undefined : db.url,
    DATA_DIR: opts.pglite ? db.url : undefined,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    METRICS_PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
  });
  const { directory } = await bootstrapFromFiles(db.db, SEED_FILES, now());
  seedFakeFromDirectory(fake, directory, { openId: BOT_OPEN_ID, name: '督办机器人' });
  fake.addUser({ open_id: 'ou_outsider_0001', name: '外部人员' });
  const app = await startApp(config, { db, web: true, workers: true, now, logger: pino({ level: 'silent' }), schedules: opts.schedules ?? false });
  const producer = createRedis(testRedisUrl, 'producer');
  const inbound = new Queue(QUEUES.inbound, { connection: producer, prefix });
  const busy = async (q: Queue) => Object.values(await q.getJobCounts(...BUSY_STATES)).some((n) => n > 0);
  const send = (op: Parameters<App['outbox']['enqueue']>[0], meta: Parameters<App['outbox']['enqueue']>[1]) => app.outbox.enqueue(op, meta);
  const url = `${app.url}/lark/events`;
  const sign = { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, now: () => new Date() };
  const newId = () => randomBytes(8).toString('hex');
  return {
    db,
    fake,
    app,
    config,
    directory,
    now,
    step: (s) => runStep(s, { db: db.db, send, now, timezone: TIMEZONE }),
    cardAction: (i) => {
      const messageId = i.messageId ?? `om_${newId()}`;
      // A card the fake sent gets a real update token (30 min, 2 uses); others a dummy one.
      const cardToken = fake.state.messages.has(messageId) ? fake.issueCardToken(messageId) : `c-${newId()}`;
      return deliverCardAction(
        fake,
        url,
        {
          eventId: i.eventId ?? `ev_${newId()}`,
          appId: APP_ID,
          verificationToken: VERIFICATION_TOKEN,
          createTime: new Date(),
          operator: { openId: i.operator },
          cardToken,
          action: { tag: 'button', value: i.value, formValue: i.formValue, name: 'submit' },
          messageId,
          chatId: i.chatId ?? 'oc_unknown',
        },
        sign,
      ) as Promise<{ status: number; body: any; timedOut: boolean; ms: number }>;
    },
    message: (i) => {
      // Lark knows the user's message before it tells duban; the fake must too, or a reply to it is refused.
      const messageId = i.messageId ?? `om_${newId()}`;
      const t = String(Date.now());
      const mentions = i.mentions ?? (i.mentionBot ? [{ key: '@_user_1', openId: BOT_OPEN_ID, name: '督办机器人' }] : undefined);
      const text = !i.mentions && i.mentionBot ? `@_user_1 ${i.text}` : i.text;
      fake.state.addMessage({
        message_id: messageId,
        chat_id: i.chatId,
        msg_type: i.body?.type ?? 'text',
        content: i.body ? userMessageContent(i.body).content : JSON.stringify({ text }),
        text,
        create_time: t,
        update_time: t,
        updates: 0,
        sender: { id: i.sender, id_type: 'open_id', sender_type: 'user' } as unknown as FakeMessage['sender'],
      });
      return postCallback(
        url,
        messageReceiveEvent({
          eventId: i.eventId ?? `ev_${newId()}`,
          appId: APP_ID,
          verificationToken: VERIFICATION_TOKEN,
          createTime: new Date(),
          messageId,
          chatId: i.chatId,
          chatType: i.chatType,
          sender: { openId: i.sender },
          text,
          body: i.body,
          mentions,
        }),
        sign,
      ) as Promise<{ status: number; body: any }>;
    },
    sendFile: async (i) => {
      const messageId = `om_${newId()}`;
      const eventId = i.eventId ?? `ev_${newId()}`;
      const fileKey = fake.addMessageFile(messageId, i.fileName, i.bytes);
      const body = { type: 'file' as const, fileKey, fileName: i.fileName };
      const t = String(Date.now());
      fake.state.addMessage({
        message_id: messageId,
        chat_id: i.chatId,
        msg_type: 'file',
        content: userMessageContent(body).content,
        text: `[文件] ${i.fileName}`,
        create_time: t,
        update_time: t,
        updates: 0,
        sender: { id: i.sender, id_type: 'open_id', sender_type: 'user' } as unknown as FakeMessage['sender'],
      });
      const res = await postCallback(
        url,
        messageReceiveEvent({ eventId, appId: APP_ID, verificationToken: VERIFICATION_TOKEN, createTime: new Date(), messageId, chatId: i.chatId, chatType: i.chatType, sender: { openId: i.sender }, text: '', body }),
        sign,
      );
      return { status: res.status, messageId, eventId };
    },
    idle: async () => {
      // Inbound before outbox: a handler queues its messages before its own job completes.
      let quietRounds = 0;
      await waitFor('the queues to drain', async () => {
        const quiet = !(await busy(inbound)) && !(await busy(app.outbox.queue));
        quietRounds = quiet ? quietRounds + 1 : 0;
        return quietRounds >= 2;
      });
    },
    inboundJob: async (eventId) => (await inbound.getJob(eventJobId(eventId))) ?? undefined,
    resetRounds: async () => {
      await db.db.execute(sql`truncate rounds, reports, current_status, indicator_values, sent_messages, processed_events, digests, result_files, result_paper, evidence_files cascade`);
    },
    close: async () => {
      await inbound.close();
      producer.disconnect();
      await app.close();
      await fake.stop();
      await db.drop();
      await cleanRedisPrefix(prefix);
    },
  };
}

/** Polls until `check` returns a truthy value, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}
