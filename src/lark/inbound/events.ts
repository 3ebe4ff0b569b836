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

function textOf(messageType: string, content: string): string | undefined {
  if (messageType !== 'text') return undefined;
  try {
    const parsed = JSON.parse(content) as { text?: unknown };
    return typeof parsed.text === 'string' ? parsed.text : undefined;
  } catch {
    return undefined;
  }
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
