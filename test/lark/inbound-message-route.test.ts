import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { LarkMessage } from '../../src/contracts/inbound.ts';
import { fixedBotIdentity } from '../../src/lark/bot-identity.ts';
import { createMessageRoute } from '../../src/usecases/inbound/message-route.ts';

// Which chat messages become questions for the bot (queued as `message` jobs), and which are ignored.
const ctx = { logger: pino({ level: 'silent' }), now: () => new Date('2021-06-08T02:00:00Z') };
const route = createMessageRoute(fixedBotIdentity('ou_bot'));
const msg = (over: Partial<LarkMessage> = {}): LarkMessage => ({
  eventId: 'ev_1', messageId: 'om_1', chatId: 'oc_1', chatType: 'p2p', messageType: 'text', content: '{"text":"任务7"}', text: '任务7',
  senderOpenId: 'ou_a', senderType: 'user', mentions: [], ...over,
});
const botMention = { key: '@_user_1', openId: 'ou_bot', name: '督办机器人' };

describe('the message route', () => {
  it('queues a person’s text in a private chat, as it came', async () => {
    const m = msg();
    expect(await route(m, ctx)).toEqual({ kind: 'message', payload: m });
  });

  it('queues a group message that mentions the bot, among others', async () => {
    const m = msg({ chatType: 'group', mentions: [{ key: '@_user_2', openId: 'ou_b', name: '同事' }, botMention] });
    expect(await route(m, ctx)).toEqual({ kind: 'message', payload: m });
  });

  it('answers an image with the unsupported-message reply', async () => {
    const m = msg({ messageType: 'image', text: undefined });
    expect(await route(m, ctx)).toEqual({ kind: 'unsupported_message', payload: m });
  });

  it.each([
    ['a group message that mentions no one', msg({ chatType: 'group' })],
    ['a group message that mentions only colleagues', msg({ chatType: 'group', mentions: [{ key: '@_user_2', openId: 'ou_b', name: '同事' }] })],
    ['a group message to @所有人', msg({ chatType: 'group', mentions: [{ key: '@_all', openId: 'ou_bot', name: '所有人' }] })],
    ['a bot’s own message', msg({ senderType: 'app' })],
    ['a message with no sender', msg({ senderOpenId: undefined })],
  ])('ignores %s', async (_what, m) => {
    expect(await route(m, ctx)).toBeNull();
  });

  it('asks Lark to deliver a group message again when the bot’s identity is unknown', async () => {
    const unknown = createMessageRoute(fixedBotIdentity(null));
    await expect(unknown(msg({ chatType: 'group', mentions: [botMention] }), ctx)).rejects.toMatchObject({ code: 'BOT_IDENTITY_UNKNOWN', retryable: true });
  });
});
