import { z } from 'zod';
import type { BotMembershipPayload } from '../../contracts/inbound.ts';

// The bot added to / removed from a group: `im.chat.member.bot.added_v1` and
// `im.chat.member.bot.deleted_v1` (https://open.feishu.cn/document/server-docs/group/chat-member/event/added-2
// and …/deleted-2). The event carries the chat, its name and who did it.

export const BOT_ADDED = 'im.chat.member.bot.added_v1';
export const BOT_DELETED = 'im.chat.member.bot.deleted_v1';

const schema = z.object({
  event_id: z.string().min(1),
  chat_id: z.string().min(1),
  name: z.string().nullish(),
  operator_id: z.object({ open_id: z.string().nullish() }).partial().nullish(),
});

export function parseBotMembership(data: unknown, change: BotMembershipPayload['change']): (BotMembershipPayload & { eventId: string }) | null {
  const r = schema.safeParse(data);
  if (!r.success) return null;
  return {
    eventId: r.data.event_id,
    chatId: r.data.chat_id,
    chatName: r.data.name ?? undefined,
    operatorOpenId: r.data.operator_id?.open_id ?? undefined,
    change,
  };
}
