import Fastify, { type FastifyInstance } from 'fastify';
import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverCardAction, messageReceiveEvent, validateCard, type FakeLark } from '../../src/simulator/index.ts';
import { card, startTestLark } from '../support/fake-lark.ts';

// The platform rules the fake holds duban to (docs/lark.md "What the simulator enforces").

let fake: FakeLark;
let client: lark.Client;

async function rejection(p: Promise<unknown>): Promise<{ status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, string> }> {
  try {
    await p;
  } catch (e) {
    return (e as { response: { status: number; data: { code: number }; headers: Record<string, string> } }).response;
  }
  throw new Error('expected the call to fail');
}

const send = (chatId: string, content: unknown) =>
  client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: chatId, msg_type: 'interactive', content: JSON.stringify(content) } });

const body = (...elements: unknown[]) => card('t', { body: { elements } });
const submit = { tag: 'button', name: 'ok', text: { tag: 'plain_text', content: '提交' }, form_action_type: 'submit' };
const form = (name: string, ...elements: unknown[]) => ({ tag: 'form', name, elements: [...elements, { ...submit, name: `${name}_ok` }] });
const codes = (c: unknown) => validateCard(c).map((v) => v.errCode);

beforeAll(async () => {
  ({ fake, client } = await startTestLark({ bot: { openId: 'ou_bot_rules', name: '督办' } }));
  for (const id of ['oc_cards', 'oc_cb']) fake.addChat({ chat_id: id, name: id });
});
afterAll(() => fake.stop());

describe('Card JSON 2.0 rules', () => {
  it('accepts a card using forms, panels, columns, a table and a chart as documented', () => {
    const good = body(
      { tag: 'markdown', content: '**hi**', text_size: 'notation' },
      { tag: 'div', text: { tag: 'plain_text', content: 'x', text_color: 'grey' } },
      form('f1', { tag: 'select_static', name: 's', options: [{ text: { tag: 'plain_text', content: 'A' }, value: 'a' }], initial_option: 'a' }, { tag: 'input', name: 'i', max_length: 3 }),
      { tag: 'collapsible_panel', header: { title: { tag: 'plain_text', content: 'more' } }, elements: [{ tag: 'column_set', columns: [{ tag: 'column', width: 'auto', elements: [{ tag: 'button', text: { tag: 'plain_text', content: 'b' }, behaviors: [{ type: 'callback', value: { a: 1 } }] }] }] }] },
      { tag: 'table', page_size: 5, columns: [{ name: 'a', display_name: 'A', data_type: 'text' }], rows: [{ a: '1' }] },
      { tag: 'chart', aspect_ratio: '16:9', chart_spec: { type: 'bar', data: { values: [] } } },
      { tag: 'hr' },
    );
    expect(validateCard(good)).toEqual([]);
  });

  it('refuses each broken rule with the sub-code Lark documents', () => {
    expect(codes({ ...body(), elements: [] })).toContain(200861);
    expect(codes(body({ tag: 'note', elements: [] }))).toEqual([200861]);
    expect(codes(body({ tag: 'action', actions: [] }))).toEqual([200861]);
    expect(codes(body({ tag: 'markdown', content: 'x', colour: 'red' }))).toEqual([200621]);
    expect(codes(body({ tag: 'blink', content: 'x' }))).toEqual([200621]);
    expect(codes(body({ tag: 'button', type: 'shiny', text: { tag: 'plain_text', content: 'b' } }))).toEqual([200621]);
    expect(codes(card('t', { header: { title: { tag: 'plain_text', content: 't' }, template: 'pink' } }))).toEqual([200621]);
    expect(codes({ schema: '2.0', header: { title: { tag: 'plain_text', content: 't' } } })).toEqual([200621]);
    // Forms: at the root only, never in a panel or another form, every field named uniquely, a submit button inside.
    expect(codes(body({ tag: 'collapsible_panel', header: { title: { tag: 'plain_text', content: 'p' } }, elements: [form('f')] }))).toContain(200621);
    expect(codes(body(form('outer', form('inner'))))).toContain(200621);
    expect(codes(body(form('f', { tag: 'input' })))).toEqual([200530]);
    expect(codes(body(form('f', { tag: 'input', name: 'x' }), form('g', { tag: 'input', name: 'x' })))).toEqual([200530]);
    expect(codes(body({ tag: 'form', name: 'f', elements: [{ tag: 'input', name: 'x' }] }))).toEqual([200621]);
    expect(codes(body(submit))).toEqual([200621]);
    // Tables: known columns only, page size 1–10, root only.
    expect(codes(body({ tag: 'table', columns: [{ name: 'a' }], rows: [{ b: 1 }] }))).toEqual([200915]);
    expect(codes(body({ tag: 'table', page_size: 20, columns: [{ name: 'a' }] }))).toEqual([200621]);
    const table = { tag: 'table', columns: [{ name: 'a' }] };
    expect(codes(body(...Array(5).fill(table)))).toEqual([]);
    expect(codes(body(...Array(6).fill(table)))).toEqual([11310]);
    expect(codes(body({ tag: 'chart', chart_spec: 'bar' }))).toEqual([200550]);
    expect(codes(body({ tag: 'column', elements: [] }))).toEqual([200621]);
    // 200 components pass, 201 do not (nested ones count).
    const md = { tag: 'markdown', content: 'x' };
    expect(codes(body(...Array(200).fill(md)))).toEqual([]);
    expect(codes(body(...Array(199).fill(md), { tag: 'collapsible_panel', header: { title: { tag: 'plain_text', content: 'p' } }, elements: [md] }))).toEqual([11310]);
    // Containers nest at most five deep.
    let nested: unknown = md;
    for (let i = 0; i < 6; i++) nested = { tag: 'collapsible_panel', header: { title: { tag: 'plain_text', content: 'p' } }, elements: [nested] };
    expect(codes(body(nested))).toEqual([200621]);
  });

  it('answers a send, a patch and a delayed update carrying a broken card with 230099 and stores nothing', async () => {
    const broken = body({ tag: 'note', elements: [] });
    const before = fake.messages.length;
    const refused = await rejection(send('oc_cards', broken));
    expect(refused.status).toBe(400);
    expect(refused.data?.code).toBe(230099);
    expect(refused.data?.msg).toMatch(/^Failed to create card content, ext=ErrCode: 200861; ErrPath: ROOT -> body -> elements\[0\]; ErrMsg: cards of schema V2 no longer support this capability; ErrorValue: .*tag "note"/);
    expect(fake.messages.length).toBe(before);

    const ok = await send('oc_cards', card('v1'));
    const id = ok.data!.message_id!;
    const patch = await rejection(client.im.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(broken) } }));
    expect(patch.data?.code).toBe(230099);
    const token = fake.issueCardToken(id);
    const update = await rejection(client.request({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token, card: broken } }));
    expect(update.data?.code).toBe(230099);
    const huge = await rejection(client.request({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token, card: card('x'.repeat(31 * 1024)) } }));
    expect(huge.data?.code).toBe(230025);
    expect(fake.state.messages.get(id)).toMatchObject({ card: card('v1'), updates: 0 });
    expect(fake.state.cardTokens.get(token)?.usesLeft).toBe(2);
  });
});

describe('quotas', () => {
  it('refuses the app-wide send past the per-minute quota with 429 99991400 and a reset up to a minute away', async () => {
    const own = await startTestLark({ limits: { appPerMinute: 8 } });
    try {
      const chats = ['oc_m1', 'oc_m2', 'oc_m3', 'oc_m4'];
      for (const id of chats) own.fake.addChat({ chat_id: id, name: id });
      // Four chats, two messages each at most per second: only the minute quota can refuse.
      const results = [];
      for (let i = 0; i < 10; i++) {
        const res = await own.client.im.message
          .create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: chats[i % 4]!, msg_type: 'interactive', content: JSON.stringify(card(`m${i}`)) } })
          .catch((e) => e.response);
        results.push(res);
      }
      const refused = results.filter((r) => r.status === 429);
      expect(results.filter((r) => r.code === 0)).toHaveLength(8);
      expect(refused).toHaveLength(2);
      expect(refused[0].data.code).toBe(99991400);
      expect(refused[0].headers['x-ogw-ratelimit-limit']).toBe('8');
      expect(Number(refused[0].headers['x-ogw-ratelimit-reset'])).toBeGreaterThan(50);
      expect(own.fake.messages).toHaveLength(8);
    } finally {
      await own.fake.stop();
    }
  });
});

describe('the bot and the people', () => {
  it('tells the bot its own open_id and name at bot/v3/info, at the top level of the answer', async () => {
    const res = await client.request<{ code: number; bot: { open_id: string; app_name: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' });
    expect(res).toMatchObject({ code: 0, bot: { open_id: 'ou_bot_rules', app_name: '督办', activate_status: 2 } });
  });

  it('builds rich-text, image and file messages and mentions in any order, @所有人 included', () => {
    const base = { eventId: 'ev1', appId: 'cli_x', verificationToken: 't', createTime: new Date(0), messageId: 'om_1', chatId: 'oc_1', chatType: 'group' as const, sender: { openId: 'ou_a' } };
    const post = messageReceiveEvent({
      ...base,
      body: { type: 'post', title: '问', content: [[{ tag: 'at', user_id: '@_user_1', user_name: '张三' }, { tag: 'text', text: ' 任务5' }]] },
      mentions: [{ key: '@_user_1', openId: 'ou_zhang', name: '张三' }, { key: '@_all', name: '所有人' }, { key: '@_user_2', openId: 'ou_bot_rules', name: '督办' }],
    });
    const msg = post.event.message as Record<string, any>;
    expect(msg.message_type).toBe('post');
    expect(JSON.parse(msg.content)).toEqual({ title: '问', content: [[{ tag: 'at', user_id: '@_user_1', user_name: '张三' }, { tag: 'text', text: ' 任务5' }]] });
    expect(msg.mentions.map((m: any) => [m.key, m.id.open_id])).toEqual([['@_user_1', 'ou_zhang'], ['@_all', ''], ['@_user_2', 'ou_bot_rules']]);
    const image = messageReceiveEvent({ ...base, body: { type: 'image', imageKey: 'img_1' } }).event.message as Record<string, any>;
    expect([image.message_type, JSON.parse(image.content)]).toEqual(['image', { image_key: 'img_1' }]);
    const file = messageReceiveEvent({ ...base, body: { type: 'file', fileKey: 'file_1', fileName: '报告.pdf' } }).event.message as Record<string, any>;
    expect([file.message_type, JSON.parse(file.content)]).toEqual(['file', { file_key: 'file_1', file_name: '报告.pdf' }]);
  });
});

describe('card callbacks as Lark sends them', () => {
  let webhook: FastifyInstance;
  let url = '';
  let answer: (req: unknown) => Promise<{ status?: number; body: unknown }>;
  beforeAll(async () => {
    webhook = Fastify();
    webhook.post('/lark/events', async (req, reply) => {
      const a = await answer(req.body);
      return reply.code(a.status ?? 200).send(a.body);
    });
    url = `${await webhook.listen({ port: 0, host: '127.0.0.1' })}/lark/events`;
  });
  afterAll(() => webhook.close());

  const click = async (messageId: string) =>
    deliverCardAction(fake, url, {
      eventId: `ev_${Math.random()}`,
      appId: 'cli_x',
      verificationToken: 't',
      createTime: new Date(),
      operator: { openId: 'ou_a' },
      cardToken: fake.issueCardToken(messageId),
      action: { tag: 'button', value: {} },
      messageId,
      chatId: 'oc_cb',
    }, { now: () => new Date() });

  it('gives up after 3 seconds and records the timeout the user sees (200341); the late card is not applied', async () => {
    const id = (await send('oc_cb', card('before'))).data!.message_id!;
    answer = async () => {
      await new Promise((r) => setTimeout(r, 3300));
      return { body: { toast: { type: 'success', content: '晚了' }, card: { type: 'raw', data: card('late') } } };
    };
    const started = Date.now();
    const res = await click(id);
    expect(Date.now() - started).toBeLessThan(3250);
    expect(res).toMatchObject({ status: 0, timedOut: true });
    expect(fake.callbacks.at(-1)).toMatchObject({ messageId: id, timedOut: true, errCode: 200341, cardReplaced: false });
    expect(fake.state.messages.get(id)?.card).toEqual(card('before'));
  }, 10_000);

  it('shows a valid answer card at once and refuses a broken one (200673), an unknown field (200672) or a 1.0 card (200830)', async () => {
    const id = (await send('oc_cb', card('before'))).data!.message_id!;
    answer = async () => ({ body: { toast: { type: 'success', content: '好' }, card: { type: 'raw', data: card('after') } } });
    expect((await click(id)).record).toMatchObject({ toast: { content: '好' }, cardReplaced: true });
    expect(fake.state.messages.get(id)?.card).toEqual(card('after'));

    answer = async () => ({ body: { toast: { type: 'success', content: '坏' }, card: { type: 'raw', data: body({ tag: 'note', elements: [] }) } } });
    expect((await click(id)).record).toMatchObject({ errCode: 200673, cardReplaced: false });
    answer = async () => ({ body: { toast: { type: 'success', content: 'x' }, extra: 1 } });
    expect((await click(id)).record).toMatchObject({ errCode: 200672 });
    answer = async () => ({ body: { card: { type: 'raw', data: { elements: [] } } } });
    expect((await click(id)).record).toMatchObject({ errCode: 200830 });
    answer = async () => ({ status: 500, body: {} });
    expect((await click(id)).record).toMatchObject({ errCode: 200671 });
    expect(fake.state.messages.get(id)?.card).toEqual(card('after'));
  });
});
