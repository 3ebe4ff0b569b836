import { z } from 'zod';
import type { LarkCardAction, LarkMessage } from '../../contracts/inbound.ts';

// Validation of the flattened objects EventDispatcher hands to handlers ({...header, ...event}).
// Unknown fields pass; missing essentials fail.

const id = z.string().min(1);
const optText = z.string().nullish().transform((v) => v ?? undefined);

const messageEventSchema = z.object({
  event_id: id,
  sender: z.object({
    sender_id: z.object({ open_id: optText }).optional(),
    sender_type: z.string().default('user'),
  }),
  message: z.object({
    message_id: id,
    chat_id: id,
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    root_id: optText,
    parent_id: optText,
    thread_id: optText,
    create_time: optText,
    mentions: z
      .array(z.object({ key: z.string(), id: z.object({ open_id: optText }).partial().optional(), name: z.string().default('') }))
      .nullish(),
  }),
});

const cardActionSchema = z.object({
  event_id: id,
  operator: z.object({ open_id: optText, user_id: optText }).optional(),
  token: optText,
  host: optText,
  action: z.object({
    value: z.unknown().optional(),
    form_value: z.record(z.string(), z.unknown()).nullish(),
    tag: optText,
    name: optText,
    option: optText,
    options: z.array(z.string()).nullish(),
    input_value: optText,
    checked: z.boolean().nullish(),
    timezone: optText,
  }),
  context: z.object({ open_message_id: optText, open_chat_id: optText }).optional(),
  open_message_id: optText,
});

/**
 * The text of a text message, or of a rich-text (`post`) one read as text: its title and
 * paragraphs, each inline element by its text, an @-mention by its placeholder (`@_user_1`, as in
 * text messages), a link by its text; images and the like are left out. Other types have none.
 */
function textOf(messageType: string, content: string): string | undefined {
  if (messageType !== 'text' && messageType !== 'post') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (messageType === 'text') {
    const text = (parsed as { text?: unknown } | null)?.text;
    return typeof text === 'string' ? text : undefined;
  }
  return postText(parsed);
}

function postText(parsed: unknown): string | undefined {
  if (!parsed || typeof parsed !== 'object') return undefined;
  // Some deliveries wrap the post in a locale key ({"zh_cn": {title, content}}).
  const p = (Array.isArray((parsed as { content?: unknown }).content) ? parsed : Object.values(parsed)[0]) as { title?: unknown; content?: unknown } | undefined;
  if (!p || !Array.isArray(p.content)) return undefined;
  const inline = (el: unknown): string => {
    const e = (el ?? {}) as { tag?: unknown; text?: unknown; user_id?: unknown };
    if (e.tag === 'at') return typeof e.user_id === 'string' ? e.user_id : '';
    return typeof e.text === 'string' ? e.text : '';
  };
  const lines = p.content.map((para) => (Array.isArray(para) ? para.map(inline).join('') : ''));
  return [typeof p.title === 'string' ? p.title : '', ...lines].filter((l) => l.trim() !== '').join('\n');
}

export function parseMessageEvent(data: unknown): LarkMessage | null {
  const r = messageEventSchema.safeParse(data);
  if (!r.success) return null;
  const { event_id, sender, message: m } = r.data;
  return {
    eventId: event_id,
    messageId: m.message_id,
    chatId: m.chat_id,
    chatType: m.chat_type,
    messageType: m.message_type,
    content: m.content,
    text: textOf(m.message_type, m.content),
    senderOpenId: sender.sender_id?.open_id,
    senderType: sender.sender_type,
    mentions: (m.mentions ?? []).map((x) => ({ key: x.key, openId: x.id?.open_id ?? undefined, name: x.name })),
    rootId: m.root_id,
    parentId: m.parent_id,
    threadId: m.thread_id,
    createTime: m.create_time,
  };
}

export function parseCardAction(data: unknown): LarkCardAction | null {
  const r = cardActionSchema.safeParse(data);
  if (!r.success) return null;
  const d = r.data;
  return {
    eventId: d.event_id,
    operatorOpenId: d.operator?.open_id,
    operatorUserId: d.operator?.user_id,
    value: d.action.value,
    formValue: d.action.form_value ?? undefined,
    tag: d.action.tag,
    name: d.action.name,
    option: d.action.option,
    options: d.action.options ?? undefined,
    inputValue: d.action.input_value,
    checked: d.action.checked ?? undefined,
    timezone: d.action.timezone,
    openMessageId: d.context?.open_message_id ?? d.open_message_id,
    openChatId: d.context?.open_chat_id,
    cardToken: d.token,
    host: d.host,
  };
}
