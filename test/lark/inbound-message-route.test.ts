import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { LarkMessage } from '../../src/contracts/inbound.ts';
import { messageRoute } from '../../src/usecases/inbound/message-route.ts';

// Which chat messages become questions for the bot (queued as `message` jobs), and which are ignored.
const ctx = { logger: pino({ level: 'silent' }), now: () => new Date('2021-06-08T02:00:00Z') };
const msg = (over: Partial<LarkMessage> = {}): LarkMessage => ({
  eventId: 'ev_1', messageId: 'om_1', chatId: 'oc_1', chatType: 'p2p', messageType: 'text', content: '{"text":"任务7"}', text: '任务7',
  senderOpenId: 'ou_a', senderType: 'user', mentions: [], ...over,
});

describe('the message route', () => {
  it('queues a person’s text in a private chat, as it came', async () => {
    const m = msg();
    expect(await messageRoute(m, ctx)).toEqual({ kind: 'message', payload: m });
  });

  it('queues a group message that mentions someone', async () => {
    const m = msg({ chatType: 'group', mentions: [{ key: '@_user_1', openId: 'ou_bot', name: '督办机器人' }] });
    expect(await messageRoute(m, ctx)).toEqual({ kind: 'message', payload: m });
  });

  it.each([
    ['a group message that mentions no one', msg({ chatType: 'group' })],
    ['a bot’s own message', msg({ senderType: 'app' })],
    ['a message with no sender', msg({ senderOpenId: undefined })],
    ['an image', msg({ messageType: 'image', text: undefined })],
    ['a text message whose text could not be read', msg({ text: undefined })],
    ['a post (rich text)', msg({ messageType: 'post' })],
  ])('ignores %s', async (_what, m) => {
    expect(await messageRoute(m, ctx)).toBeNull();
  });
});
