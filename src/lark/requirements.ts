// What the Lark app must be granted and subscribed to, derived from the calls duban makes. One
// list: docs/lark-setup.md prints it and `duban doctor` names the scope behind a refused call.

export interface ScopeRequirement {
  scope: string;
  /** Shown in the developer console's permission list. */
  title: string;
  why: string;
  /** Open API paths that need it (how doctor maps a 99991672 back to the scope). */
  apis: string[];
}

export const SCOPES: readonly ScopeRequirement[] = [
  { scope: 'im:message:send_as_bot', title: '以应用的身份发消息', why: '发送任务卡片、催办、周汇总、问答回复', apis: ['POST /open-apis/im/v1/messages', 'POST /open-apis/im/v1/messages/:message_id/reply'] },
  { scope: 'im:message', title: '获取与发送单聊、群组消息', why: '更新已发出的卡片（填报后刷新）；下载成效报送文件', apis: ['PATCH /open-apis/im/v1/messages/:message_id', 'POST /open-apis/interactive/v1/card/update', 'GET /open-apis/im/v1/messages/:message_id/resources/:file_key'] },
  { scope: 'im:message.group_at_msg:readonly', title: '接收群聊中@机器人消息事件', why: '群里 @督办 提问、绑定部门', apis: [] },
  { scope: 'im:message.p2p_msg:readonly', title: '读取用户发给机器人的单聊消息', why: '私聊督办提问、私聊发送成效报送文件', apis: [] },
  { scope: 'im:message.group_msg', title: '获取群组中所有消息', why: '在单位群里直接发送的成效报送文件（文件消息无法 @ 机器人）', apis: [] },
  { scope: 'im:chat:readonly', title: '获取群组信息', why: 'duban doctor 检查机器人在哪些群、群成员', apis: ['GET /open-apis/im/v1/chats', 'GET /open-apis/im/v1/chats/:chat_id/members'] },
  { scope: 'im:resource', title: '获取与上传图片或文件资源', why: '周汇总中的图表图片；导出的台账与成效报送文件', apis: ['POST /open-apis/im/v1/images', 'POST /open-apis/im/v1/files'] },
  { scope: 'contact:user.base:readonly', title: '获取用户基本信息', why: '显示填报人姓名；duban doctor 检查目录中的人', apis: ['GET /open-apis/contact/v3/users/:user_id'] },
  { scope: 'contact:user.id:readonly', title: '通过手机号或邮箱获取用户 ID', why: '目录中用 email / mobile 填写的人换成 open_id', apis: ['POST /open-apis/contact/v3/users/batch_get_id'] },
];

export interface EventRequirement {
  type: string;
  kind: 'event' | 'callback';
  why: string;
}

/** Subscribed under 事件与回调; every one is handled in src/lark/inbound/dispatcher.ts. */
export const EVENTS: readonly EventRequirement[] = [
  { type: 'im.message.receive_v1', kind: 'event', why: '接收消息（提问、群里的绑定命令）' },
  { type: 'im.chat.member.bot.added_v1', kind: 'event', why: '机器人进群：记录并告知管理员' },
  { type: 'im.chat.member.bot.deleted_v1', kind: 'event', why: '机器人被移出群：记录并告知管理员' },
  { type: 'application.bot.menu_v6', kind: 'event', why: '机器人菜单：管理员点菜单执行开启填报、催办、导出等' },
  { type: 'card.action.trigger', kind: 'callback', why: '卡片按钮与表单提交（填报、确认管理操作）' },
];

/** The app capability to add (添加应用能力). */
export const CAPABILITIES = ['机器人'] as const;

/** The scope a refused call needed, by its path (e.g. `/open-apis/im/v1/chats`). */
export function scopeForApi(method: string, path: string): ScopeRequirement | undefined {
  const norm = (p: string) => p.replace(/\/(oc|ou|om|on)_[A-Za-z0-9_]+/g, '/:id').replace(/:[a-z_]+/g, ':id');
  const wanted = `${method.toUpperCase()} ${norm(path)}`;
  return SCOPES.find((s) => s.apis.some((a) => norm(a) === wanted));
}
