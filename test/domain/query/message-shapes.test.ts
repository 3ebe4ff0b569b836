import { describe, expect, it } from 'vitest';
import { questionFromMessage, type ReceivedMessage } from '../../../src/domain/query/message.ts';

const BOT = 'ou_bot';

function message(over: Partial<ReceivedMessage['message']>, sender: ReceivedMessage['sender'] = { sender_type: 'user' }): ReceivedMessage {
  return { sender, message: { chat_type: 'p2p', message_type: 'text', content: JSON.stringify({ text: '任务5进展？' }), mentions: [], ...over } };
}
const post = (content: unknown) => message({ message_type: 'post', content: JSON.stringify(content) });

describe('questionFromMessage: senders and mentions', () => {
  it('takes a message without a sender type as a person’s', () => {
    expect(questionFromMessage(message({}, { sender_type: null }), BOT)).toEqual({ question: '任务5进展？' });
    expect(questionFromMessage(message({}, {}), BOT)).toEqual({ question: '任务5进展？' });
  });

  it('skips any sender that is not a person', () => {
    expect(questionFromMessage(message({}, { sender_type: 'app' }), BOT)).toEqual({ skip: 'from_bot' });
    expect(questionFromMessage(message({}, { sender_type: 'system' }), BOT)).toEqual({ skip: 'from_bot' });
  });

  it('in a group, without the bot’s id, any mention will do', () => {
    const mentioned = message({ chat_type: 'group', mentions: [{ key: '@_user_1', id: { open_id: 'ou_someone' }, name: '张三' }] });
    expect(questionFromMessage(mentioned)).toEqual({ question: '任务5进展？' });
    expect(questionFromMessage(message({ chat_type: 'group' }))).toEqual({ skip: 'not_mentioned' });
    expect(questionFromMessage(message({ chat_type: 'group', mentions: null }))).toEqual({ skip: 'not_mentioned' });
  });

  it('in a group, with the bot’s id, only a mention of the bot will do', () => {
    expect(questionFromMessage(message({ chat_type: 'group', mentions: null }), BOT)).toEqual({ skip: 'not_mentioned' });
    expect(questionFromMessage(message({ chat_type: 'group', mentions: [{ key: '@_user_1', id: null }] }), BOT)).toEqual({ skip: 'not_mentioned' });
    const both = [{ key: '@_user_1', id: { open_id: 'ou_someone' } }, { key: '@_user_2', id: { open_id: BOT } }];
    expect(questionFromMessage(message({ chat_type: 'group', mentions: both }), BOT)).toEqual({ question: '任务5进展？' });
  });

  it('in a private chat, needs no mention', () => {
    expect(questionFromMessage(message({ chat_type: 'p2p', mentions: null }), BOT)).toEqual({ question: '任务5进展？' });
  });
});

describe('questionFromMessage: contents', () => {
  it('is no question without content, or with a text that is not a string', () => {
    expect(questionFromMessage(message({ content: null }), BOT)).toEqual({ skip: 'not_text' });
    expect(questionFromMessage(message({ content: JSON.stringify({ text: 5 }) }), BOT)).toEqual({ skip: 'not_text' });
    expect(questionFromMessage(message({ message_type: null }), BOT)).toEqual({ skip: 'not_text' });
  });

  it('keeps an empty text', () => {
    expect(questionFromMessage(message({ content: JSON.stringify({ text: '' }) }), BOT)).toEqual({ question: '' });
  });

  it('reads a post line by line, text and link runs, skipping other runs', () => {
    const content = {
      title: '周报',
      content: [
        [{ tag: 'text', text: '任务5' }, { tag: 'a', text: '进展', href: 'https://example.com' }, { tag: 'img', image_key: 'img' }, null],
        [{ tag: 'text', text: '怎么样' }],
        'not a line',
      ],
    };
    expect(questionFromMessage(post(content), BOT)).toEqual({ question: '任务5进展\n怎么样\n' });
  });

  it('reads a post keyed by language', () => {
    const content = { title: 'x', empty: null, zh_cn: { title: '问题', content: [[{ tag: 'text', text: '哪些任务有风险' }]] } };
    expect(questionFromMessage(post(content), BOT)).toEqual({ question: '哪些任务有风险' });
  });

  it('gives an empty question for a post without lines', () => {
    expect(questionFromMessage(post({ title: '只有标题' }), BOT)).toEqual({ question: '' });
    expect(questionFromMessage(post({ content: '任务5' }), BOT)).toEqual({ question: '' });
  });
});
