import { readFileSync } from 'node:fs';
import * as lark from '@larksuiteoapi/node-sdk';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/lark/crypto.ts';
import { cardActionEvent, challengePayload, messageReceiveEvent, postCallback } from '../../src/simulator/events.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/lark/${name}.json`, import.meta.url), 'utf8'));
const APP = 'cli_a1b2c3d4e5f60718';
const VT = 'v-token-sim';
const KEY = 'sim-encrypt-key';
const now = () => new Date('2026-03-02T02:00:00Z');

describe('callback payload builders', () => {
  it('build im.message.receive_v1 exactly in the captured shape', () => {
    const built = messageReceiveEvent({
      eventId: '28c07e5b1d6e4c7a9f0a1b2c3d4e5f60',
      appId: APP,
      verificationToken: VT,
      tenantKey: '2e70a1b2c3d4e5f6',
      createTime: new Date(1719389912680),
      sentAt: new Date(1719389912273),
      messageId: 'om_7d2a0a1b2c3d4e5f',
      chatId: 'oc_3afe0a1b2c3d4e5f',
      chatType: 'group',
      sender: { openId: 'ou_e5c90a1b2c3d4e5f' },
      text: '@_user_1 任务5进展？',
      mentions: [{ key: '@_user_1', openId: 'ou_b6ae0a1b2c3d4e5f', name: '督办' }],
    });
    expect(built).toEqual(fixture('im.message.receive_v1'));
  });

  it('build card.action.trigger for a form submit in the captured shape (µs create_time)', () => {
    const built = cardActionEvent({
      eventId: 'f7984f0a1b2c3d4e5f60718293a4b5c6',
      appId: APP,
      verificationToken: VT,
      tenantKey: '2df70a1b2c3d4e5f',
      createTime: new Date(1603977298000),
      operator: { openId: 'ou_3c140a1b2c3d4e5f', unionId: 'on_cad40a1b2c3d4e5f' },
      cardToken: 'c-295ee0a1b2c3d4e5f',
      action: { value: { taskId: 5 }, tag: 'button', name: 'submit', formValue: { status: 'on_track', progress: '60', note: '已完成初稿' } },
      messageId: 'om_574d0a1b2c3d4e5f',
      chatId: 'oc_e4d20a1b2c3d4e5f',
    });
    expect(built).toEqual(fixture('card.action.trigger'));
    expect(challengePayload('ajls384kdjx98XX', VT)).toEqual(fixture('url_verification'));
  });
});

describe('postCallback acts as Lark towards a webhook', () => {
  let target: FastifyInstance;
  let url: string;
  const received: Array<{ type: string; data: Record<string, unknown> }> = [];
  const raw: Array<{ body: string; headers: Record<string, unknown> }> = [];

  beforeAll(async () => {
    // The SDK's own checks decide: if EventDispatcher dispatches, decryption and signature matched.
    const dispatcher = new lark.EventDispatcher({ encryptKey: KEY, verificationToken: VT, loggerLevel: lark.LoggerLevel.error }).register({
      'im.message.receive_v1': async (data: Record<string, unknown>) => {
        received.push({ type: 'message', data });
      },
      'card.action.trigger': async (data: Record<string, unknown>) => {
        received.push({ type: 'card', data });
        return { toast: { type: 'success', content: '已收到' } };
      },
    } as never);
    target = Fastify();
    target.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      raw.push({ body: body as string, headers: req.headers });
      done(null, JSON.parse(body as string));
    });
    target.post('/lark/events', async (req, reply) => {
      const data = Object.assign(Object.create({ headers: req.headers }), req.body as object);
      const { isChallenge, challenge } = lark.generateChallenge(data, { encryptKey: KEY });
      if (isChallenge) return reply.send(challenge);
      const value = await dispatcher.invoke(data);
      return reply.send(value ?? { refused: true });
    });
    url = `${await target.listen({ port: 0, host: '127.0.0.1' })}/lark/events`;
  });
  afterAll(() => target.close());

  it('delivers an encrypted, signed message event the SDK accepts', async () => {
    const payload = messageReceiveEvent({
      eventId: 'ev-1', appId: APP, verificationToken: VT, createTime: now(),
      messageId: 'om_1', chatId: 'oc_1', chatType: 'p2p', sender: { openId: 'ou_alice' }, text: '任务5进展？',
    });
    const res = await postCallback(url, payload, { encryptKey: KEY, now });
    expect(res.status).toBe(200);
    expect(received.at(-1)?.data).toMatchObject({ event_id: 'ev-1', message: { chat_id: 'oc_1' } });
    const last = raw.at(-1)!;
    expect(JSON.parse(last.body)).toHaveProperty('encrypt');
    expect(last.headers['x-lark-request-timestamp']).toBe(String(now().getTime() / 1000));
    const sig = signBody(String(last.headers['x-lark-request-timestamp']), String(last.headers['x-lark-request-nonce']), KEY, last.body);
    expect(last.headers['x-lark-signature']).toBe(sig);
  });

  it('delivers a card action and returns the webhook answer', async () => {
    const payload = cardActionEvent({
      eventId: 'ev-2', appId: APP, verificationToken: VT, createTime: now(), operator: { openId: 'ou_alice' },
      cardToken: 'c-1', action: { value: { taskId: 5 }, tag: 'button' }, messageId: 'om_2', chatId: 'oc_2',
    });
    const res = await postCallback(url, payload, { encryptKey: KEY, now });
    expect(res).toMatchObject({ status: 200, timedOut: false, body: { toast: { type: 'success', content: '已收到' } } });
    expect(received.at(-1)?.data).toMatchObject({ event_id: 'ev-2', token: 'c-1', action: { value: { taskId: 5 } } });
  });

  it('sends the url_verification challenge encrypted', async () => {
    const res = await postCallback(url, challengePayload('abc123', VT), { encryptKey: KEY, now });
    expect(res).toMatchObject({ status: 200, timedOut: false, body: { challenge: 'abc123' } });
  });

  it('is refused by the SDK when signed with another key', async () => {
    const before = received.length;
    const payload = messageReceiveEvent({
      eventId: 'ev-3', appId: APP, verificationToken: VT, createTime: now(),
      messageId: 'om_3', chatId: 'oc_3', chatType: 'group', sender: { openId: 'ou_bob' }, text: 'x',
    });
    const res = await postCallback(url, payload, { encryptKey: 'another-key', now }).catch(() => ({ status: 500, body: null }));
    expect(res.status).not.toBe(200);
    expect(received.length).toBe(before);
  });

  it('sends compact plain JSON when no encrypt key is set', async () => {
    const payload = challengePayload('plain', VT);
    await postCallback(url, payload, { now });
    expect(raw.at(-1)?.body).toBe(JSON.stringify(payload));
    expect(raw.at(-1)?.headers['x-lark-signature']).toBeUndefined();
  });
});
