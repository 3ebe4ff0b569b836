import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyLarkRequest } from '../../src/lark/inbound/verify.ts';
import { consolePeople, mountConsole, type ConsoleStep } from '../../src/simulator/console/index.ts';
import { startFakeLark, type FakeLark } from '../../src/simulator/index.ts';
import { seedFakeFromDirectory } from '../../src/simulator/seed-directory.ts';
import type { ParsedDirectory } from '../../src/directory/types.ts';
import { card } from '../support/fake-lark.ts';

// The console's JSON API against a fake duban webhook that checks what arrives exactly as duban
// does (decrypt, signature, token) and answers like duban: a toast and maybe a raw card.

const KEYS = { encryptKey: 'console-test-encrypt-key', verificationToken: 'console-test-token' };
const APP_ID = 'cli_a1b2c3d4e5f60718';
const BOT = { openId: 'ou_bot_console', name: '督办' };
const DIR: ParsedDirectory = {
  admins: [{ openId: 'ou_admin_1', name: '周督办' }],
  leadership: [{ name: '局领导', chatId: 'oc_lead' }],
  departments: [{ name: '运用促进司', aliases: [], chatId: 'oc_dept_y', reporters: [{ openId: 'ou_zs', name: '张三' }] }],
  regions: [],
  indicators: [],
};

let fake: FakeLark;
let webhook: FastifyInstance;
let received: Record<string, unknown>[] = [];
let answer: unknown = { toast: { type: 'success', content: '已收到' } };
let stepCalls: ConsoleStep[] = [];

beforeAll(async () => {
  webhook = Fastify();
  webhook.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  webhook.post('/lark/events', async (req, reply) => {
    const v = verifyLarkRequest(req.body as string, req.headers, KEYS, new Date());
    if (!v.ok) return reply.code(v.status).send({ error: v.reason });
    if (v.challenge !== undefined) return { challenge: v.challenge };
    received.push(v.payload);
    return answer;
  });
  const base = await webhook.listen({ port: 0, host: '127.0.0.1' });
  fake = await startFakeLark({
    appId: APP_ID,
    appSecret: 'secret',
    mount: (f) =>
      mountConsole(f, {
        ...KEYS,
        webhookUrl: `${base}/lark/events`,
        appId: APP_ID,
        botOpenId: BOT.openId,
        botName: BOT.name,
        people: consolePeople(DIR),
        steps: async (step) => {
          stepCalls.push(step);
          return `已执行 ${step}`;
        },
      }),
  });
  seedFakeFromDirectory(fake, DIR, BOT);
});

afterAll(async () => {
  await fake?.stop();
  await webhook?.close();
});

beforeEach(() => {
  received = [];
  stepCalls = [];
  answer = { toast: { type: 'success', content: '已收到' } };
});

const get = (url: string) => fake.app.inject({ method: 'GET', url });
const post = (url: string, payload: unknown) => fake.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });

function addCard(chatId: string, c: unknown = card('运用促进司 · 本周任务填报')) {
  const at = String(Date.now());
  const m = { message_id: `om_${Math.random().toString(16).slice(2)}`, chat_id: chatId, msg_type: 'interactive', content: JSON.stringify(c), card: c, create_time: at, update_time: at, updates: 0, sender: { id: APP_ID, id_type: 'app_id' as const, sender_type: 'app' as const } };
  fake.state.addMessage(m);
  return m;
}

describe('console page and snapshot', () => {
  it('serves the page and its scripts, and nothing outside its folder', async () => {
    const page = await get('/console');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('/console/app.js');
    expect((await get('/console/card.js')).headers['content-type']).toContain('javascript');
    expect((await get('/console/..%2Fserver.ts')).statusCode).toBe(404);
    expect((await get('/console/markdown.d.ts')).statusCode).toBe(404);
  });

  it('lists the chats and the people, with the outsider registered as a user', async () => {
    const snap = (await get('/console/api/snapshot')).json();
    expect(snap.chats.map((c: { chat_id: string }) => c.chat_id)).toEqual(expect.arrayContaining(['oc_dept_y', 'oc_lead']));
    expect(snap.people.map((p: { name: string; role: string }) => `${p.name}/${p.role}`)).toEqual(['张三/reporter', '周督办/admin', '外部人员/outsider']);
    expect(snap.people[0].department).toBe('运用促进司');
    expect(fake.state.users.get('ou_outsider_0001')?.name).toBe('外部人员');
    expect(snap.steps).toBe(true);
  });

  it('answers "unchanged" until a message arrives, then shows it in its chat', async () => {
    const first = (await get('/console/api/snapshot?chat=oc_lead')).json();
    expect((await get(`/console/api/snapshot?chat=oc_lead&since=${first.version}`)).json()).toEqual({ version: first.version, unchanged: true });
    const m = addCard('oc_lead', card('督办周报'));
    const next = (await get(`/console/api/snapshot?chat=oc_lead&since=${first.version}`)).json();
    expect(next.version).toBeGreaterThan(first.version);
    expect(next.messages.at(-1)).toMatchObject({ message_id: m.message_id, sender: { type: 'app', name: '督办' }, card: { header: { title: { content: '督办周报' } } } });
    expect(next.chats.find((c: { chat_id: string }) => c.chat_id === 'oc_lead').last.preview).toBe('[卡片] 督办周报');
  });

  it('is not recorded as calls to the Lark API', async () => {
    await get('/console/api/snapshot');
    expect(fake.calls.filter((c) => c.path.startsWith('/console'))).toEqual([]);
    expect(fake.unknownCalls).toEqual([]);
  });
});

describe('POST /console/api/action', () => {
  const value = { kind: 'report', planId: 1, roundId: 2, departmentId: 3, taskId: 7 };
  const formValue = { status_7: 'on_track', progress_7: '60', note_7: '进展顺利', evidence_7: '' };

  it('sends card.action.trigger as Lark does and returns the toast; a raw card replaces the message', async () => {
    const m = addCard('oc_dept_y');
    answer = { toast: { type: 'success', content: '已提交：正常推进 · 60%' }, card: { type: 'raw', data: card('已提交') } };
    const res = await post('/console/api/action', { messageId: m.message_id, operator: 'ou_zs', name: 'submit_7', value, formValue });
    expect(res.json()).toEqual({ status: 200, toast: { type: 'success', content: '已提交：正常推进 · 60%' }, cardReplaced: true });
    expect(received).toHaveLength(1);
    const p = received[0] as { header: Record<string, unknown>; event: Record<string, any> };
    expect(p.header).toMatchObject({ event_type: 'card.action.trigger', token: KEYS.verificationToken, app_id: APP_ID });
    expect(p.event.operator.open_id).toBe('ou_zs');
    expect(p.event.action).toEqual({ tag: 'button', name: 'submit_7', value, form_value: formValue });
    expect(p.event.context).toEqual({ open_message_id: m.message_id, open_chat_id: 'oc_dept_y' });
    expect(fake.state.cardTokens.get(p.event.token)?.message_id).toBe(m.message_id);
    expect(fake.state.messages.get(m.message_id)).toMatchObject({ updates: 1, card: { header: { title: { content: '已提交' } } } });
  });

  it('shows a refusal toast and leaves the card as it was', async () => {
    const m = addCard('oc_dept_y');
    answer = { toast: { type: 'error', content: '您不是「运用促进司」的填报人，无法提交。' } };
    const res = await post('/console/api/action', { messageId: m.message_id, operator: 'ou_outsider_0001', name: 'submit_7', value, formValue });
    expect(res.json()).toEqual({ status: 200, toast: { type: 'error', content: '您不是「运用促进司」的填报人，无法提交。' }, cardReplaced: false });
    expect(fake.state.messages.get(m.message_id)?.updates).toBe(0);
  });

  it('refuses an unknown card or an unknown person, and sends nothing', async () => {
    const m = addCard('oc_dept_y');
    const unknownCard = await post('/console/api/action', { messageId: 'om_nope', operator: 'ou_zs', value });
    expect(unknownCard.statusCode).toBe(404);
    expect(unknownCard.json().error).toBe('找不到这张卡片');
    const unknownPerson = await post('/console/api/action', { messageId: m.message_id, operator: 'ou_nobody', value });
    expect(unknownPerson.statusCode).toBe(400);
    expect(received).toEqual([]);
    expect([...fake.state.cardTokens.values()].some((t) => t.message_id === m.message_id)).toBe(false);
  });
});

describe('POST /console/api/message', () => {
  it('in a group: stores the message and delivers it with an @-mention of the bot', async () => {
    const res = await post('/console/api/message', { chatId: 'oc_dept_y', sender: 'ou_zs', text: '任务7进展？' });
    expect(res.json().status).toBe(200);
    const stored = fake.state.messages.get(res.json().messageId);
    expect(stored).toMatchObject({ chat_id: 'oc_dept_y', msg_type: 'text', text: '@督办 任务7进展？' });
    const msg = (received[0] as { event: { message: Record<string, any>; sender: Record<string, any> } }).event;
    expect(msg.message).toMatchObject({ chat_type: 'group', chat_id: 'oc_dept_y', content: JSON.stringify({ text: '@_user_1 任务7进展？' }), message_id: stored!.message_id });
    expect(msg.message.mentions).toEqual([expect.objectContaining({ key: '@_user_1', name: '督办', id: expect.objectContaining({ open_id: BOT.openId }) })]);
    expect(msg.sender.sender_id.open_id).toBe('ou_zs');
  });

  it('in a group: an @督办 typed in front is not doubled', async () => {
    const res = await post('/console/api/message', { chatId: 'oc_dept_y', sender: 'ou_zs', text: '@督办 任务8' });
    expect(fake.state.messages.get(res.json().messageId)).toMatchObject({ text: '@督办 任务8' });
    const msg = (received.at(-1) as { event: { message: Record<string, any> } }).event.message;
    expect(msg.content).toBe(JSON.stringify({ text: '@_user_1 任务8' }));
  });

  it('in a private chat: no mention, chat_type p2p', async () => {
    const { chat_id } = (await post('/console/api/p2p', { openId: 'ou_zs' })).json();
    expect(chat_id).toBe('oc_p2p_zs');
    await post('/console/api/message', { chatId: chat_id, sender: 'ou_zs', text: '任务7' });
    const msg = (received[0] as { event: { message: Record<string, unknown> } }).event.message;
    expect(msg).toMatchObject({ chat_type: 'p2p', content: JSON.stringify({ text: '任务7' }) });
    expect(msg.mentions).toBeUndefined();
  });

  it('sends a picked file with its bytes, or the sample PDF, without mentions (a file cannot carry one), served to that message only', async () => {
    const bytes = Buffer.from('%PDF-1.4 picked file');
    const picked = await post('/console/api/message', { chatId: 'oc_dept_y', sender: 'ou_zs', kind: 'file', fileName: '成效.pdf', fileBase64: bytes.toString('base64') });
    const sample = await post('/console/api/message', { chatId: 'oc_dept_y', sender: 'ou_zs', kind: 'file' });
    const [a, b] = received.map((r) => (r as { event: { message: Record<string, any> } }).event.message);
    expect(a!.mentions).toBeUndefined();
    const keyA = JSON.parse(a!.content).file_key as string;
    expect(fake.state.messageFiles.get(keyA)).toMatchObject({ message_id: picked.json().messageId, file_name: '成效.pdf', bytes });
    const keyB = JSON.parse(b!.content).file_key as string;
    expect(JSON.parse(b!.content).file_name).toBe('成效报送示例.pdf');
    expect(fake.state.messageFiles.get(keyB)!.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(fake.state.messageFiles.get(keyB)!.message_id).toBe(sample.json().messageId);
    const tooBig = await post('/console/api/message', { chatId: 'oc_dept_y', sender: 'ou_zs', kind: 'file', fileName: 'big.pdf', fileBase64: Buffer.alloc(8 * 1024 * 1024 + 1).toString('base64') });
    expect(tooBig.statusCode).toBe(413);
  });

  it('sends rich text (addressing the bot with an at run in a group), an image or a file as their own message types', async () => {
    await post('/console/api/message', { chatId: 'oc_dept_y', sender: 'ou_zs', text: '任务7\n进展？', kind: 'post' });
    await post('/console/api/message', { chatId: 'oc_dept_y', sender: 'ou_zs', kind: 'image' });
    await post('/console/api/message', { chatId: 'oc_dept_y', sender: 'ou_zs', kind: 'file', fileName: '进展.docx' });
    const [p, i, f] = received.map((r) => (r as { event: { message: Record<string, any> } }).event.message);
    expect(p!.message_type).toBe('post');
    expect(JSON.parse(p!.content).content).toEqual([
      [{ tag: 'at', user_id: '@_user_1', user_name: '督办' }, { tag: 'text', text: '任务7' }],
      [{ tag: 'text', text: '进展？' }],
    ]);
    expect(p!.mentions[0]).toMatchObject({ key: '@_user_1', id: expect.objectContaining({ open_id: BOT.openId }) });
    expect([i!.message_type, Object.keys(JSON.parse(i!.content))]).toEqual(['image', ['image_key']]);
    expect([f!.message_type, JSON.parse(f!.content).file_name]).toEqual(['file', '进展.docx']);
    expect(fake.state.messagesIn('oc_dept_y').slice(-2).map((m) => m.text)).toEqual(['[图片]', '[文件] 进展.docx']);
  });

  it('refuses an unknown message kind, storing and sending nothing', async () => {
    const before = fake.state.messages.size;
    expect((await post('/console/api/message', { chatId: 'oc_dept_y', sender: 'ou_zs', text: 'x', kind: 'sticker' })).statusCode).toBe(400);
    expect(fake.state.messages.size).toBe(before);
    expect(received).toEqual([]);
  });

  it('refuses an empty message or an unknown chat, storing and sending nothing', async () => {
    const before = fake.state.messages.size;
    expect((await post('/console/api/message', { chatId: 'oc_dept_y', sender: 'ou_zs', text: '   ' })).statusCode).toBe(400);
    expect((await post('/console/api/message', { chatId: 'oc_nope', sender: 'ou_zs', text: '任务7' })).statusCode).toBe(404);
    expect(fake.state.messages.size).toBe(before);
    expect(received).toEqual([]);
  });
});

describe('POST /console/api/steps', () => {
  it('runs the injected step and answers its line', async () => {
    const res = await post('/console/api/steps', { step: 'digest' });
    expect(res.json()).toEqual({ line: '已执行 digest' });
    expect(stepCalls).toEqual(['digest']);
  });

  it('refuses an unknown step without running anything', async () => {
    const res = await post('/console/api/steps', { step: 'drop_tables' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toContain('未知步骤');
    expect(stepCalls).toEqual([]);
  });
});
