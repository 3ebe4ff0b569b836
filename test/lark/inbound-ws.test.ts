import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboundDispatcher } from '../../src/lark/inbound/dispatcher.ts';
import { startWsClient, type WsHandle } from '../../src/lark/ws.ts';
import { createLogger } from '../../src/logging.ts';
import { createRedis } from '../../src/queue/connection.ts';
import type { InboundJob } from '../../src/contracts/inbound.ts';
import { createInboundEnqueue } from '../../src/queue/inbound.ts';
import { QUEUES, eventJobId } from '../../src/queue/names.ts';
import { APP_ID, cardActionEvent, messageEvent } from '../support/lark-callbacks.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

// A fake Lark long-connection endpoint (pbbp2 frames over ws, docs/lark.md#long-connection-ws) feeding the
// real WSClient, which must hand events to the same dispatcher the webhook uses.
// ws and protobufjs are the SDK's own dependencies (no typings shipped for ws, hence require).
const require = createRequire(import.meta.url);
interface Socket { send(b: Uint8Array): void; on(ev: 'message', fn: (b: Buffer) => void): void }
const { WebSocketServer } = require('ws') as { WebSocketServer: new (o: { server: Server; path: string }) => { on(ev: 'connection', fn: (s: Socket) => void): void; close(): void } };
const protobuf = require('protobufjs') as typeof import('protobufjs');

const Frame = protobuf.parse(`syntax = "proto2"; package pbbp2;
message Header { required string key = 1; required string value = 2; }
message Frame { required uint64 SeqID = 1; required uint64 LogID = 2; required int32 service = 3; required int32 method = 4;
  repeated Header headers = 5; optional string payloadEncoding = 6; optional string payloadType = 7;
  optional bytes payload = 8; optional string LogIDNew = 9; }`).root.lookupType('pbbp2.Frame');

interface Ack { code: number; data?: unknown }

const prefix = testQueuePrefix('ws');
let producer: Redis;
let queue: Queue<InboundJob>;
let server: Server;
let ws: WsHandle;
let push: (payload: unknown) => Promise<Ack>;
let resolveConnected: (s: Socket) => void = () => {};
const connected = new Promise<Socket>((r) => (resolveConnected = r));

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST' && req.url === '/callback/ws/endpoint') {
      const { port } = server.address() as AddressInfo;
      res.end(JSON.stringify({ code: 0, msg: 'ok', data: { URL: `ws://127.0.0.1:${port}/ws?device_id=d1&service_id=7`, ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 } } }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ code: 404, msg: `fake lark: unknown route ${req.url}` }));
    }
  });
  const wss = new WebSocketServer({ server, path: '/ws' });
  server.on('close', () => wss.close());
  const pending = new Map<string, (a: Ack) => void>();
  wss.on('connection', (socket) => {
    socket.on('message', (buf) => {
      const f = Frame.decode(buf) as unknown as { headers: { key: string; value: string }[]; payload: Uint8Array };
      const h = Object.fromEntries(f.headers.map((x) => [x.key, x.value]));
      if (h.type !== 'event' || !h.message_id) return; // pings
      const ack = JSON.parse(Buffer.from(f.payload).toString()) as { code: number; data?: string };
      pending.get(h.message_id)?.({ code: ack.code, data: ack.data ? JSON.parse(Buffer.from(ack.data, 'base64').toString()) : undefined });
    });
    // The SDK drops frames that arrive right after open (docs/lark.md#long-connection-ws).
    setTimeout(() => resolveConnected(socket), 150);
  });
  let n = 0;
  push = async (payload) => {
    const socket = await connected;
    const messageId = `m${++n}`;
    const answered = new Promise<Ack>((resolve) => pending.set(messageId, resolve));
    const headers = [['type', 'event'], ['message_id', messageId], ['sum', '1'], ['seq', '0'], ['trace_id', `t${n}`]].map(([key, value]) => ({ key, value }));
    socket.send(Frame.encode(Frame.create({ SeqID: 0, LogID: 0, service: 7, method: 1, headers, payload: Buffer.from(JSON.stringify(payload)) })).finish());
    return answered;
  };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));

  producer = createRedis(testRedisUrl, 'producer');
  queue = new Queue(QUEUES.inbound, { connection: producer, prefix });
  const logger = createLogger({ level: 'silent' });
  const dispatcher = createInboundDispatcher({ enqueue: createInboundEnqueue(queue), logger, now: () => new Date() });
  const { port } = server.address() as AddressInfo;
  ws = await startWsClient({ appId: APP_ID, appSecret: 'ws-secret', domain: `http://127.0.0.1:${port}`, dispatcher, logger });
});

afterAll(async () => {
  ws?.close();
  await new Promise((r) => server?.close(r));
  server?.closeAllConnections();
  await queue?.close();
  producer?.disconnect();
  await cleanRedisPrefix(prefix);
});

describe('LARK_EVENT_MODE=ws', () => {
  it('answers a card action over the long connection with the toast, as a body (never empty)', async () => {
    const payload = cardActionEvent();
    const ack = await push(payload);
    expect(ack).toEqual({ code: 200, data: { toast: { type: 'success', content: '已收到' } } });
    expect((await queue.getJob(eventJobId(payload.header.event_id)))?.data.kind).toBe('card_action');
  });

  it('queues a message event received over the long connection, once per event id', async () => {
    const payload = messageEvent();
    expect((await push(payload)).code).toBe(200);
    expect((await push(payload)).code).toBe(200);
    const job = await queue.getJob(eventJobId(payload.header.event_id));
    expect(job?.data).toMatchObject({ kind: 'message', eventType: 'im.message.receive_v1' });
    expect(await queue.getJobCountByTypes('waiting')).toBe(2); // the card action above + this message
  });

  it('refuses an app id the SDK would silently ignore', async () => {
    const logger = createLogger({ level: 'silent' });
    const dispatcher = createInboundDispatcher({ enqueue: async () => {}, logger, now: () => new Date() });
    await expect(startWsClient({ appId: 'cli_local', appSecret: 's', domain: 'http://127.0.0.1:1', dispatcher, logger })).rejects.toThrow(/LARK_APP_ID/);
  });
});
