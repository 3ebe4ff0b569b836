import type { EventHeaderInput, LarkEventPayload } from './events.ts';

// The fake acting as Lark when someone adds the bot to a group or removes it: the event Lark
// sends (im.chat.member.bot.added_v1 / deleted_v1), shaped as documented.

export interface BotMembershipInput extends EventHeaderInput {
  change: 'added' | 'removed';
  chatId: string;
  chatName: string;
  operatorOpenId: string;
}

export function botMembershipEvent(i: BotMembershipInput): LarkEventPayload {
  const eventType = i.change === 'added' ? 'im.chat.member.bot.added_v1' : 'im.chat.member.bot.deleted_v1';
  return {
    schema: '2.0',
    header: {
      event_id: i.eventId,
      token: i.verificationToken,
      create_time: String(i.createTime.getTime()),
      event_type: eventType,
      tenant_key: i.tenantKey ?? 'tenant_sim',
      app_id: i.appId,
    },
    event: {
      chat_id: i.chatId,
      operator_id: { open_id: i.operatorOpenId, union_id: `on_${i.operatorOpenId.replace(/^ou_/, '')}`, user_id: null },
      external: false,
      operator_tenant_key: i.tenantKey ?? 'tenant_sim',
      name: i.chatName,
      i18n_names: { zh_cn: i.chatName, en_us: '', ja_jp: '' },
    },
  };
}

export interface BotMenuInput extends EventHeaderInput {
  operatorOpenId: string;
  operatorName?: string;
  /** The menu item's event_key, as set in the developer console (1–30 characters). */
  eventKey: string;
}

/**
 * A click on the bot's custom menu: `application.bot.menu_v6`
 * (https://open.feishu.cn/document/server-docs/application-v6/bot/events/menu) — who clicked
 * (operator.operator_id), the item's event_key and when; no chat.
 */
export function botMenuEvent(i: BotMenuInput): LarkEventPayload {
  return {
    schema: '2.0',
    header: {
      event_id: i.eventId,
      token: i.verificationToken,
      create_time: String(i.createTime.getTime()),
      event_type: 'application.bot.menu_v6',
      tenant_key: i.tenantKey ?? 'tenant_sim',
      app_id: i.appId,
    },
    event: {
      operator: {
        operator_name: i.operatorName ?? '',
        operator_id: { open_id: i.operatorOpenId, union_id: `on_${i.operatorOpenId.replace(/^ou_/, '')}`, user_id: null },
      },
      event_key: i.eventKey,
      timestamp: String(i.createTime.getTime()),
    },
  };
}
