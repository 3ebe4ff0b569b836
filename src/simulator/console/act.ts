import { deliverCardAction } from '../callbacks.ts';
import { botMenuEvent } from '../bot-events.ts';
import { messageReceiveEvent, postCallback, userMessageContent, type Mention, type UserContent } from '../events.ts';
import type { FakeLark } from '../server.ts';
import { newId, type FakeMessage } from '../state.ts';
import type { ConsoleOptions } from './options.ts';

// What the console does as Lark: card callbacks and chat messages, encrypted and signed, POSTed
// to duban's webhook. Signatures use the wall clock (Lark signs with real time, duban checks it).

export interface Toast {
  type: string;
  content: string;
}

export interface ActionInput {
  messageId: string;
  operator: string;
  /** The clicked component's name and tag; a form submit is its submit button. */
  name?: string;
  tag?: string;
  /** The button's behaviors[].value, as Lark echoes it. */
  value?: unknown;
  /** Form submits: every form field by component name. */
  formValue?: Record<string, unknown>;
}

export interface ActionResult {
  status: number;
  toast?: Toast;
  /** duban answered with a raw card and the message now shows it. */
  cardReplaced: boolean;
  /** Lark's client error instead of the answer: 200341 when duban took over 3 s, 20067x for a bad answer. */
  errCode?: number;
}

const wall = () => new Date();

function webhookOf(opts: ConsoleOptions): string {
  const url = typeof opts.webhookUrl === 'function' ? opts.webhookUrl() : opts.webhookUrl;
  if (!url) throw new ConsoleError(503, 'duban 尚未启动，无法投递回调');
  return url;
}

export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A card.action.trigger as Lark sends it (3 s deadline); a raw card in the answer replaces the message's card. */
export async function postCardAction(fake: FakeLark, opts: ConsoleOptions, input: ActionInput): Promise<ActionResult> {
  const m = fake.state.messages.get(input.messageId);
  if (!m || m.msg_type !== 'interactive') throw new ConsoleError(404, '找不到这张卡片');
  const url = webhookOf(opts);
  const res = await deliverCardAction(
    fake,
    url,
    {
      eventId: newId('ev_sim_'),
      appId: opts.appId,
      verificationToken: opts.verificationToken ?? '',
      createTime: wall(),
      operator: { openId: input.operator },
      cardToken: fake.issueCardToken(m.message_id),
      action: { tag: input.tag ?? 'button', name: input.name, value: input.value ?? {}, formValue: input.formValue },
      messageId: m.message_id,
      chatId: m.chat_id,
    },
    { encryptKey: opts.encryptKey, verificationToken: opts.verificationToken, now: wall },
  );
  const r = res.record;
  return { status: res.status, toast: r.toast, cardReplaced: r.cardReplaced, ...(r.errCode ? { errCode: r.errCode } : {}) };
}

export interface MessageInput {
  chatId: string;
  sender: string;
  /** Text as typed; with `mentions`, its placeholders (`@_user_N`, `@_all`) are kept as given. */
  text: string;
  /** A rich-text, image or file message instead of text (the console's other message kinds). */
  body?: Exclude<UserContent, { type: 'text' }>;
  /** A file message's bytes: the fake serves them to duban through the message resource API. */
  fileBytes?: Buffer;
  /**
   * Who the message @-mentions, in order. Default: in a group, the bot in front (`@_user_1`), as
   * Lark delivers group messages to a bot without the group-message scope only when mentioned.
   */
  mentions?: Mention[];
}

/** What the chat shows for a message of another kind. */
function shownText(body: NonNullable<MessageInput['body']>): string {
  if (body.type === 'image') return '[图片]';
  if (body.type === 'file') return `[文件] ${body.fileName}`;
  const lines = body.content.map((p) => p.map((el) => (typeof el.text === 'string' ? el.text : el.tag === 'at' ? `@${String(el.user_name ?? '')}` : '')).join(''));
  return [body.title, ...lines].filter(Boolean).join('\n');
}

/** A message from a person to the bot, as Lark delivers it to duban's webhook (3 s deadline). */
export async function postUserMessage(fake: FakeLark, opts: ConsoleOptions, input: MessageInput): Promise<{ status: number; messageId: string }> {
  const chat = fake.state.chats.get(input.chatId);
  if (!chat) throw new ConsoleError(404, '找不到这个会话');
  const group = chat.chat_type === 'group';
  const botName = opts.botName ?? '督办';
  const explicit = input.mentions !== undefined;
  // The console adds the @-mention itself: one typed in front (「@督办 任务7」) is not doubled.
  const leading = new RegExp(`^(?:@_user_1|@${botName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})\\s*`);
  const typed = explicit ? input.text.trim() : input.text.trim().replace(leading, '').trim();
  if (!typed && !input.body) throw new ConsoleError(400, '消息不能为空');
  const url = webhookOf(opts);
  // A file message cannot @-mention anyone (Lark's file content is only file_key and file_name).
  const isFile = input.body?.type === 'file';
  const mentions = explicit ? input.mentions : group && !isFile ? [{ key: '@_user_1', openId: opts.botOpenId, name: botName }] : undefined;
  const text = explicit || !group ? typed : `@_user_1 ${typed}`;
  // Rich text addresses the bot with an `at` run, as the Lark client writes it.
  const messageId = newId('om_');
  const fileBody =
    input.body?.type === 'file' && input.fileBytes ? { ...input.body, fileKey: fake.addMessageFile(messageId, input.body.fileName, input.fileBytes) } : input.body;
  const body =
    fileBody?.type === 'post' && group && !explicit
      ? { ...fileBody, content: [[{ tag: 'at', user_id: '@_user_1', user_name: botName }, ...(fileBody.content[0] ?? [])], ...fileBody.content.slice(1)] }
      : fileBody;
  const at = (opts.now ?? wall)();
  const named = (t: string) => (mentions ?? []).reduce((acc, m) => acc.split(m.key).join(`@${m.name}`), t);
  const message: FakeMessage = {
    message_id: messageId,
    chat_id: chat.chat_id,
    msg_type: body?.type ?? 'text',
    content: body ? userMessageContent(body).content : JSON.stringify({ text }),
    text: body ? shownText(body) : named(text),
    create_time: String(at.getTime()),
    update_time: String(at.getTime()),
    updates: 0,
    // The fake's state only models the bot as a sender; a person's message is the same record.
    sender: { id: input.sender, id_type: 'open_id', sender_type: 'user' } as unknown as FakeMessage['sender'],
  };
  // In the state first: duban replies to it, and the fake refuses replies to unknown messages.
  fake.state.addMessage(message);
  const payload = messageReceiveEvent({
    eventId: newId('ev_sim_'),
    appId: opts.appId,
    verificationToken: opts.verificationToken ?? '',
    createTime: wall(),
    messageId: message.message_id,
    chatId: chat.chat_id,
    chatType: chat.chat_type,
    sender: { openId: input.sender },
    text,
    body,
    mentions,
  });
  const res = await postCallback(url, payload, { encryptKey: opts.encryptKey, verificationToken: opts.verificationToken, now: wall });
  return { status: res.status, messageId: message.message_id };
}

/** A click on the bot's menu item, as Lark delivers it: `application.bot.menu_v6`, encrypted and signed. */
export async function postBotMenu(fake: FakeLark, opts: ConsoleOptions, input: { operator: string; eventKey: string }): Promise<{ status: number }> {
  if (!(opts.menu ?? []).some((m) => m.key === input.eventKey)) throw new ConsoleError(400, `机器人菜单中没有「${input.eventKey}」`);
  const url = webhookOf(opts);
  const payload = botMenuEvent({
    eventId: newId('ev_sim_'),
    appId: opts.appId,
    verificationToken: opts.verificationToken ?? '',
    createTime: wall(),
    operatorOpenId: input.operator,
    operatorName: fake.state.users.get(input.operator)?.name,
    eventKey: input.eventKey,
  });
  const res = await postCallback(url, payload, { encryptKey: opts.encryptKey, verificationToken: opts.verificationToken, now: wall });
  return { status: res.status };
}
