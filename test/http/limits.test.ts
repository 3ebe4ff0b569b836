import type { FastifyInstance } from 'fastify';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, HTTP_LIMITS } from '../../src/http/server.ts';
import { createInboundDispatcher } from '../../src/lark/inbound/dispatcher.ts';
import { createLogger } from '../../src/logging.ts';
import { ENCRYPT_KEY } from '../support/lark-callbacks.ts';

// Slow or stalled senders are cut off within seconds, and overload is answered 503 at once.
let app: FastifyInstance;
let port: number;
let enqueued = 0;
let release: () => void = () => {};
let hold = false;

beforeAll(async () => {
  const logger = createLogger({ level: 'silent' });
  const dispatcher = createInboundDispatcher({ enqueue: async () => void enqueued++, logger, now: () => new Date() });
  const waitIfHeld = () => (hold ? new Promise<void>((r) => (release = r)) : Promise.resolve());
  app = await buildServer({
    logger,
    now: () => new Date(),
    keys: { encryptKey: ENCRYPT_KEY },
    dispatcher,
    checks: { postgres: waitIfHeld, redis: async () => {} },
    maxInFlight: 3,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});
afterAll(async () => {
  release();
  await app?.close();
});

/** Opens a socket, writes `head`, then one byte every `everyMs`; resolves with ms until the server closed it. */
function trickle(head: string, everyMs: number): Promise<number> {
  return new Promise((resolve) => {
    const started = Date.now();
    const s: Socket = connect(port, '127.0.0.1', () => s.write(head));
    const timer = setInterval(() => s.writable && s.write('a'), everyMs);
    const done = () => {
      clearInterval(timer);
      resolve(Date.now() - started);
    };
    s.on('close', done);
    s.on('error', () => {});
    s.resume(); // read (and drop) any answer, or 'close' never comes
    s.setTimeout(30_000, () => s.destroy());
  });
}

describe('HTTP limits on the public port', () => {
  it('cuts off 40 connections trickling a body one byte at a time within seconds, and queues nothing', async () => {
    const head = 'POST /lark/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{';
    const closedAfter = await Promise.all(Array.from({ length: 40 }, () => trickle(head, 500)));
    expect(Math.max(...closedAfter)).toBeLessThan(HTTP_LIMITS.requestMs + 3_000);
    expect(enqueued).toBe(0);
  }, 20_000);

  it('cuts off a sender trickling its headers within the headers timeout', async () => {
    const ms = await trickle('POST /lark/events HTTP/1.1\r\nHost: x\r\nX-Slow: ', 500);
    expect(ms).toBeLessThan(HTTP_LIMITS.headersMs + 3_000);
  }, 15_000);

  it('closes a connection that sends nothing, and an idle keep-alive connection after a request', async () => {
    const silent = await trickle('', 60_000);
    expect(silent).toBeLessThan(HTTP_LIMITS.headersMs + 2_000);
    const afterRequest = await trickle('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 60_000);
    expect(afterRequest).toBeLessThan(HTTP_LIMITS.keepAliveMs + 2_000);
  }, 20_000);

  it('answers 503 beyond the in-flight bound at once, and serves again when load drops', async () => {
    hold = true;
    const base = `http://127.0.0.1:${port}`;
    const slow = [fetch(`${base}/readyz`), fetch(`${base}/readyz`), fetch(`${base}/readyz`)];
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const over = await fetch(`${base}/healthz`);
    expect(over.status).toBe(503);
    expect(await over.json()).toEqual({ error: '服务繁忙，请稍后重试' });
    expect(Date.now() - started).toBeLessThan(500);
    hold = false;
    release();
    await Promise.all(slow);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
