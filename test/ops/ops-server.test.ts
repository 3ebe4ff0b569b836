import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/schema.ts';
import { basicAuthOk, buildOpsServer } from '../../src/http/ops-server.ts';
import { startApp } from '../../src/main.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

const prefix = testQueuePrefix('ops');
const admin = { user: 'duban', password: 'correct horse' };
const auth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const checks = { postgres: async () => {}, redis: async () => {} };
let redis: Redis;
let queue: Queue;
let db: TestDb;

beforeAll(async () => {
  redis = createRedis(testRedisUrl, 'producer');
  queue = new Queue('outbox', { connection: redis, prefix });
  db = await createTestDb('ops');
});

afterAll(async () => {
  await queue?.close();
  redis?.disconnect();
  await cleanRedisPrefix(prefix);
  await db?.drop();
});

describe('the operational port', () => {
  it('the queue dashboard answers 401 without the admin login or with a wrong one, and shows the queues with it', async () => {
    const app = await buildOpsServer({ checks, queues: [queue], admin });
    try {
      const none = await app.inject({ method: 'GET', url: '/queues' });
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toContain('Basic');
      expect((await app.inject({ method: 'GET', url: '/queues', headers: { authorization: auth('duban', 'wrong') } })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/queues/api/queues', headers: { authorization: auth('other', admin.password) } })).statusCode).toBe(401);
      const page = await app.inject({ method: 'GET', url: '/queues', headers: { authorization: auth(admin.user, admin.password) } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      const api = await app.inject({ method: 'GET', url: '/queues/api/queues', headers: { authorization: auth(admin.user, admin.password) } });
      expect(api.statusCode).toBe(200);
      expect(JSON.stringify(api.json())).toContain('outbox');
      // Health and metrics need no login: probes and Prometheus read them.
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('without DUBAN_ADMIN_USER / DUBAN_ADMIN_PASSWORD there is no dashboard at all', async () => {
    const app = await buildOpsServer({ checks, queues: [queue] });
    try {
      expect((await app.inject({ method: 'GET', url: '/queues', headers: { authorization: auth(admin.user, admin.password) } })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('basic auth compares user and password exactly', () => {
    expect(basicAuthOk(auth('duban', 'correct horse'), admin)).toBe(true);
    expect(basicAuthOk(auth('duban', 'correct horse '), admin)).toBe(false);
    expect(basicAuthOk(auth('duban', ''), admin)).toBe(false);
    expect(basicAuthOk('Bearer x', admin)).toBe(false);
    expect(basicAuthOk(undefined, admin)).toBe(false);
  });

  it('a worker-only process answers /healthz and /readyz on METRICS_PORT', async () => {
    const config = parseConfig({ DATABASE_URL: db.url, REDIS_URL: testRedisUrl, QUEUE_PREFIX: prefix, METRICS_PORT: '0', LOG_LEVEL: 'silent' });
    const app = await startApp(config, { web: false, workers: true, schedules: false, logger: pino({ level: 'silent' }) });
    try {
      expect(app.url).toBeUndefined();
      expect(await (await fetch(`${app.opsUrl}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${app.opsUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ postgres: 'ok', redis: 'ok' });
    } finally {
      await app.close();
    }
  });

  it('refuses half an admin login in the configuration', () => {
    expect(() => parseConfig({ DUBAN_ADMIN_USER: 'duban' })).toThrow(/同时设置/);
  });
});
