import type { Logger } from 'pino';
import type { Now } from '../../domain/clock.ts';
import type { InboundJobSpec } from '../../queue/inbound.ts';

/** `im.message.receive_v1`, normalised (shared/docs/lark-platform.md §3.1). */
export interface LarkMessage {
  eventId: string;
  messageId: string;
  chatId: string;
  chatType: string; // p2p | group
  messageType: string; // text | post | image | …
  /** The raw JSON string Lark sends as `message.content`. */
  content: string;
  /** For text messages: the text with mention placeholders (`@_user_1`) still in place. */
  text?: string;
  senderOpenId?: string;
  senderType: string; // user | app
  mentions: { key: string; openId?: string; name: string }[];
  rootId?: string;
  parentId?: string;
  threadId?: string;
  createTime?: string;
}

/** `card.action.trigger` (schema 2.0), normalised (shared/docs/lark-platform.md §3.2). */
export interface LarkCardAction {
  eventId: string;
  operatorOpenId?: string;
  operatorUserId?: string;
  /** The clicked component's `behaviors[].value`. */
  value: unknown;
  formValue?: Record<string, unknown>;
  tag?: string;
  name?: string;
  option?: string;
  options?: string[];
  inputValue?: string;
  checked?: boolean;
  timezone?: string;
  openMessageId?: string;
  openChatId?: string;
  /** Card update token (`c-…`, 30 min, 2 uses): a credential, never logged. */
  cardToken?: string;
  host?: string;
}

export interface Toast {
  type: 'success' | 'error' | 'info' | 'warning';
  content: string;
}

/** Callback answer body (§3.3): a toast, optionally a replacement card. */
export interface CardActionResponse {
  toast?: Toast;
  card?: { type: 'raw'; data: Record<string, unknown> } | { type: 'template'; data: Record<string, unknown> };
}

export interface CardActionOutcome extends CardActionResponse {
  toast: Toast;
  /** Queued before the answer is sent; if it cannot be queued the answer becomes an error toast. */
  job?: InboundJobSpec | null;
}

export interface RouteContext {
  logger: Logger;
  now: Now;
}

/**
 * The extension point later issues plug into. A route decides what to queue and what to answer;
 * it may read Postgres to authorise, but never writes it and never calls the Lark API.
 * Throwing a non-retryable DubanError from onCardAction shows its message as an error toast.
 */
export interface InboundRoutes {
  /** Return the job to queue, or null to ignore the message. */
  onMessage?(msg: LarkMessage, ctx: RouteContext): Promise<InboundJobSpec | null>;
  onCardAction?(action: LarkCardAction, ctx: RouteContext): Promise<CardActionOutcome>;
}

export const TOAST_RECEIVED: Toast = { type: 'success', content: '已收到' };
export const TOAST_UNAVAILABLE: Toast = { type: 'error', content: '服务暂时不可用，请稍后重试' };
export const TOAST_FAILED: Toast = { type: 'error', content: '处理失败，请稍后重试' };
export const TOAST_INVALID: Toast = { type: 'error', content: '无法识别的操作' };
