import { bad, type Answer } from './context.ts';
import { refusalMessage, validateCard } from './card-rules.ts';

// How the fake answers a card that breaks Card JSON 2.0 rules, on each path a card reaches Lark.

const MAX_CARD_BYTES = 30 * 1024;

/**
 * A send, reply, patch or delayed update carrying this card: HTTP 400 `{code: 230099}` with the
 * first violation's sub-code in `msg` (message create error table), or null when it is valid.
 */
export function cardRefusal(card: unknown): Answer | null {
  const [first] = validateCard(card);
  return first ? bad(230099, refusalMessage(first)) : null;
}

/** The complete card of a delayed update: size as for messages (230025), then the card rules. */
export function updateCardRefusal(card: unknown): Answer | null {
  if (Buffer.byteLength(JSON.stringify(card)) > MAX_CARD_BYTES) return bad(230025, 'The message content is too long');
  return cardRefusal(card);
}

export interface CallbackAnswerCheck {
  ok: boolean;
  /**
   * The client-side error Lark shows for a bad answer (feishu-cards/card-callback-communication,
   * error table): 200671 non-200 status, 200672 bad body, 200673 bad card in the body, 200830 a
   * 1.0 card replacing a 2.0 card.
   */
  errCode?: 200671 | 200672 | 200673 | 200830;
  message?: string;
}

const TOAST_TYPES = ['info', 'success', 'error', 'warning'];

/** Checks a card.action.trigger answer as Lark does before showing its toast and card. */
export function checkCallbackAnswer(status: number, body: unknown, previousCard?: unknown): CallbackAnswerCheck {
  if (status !== 200) return { ok: false, errCode: 200671, message: `HTTP ${status}` };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, errCode: 200672, message: 'the answer is not a JSON object' };
  const b = body as { toast?: unknown; card?: unknown };
  for (const k of Object.keys(b)) if (k !== 'toast' && k !== 'card') return { ok: false, errCode: 200672, message: `unknown field "${k}"` };
  if (b.toast !== undefined) {
    const t = b.toast as { type?: unknown; content?: unknown; i18n?: unknown };
    if (typeof t !== 'object' || t === null || (t.type !== undefined && !TOAST_TYPES.includes(String(t.type))) || (typeof t.content !== 'string' && typeof t.i18n !== 'object')) {
      return { ok: false, errCode: 200672, message: 'toast must be {type: info|success|error|warning, content}' };
    }
  }
  if (b.card === undefined) return { ok: true };
  const c = b.card as { type?: unknown; data?: unknown };
  if (typeof c !== 'object' || c === null || (c.type !== 'raw' && c.type !== 'template') || typeof c.data !== 'object' || c.data === null) {
    return { ok: false, errCode: 200672, message: 'card must be {type: raw|template, data}' };
  }
  if (c.type === 'template') return { ok: true };
  const was2 = (previousCard as { schema?: unknown } | undefined)?.schema === '2.0';
  if (was2 && (c.data as { schema?: unknown }).schema !== '2.0') return { ok: false, errCode: 200830, message: 'a JSON 2.0 card cannot be replaced by a 1.0 card' };
  if (Buffer.byteLength(JSON.stringify(c.data)) > MAX_CARD_BYTES) return { ok: false, errCode: 200673, message: 'the card is over 30 KB' };
  const [first] = validateCard(c.data);
  if (first) return { ok: false, errCode: 200673, message: refusalMessage(first) };
  return { ok: true };
}
