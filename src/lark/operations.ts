// One outgoing Lark call, as plain JSON data (it travels through the outbox queue).

export type MessageContent = { card: Record<string, unknown> } | { text: string };

export type LarkOperation =
  /** Send a card or text to a group chat or to a user (private chat). */
  | { kind: 'send'; to: { chatId: string } | { openId: string }; content: MessageContent }
  /** Reply to a message; give chatId so the per-chat rate limit applies. */
  | { kind: 'reply'; messageId: string; chatId?: string; content: MessageContent; inThread?: boolean }
  /** Replace a card in place (PATCH); the card must be shared (update_multi). */
  | { kind: 'patch'; messageId: string; chatId?: string; card: Record<string, unknown> }
  /** Upload an image for use in cards; the result carries the image_key. */
  | { kind: 'image'; imageBase64: string; imageType?: 'message' | 'avatar' }
  /** Delayed card update with the token of a card.action.trigger callback (30 min, 2 uses). */
  | { kind: 'card_update'; token: string; card: Record<string, unknown> }
  /**
   * A file as a message: uploaded (POST /open-apis/im/v1/files, ≤ 30 MB, not empty), then sent as
   * `msg_type: file`. The bytes travel in the job, base64.
   */
  | { kind: 'file'; to: { chatId: string } | { openId: string }; fileName: string; fileType: LarkFileType; fileBase64: string };

/** The upload's `file_type` values (im/v1/files); anything not listed goes as `stream`. */
export const LARK_FILE_TYPES = ['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream'] as const;
export type LarkFileType = (typeof LARK_FILE_TYPES)[number];

/** Lark takes files up to 30 MB and refuses empty ones (im/v1/files). */
export const LARK_FILE_MAX_BYTES = 30 * 1024 * 1024;

export interface LarkResult {
  messageId?: string;
  chatId?: string;
  imageKey?: string;
  fileKey?: string;
}

/** The Lark `msg_type` and JSON-string `content` of a message. */
export function encodeContent(content: MessageContent): { msg_type: 'interactive' | 'text'; content: string } {
  return 'card' in content
    ? { msg_type: 'interactive', content: JSON.stringify(content.card) }
    : { msg_type: 'text', content: JSON.stringify({ text: content.text }) };
}

/**
 * Which per-target rate bucket a call counts against (Lark: 5 QPS per chat, per user, and
 * per message for PATCH), or null when only the app-wide limit applies.
 */
export function rateKeyOf(op: LarkOperation): string | null {
  switch (op.kind) {
    case 'send':
    case 'file':
      return 'chatId' in op.to ? `chat-${op.to.chatId}` : `user-${op.to.openId}`;
    case 'reply':
      return op.chatId ? `chat-${op.chatId}` : `msg-${op.messageId}`;
    case 'patch':
      return `msg-${op.messageId}`;
    default:
      return null;
  }
}

/** The chat a call lands in, when known (stored with the sent message). */
export function chatOf(op: LarkOperation): string | undefined {
  if (op.kind === 'send' || op.kind === 'file') return 'chatId' in op.to ? op.to.chatId : undefined;
  if (op.kind === 'reply' || op.kind === 'patch') return op.chatId;
  return undefined;
}
