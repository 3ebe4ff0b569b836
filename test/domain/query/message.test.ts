import { describe, expect, it } from 'vitest';
import { questionFromMessage, type ReceivedMessage } from '../../../src/domain/query/message.ts';
import { parseQuestion } from '../../../src/domain/query/parse.ts';
import { seedContext } from './seed-context.ts';

const BOT = 'ou_bot';
const mention = (openId: string, key = '@_user_1') => ({ key, id: { open_id: openId }, name: 'x' });

function msg(over: { chat?: string; type?: string; content?: unknown; mentions?: ReturnType<typeof mention>[]; sender?: string }): ReceivedMessage {
  return {
    sender: { sender_type: over.sender ?? 'user', sender_id: { open_id: 'ou_person' } },
    message: {
      chat_type: over.chat ?? 'p2p',
      message_type: over.type ?? 'text',
      content: typeof over.content === 'string' ? over.content : JSON.stringify(over.content ?? { text: '任务5进展？' }),
      mentions: over.mentions ?? [],
    },
  };
}

describe('which messages are questions for the bot', () => {
  it('a private text message is a question', () => {
    expect(questionFromMessage(msg({}), BOT)).toEqual({ question: '任务5进展？' });
  });

  it('a group message that @-mentions the bot is a question, and the placeholder does not disturb parsing', () => {
    const r = questionFromMessage(msg({ chat: 'group', content: { text: '@_user_1 任务5进展？' }, mentions: [mention(BOT)] }), BOT);
    expect(r).toEqual({ question: '@_user_1 任务5进展？' });
    expect(parseQuestion('question' in r ? r.question : '', seedContext())).toEqual({ kind: 'task', number: 5 });
  });

  it('a group message that does not mention the bot is ignored, even if it mentions someone else', () => {
    expect(questionFromMessage(msg({ chat: 'group' }), BOT)).toEqual({ skip: 'not_mentioned' });
    expect(questionFromMessage(msg({ chat: 'group', mentions: [mention('ou_someone')] }), BOT)).toEqual({ skip: 'not_mentioned' });
  });

  it('messages from bots are ignored', () => {
    expect(questionFromMessage(msg({ sender: 'app' }), BOT)).toEqual({ skip: 'from_bot' });
  });

  it('images, files and malformed content are not questions', () => {
    expect(questionFromMessage(msg({ type: 'image', content: { image_key: 'img' } }), BOT)).toEqual({ skip: 'not_text' });
    expect(questionFromMessage(msg({ content: '{not json' }), BOT)).toEqual({ skip: 'not_text' });
  });

  it('a rich-text (post) message gives its text runs', () => {
    const post = { title: '', content: [[{ tag: 'at', user_id: '@_user_1' }, { tag: 'text', text: ' 哪些任务有风险' }]] };
    expect(questionFromMessage(msg({ chat: 'group', type: 'post', content: post, mentions: [mention(BOT)] }), BOT)).toEqual({ question: ' 哪些任务有风险' });
  });

  it('a bare mention is a question too: it gets the help answer', () => {
    const r = questionFromMessage(msg({ chat: 'group', content: { text: '@_user_1' }, mentions: [mention(BOT)] }), BOT);
    expect(parseQuestion('question' in r ? r.question : 'x', seedContext())).toEqual({ kind: 'help' });
  });
});
