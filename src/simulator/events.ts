import { randomBytes } from 'node:crypto';
import { buildSignedRequest } from '../lark/crypto.ts';

// The fake acting as Lark towards duban: schema 2.0 payloads shaped exactly as in
// docs/lark.md#message-events / #card-callbacks, encrypted and signed as Lark sends them.

export interface EventHeaderInput {
  eventId: string;
  appId: string;
  verificationToken: string;
  tenantKey?: string;
  /** Event time; im.message uses ms, card callbacks µs (both as strings, as Lark sends them). */
  createTime: Date;
}

export interface LarkEventPayload {
  schema: '2.0';
  header: {
    event_id: string;
    token: string;
    create_time: string;
    event_type: string;
    tenant_key: string;
    app_id: string;
  };
  event: Record<string, unknown>;
}

const header = (h: EventHeaderInput, eventType: string, createTime: string): LarkEventPayload['header'] => ({
  event_id: h.eventId,
  token: h.verificationToken,
  create_time: createTime,
  event_type: eventType,
  tenant_key: h.tenantKey ?? 'tenant_sim',
  app_id: h.appId,
});

export interface UserIds {
  openId: string;
  unionId?: string;
  userId?: string | null;
}

const ids = (u: UserIds) => ({
  open_id: u.openId,
  union_id: u.unionId ?? `on_${u.openId.replace(/^ou_/, '')}`,
  user_id: u.userId ?? null,
});

export interface Mention {
  /** `@_user_N` as in the text, or `@_all` for @所有人 (which has no id). */
  key: string;
  openId?: string;
  name: string;
}

/** What a person sent: message_type and its content object (serialised into `content`). */
export type UserContent =
  | { type: 'text'; text: string }
  /** Rich text: paragraphs of inline elements (`text`, `a`, `at`, `img`, …), optional title. */
  | { type: 'post'; title?: string; content: Array<Array<Record<string, unknown>>> }
  | { type: 'image'; imageKey: string }
  | { type: 'file'; fileKey: string; fileName: string };

export interface MessageReceiveInput extends EventHeaderInput {
  messageId: string;
  chatId: string;
  chatType: 'p2p' | 'group';
  sender: UserIds;
  /** Text as the user typed it, with @-mentions already as placeholders (`@_user_1`). */
  text?: string;
  /** Any other message type (post, image, file); wins over `text`. */
  body?: UserContent;
  /** In the order Lark lists them (any order; the bot need not be first). */
  mentions?: Mention[];
  parentId?: string;
  rootId?: string;
  /** When the user sent it (default createTime; Lark's event is stamped a little later). */
  sentAt?: Date;
}

/** `message_type` and the JSON-string `content` of a user's message, as im.message.receive_v1 carries them. */
export function userMessageContent(body: UserContent): { message_type: string; content: string } {
  switch (body.type) {
    case 'text':
      return { message_type: 'text', content: JSON.stringify({ text: body.text }) };
    case 'post':
      return { message_type: 'post', content: JSON.stringify({ title: body.title ?? '', content: body.content }) };
    case 'image':
      return { message_type: 'image', content: JSON.stringify({ image_key: body.imageKey }) };
    case 'file':
      return { message_type: 'file', content: JSON.stringify({ file_key: body.fileKey, file_name: body.fileName }) };
  }
}

function mentionOf(m: Mention, tenantKey: string): Record<string, unknown> {
  // @所有人 carries no user id; everyone else has open_id/union_id (user_id only with its scope).
  if (m.key === '@_all') return { key: '@_all', id: { open_id: '', union_id: '', user_id: '' }, name: m.name, tenant_key: tenantKey };
  const openId = m.openId ?? '';
  return { id: { open_id: openId, union_id: `on_${openId.replace(/^ou_/, '')}`, user_id: '' }, key: m.key, name: m.name, tenant_key: tenantKey };
}

/** `im.message.receive_v1` for a user's message (content is a JSON string, as Lark sends it). */
export function messageReceiveEvent(i: MessageReceiveInput): LarkEventPayload {
  const tenantKey = i.tenantKey ?? 'tenant_sim';
  const sent = String((i.sentAt ?? i.createTime).getTime());
  const message: Record<string, unknown> = {
    chat_id: i.chatId,
    chat_type: i.chatType,
    ...userMessageContent(i.body ?? { type: 'text', text: i.text ?? '' }),
    create_time: sent,
    message_id: i.messageId,
    update_time: sent,
  };
  if (i.parentId) message.parent_id = i.parentId;
  if (i.rootId) message.root_id = i.rootId;
  if (i.mentions?.length) message.mentions = i.mentions.map((m) => mentionOf(m, tenantKey));
  return {
    schema: '2.0',
    header: header(i, 'im.message.receive_v1', String(i.createTime.getTime())),
    event: { message, sender: { sender_id: ids(i.sender), sender_type: 'user', tenant_key: tenantKey } },
  };
}

export interface CardActionInput extends EventHeaderInput {
  operator: UserIds;
  /** Card update token (`c-…`), e.g. from FakeLark.issueCardToken. */
  cardToken: string;
  action: {
    value?: unknown;
    tag: string;
    name?: string;
    formValue?: Record<string, unknown>;
    option?: string;
    timezone?: string;
  };
  messageId: string;
  chatId: string;
}

/** `card.action.trigger` (new-style callback); a form submit is a button with form_value. */
export function cardActionEvent(i: CardActionInput): LarkEventPayload {
  const action: Record<string, unknown> = { value: i.action.value ?? {}, tag: i.action.tag };
  if (i.action.name !== undefined) action.name = i.action.name;
  if (i.action.formValue !== undefined) action.form_value = i.action.formValue;
  if (i.action.option !== undefined) action.option = i.action.option;
  if (i.action.timezone !== undefined) action.timezone = i.action.timezone;
  return {
    schema: '2.0',
    header: header(i, 'card.action.trigger', String(i.createTime.getTime() * 1000)),
    event: {
      operator: { tenant_key: i.tenantKey ?? 'tenant_sim', ...ids(i.operator) },
      token: i.cardToken,
      action,
      host: 'im_message',
      context: { open_message_id: i.messageId, open_chat_id: i.chatId },
    },
  };
}

/** The url_verification challenge Lark sends when the callback URL is saved. */
export const challengePayload = (challenge: string, verificationToken: string) => ({
  challenge,
  token: verificationToken,
  type: 'url_verification',
});

export interface CallbackOptions {
  encryptKey?: string;
  /** Fills header.token / token when the payload has none. */
  verificationToken?: string;
  now: () => Date;
  nonce?: string;
  /**
   * How long Lark waits for the answer: 3 s for events and card callbacks
   * (feishu-cards/card-callback-communication; event-callback-optimization-guide). Past it the
   * request is abandoned and the answer, if any, is never seen.
   */
  timeoutMs?: number;
}

export const CALLBACK_DEADLINE_MS = 3000;

export interface CallbackResult {
  /** 0 when no answer came in time. */
  status: number;
  body: unknown;
  /** Lark gave up waiting: for a card callback the user sees error 200341. */
  timedOut: boolean;
  /** How long the answer took (or the deadline, when it timed out). */
  ms: number;
}

/** Encrypts, signs and POSTs a payload to duban's webhook exactly as Lark does (compact JSON). */
export async function postCallback(targetUrl: string, payload: unknown, opts: CallbackOptions): Promise<CallbackResult> {
  const withToken = fillToken(payload, opts.verificationToken);
  const timestamp = String(Math.floor(opts.now().getTime() / 1000));
  const nonce = opts.nonce ?? randomBytes(8).toString('hex');
  const signed = buildSignedRequest(withToken, { encryptKey: opts.encryptKey, timestamp, nonce });
  const deadline = opts.timeoutMs ?? CALLBACK_DEADLINE_MS;
  const started = Date.now();
  let res: Response;
  let text: string;
  try {
    const signal = AbortSignal.timeout(deadline);
    res = await fetch(targetUrl, { method: 'POST', headers: signed.headers, body: signed.body, signal });
    text = await res.text();
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { status: 0, body: undefined, timedOut: true, ms: deadline };
    throw e;
  }
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Keep non-JSON answers as text; the caller asserts on them.
  }
  return { status: res.status, body, timedOut: false, ms: Date.now() - started };
}

function fillToken(payload: unknown, token: string | undefined): unknown {
  if (!token || !payload || typeof payload !== 'object') return payload;
  const p = payload as { header?: { token?: string }; token?: string; type?: string };
  if (p.header && p.header.token === undefined) return { ...p, header: { ...p.header, token } };
  if (p.type === 'url_verification' && p.token === undefined) return { ...p, token };
  return payload;
}
