/**
 * Which chat messages are questions for the bot (issue 5): text or rich-text messages from people,
 * in a private chat, or in a group when they @-mention the bot. Messages from bots (sender_type
 * `app`) and group messages that do not mention it are not. Shapes follow im.message.receive_v1
 * (docs/lark.md#message-events); duplicates are the inbound dedupe's job, not this function's.
 */
export interface ReceivedMessage {
  sender: { sender_type?: string | null; sender_id?: { open_id?: string | null } | null };
  message: {
    chat_type?: string | null;
    message_type?: string | null;
    content?: string | null;
    mentions?: Array<{ key?: string | null; id?: { open_id?: string | null } | null; name?: string | null }> | null;
  };
}

export type QuestionOrSkip =
  | { question: string }
  | { skip: 'from_bot' | 'not_mentioned' | 'not_text' };

/** Plain text of a post (rich text) message: every text and link run, line by line. */
function postText(content: Record<string, unknown>): string {
  const body = (content.content ?? (Object.values(content).find((v) => typeof v === 'object' && v && 'content' in v) as Record<string, unknown> | undefined)?.content) as unknown;
  if (!Array.isArray(body)) return '';
  return body
    .map((line) => (Array.isArray(line) ? line.map((run) => (run && typeof run.text === 'string' ? run.text : '')).join('') : ''))
    .join('\n');
}

/** The question text (mention placeholders still in it; parseQuestion strips them), or why the message is not one. */
export function questionFromMessage(m: ReceivedMessage, botOpenId?: string): QuestionOrSkip {
  if (m.sender.sender_type && m.sender.sender_type !== 'user') return { skip: 'from_bot' };
  if (m.message.chat_type === 'group') {
    const mentions = m.message.mentions ?? [];
    const mentioned = botOpenId ? mentions.some((x) => x.id?.open_id === botOpenId) : mentions.length > 0;
    if (!mentioned) return { skip: 'not_mentioned' };
  }
  let content: Record<string, unknown>;
  try {
    content = JSON.parse(m.message.content ?? '') as Record<string, unknown>;
  } catch {
    return { skip: 'not_text' };
  }
  const text =
    m.message.message_type === 'text' && typeof content.text === 'string'
      ? content.text
      : m.message.message_type === 'post'
        ? postText(content)
        : null;
  if (text === null) return { skip: 'not_text' };
  return { question: text };
}
