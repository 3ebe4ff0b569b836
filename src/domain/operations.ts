// The admin operations that run from Lark (issue 18, item 4): a chat command or the bot's menu
// asks, a confirmation card shows what will happen, the confirm click runs it once.

export const ADMIN_OPERATIONS = ['open_round', 'remind', 'close_round', 'digest', 'export_ledger', 'export_report'] as const;
export type AdminOperation = (typeof ADMIN_OPERATIONS)[number];

export const isAdminOperation = (v: unknown): v is AdminOperation => typeof v === 'string' && (ADMIN_OPERATIONS as readonly string[]).includes(v);

/** What people call each operation: the command they type and the menu item's name. */
export const OPERATION_LABEL: Record<AdminOperation, string> = {
  open_round: '开启填报',
  remind: '催办',
  close_round: '关闭填报',
  digest: '发送周汇总',
  export_ledger: '导出台账',
  export_report: '导出成效报送',
};

/**
 * The bot menu's event keys (developer console › 机器人 › 机器人自定义菜单, response 推送事件): the
 * key Lark sends in `application.bot.menu_v6` is the operation's own name (≤ 30 characters).
 */
export const MENU_EVENT_KEYS: Record<AdminOperation, string> = {
  open_round: 'open_round',
  remind: 'remind',
  close_round: 'close_round',
  digest: 'digest',
  export_ledger: 'export_ledger',
  export_report: 'export_report',
};

export function operationOfMenuKey(eventKey: string): AdminOperation | null {
  const hit = ADMIN_OPERATIONS.find((op) => MENU_EVENT_KEYS[op] === eventKey);
  return hit ?? null;
}

export const isExport = (op: AdminOperation): op is 'export_ledger' | 'export_report' => op === 'export_ledger' || op === 'export_report';

/** A request's state: asked (card sent), then confirmed (run once) or cancelled. */
export type OperationStatus = 'pending' | 'confirmed' | 'cancelled' | 'failed' | 'done';

/** The bot menu duban expects in the developer console, in this order: name and event key. */
export const BOT_MENU_ITEMS: { key: string; label: string }[] = ADMIN_OPERATIONS.map((op) => ({ key: MENU_EVENT_KEYS[op], label: OPERATION_LABEL[op] }));
