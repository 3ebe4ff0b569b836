import { randomBytes } from 'node:crypto';

// In-memory world of the fake Lark: chats, users, messages, images. Kept as plain data so the
// demo console (a later issue) can render it as it is.

export interface FakeUser {
  open_id: string;
  name: string;
  union_id?: string;
  user_id?: string;
  department_ids?: string[];
  /** What contact/v3/users/batch_get_id finds the user by. */
  email?: string;
  mobile?: string;
}

export interface FakeChat {
  chat_id: string;
  name: string;
  chat_type: 'group' | 'p2p';
  /** open_ids of the human members (the bot is implicitly a member). */
  members: string[];
}

export interface FakeMessage {
  message_id: string;
  chat_id: string;
  msg_type: string;
  /** Latest content as sent (a JSON string, as Lark stores it). */
  content: string;
  /** Parsed card JSON for interactive messages, after every patch. */
  card?: unknown;
  /** Text for text messages. */
  text?: string;
  parent_id?: string;
  root_id?: string;
  uuid?: string;
  create_time: string;
  update_time: string;
  /** How many times the card was replaced (PATCH or delayed update). */
  updates: number;
  sender: { id: string; id_type: 'app_id'; sender_type: 'app' };
}

export interface FakeFile {
  file_type: string;
  file_name: string;
  bytes: Buffer;
  created: number;
}

export type MessageEvent =
  | { type: 'created'; message: FakeMessage }
  | { type: 'updated'; message: FakeMessage; via: UpdateVia };

/** How a card changed: PATCH, the delayed-update API, or the card in a callback answer. */
export type UpdateVia = 'patch' | 'card_update' | 'callback';

export type MessageListener = (event: MessageEvent) => void;

export const newId = (prefix: string, bytes = 12): string => `${prefix}${randomBytes(bytes).toString('hex')}`;

/** What GET /open-apis/bot/v3/info tells about the app's bot. */
export interface FakeBot {
  open_id: string;
  app_name: string;
}

export class FakeLarkState {
  bot: FakeBot = { open_id: 'ou_bot_simulator0001', app_name: '督办' };
  readonly chats = new Map<string, FakeChat>();
  readonly users = new Map<string, FakeUser>();
  readonly messages = new Map<string, FakeMessage>();
  readonly images = new Map<string, { image_type: string; bytes: Buffer }>();
  /** Files people sent in messages, by file_key: served by the message resource API to that message only. */
  readonly messageFiles = new Map<string, { message_id: string; file_name: string; bytes: Buffer }>();
  /** Files uploaded through im/v1/files, by file_key. */
  readonly files = new Map<string, FakeFile>();
  /** Card update tokens handed out in card.action.trigger payloads: token → message + uses left. */
  readonly cardTokens = new Map<string, { message_id: string; usesLeft: number; expiresAt: number }>();
  private readonly listeners = new Set<MessageListener>();

  addChat(chat: { chat_id: string; name: string; members?: string[]; chat_type?: 'group' | 'p2p' }): FakeChat {
    const c: FakeChat = { chat_id: chat.chat_id, name: chat.name, chat_type: chat.chat_type ?? 'group', members: [...(chat.members ?? [])] };
    this.chats.set(c.chat_id, c);
    return c;
  }

  addUser(user: FakeUser): FakeUser {
    const u = { ...user, union_id: user.union_id ?? `on_${user.open_id.replace(/^ou_/, '')}` };
    this.users.set(u.open_id, u);
    return u;
  }

  /** The bot's private chat with a user, created on first use as Lark does. */
  p2pChatFor(openId: string): FakeChat {
    const id = `oc_p2p_${openId.replace(/^ou_/, '')}`;
    return this.chats.get(id) ?? this.addChat({ chat_id: id, name: this.users.get(openId)?.name ?? openId, chat_type: 'p2p', members: [openId] });
  }

  messagesIn(chatId: string): FakeMessage[] {
    return [...this.messages.values()].filter((m) => m.chat_id === chatId);
  }

  addMessage(m: FakeMessage): void {
    this.messages.set(m.message_id, m);
    this.emit({ type: 'created', message: m });
  }

  updateCard(m: FakeMessage, content: string, card: unknown, at: Date, via: UpdateVia): void {
    m.content = content;
    m.card = card;
    m.update_time = String(at.getTime());
    m.updates += 1;
    this.emit({ type: 'updated', message: m, via });
  }

  onMessage(listener: MessageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: MessageEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A broken listener (console) must not break the API it observes.
      }
    }
  }
}
