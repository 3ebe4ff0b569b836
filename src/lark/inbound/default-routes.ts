import type { InboundRoutes } from '../../contracts/inbound.ts';
import { TOAST_RECEIVED } from './toasts.ts';

/**
 * Until later issues plug in their logic: every message and every card action is queued as is,
 * and a card action is acknowledged with 已收到 (only once the job is safely queued).
 */
export const defaultRoutes: Required<InboundRoutes> = {
  async onMessage(msg) {
    // The bot's own messages (and other apps') are not questions for it.
    if (msg.senderType !== 'user') return null;
    return { kind: 'message', payload: msg };
  },
  async onCardAction(action) {
    return { toast: TOAST_RECEIVED, job: { kind: 'card_action', payload: action } };
  },
};
