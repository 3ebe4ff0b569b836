import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { parseConfig, type Config } from '../../src/config/schema.ts';
import { processedEvents } from '../../src/db/schema/index.ts';
import { buildSignedRequest } from '../../src/lark/crypto.ts';
import { createLogger } from '../../src/logging.ts';
import { clockFromConfig } from '../../src/app/clock.ts';
import { startApp, type App } from '../../src/main.ts';
import { startFakeLark, type FakeLark } from '../../src/simulator/index.ts';
import { TEST_APP } from '../support/fake-lark.ts';
import { ENCRYPT_KEY, VERIFICATION_TOKEN, challenge, messageEvent } from '../support/lark-callbacks.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

// The composition root end to end: real listen on port 0, real Redis, real Postgres.

const prefix = testQueuePrefix('app');
let t: TestDb;
let config: Config;
let app: App;

const post = (payload: unknown, encryptKey?: string) => {
  const signed = buildSignedRequest(payload, { encryptKey, timestamp: String(Math.floor(Date.now() / 1000)), nonce: randomBytes(6).toString('hex') });
  return fetch(`${app.url}/lark/events`, { method: 'POST', headers: signed.headers, body: signed.body });
};

let fake: FakeLark;

beforeAll(async () => {
  t = await createTestDb('app');
  // duban asks Lark who its bot is (bot/v3/info) to know which group messages mention it.
  fake = await startFakeLark({ ...TEST_APP, bot: { openId: 'ou_bot', name: '督办' } });
  config = parseConfig({
    LARK_APP_ID: TEST_APP.appId,
    LARK_APP_SECRET: TEST_APP.appSecret,
    LARK_DOMAIN: fake.url,
    DATABASE_URL: t.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    METRICS_PORT: '0',
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
  });
  app = await startApp(config, { web: true, workers: true, logger: createLogger({ level: 'silent' }) });
});

afterAll(async () => {
  await app?.close();
  await fake?.stop();
  await t?.drop();
  await cleanRedisPrefix(prefix);
});

describe('startApp (web + workers)', () => {
  it('answers /healthz, /readyz and the challenge on a real port', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${app.url}/readyz`)).json()).toEqual({ status: 'ready', postgres: 'ok', redis: 'ok', redisPersistence: expect.stringMatching(/^(volatile|aof-always|aof-everysec|aof-no-fsync|unknown)$/) });
    const res = await post(challenge('hello'));
    expect(await res.json()).toEqual({ challenge: 'hello' });
  });

  it('reports the depth of both the inbound and the outbox queue on /metrics, on the metrics port only', async () => {
    expect(new URL(app.metricsUrl!).hostname).toBe('127.0.0.1');
    expect(new URL(app.metricsUrl!).port).not.toBe(new URL(app.url!).port);
    expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
    const text = await (await fetch(app.metricsUrl!)).text();
    expect(text).toContain('duban_queue_depth{queue="inbound",state="waiting"}');
    expect(text).toContain('duban_queue_depth{queue="outbox",state="waiting"}');
  });

  it('a worker-only process (duban worker) exposes its own /metrics on the metrics port, and no public port', async () => {
    const worker = await startApp(config, { web: false, workers: true, schedules: false, logger: createLogger({ level: 'silent' }) });
    try {
      expect(worker.url).toBeUndefined();
      expect(new URL(worker.metricsUrl!).hostname).toBe('127.0.0.1');
      const res = await fetch(worker.metricsUrl!);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('duban_queue_depth');
    } finally {
      await worker.close();
    }
  });

  it('takes a signed event from the webhook through the queue to processed_events', async () => {
    const payload = messageEvent();
    expect((await post(payload, ENCRYPT_KEY)).status).toBe(200);
    const id = payload.header.event_id;
    const end = Date.now() + 10_000;
    let rows: unknown[] = [];
    while (rows.length === 0 && Date.now() < end) {
      rows = await t.db.select().from(processedEvents).where(eq(processedEvents.eventId, id));
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(rows).toHaveLength(1);
  });
});

describe('starting without Redis', () => {
  it('fails with REDIS_UNAVAILABLE and a hint how to start Redis', async () => {
    const bad = parseConfig({ REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: t.url });
    await expect(startApp(bad, { web: true, workers: true, logger: createLogger({ level: 'silent' }) })).rejects.toMatchObject({
      code: 'REDIS_UNAVAILABLE',
      message: expect.stringContaining('redis-server --daemonize yes'),
    });
  });

  it('`duban serve` prints one clear line and exits 1, without a stack trace', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const bad = parseConfig({ REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: t.url, LOG_LEVEL: 'silent', DUBAN_INSECURE_LOCAL: '1', HOST: '127.0.0.1', METRICS_PORT: '0' });
    const code = await runCli(['serve'], { config: bad, out: (l) => out.push(l), err: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^错误 \[REDIS_UNAVAILABLE\]：无法连接 Redis/);
    expect(err[0]).not.toMatch(/\n\s+at /);
  });
});

describe('clock', () => {
  it('starts at DUBAN_NOW and runs on from there', () => {
    let real = new Date('2026-01-01T00:00:00Z').getTime();
    const now = clockFromConfig({ now: '2021-06-07T09:00:00+08:00' }, () => new Date(real));
    expect(now().toISOString()).toBe('2021-06-07T01:00:00.000Z');
    real += 60_000;
    expect(now().toISOString()).toBe('2021-06-07T01:01:00.000Z');
  });

  it('is the real clock when DUBAN_NOW is unset', () => {
    let real = new Date('2026-01-01T00:00:00Z').getTime();
    const now = clockFromConfig({}, () => new Date(real));
    expect(now().getTime()).toBe(real);
    real += 60_000;
    expect(now().getTime()).toBe(real);
    // And by default the system clock itself, read when asked (not ahead, not frozen).
    const before = Date.now();
    const t0 = clockFromConfig({})().getTime();
    const after = Date.now();
    expect(t0).toBeGreaterThanOrEqual(before);
    expect(t0).toBeLessThanOrEqual(after);
  });
});
