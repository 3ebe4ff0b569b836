import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { LarkMessage } from '../../src/contracts/inbound.ts';
import { fixedBotIdentity } from '../../src/lark/bot-identity.ts';
import { parseMessageEvent } from '../../src/lark/inbound/events.ts';
import { messageReceiveEvent } from '../../src/simulator/index.ts';
import { createMessageRoute } from '../../src/usecases/inbound/message-route.ts';

// Which messages are for the bot, read from events shaped as Lark sends them (the fake's builder).
const BOT = 'ou_bot_self';
const ctx = { logger: pino({ level: 'silent' }), now: () => new Date() };
const base = { eventId: 'ev1', appId: 'cli_x', verificationToken: 't', createTime: new Date(0), messageId: 'om_1', chatId: 'oc_1', sender: { openId: 'ou_a' } };
const flat = (p: ReturnType<typeof messageReceiveEvent>) => ({ ...p.header, ...p.event });
const msg = (i: Partial<Parameters<typeof messageReceiveEvent>[0]>): LarkMessage =>
  parseMessageEvent(flat(messageReceiveEvent({ ...base, chatType: 'group', ...i })))!;

describe('message route', () => {
  const route = createMessageRoute(fixedBotIdentity(BOT));

  it('takes a group message only when the bot itself is among the mentions, in any position', async () => {
    const colleague = { key: '@_user_1', openId: 'ou_li', name: '李四' };
    const bot = { key: '@_user_2', openId: BOT, name: '督办' };
    expect(await route(msg({ text: '@_user_1 任务5', mentions: [colleague] }), ctx)).toBeNull();
    expect(await route(msg({ text: '@_all 任务5', mentions: [{ key: '@_all', name: '所有人' }] }), ctx)).toBeNull();
    expect(await route(msg({ text: '任务5' }), ctx)).toBeNull();
    expect(await route(msg({ text: '@_user_1 @_user_2 任务5', mentions: [colleague, bot] }), ctx)).toMatchObject({ kind: 'message' });
    expect(await route(msg({ text: '@_all @_user_2 任务5', mentions: [{ key: '@_all', name: '所有人' }, bot] }), ctx)).toMatchObject({ kind: 'message' });
  });

  it('refuses (so Lark delivers again) a group message with mentions while the bot’s identity is unknown, and queues nothing', async () => {
    const unknown = createMessageRoute(fixedBotIdentity(null));
    await expect(unknown(msg({ text: '@_user_1 任务5', mentions: [{ key: '@_user_1', openId: BOT, name: '督办' }] }), ctx)).rejects.toMatchObject({ code: 'BOT_IDENTITY_UNKNOWN', retryable: true });
    // Private chats do not need it.
    expect(await unknown(msg({ chatType: 'p2p', text: '任务5' }), ctx)).toMatchObject({ kind: 'message' });
  });

  it('reads a rich-text message as its text, mentions as placeholders, and answers other types with what it reads', async () => {
    const post = msg({
      chatType: 'p2p',
      body: { type: 'post', title: '请问', content: [[{ tag: 'at', user_id: '@_user_1', user_name: '督办' }, { tag: 'text', text: ' 任务' }, { tag: 'text', text: '5进展', style: ['bold'] }], [{ tag: 'img', image_key: 'img_1' }], [{ tag: 'a', text: '链接', href: 'http://x' }]] },
    });
    expect(post.text).toBe('请问\n@_user_1 任务5进展\n链接');
    expect(await route(post, ctx)).toMatchObject({ kind: 'message' });
    expect(msg({ chatType: 'p2p', body: { type: 'post', content: 'oops' as never } }).text).toBeUndefined();
    expect(await route(msg({ chatType: 'p2p', body: { type: 'image', imageKey: 'img_1' } }), ctx)).toMatchObject({ kind: 'unsupported_message' });
    // A file is a 成效报送 report: queued for the worker, in a group too (a file cannot @-mention the bot).
    for (const chatType of ['p2p', 'group'] as const) {
      expect(await route(msg({ chatType, body: { type: 'file', fileKey: 'file_1', fileName: 'a.pdf' } }), ctx)).toMatchObject({
        kind: 'result_file',
        payload: { fileKey: 'file_1', fileName: 'a.pdf', chatType },
      });
    }
    // An app's own messages are never questions.
    expect(await route({ ...msg({ chatType: 'p2p', text: '任务5' }), senderType: 'app' }, ctx)).toBeNull();
  });
});
