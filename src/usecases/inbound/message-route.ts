import type { InboundJobSpec, LarkMessage, RouteContext } from '../../contracts/inbound.ts';

/**
 * Which chat messages are questions for the bot: text from people, in a private chat or
 * @-mentioning someone in a group (in groups Lark only delivers messages that mention the bot
 * unless the app has the group-message scope). Bots' own messages are ignored.
 */
export async function messageRoute(msg: LarkMessage, _ctx: RouteContext): Promise<InboundJobSpec | null> {
  if (msg.senderType !== 'user' || !msg.senderOpenId) return null;
  if (msg.messageType !== 'text' || msg.text === undefined) return null;
  if (msg.chatType !== 'p2p' && msg.mentions.length === 0) return null;
  return { kind: 'message', payload: msg };
}
