import { cardActionEvent, messageReceiveEvent, postCallback } from '../events.ts';
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

const isToast = (t: unknown): t is Toast =>
  typeof t === 'object' && t !== null && typeof (t as Toast).content === 'string' && typeof (t as Toast).type === 'string';

/** A card.action.trigger as Lark sends it; a raw card in the answer replaces the message's card. */
export async function postCardAction(fake: FakeLark, opts: ConsoleOptions, input: ActionInput): Promise<ActionResult> {
  const m = fake.state.messages.get(input.messageId);
  if (!m || m.msg_type !== 'interactive') throw new ConsoleError(404, '找不到这张卡片');
  const url = webhookOf(opts);
  const payload = cardActionEvent({
    eventId: newId('ev_sim_'),
    appId: opts.appId,
    verificationToken: opts.verificationToken ?? '',
    createTime: wall(),
    operator: { openId: input.operator },
    cardToken: fake.issueCardToken(m.message_id),
    action: { tag: input.tag ?? 'button', name: input.name, value: input.value ?? {}, formValue: input.formValue },
    messageId: m.message_id,
    chatId: m.chat_id,
  });
  const res = await postCallback(url, payload, { encryptKey: opts.encryptKey, verificationToken: opts.verificationToken, now: wall });
  const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as { toast?: unknown; card?: { type?: unknown; data?: unknown } };
  let cardReplaced = false;
  if (res.status === 200 && body.card?.type === 'raw' && body.card.data && typeof body.card.data === 'object') {
    // Lark shows the answered card at once, to everyone (shared card).
    fake.state.updateCard(m, JSON.stringify(body.card.data), body.card.data, (opts.now ?? wall)(), 'card_update');
    cardReplaced = true;
  }
  const toast = isToast(body.toast) ? { type: body.toast.type, content: body.toast.content } : undefined;
  return { status: res.status, toast, cardReplaced };
}

export interface MessageInput {
  chatId: string;
  sender: string;
  text: string;
}

/**
 * A text message from a person to the bot: in a private chat as typed; in a group with an
 * @-mention of the bot in front (`@_user_1`), as Lark delivers group messages only when mentioned.
 */
export async function postUserMessage(fake: FakeLark, opts: ConsoleOptions, input: MessageInput): Promise<{ status: number; messageId: string }> {
  const chat = fake.state.chats.get(input.chatId);
  if (!chat) throw new ConsoleError(404, '找不到这个会话');
  const typed = input.text.trim().replace(/^@_user_1\s*/, '');
  if (!typed) throw new ConsoleError(400, '消息不能为空');
  const url = webhookOf(opts);
  const botName = opts.botName ?? '督办';
  const group = chat.chat_type === 'group';
  const text = group ? `@_user_1 ${typed}` : typed;
  const at = (opts.now ?? wall)();
  const message: FakeMessage = {
    message_id: newId('om_'),
    chat_id: chat.chat_id,
    msg_type: 'text',
    content: JSON.stringify({ text }),
    text: group ? `@${botName} ${typed}` : typed,
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
    mentions: group ? [{ key: '@_user_1', openId: opts.botOpenId, name: botName }] : undefined,
  });
  const res = await postCallback(url, payload, { encryptKey: opts.encryptKey, verificationToken: opts.verificationToken, now: wall });
  return { status: res.status, messageId: message.message_id };
}
