/** The answer to a card callback (docs/lark.md#answering-a-card-callback): a toast, optionally with the updated card. */
export type ToastType = 'info' | 'success' | 'warning' | 'error';

export interface CallbackAnswer {
  toast: { type: ToastType; content: string; i18n: { zh_cn: string } };
  card?: { type: 'raw'; data: Record<string, unknown> };
}

export function buildToast(type: ToastType, content: string, card?: Record<string, unknown>): CallbackAnswer {
  const answer: CallbackAnswer = { toast: { type, content, i18n: { zh_cn: content } } };
  if (card) answer.card = { type: 'raw', data: card };
  return answer;
}
