import { Writable } from 'node:stream';
import * as lark from '@larksuiteoapi/node-sdk';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearTenantToken, createLarkClient, larkDomain } from '../../src/lark/client.ts';
import { classifyLarkError, isLarkCallError, type LarkCallError } from '../../src/lark/errors.ts';
import { createMessenger, type Messenger } from '../../src/lark/messenger.ts';
import type { FakeLark } from '../../src/simulator/index.ts';
import { accepted, card, startTestLark, TEST_APP } from '../support/fake-lark.ts';

let fake: FakeLark;
let messenger: Messenger;
const lines: string[] = [];
const logger = pino({ level: 'trace' }, new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }));

async function failure(p: Promise<unknown>): Promise<LarkCallError> {
  try {
    await p;
  } catch (e) {
    if (isLarkCallError(e)) return e;
    throw e;
  }
  throw new Error('expected a LarkCallError');
}

beforeAll(async () => {
  ({ fake } = await startTestLark());
  const client = createLarkClient({ ...TEST_APP, domain: fake.url, eventMode: 'webhook' }, { logger });
  messenger = createMessenger({ client, logger });
  fake.addUser({ open_id: 'ou_alice', name: '张三' });
  fake.addChat({ chat_id: 'oc_dept', name: '运用促进司', members: ['ou_alice'] });
});
afterAll(() => fake.stop());

describe('messenger: one Lark call per operation', () => {
  it('maps LARK_DOMAIN names to the SDK domains and keeps base URLs', () => {
    expect(larkDomain('feishu')).toBe(lark.Domain.Feishu);
    expect(larkDomain('lark')).toBe(lark.Domain.Lark);
    expect(larkDomain('http://127.0.0.1:3100/')).toBe('http://127.0.0.1:3100');
  });

  it('sends a card to a chat with the uuid and returns the message id', async () => {
    const res = await messenger.perform({ kind: 'send', to: { chatId: 'oc_dept' }, content: { card: card('本周填报') } }, 'u-m1');
    expect(res).toEqual({ messageId: expect.stringMatching(/^om_/), chatId: 'oc_dept' });
    expect(fake.state.messages.get(res.messageId!)).toMatchObject({ uuid: 'u-m1', card: card('本周填报') });
  });

  it('sends text to a user, replies, patches, uploads and updates a card after a callback', async () => {
    const dm = await messenger.perform({ kind: 'send', to: { openId: 'ou_alice' }, content: { text: '请填报' } });
    expect(fake.state.messages.get(dm.messageId!)?.text).toBe('请填报');
    const reply = await messenger.perform({ kind: 'reply', messageId: dm.messageId!, chatId: dm.chatId, content: { text: '好的' } }, 'u-r1');
    expect(fake.state.messages.get(reply.messageId!)?.parent_id).toBe(dm.messageId);
    const sent = await messenger.perform({ kind: 'send', to: { chatId: 'oc_dept' }, content: { card: card('v1') } });
    await messenger.perform({ kind: 'patch', messageId: sent.messageId!, card: card('v2') });
    expect(fake.state.messages.get(sent.messageId!)?.card).toEqual(card('v2'));
    const img = await messenger.perform({ kind: 'image', imageBase64: Buffer.from('png').toString('base64') });
    expect(fake.state.images.has(img.imageKey!)).toBe(true);
    const token = fake.issueCardToken(sent.messageId!);
    await messenger.perform({ kind: 'card_update', token, card: card('v3') });
    expect(fake.state.messages.get(sent.messageId!)?.card).toEqual(card('v3'));
  });

  it('classifies 429 with its reset header as rate_limited', async () => {
    fake.inject({ route: 'create', status: 429, resetSeconds: 2 });
    const e = await failure(messenger.perform({ kind: 'send', to: { chatId: 'oc_dept' }, content: { text: 'x' } }));
    expect(e.failure).toMatchObject({ kind: 'rate_limited', status: 429, code: 99991400, waitMs: 2000 });
    expect(e.code).toBe('LARK_RATE_LIMITED');
  });

  it('classifies 230020 as frequency, 5xx as transient and 230001 as rejected', async () => {
    fake.inject({ route: 'create', status: 400, code: 230020 });
    fake.inject({ route: 'create', status: 502 });
    fake.inject({ route: 'create', status: 400, code: 230001 });
    const send = () => messenger.perform({ kind: 'send', to: { chatId: 'oc_dept' }, content: { text: 'x' } });
    expect((await failure(send())).failure).toMatchObject({ kind: 'frequency', code: 230020, waitMs: 1000 });
    expect((await failure(send())).failure).toMatchObject({ kind: 'transient', status: 502 });
    const rejected = await failure(send());
    expect(rejected.failure).toMatchObject({ kind: 'rejected', status: 400, code: 230001 });
    expect(rejected.retryable).toBe(false);
  });

  it('clears a stale cached token and retries once on 99991663', async () => {
    const tokensBefore = fake.calls.filter((c) => c.route === 'token').length;
    fake.revokeTokens();
    const res = await messenger.perform({ kind: 'send', to: { chatId: 'oc_dept' }, content: { text: '换令牌后' } });
    expect(fake.state.messages.get(res.messageId!)?.text).toBe('换令牌后');
    expect(fake.calls.filter((c) => c.route === 'token').length).toBe(tokensBefore + 1);
    const creates = fake.calls.filter((c) => c.route === 'create').slice(-2);
    expect(creates.map((c) => c.code)).toEqual([99991663, 0]);
  });

  it('gives a transient error when the token is refused twice in a row', async () => {
    fake.inject({ route: 'create', times: 2, status: 400, code: 99991663 });
    const e = await failure(messenger.perform({ kind: 'send', to: { chatId: 'oc_dept' }, content: { text: 'x' } }));
    expect(e.failure).toMatchObject({ kind: 'transient', code: 99991663 });
  });

  it('classifies an unreachable Lark as transient', async () => {
    const client = createLarkClient({ ...TEST_APP, domain: 'http://127.0.0.1:1', eventMode: 'webhook' });
    const e = await failure(createMessenger({ client }).perform({ kind: 'send', to: { chatId: 'oc_dept' }, content: { text: 'x' } }));
    expect(e.failure.kind).toBe('transient');
    expect(classifyLarkError(new Error('failed to get tenant_access_token, code: 10014, msg: app secret invalid'))).toMatchObject({ kind: 'rejected', code: 10014 });
  });

  it('never writes the app secret or a tenant token into logs', async () => {
    const wrong = createLarkClient({ appId: TEST_APP.appId, appSecret: 'wrong-secret-value', domain: fake.url, eventMode: 'webhook' }, { logger });
    await failure(createMessenger({ client: wrong, logger }).perform({ kind: 'send', to: { chatId: 'oc_dept' }, content: { text: 'x' } }));
    fake.inject({ route: 'create', status: 400, code: 230001 });
    await failure(messenger.perform({ kind: 'send', to: { chatId: 'oc_dept' }, content: { text: 'x' } }));
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    expect(all).not.toContain(TEST_APP.appSecret);
    expect(all).not.toContain('wrong-secret-value');
    expect(all).not.toMatch(/t-sim-[0-9a-f]{8}/);
    expect(accepted(fake, 'token').length).toBeGreaterThan(0);
  });

  it('keeps tokens per client cache: clearing one leaves another untouched', async () => {
    const cacheA = new lark.DefaultCache();
    const a = createLarkClient({ ...TEST_APP, domain: fake.url, eventMode: 'webhook' }, { cache: cacheA });
    await a.im.chat.list({});
    expect(await cacheA.get(lark.CTenantAccessToken, { namespace: TEST_APP.appId })).toMatch(/^t-sim-/);
    await clearTenantToken(a);
    expect(await cacheA.get(lark.CTenantAccessToken, { namespace: TEST_APP.appId })).toBeUndefined();
    expect(fake.unknownCalls).toEqual([]);
  });
});
