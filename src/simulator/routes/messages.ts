import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RecordedCall } from '../calls.ts';
import { api, bad, ok, throttle, type Answer, type SimContext } from '../context.ts';
import { cardRefusal } from '../card-check.ts';
import { newId, type FakeChat, type FakeMessage } from '../state.ts';

// Message create / reply / patch, as documented at
// https://open.feishu.cn/document/server-docs/im-v1/message/create (and …/reply, …/patch).

const UUID_TTL_MS = 60 * 60 * 1000;
const MSG_TYPES = new Set(['text', 'post', 'interactive', 'image', 'share_chat', 'share_user', 'file']);

interface Body {
  receive_id?: string;
  msg_type?: string;
  content?: string;
  uuid?: string;
}

type Parsed = { content: string; msgType: string; card?: unknown; text?: string };

/** Validates msg_type/content the way Lark does (JSON string; 30 KB card, 150 KB text limits). */
function parseContent(body: Body, files?: ReadonlyMap<string, unknown>): Parsed | Answer {
  const msgType = body.msg_type;
  if (!msgType || !MSG_TYPES.has(msgType)) return bad(230001, `invalid msg_type: ${String(msgType)}`);
  if (typeof body.content !== 'string') return bad(230001, 'content must be a JSON string');
  let value: unknown;
  try {
    value = JSON.parse(body.content);
  } catch {
    return bad(230001, 'content is not valid JSON');
  }
  const size = Buffer.byteLength(body.content);
  if ((msgType === 'text' && size > 150 * 1024) || (msgType !== 'text' && size > 30 * 1024)) {
    return bad(230025, 'The message content is too long');
  }
  if (msgType === 'text') {
    const text = (value as { text?: unknown } | null)?.text;
    if (typeof text !== 'string') return bad(230001, 'text content needs a "text" field');
    return { content: body.content, msgType, text };
  }
  if (msgType === 'interactive') {
    const refused = cardRefusal(value);
    if (refused) return refused;
  }
  if (msgType === 'file' && files) {
    // A file message names an uploaded file (im/v1/files) by its key.
    const key = (value as { file_key?: unknown } | null)?.file_key;
    if (typeof key !== 'string' || !files.has(key)) return bad(230001, `invalid file_key: ${String(key)}`);
  }
  return { content: body.content, msgType, card: msgType === 'interactive' ? value : undefined };
}

const isAnswer = (x: Parsed | Answer): x is Answer => 'status' in x;

function validUuid(uuid: unknown): Answer | null {
  if (uuid === undefined) return null;
  if (typeof uuid !== 'string' || uuid.length === 0 || uuid.length > 50) return bad(99992402, 'field validation failed: uuid (≤ 50 chars)');
  return null;
}

function messageData(m: FakeMessage) {
  return {
    message_id: m.message_id,
    root_id: m.root_id,
    parent_id: m.parent_id,
    msg_type: m.msg_type,
    create_time: m.create_time,
    update_time: m.update_time,
    deleted: false,
    updated: m.updates > 0,
    chat_id: m.chat_id,
    sender: m.sender,
    body: { content: m.content },
  };
}

/** Shared tail of create and reply: rate limits, uuid dedupe, store. */
function deliver(ctx: SimContext, chat: FakeChat, parsed: Parsed, uuid: string | undefined, call: RecordedCall, parent?: FakeMessage): Answer {
  call.chatId = chat.chat_id;
  call.card = parsed.card;
  call.uuid = uuid;
  const limited = throttle(ctx, [
    { key: 'app:messages', max: ctx.limits.appPerSecond, scope: 'app' },
    { key: 'app:messages:minute', max: ctx.limits.appPerMinute, windowMs: 60_000, scope: 'app' },
    { key: `chat:${chat.chat_id}`, max: ctx.limits.chatPerSecond, scope: 'target' },
  ]);
  if (limited) return limited;
  const now = ctx.now();
  if (uuid) {
    const seen = ctx.uuids.get(uuid);
    const first = seen && now.getTime() - seen.at < UUID_TTL_MS ? ctx.state.messages.get(seen.message_id) : undefined;
    if (first) return ok(messageData(first));
  }
  const at = String(now.getTime());
  const m: FakeMessage = {
    message_id: newId('om_'),
    chat_id: chat.chat_id,
    msg_type: parsed.msgType,
    content: parsed.content,
    card: parsed.card,
    text: parsed.text,
    parent_id: parent?.message_id,
    root_id: parent ? (parent.root_id ?? parent.message_id) : undefined,
    uuid,
    create_time: at,
    update_time: at,
    updates: 0,
    sender: { id: ctx.appId, id_type: 'app_id', sender_type: 'app' },
  };
  if (uuid) ctx.uuids.set(uuid, { message_id: m.message_id, at: now.getTime() });
  ctx.state.addMessage(m);
  return ok(messageData(m));
}

/** Lark only patches shared cards: JSON 2.0 defaults update_multi to true, 1.0 needs it set. */
function isShared(card: unknown): boolean {
  const c = card as { schema?: unknown; config?: { update_multi?: unknown } } | null;
  return c?.schema === '2.0' ? c.config?.update_multi !== false : c?.config?.update_multi === true;
}

export function messageRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.post(
    '/open-apis/im/v1/messages',
    api(ctx, 'create', (req: FastifyRequest, call) => {
      const type = (req.query as { receive_id_type?: string }).receive_id_type;
      const body = (req.body ?? {}) as Body;
      if (type !== 'chat_id' && type !== 'open_id') return bad(99992402, 'field validation failed: receive_id_type');
      if (!body.receive_id) return bad(99992402, 'field validation failed: receive_id');
      const badUuid = validUuid(body.uuid);
      if (badUuid) return badUuid;
      const parsed = parseContent(body, ctx.state.files);
      if (isAnswer(parsed)) return parsed;
      let chat: FakeChat | undefined;
      if (type === 'chat_id') {
        chat = ctx.state.chats.get(body.receive_id);
        if (!chat) return bad(230002, 'Bot/User can NOT be out of the chat.');
      } else {
        if (!ctx.state.users.has(body.receive_id)) return bad(230013, 'Bot has NO availability to this user.');
        chat = ctx.state.p2pChatFor(body.receive_id);
      }
      return deliver(ctx, chat, parsed, body.uuid, call);
    }),
  );

  app.post(
    '/open-apis/im/v1/messages/:message_id/reply',
    api(ctx, 'reply', (req, call) => {
      const { message_id } = req.params as { message_id: string };
      const body = (req.body ?? {}) as Body;
      const parent = ctx.state.messages.get(message_id);
      if (!parent) return bad(230001, `simulator: no message ${message_id} to reply to`);
      const badUuid = validUuid(body.uuid);
      if (badUuid) return badUuid;
      const parsed = parseContent(body, ctx.state.files);
      if (isAnswer(parsed)) return parsed;
      const chat = ctx.state.chats.get(parent.chat_id)!;
      return deliver(ctx, chat, parsed, body.uuid, call, parent);
    }),
  );

  app.patch(
    '/open-apis/im/v1/messages/:message_id',
    api(ctx, 'patch', (req, call) => {
      const { message_id } = req.params as { message_id: string };
      const body = (req.body ?? {}) as Body;
      const m = ctx.state.messages.get(message_id);
      if (!m) return bad(230001, `simulator: no message ${message_id} to patch`);
      call.chatId = m.chat_id;
      if (m.msg_type !== 'interactive') return bad(230001, 'simulator: only interactive (card) messages can be patched');
      const parsed = parseContent({ ...body, msg_type: 'interactive' });
      if (isAnswer(parsed)) return parsed;
      call.card = parsed.card;
      if (!isShared(m.card) || !isShared(parsed.card)) {
        return bad(230001, 'simulator: a card can be patched only when config.update_multi is true before and after');
      }
      const limited = throttle(ctx, [
        { key: 'app:patch', max: ctx.limits.appPerSecond, scope: 'app' },
        { key: 'app:patch:minute', max: ctx.limits.appPerMinute, windowMs: 60_000, scope: 'app' },
        { key: `msg:${m.message_id}`, max: ctx.limits.messagePatchPerSecond, scope: 'target' },
      ]);
      if (limited) return limited;
      ctx.state.updateCard(m, parsed.content, parsed.card, ctx.now(), 'patch');
      return ok({});
    }),
  );
}
