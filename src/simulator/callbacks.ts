import { checkCallbackAnswer } from './card-check.ts';
import { cardActionEvent, postCallback, type CallbackOptions, type CallbackResult, type CardActionInput } from './events.ts';
import type { FakeLarkState } from './state.ts';

// The fake as Lark's card callback client: it posts card.action.trigger to duban, waits at most
// 3 s, checks the answer as Lark does, shows its card, and keeps a record of every callback
// (feishu-cards/card-callback-communication: answer within 3 s with HTTP 200 and a JSON body of
// `toast` and/or `card`; else the user sees an error and the card is not applied).

export interface CallbackRecord {
  eventId: string;
  messageId: string;
  operator: string;
  at: number;
  ms: number;
  status: number;
  timedOut: boolean;
  /** The error the user sees: 200341 timeout, 200671–200673 / 200830 a bad answer. */
  errCode?: number;
  errMessage?: string;
  toast?: { type: string; content: string };
  /** The answer carried a card and the message now shows it. */
  cardReplaced: boolean;
}

export interface CardCallbackResult extends CallbackResult {
  record: CallbackRecord;
}

/**
 * Sends one card action to duban as Lark does and applies what Lark would: the answer's raw card
 * replaces the message's card (before any later delayed update), a toast is shown, and a late or
 * bad answer becomes the client-side error Lark shows instead.
 */
export async function deliverCardAction(
  fake: { state: FakeLarkState; callbacks: CallbackRecord[]; now: () => Date },
  url: string,
  input: CardActionInput,
  opts: CallbackOptions,
): Promise<CardCallbackResult> {
  const res = await postCallback(url, cardActionEvent(input), opts);
  const record: CallbackRecord = {
    eventId: input.eventId,
    messageId: input.messageId,
    operator: input.operator.openId,
    at: Date.now(),
    ms: res.ms,
    status: res.status,
    timedOut: res.timedOut,
    cardReplaced: false,
  };
  const m = fake.state.messages.get(input.messageId);
  if (res.timedOut) {
    record.errCode = 200341;
    record.errMessage = 'callback timeout (> 3 s)';
  } else {
    const check = checkCallbackAnswer(res.status, res.body, m?.card);
    if (!check.ok) {
      record.errCode = check.errCode;
      record.errMessage = check.message;
    } else {
      const body = res.body as { toast?: { type?: string; content?: string }; card?: { type: string; data: unknown } };
      if (body.toast && typeof body.toast.content === 'string') record.toast = { type: body.toast.type ?? 'info', content: body.toast.content };
      if (m && body.card?.type === 'raw') {
        // Lark shows the answered card at once, to everyone (shared card).
        fake.state.updateCard(m, JSON.stringify(body.card.data), body.card.data, fake.now(), 'callback');
        record.cardReplaced = true;
      }
    }
  }
  fake.callbacks.push(record);
  return { ...res, record };
}
