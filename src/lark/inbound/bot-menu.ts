import { z } from 'zod';

// A click on the bot's custom menu (机器人自定义菜单, an item whose response is 推送事件):
// `application.bot.menu_v6` (https://open.feishu.cn/document/server-docs/application-v6/bot/events/menu).
// The event names who clicked (operator.operator_id.open_id) and the item's developer-defined
// `event_key` (1–30 characters); it carries no chat, so the answer goes to the person privately.

export const BOT_MENU = 'application.bot.menu_v6';

const schema = z.object({
  event_id: z.string().min(1),
  operator: z.object({
    operator_id: z.object({ open_id: z.string().min(1) }).passthrough(),
    operator_name: z.string().nullish(),
  }),
  event_key: z.string().min(1).max(30),
});

export interface BotMenuClick {
  eventId: string;
  eventKey: string;
  operatorOpenId: string;
}

export function parseBotMenu(data: unknown): BotMenuClick | null {
  const r = schema.safeParse(data);
  if (!r.success) return null;
  return { eventId: r.data.event_id, eventKey: r.data.event_key, operatorOpenId: r.data.operator.operator_id.open_id };
}
