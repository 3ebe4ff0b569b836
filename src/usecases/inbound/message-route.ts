import type { InboundJobSpec, LarkMessage, RouteContext } from '../../contracts/inbound.ts';
import { DubanError } from '../../errors.ts';
import type { BotIdentity } from '../../lark/bot-identity.ts';
import { parseOperationCommand } from '../../domain/query/operation-command.ts';

/** `{"file_key","file_name"}` of a file message; null when Lark's content is not that. */
function fileOf(content: string): { fileKey: string; fileName: string } | null {
  try {
    const c = JSON.parse(content) as { file_key?: unknown; file_name?: unknown };
    if (typeof c.file_key === 'string' && c.file_key && typeof c.file_name === 'string') return { fileKey: c.file_key, fileName: c.file_name };
  } catch {
    // Not JSON: answered like any message the bot cannot read.
  }
  return null;
}

/** Message types read as a question: text, and rich text (`post`) read as its text. */
const READABLE = new Set(['text', 'post']);

/**
 * Which chat messages are for the bot: from people, in a private chat or @-mentioning the bot
 * itself in a group. With the group-message scope Lark delivers every group message, and
 * `mentions` lists colleagues and @所有人 in any order, so only the bot's own open_id (from
 * bot/v3/info) makes a group message a question. Text and rich text are questions; a file is a
 * 成效报送 electronic report (src/usecases/results/intake-file.ts); images and the rest get a short
 * reply saying what the bot reads. Bots' own messages are ignored. A
 * message that is exactly an admin command becomes an operation request (usecases/operations/).
 */
export function createMessageRoute(bot: BotIdentity) {
  return async (msg: LarkMessage, _ctx: RouteContext): Promise<InboundJobSpec | null> => {
    if (msg.senderType !== 'user' || !msg.senderOpenId) return null;
    // A file cannot @-mention anyone: in a unit's chat it reaches the bot only with the scope to
    // read every group message, and the worker decides whether it is that unit's 成效报送.
    if (msg.messageType === 'file') {
      const file = fileOf(msg.content);
      if (file) return { kind: 'result_file', payload: { messageId: msg.messageId, chatId: msg.chatId, chatType: msg.chatType, senderOpenId: msg.senderOpenId, ...file, ...(msg.createTime ? { createTime: msg.createTime } : {}) } };
    }
    if (msg.chatType !== 'p2p') {
      const mentioned = msg.mentions.filter((m) => m.key !== '@_all' && m.openId);
      if (mentioned.length === 0) return null;
      const self = await bot.openId();
      // Unknown now (Lark unreachable): answer 503 so Lark delivers the message again later.
      if (!self) throw new DubanError('BOT_IDENTITY_UNKNOWN', '暂时无法确认机器人身份', { retryable: true });
      if (!mentioned.some((m) => m.openId === self)) return null;
    }
    if (READABLE.has(msg.messageType) && msg.text !== undefined) {
      // An admin command (开启填报, /催办 …) is asked, not answered: the worker checks who asks and confirms on a card.
      const operation = parseOperationCommand(msg.text);
      if (operation) {
        return { kind: 'operation_request', payload: { operation, source: 'message', operatorOpenId: msg.senderOpenId, chatId: msg.chatId, messageId: msg.messageId } };
      }
      return { kind: 'message', payload: msg };
    }
    return { kind: 'unsupported_message', payload: msg };
  };
}
