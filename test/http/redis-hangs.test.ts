import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/schema.ts';
import { startApp, type App } from '../../src/main.ts';
import { cardActionEvent, messageReceiveEvent, postCallback } from '../../src/simulator/index.ts';
import { tasks } from '../../src/db/schema/index.ts';
import { bootstrapFromFiles } from '../../src/usecases/bootstrap.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { SEED_FILES } from '../support/seeded-round.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';
import { APP_ID, ENCRYPT_KEY, VERIFICATION_TOKEN } from '../support/world.ts';

// Redis that hangs (the connection stays open, nothing answers) is worse than Redis that dies: no
// error event, no refused connection, only silence. Lark waits 3 s for an answer, so the webhook must
// give up on the queue and say so inside that, never hang along with Redis.

/** A TCP proxy in front of the real Redis that can start swallowing traffic in both directions. */
async function startHangingProxy(target: URL) {
  let hanging = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.on('data', (d) => void (hanging || upstream.write(d)));
    upstream.on('data', (d) => void (hanging || client.write(d)));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    hang: () => void (hanging = true),
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('when Redis hangs instead of dying', () => {
  let db: TestDb;
  let app: App;
  let proxy: Awaited<ReturnType<typeof startHangingProxy>>;
  let taskId: number;
  const prefix = testQueuePrefix('hang');
  const sign = { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, now: () => new Date() };
  const id = () => randomBytes(6).toString('hex');

  beforeAll(async () => {
    db = await createTestDb('hang');
    // A plan and a directory, so a task-detail click from an admin passes the route's checks and is queued.
    await bootstrapFromFiles(db.db, SEED_FILES, new Date());
    taskId = (await db.db.select({ id: tasks.id }).from(tasks).limit(1))[0]!.id;
    proxy = await startHangingProxy(new URL(testRedisUrl));
    const config = parseConfig({
      LARK_APP_ID: APP_ID,
      LARK_APP_SECRET: 'sim-secret',
      LARK_DOMAIN: 'http://127.0.0.1:1',
      LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      DATABASE_URL: db.url,
      REDIS_URL: proxy.url,
      QUEUE_PREFIX: prefix,
      METRICS_PORT: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    // The webhook alone, with the enqueue timeout main.ts gives it.
    app = await startApp(config, { web: true, workers: false, logger: pino({ level: 'silent' }) });
    proxy.hang();
  }, 60_000);
  afterAll(async () => {
    // Dropping the proxied connections turns the hang into an outage, so the app can close.
    await proxy?.stop();
    await app?.close();
    await db?.drop();
    await cleanRedisPrefix(prefix);
  });

  /** Posts and times the answer; gives up at 5 s so a hanging webhook fails here, not by test timeout. */
  async function timed(body: ReturnType<typeof messageReceiveEvent>) {
    const started = Date.now();
    const answer = await Promise.race([
      postCallback(`${app.url}/lark/events`, body, sign) as Promise<{ status: number; body: any }>,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000)),
    ]);
    return { answer, ms: Date.now() - started };
  }

  it('answers a message event with 503 within Lark’s 3 s, so Lark delivers it again later', async () => {
    const { answer, ms } = await timed(
      messageReceiveEvent({ eventId: `ev_${id()}`, appId: APP_ID, verificationToken: VERIFICATION_TOKEN, createTime: new Date(), messageId: `om_${id()}`, chatId: 'oc_p2p', chatType: 'p2p', sender: { openId: 'ou_someone' }, text: '任务7进展' }),
    );
    expect(answer, `no answer after ${ms} ms`).not.toBeNull();
    expect(answer!.status).toBe(503);
    expect(ms).toBeLessThan(3000);
  });

  it('answers a card action with an error toast within Lark’s 3 s, never 已收到', async () => {
    const { answer, ms } = await timed(
      cardActionEvent({ eventId: `ev_${id()}`, appId: APP_ID, verificationToken: VERIFICATION_TOKEN, createTime: new Date(), operator: { openId: 'ou_admin_0001' }, cardToken: `c-${id()}`, action: { tag: 'button', value: { kind: 'task_detail', taskId }, name: 'detail' }, messageId: `om_${id()}`, chatId: 'oc_any' }),
    );
    expect(answer, `no answer after ${ms} ms`).not.toBeNull();
    expect(answer!.status).toBe(200);
    expect(answer!.body).toEqual({ toast: { type: 'error', content: '服务暂时不可用，请稍后重试' } });
    expect(ms).toBeLessThan(3000);
  });
});
