import { describe, expect, it } from 'vitest';
import { parseCardAction, parseMessageEvent } from '../../src/lark/inbound/events.ts';

// What the dispatcher gets from the SDK ({...header, ...event}) and what the routes see: every field
// carried over, nulls as absent, and events missing an essential refused (null).
const message = (over: Record<string, unknown> = {}, msg: Record<string, unknown> = {}) => ({
  event_id: 'ev_1',
  event_type: 'im.message.receive_v1',
  sender: { sender_id: { open_id: 'ou_a', user_id: 'u_a' }, sender_type: 'user' },
  message: {
    message_id: 'om_1',
    chat_id: 'oc_1',
    chat_type: 'group',
    message_type: 'text',
    content: JSON.stringify({ text: '@_user_1 任务7进展' }),
    root_id: 'om_root',
    parent_id: 'om_parent',
    thread_id: 'omt_1',
    create_time: '1700000000000',
    mentions: [{ key: '@_user_1', id: { open_id: 'ou_bot' }, name: '督办机器人' }],
    ...msg,
  },
  ...over,
});

describe('normalising a message event', () => {
  it('carries every field over', () => {
    expect(parseMessageEvent(message())).toEqual({
      eventId: 'ev_1',
      messageId: 'om_1',
      chatId: 'oc_1',
      chatType: 'group',
      messageType: 'text',
      content: JSON.stringify({ text: '@_user_1 任务7进展' }),
      text: '@_user_1 任务7进展',
      senderOpenId: 'ou_a',
      senderType: 'user',
      mentions: [{ key: '@_user_1', openId: 'ou_bot', name: '督办机器人' }],
      rootId: 'om_root',
      parentId: 'om_parent',
      threadId: 'omt_1',
      createTime: '1700000000000',
    });
  });

  it('reads nulls and missing optional fields as absent, a missing sender type as a user', () => {
    const m = parseMessageEvent(message({ sender: { sender_id: { open_id: null } } }, { root_id: null, parent_id: undefined, thread_id: null, create_time: null, mentions: null }))!;
    expect(m.senderOpenId).toBeUndefined();
    expect(m.senderType).toBe('user');
    expect(m.mentions).toEqual([]);
    expect([m.rootId, m.parentId, m.threadId, m.createTime]).toEqual([undefined, undefined, undefined, undefined]);
    const noName = parseMessageEvent(message({}, { mentions: [{ key: '@_user_1' }] }))!;
    expect(noName.mentions).toEqual([{ key: '@_user_1', openId: undefined, name: '' }]);
  });

  it('has text only for a text message whose content holds a text string', () => {
    expect(parseMessageEvent(message({}, { message_type: 'image', content: JSON.stringify({ text: 'x' }) }))!.text).toBeUndefined();
    expect(parseMessageEvent(message({}, { content: 'not json' }))!.text).toBeUndefined();
    expect(parseMessageEvent(message({}, { content: JSON.stringify({ text: 5 }) }))!.text).toBeUndefined();
  });

  it.each([
    ['no event id', message({ event_id: undefined })],
    ['an empty event id', message({ event_id: '' })],
    ['an empty message id', message({}, { message_id: '' })],
    ['no chat id', message({}, { chat_id: undefined })],
    ['no sender', message({ sender: undefined })],
    ['content that is not a string', message({}, { content: { text: 'x' } })],
    ['no message at all', { event_id: 'ev_1' }],
    ['not an object', 'ev_1'],
  ])('refuses an event with %s', (_what, data) => {
    expect(parseMessageEvent(data)).toBeNull();
  });
});

const cardAction = (over: Record<string, unknown> = {}, action: Record<string, unknown> = {}) => ({
  event_id: 'ev_2',
  operator: { open_id: 'ou_a', user_id: 'u_a' },
  token: 'c-token',
  host: 'im_message',
  action: {
    value: { kind: 'report' },
    form_value: { status_7: 'done' },
    tag: 'button',
    name: 'submit',
    option: 'opt',
    options: ['a', 'b'],
    input_value: 'typed',
    checked: true,
    timezone: 'Asia/Shanghai',
    ...action,
  },
  context: { open_message_id: 'om_card', open_chat_id: 'oc_card' },
  ...over,
});

describe('normalising a card action', () => {
  it('carries every field over', () => {
    expect(parseCardAction(cardAction())).toEqual({
      eventId: 'ev_2',
      operatorOpenId: 'ou_a',
      operatorUserId: 'u_a',
      value: { kind: 'report' },
      formValue: { status_7: 'done' },
      tag: 'button',
      name: 'submit',
      option: 'opt',
      options: ['a', 'b'],
      inputValue: 'typed',
      checked: true,
      timezone: 'Asia/Shanghai',
      openMessageId: 'om_card',
      openChatId: 'oc_card',
      cardToken: 'c-token',
      host: 'im_message',
    });
  });

  it('reads nulls as absent, and the message id from the top level when there is no context', () => {
    const a = parseCardAction(cardAction({ operator: undefined, context: undefined, open_message_id: 'om_top', token: null }, { form_value: null, options: null, checked: null, tag: null }))!;
    expect(a).toMatchObject({ operatorOpenId: undefined, formValue: undefined, options: undefined, checked: undefined, tag: undefined, openMessageId: 'om_top', openChatId: undefined, cardToken: undefined });
    expect(parseCardAction(cardAction({}, { checked: false }))!.checked).toBe(false);
  });

  it.each([
    ['no event id', cardAction({ event_id: undefined })],
    ['no action', cardAction({ action: undefined })],
    ['a form value that is not an object', cardAction({}, { form_value: 'x' })],
    ['options that are not strings', cardAction({}, { options: [1] })],
  ])('refuses an action with %s', (_what, data) => {
    expect(parseCardAction(data)).toBeNull();
  });
});
