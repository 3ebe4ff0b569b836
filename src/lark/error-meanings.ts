// What a Lark error code means to the office running duban, and what to do about it (Chinese,
// shown by `duban outbox failed`, the admin alert and `duban doctor`). Codes from the Open API's
// error tables for im/v1/messages, the token endpoint and the gateway (docs/lark-setup.md).

export interface LarkCodeMeaning {
  meaning: string;
  fix: string;
  /**
   * `chat`: the target chat or person cannot receive until someone acts there (admins are told
   * once a day per chat and code); `app`: the app's setup is wrong, every send fails alike.
   */
  scope?: 'chat' | 'app';
}

const MEANINGS: Record<number, LarkCodeMeaning> = {
  10003: { meaning: 'App ID 无效', fix: '检查 LARK_APP_ID 是否为开发者后台「凭证与基础信息」中的 App ID', scope: 'app' },
  10014: { meaning: 'App Secret 无效', fix: '检查 LARK_APP_SECRET（开发者后台「凭证与基础信息」），改后重启 duban', scope: 'app' },
  99991663: { meaning: 'token 失效', fix: '通常自动恢复；若持续出现，检查 App Secret 是否被重置' },
  99991672: { meaning: '应用权限不足', fix: '在开发者后台「权限管理」开通 docs/lark-setup.md 所列权限，并发布新版本', scope: 'app' },
  99991400: { meaning: '请求频率超限', fix: '会自动等待重试；持续出现时降低 OUTBOX_APP_RATE' },
  41050: { meaning: '找不到此用户或无权查看', fix: '把此人加入应用的可用范围（版本管理与发布）；open_id 须是本应用下的' },
  230001: { meaning: '请求参数无效', fix: '多为 chat_id 或消息 id 写错：检查目录文件中的 chat_id' },
  230002: { meaning: '机器人不在群里', fix: '把机器人拉进该群（群设置 → 群机器人 → 添加机器人），再运行 duban outbox retry --all', scope: 'chat' },
  230006: { meaning: '应用未启用机器人能力', fix: '在开发者后台「添加应用能力」中添加机器人，并发布新版本', scope: 'app' },
  230013: { meaning: '用户不在应用可用范围', fix: '在开发者后台「版本管理与发布」中把此人（或其部门）加入可用范围，发布后重试', scope: 'chat' },
  230020: { meaning: '发送过于频繁', fix: '会自动等待重试' },
  230025: { meaning: '消息内容过长', fix: '卡片超过 30 KB：请反馈给维护者' },
  230027: { meaning: '缺少发送权限', fix: '在开发者后台开通 im:message:send_as_bot 权限并发布', scope: 'app' },
  230034: { meaning: '接收者 id 无效', fix: '检查目录文件中的 chat_id / open_id 是否属于本应用', scope: 'chat' },
  230035: { meaning: '无权在此会话发言（被禁言或屏蔽）', fix: '请群主解除对机器人的禁言', scope: 'chat' },
  230053: { meaning: '用户已停用机器人', fix: '请此人在飞书中重新启用机器人对话', scope: 'chat' },
  230099: { meaning: '卡片内容无效', fix: '卡片不符合 Card JSON 2.0：请反馈给维护者' },
  232009: { meaning: '群已解散', fix: '在目录文件中为该部门换一个群，再运行 duban directory', scope: 'chat' },
  232011: { meaning: '机器人不在群里', fix: '把机器人拉进该群，再运行 duban outbox retry --all', scope: 'chat' },
};

/** The meaning of a Lark code; unknown codes say so and point at the open platform's error search. */
export function larkCodeMeaning(code: number | undefined): LarkCodeMeaning {
  if (code === undefined) return { meaning: '网络或服务错误', fix: '检查网络与 LARK_DOMAIN；恢复后运行 duban outbox retry --all' };
  return MEANINGS[code] ?? { meaning: `飞书错误码 ${code}`, fix: '在飞书开放平台文档搜索此错误码' };
}

/** Codes that keep failing until someone acts (in the chat, or on the app's setup): worth telling the admins. */
export const isPermanent = (code: number | undefined): boolean => code !== undefined && MEANINGS[code]?.scope !== undefined;
