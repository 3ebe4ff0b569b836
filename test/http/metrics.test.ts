import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsServer, type OpsServer } from '../../src/http/ops-server.ts';
import { buildServer } from '../../src/http/server.ts';
import { createInboundDispatcher } from '../../src/lark/inbound/dispatcher.ts';
import { createLogger } from '../../src/logging.ts';
import { metrics, watchQueueDepth } from '../../src/metrics.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { createInboundEnqueue } from '../../src/queue/inbound.ts';
import { QUEUES } from '../../src/queue/names.ts';
import { ENCRYPT_KEY, messageEvent, sendToLark } from '../support/lark-callbacks.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

const prefix = testQueuePrefix('metrics');
let producer: Redis;
let queue: Queue;
let app: FastifyInstance;
let unwatch: () => void;
let ops: OpsServer;

beforeAll(async () => {
  producer = createRedis(testRedisUrl, 'producer');
  queue = new Queue(QUEUES.inbound, { connection: producer, prefix });
  unwatch = watchQueueDepth([queue]);
  const logger = createLogger({ level: 'silent' });
  const dispatcher = createInboundDispatcher({ enqueue: createInboundEnqueue(queue), logger, now: () => new Date() });
  app = await buildServer({ logger, now: () => new Date(), keys: { encryptKey: ENCRYPT_KEY }, dispatcher, checks: { postgres: async () => {}, redis: async () => {} } });
  ops = await startOpsServer({ host: '127.0.0.1', port: 0, checks: { postgres: async () => {}, redis: async () => {} }, queues: [] });
});

afterAll(async () => {
  unwatch?.();
  await app?.close();
  await ops?.close();
  await queue?.close();
  producer?.disconnect();
  await cleanRedisPrefix(prefix);
});

describe('GET /metrics on the metrics port', () => {
  it('serves Prometheus text with request latency, queue depth, failed jobs and Lark API errors', async () => {
    await sendToLark(app, messageEvent(), { encryptKey: ENCRYPT_KEY });
    await sendToLark(app, messageEvent(), { encryptKey: ENCRYPT_KEY });
    metrics.larkApiErrors.inc({ code: '230020' });
    metrics.failedJobs.inc({ queue: 'outbox', final: 'false' });

    const res = await fetch(`${ops.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/duban_http_request_duration_seconds_count\{method="POST",route="\/lark\/events",status_code="200"\} 2/);
    expect(text).toContain('duban_queue_depth{queue="inbound",state="waiting"} 2');
    expect(text).toContain('duban_lark_api_errors_total{code="230020"} 1');
    expect(text).toContain('duban_queue_failed_jobs_total{queue="outbox",final="false"} 1');
    expect(text).toContain('duban_inbound_events_total{type="im.message.receive_v1",outcome="queued"} 2');
  });

  it('still answers when a watched queue cannot be read', async () => {
    const stop = watchQueueDepth([{ name: 'dead', getJobCounts: () => Promise.reject(new Error('down')) }]);
    try {
      const res = await fetch(`${ops.url}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain('queue="dead"');
    } finally {
      stop();
    }
  });

  it('listens on 127.0.0.1 only, and the public port has no /metrics', async () => {
    expect(new URL(ops.url).hostname).toBe('127.0.0.1');
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(404);
    expect((await fetch(`${ops.url}/other`)).status).toBe(404);
  });
});
