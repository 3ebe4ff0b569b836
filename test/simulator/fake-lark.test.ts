import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/lark/client.ts';
import type { FakeLark } from '../../src/simulator/index.ts';
import { accepted, card, startTestLark, TEST_APP } from '../support/fake-lark.ts';

let fake: FakeLark;
let client: lark.Client;

const send = (chatId: string, content: unknown, uuid?: string) =>
  client.im.message.create({
    params: { receive_id_type: 'chat_id' },
    data: { receive_id: chatId, msg_type: 'interactive', content: JSON.stringify(content), uuid },
  });

async function rejection(p: Promise<unknown>): Promise<{ status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, string> }> {
  try {
    await p;
  } catch (e) {
    return (e as { response: { status: number; data: { code: number }; headers: Record<string, string> } }).response;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  ({ fake, client } = await startTestLark());
  fake.addUser({ open_id: 'ou_alice', name: '张三', department_ids: ['od_1'] });
  fake.addUser({ open_id: 'ou_bob', name: '李四' });
  for (const id of ['oc_main', 'oc_limit', 'oc_other', 'oc_inject']) fake.addChat({ chat_id: id, name: `群 ${id}`, members: ['ou_alice', 'ou_bob'] });
});
afterAll(() => fake.stop());

describe('fake Lark Open API through the real SDK', () => {
  it('issues a tenant token and accepts a card sent with it', async () => {
    const res = await send('oc_main', card('任务 1'), 'u-first');
    expect(res.code).toBe(0);
    const token = fake.calls.find((c) => c.route === 'token');
    expect(token?.status).toBe(200);
    expect(JSON.stringify(token?.body)).not.toContain(TEST_APP.appSecret);
    const m = fake.state.messages.get(res.data!.message_id!);
    expect(m).toMatchObject({ chat_id: 'oc_main', msg_type: 'interactive', uuid: 'u-first' });
    expect(m?.card).toEqual(card('任务 1'));
    expect(fake.calls.at(-1)).toMatchObject({ route: 'create', card: card('任务 1'), uuid: 'u-first', chatId: 'oc_main', status: 200 });
  });

  it('answers a repeated uuid with the first message and stores nothing new', async () => {
    const first = await send('oc_main', card('dup'), 'u-dup');
    const before = fake.messages.length;
    const second = await send('oc_main', card('dup changed'), 'u-dup');
    expect(second.data?.message_id).toBe(first.data?.message_id);
    expect(fake.messages.length).toBe(before);
  });

  it('refuses a wrong app secret at the token endpoint', async () => {
    const wrong = createLarkClient({ appId: TEST_APP.appId, appSecret: 'nope', domain: fake.url, eventMode: 'webhook' });
    await expect(wrong.im.chat.list({})).rejects.toThrow(/code: 10014/);
    expect(fake.calls.at(-1)).toMatchObject({ route: 'token', code: 10014 });
  });

  it('refuses a call without a valid bearer token with 99991663', async () => {
    const res = await rejection(client.request({ method: 'GET', url: '/open-apis/im/v1/chats' }, lark.withUserAccessToken('t-forged')));
    expect(res.status).toBe(400);
    expect(res.data?.code).toBe(99991663);
    const bare = await fetch(`${fake.url}/open-apis/im/v1/chats`);
    expect(bare.status).toBe(400);
    expect(await bare.json()).toMatchObject({ code: 99991663 });
  });

  it('sends to a user through the private chat and replies in the same chat', async () => {
    const res = await client.im.message.create({
      params: { receive_id_type: 'open_id' },
      data: { receive_id: 'ou_alice', msg_type: 'text', content: JSON.stringify({ text: '你好' }) },
    });
    const reply = await client.im.message.reply({
      path: { message_id: res.data!.message_id! },
      data: { msg_type: 'text', content: JSON.stringify({ text: '回复' }), uuid: 'u-reply' },
    });
    const m = fake.state.messages.get(reply.data!.message_id!);
    expect(m).toMatchObject({ chat_id: res.data?.chat_id, parent_id: res.data?.message_id, text: '回复' });
    expect(fake.state.chats.get(res.data!.chat_id!)?.chat_type).toBe('p2p');
  });

  it('refuses sends to unknown chats, users and bad content, storing nothing', async () => {
    const before = fake.messages.length;
    expect((await rejection(send('oc_nowhere', card('x')))).data?.code).toBe(230002);
    const toStranger = client.im.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: 'ou_nobody', msg_type: 'text', content: '{"text":"x"}' } });
    expect((await rejection(toStranger)).data?.code).toBe(230013);
    const badJson = client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_main', msg_type: 'interactive', content: '{not json' } });
    expect((await rejection(badJson)).data?.code).toBe(230001);
    const tooBig = send('oc_main', card('x'.repeat(31 * 1024)));
    expect((await rejection(tooBig)).data?.code).toBe(230025);
    const longUuid = send('oc_main', card('x'), 'u'.repeat(51));
    expect((await rejection(longUuid)).data?.code).toBe(99992402);
    expect(fake.messages.length).toBe(before);
  });

  it('patches an existing card and refuses unknown message ids', async () => {
    const res = await send('oc_main', card('v1'));
    const id = res.data!.message_id!;
    await client.im.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(card('v2')) } });
    expect(fake.state.messages.get(id)).toMatchObject({ card: card('v2'), updates: 1 });
    const missing = await rejection(client.im.message.patch({ path: { message_id: 'om_missing' }, data: { content: JSON.stringify(card('v2')) } }));
    expect(missing.status).toBe(400);
    const unshared = await rejection(client.im.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(card('v3', { config: { update_multi: false } })) } }));
    // JSON 2.0 cards are shared only: update_multi false is refused as a card error (sub-code 200861).
    expect(unshared.data?.code).toBe(230099);
    expect(unshared.data?.msg).toContain('ErrCode: 200861');
    expect(fake.state.messages.get(id)?.updates).toBe(1);
  });

  it('uploads an image from a multipart body', async () => {
    const res = await client.im.image.create({ data: { image_type: 'message', image: Buffer.from('\x89PNG fake image bytes') } });
    expect(res?.image_key).toMatch(/^img_v3_sim_/);
    expect(fake.state.images.get(res!.image_key!)?.bytes.toString()).toBe('\x89PNG fake image bytes');
  });

  it('lists group chats, their members and users', async () => {
    const chats = await client.im.chat.list({ params: { page_size: 2 } });
    expect(chats.data?.items).toHaveLength(2);
    expect(chats.data?.has_more).toBe(true);
    const members = await client.im.chatMembers.get({ path: { chat_id: 'oc_main' }, params: { member_id_type: 'open_id' } });
    expect(members.data?.items?.map((m) => m.name)).toEqual(['张三', '李四']);
    const user = await client.contact.user.get({ path: { user_id: 'ou_alice' }, params: { user_id_type: 'open_id' } });
    expect(user.data?.user).toMatchObject({ open_id: 'ou_alice', name: '张三', department_ids: ['od_1'] });
    expect((await rejection(client.contact.user.get({ path: { user_id: 'ou_ghost' } }))).status).toBe(400);
  });

  it('applies a delayed card update at most twice per callback token', async () => {
    const res = await send('oc_main', card('before'));
    const token = fake.issueCardToken(res.data!.message_id!);
    const update = (title: string) => client.request({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token, card: card(title) } });
    await update('after 1');
    await update('after 2');
    expect((await rejection(update('after 3'))).status).toBe(400);
    expect(fake.state.messages.get(res.data!.message_id!)?.card).toEqual(card('after 2'));
  });

  it('fails loudly on a route it does not implement', async () => {
    const res = await rejection(client.im.message.delete({ path: { message_id: 'om_x' } }));
    expect(res.status).toBe(404);
    expect(res.data).toMatchObject({ code: -1 });
    expect(fake.unknownCalls).toHaveLength(1);
    expect(fake.unknownCalls[0]).toMatchObject({ method: 'DELETE', path: '/open-apis/im/v1/messages/om_x' });
    fake.unknownCalls.length = 0;
  });

  it('throttles the sixth message per second into one chat with 230020 and HTTP 400, without reset headers', async () => {
    const results = await Promise.allSettled(Array.from({ length: 7 }, (_, i) => send('oc_limit', card(`burst ${i}`))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.response.status).toBe(400);
    expect(refused.reason.response.data).toEqual({ code: 230020, msg: 'This operation triggers the frequency limit.' });
    expect(refused.reason.response.headers['x-ogw-ratelimit-reset']).toBeUndefined();
    // Another chat is not affected.
    expect((await send('oc_other', card('elsewhere'))).code).toBe(0);
  });

  it('injects failures on the chosen route only, as many times as asked', async () => {
    fake.inject({ route: 'create', times: 2, status: 500 });
    fake.inject({ route: 'patch', status: 400, code: 230020 });
    expect((await rejection(send('oc_inject', card('a')))).status).toBe(500);
    expect((await rejection(send('oc_inject', card('b')))).status).toBe(500);
    const okRes = await send('oc_inject', card('c'));
    const patch = await rejection(client.im.message.patch({ path: { message_id: okRes.data!.message_id! }, data: { content: JSON.stringify(card('d')) } }));
    expect(patch.data?.code).toBe(230020);
    fake.inject({ status: 429, resetSeconds: 3 });
    const limited = await rejection(send('oc_inject', card('e')));
    expect(limited.headers?.['x-ogw-ratelimit-reset']).toBe('3');
    expect(accepted(fake, 'create').filter((c) => c.chatId === 'oc_inject')).toHaveLength(1);
  });

  it('tells listeners about new and updated messages', async () => {
    const seen: string[] = [];
    const off = fake.onMessage((e) => seen.push(e.type));
    const res = await send('oc_other', card('listen'));
    await client.im.message.patch({ path: { message_id: res.data!.message_id! }, data: { content: JSON.stringify(card('listen 2')) } });
    off();
    await send('oc_other', card('unheard'));
    expect(seen).toEqual(['created', 'updated']);
    expect(fake.unknownCalls).toEqual([]);
  });
});
