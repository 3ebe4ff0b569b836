import type { FakeLarkState, FakeMessage } from '../state.ts';
import type { ConsoleOptions } from './options.ts';

// The JSON the page polls: chats with a one-line preview, and one chat's messages.

export interface MessageView {
  message_id: string;
  chat_id: string;
  msg_type: string;
  sender: { type: 'app' | 'user'; id: string; name: string };
  text?: string;
  card?: unknown;
  parent_id?: string;
  /** A file message: what the chat shows and where to download it. */
  file?: { name: string; bytes: number; url: string };
  create_time: string;
  updates: number;
}

const senderOf = (m: FakeMessage) => m.sender as unknown as { id: string; sender_type: string };

export function messageView(m: FakeMessage, state: FakeLarkState, opts: ConsoleOptions): MessageView {
  const s = senderOf(m);
  const isUser = s.sender_type === 'user';
  const name = isUser ? (state.users.get(s.id)?.name ?? s.id) : (opts.botName ?? '督办');
  const v: MessageView = {
    message_id: m.message_id,
    chat_id: m.chat_id,
    msg_type: m.msg_type,
    sender: { type: isUser ? 'user' : 'app', id: s.id, name },
    create_time: m.create_time,
    updates: m.updates,
  };
  if (m.text !== undefined) v.text = m.text;
  if (m.card !== undefined) v.card = m.card;
  if (m.parent_id) v.parent_id = m.parent_id;
  const file = fileOf(m, state);
  if (file) v.file = file;
  return v;
}

/** A file the bot sent: its name, size and the console's download link (a person's file has no bytes here). */
function fileOf(m: FakeMessage, state: FakeLarkState): MessageView['file'] | undefined {
  if (m.msg_type !== 'file') return undefined;
  let key: unknown;
  try {
    key = (JSON.parse(m.content) as { file_key?: unknown }).file_key;
  } catch {
    return undefined;
  }
  const f = typeof key === 'string' ? state.files.get(key) : undefined;
  return f ? { name: f.file_name, bytes: f.bytes.length, url: `/console/api/files/${encodeURIComponent(key as string)}` } : undefined;
}

/** What the chat list shows for a message: the card's title or the text. */
export function preview(m: FakeMessage): string {
  if (m.text !== undefined) return m.text.slice(0, 60);
  if (m.msg_type === 'file') return '[文件]';
  const card = m.card as { header?: { title?: { content?: unknown } }; config?: { summary?: { content?: unknown } } } | undefined;
  const title = card?.header?.title?.content ?? card?.config?.summary?.content;
  return typeof title === 'string' ? `[卡片] ${title.slice(0, 60)}` : `[${m.msg_type}]`;
}

export function chatList(state: FakeLarkState) {
  const last = new Map<string, FakeMessage>();
  const count = new Map<string, number>();
  for (const m of state.messages.values()) {
    last.set(m.chat_id, m);
    count.set(m.chat_id, (count.get(m.chat_id) ?? 0) + 1);
  }
  return [...state.chats.values()].map((c) => {
    const l = last.get(c.chat_id);
    return {
      chat_id: c.chat_id,
      name: c.name,
      chat_type: c.chat_type,
      members: c.members,
      messages: count.get(c.chat_id) ?? 0,
      last: l ? { time: l.update_time, preview: preview(l) } : null,
    };
  });
}
