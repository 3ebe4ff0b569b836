import type { Logger } from 'pino';
import type { Now } from '../../domain/clock.ts';
import { errInfo, isDubanError } from '../../errors.ts';
import { metrics } from '../../metrics.ts';
import type { CardActionResponse, InboundEnqueue, InboundRoutes } from '../../contracts/inbound.ts';
import { BOT_ADDED, BOT_DELETED, parseBotMembership } from './bot-membership.ts';
import { BOT_MENU, parseBotMenu } from './bot-menu.ts';
import { defaultRoutes } from './default-routes.ts';
import { createEventRouter, type EventRouter } from './event-router.ts';
import { parseCardAction, parseMessageEvent } from './events.ts';
import { TOAST_FAILED, TOAST_INVALID, TOAST_UNAVAILABLE } from './toasts.ts';
import { eventIdOf } from './verify.ts';

export const MESSAGE_RECEIVE = 'im.message.receive_v1';
export const CARD_ACTION = 'card.action.trigger';

export interface DispatcherDeps {
  enqueue: InboundEnqueue;
  logger: Logger;
  now: Now;
  routes?: InboundRoutes;
}

/**
 * The one event router shared by the webhook and the WS client (the SDK's EventDispatcher's
 * contract, without the SDK: event-router.ts). Signature, timestamp and
 * token are checked by the caller (webhook) or the transport (WS), so it is invoked with
 * needCheck:false and holds no keys. Handlers validate, queue, and answer at once.
 * A message that cannot be queued throws QUEUE_UNAVAILABLE (→ HTTP 503, WS code 500: Lark
 * re-pushes); a card action that cannot be queued answers an error toast, never a success.
 */
export function createInboundDispatcher(deps: DispatcherDeps): EventRouter {
  const routes = { ...defaultRoutes, ...deps.routes };
  const base = deps.logger.child({ component: 'inbound' });

  const onMessage = async (data: unknown): Promise<Record<string, never>> => {
    const log = base.child({ eventId: eventIdOf(data), eventType: MESSAGE_RECEIVE });
    const msg = parseMessageEvent(data);
    if (!msg) {
      // Retrying cannot fix a malformed event: acknowledge and drop it.
      log.warn('message event failed validation; ignored');
      metrics.inboundEvents.inc({ type: MESSAGE_RECEIVE, outcome: 'invalid' });
      return {};
    }
    const spec = await routes.onMessage(msg, { logger: log, now: deps.now });
    if (!spec) {
      log.info({ chatType: msg.chatType, messageType: msg.messageType }, 'message ignored by route');
      metrics.inboundEvents.inc({ type: MESSAGE_RECEIVE, outcome: 'ignored' });
      return {};
    }
    try {
      await deps.enqueue({ ...spec, eventId: msg.eventId, eventType: MESSAGE_RECEIVE, receivedAt: deps.now().toISOString() });
    } catch (e) {
      log.error({ error: errInfo(e) }, 'could not queue message event');
      metrics.inboundEvents.inc({ type: MESSAGE_RECEIVE, outcome: 'unavailable' });
      throw e;
    }
    log.info({ kind: spec.kind }, 'message event queued');
    metrics.inboundEvents.inc({ type: MESSAGE_RECEIVE, outcome: 'queued' });
    return {};
  };

  const onCardAction = async (data: unknown): Promise<CardActionResponse> => {
    const log = base.child({ eventId: eventIdOf(data), eventType: CARD_ACTION });
    const count = (outcome: string) => metrics.inboundEvents.inc({ type: CARD_ACTION, outcome });
    const action = parseCardAction(data);
    if (!action) {
      log.warn('card action failed validation; refused');
      count('invalid');
      return { toast: TOAST_INVALID };
    }
    let outcome;
    try {
      outcome = await routes.onCardAction(action, { logger: log, now: deps.now });
    } catch (e) {
      const refusal = isDubanError(e) && !e.retryable;
      log[refusal ? 'info' : 'error']({ error: errInfo(e) }, 'card action route refused or failed');
      count(refusal ? 'refused' : 'failed');
      return { toast: refusal ? { type: 'error', content: (e as Error).message } : TOAST_FAILED };
    }
    if (outcome.job) {
      try {
        await deps.enqueue({ ...outcome.job, eventId: action.eventId, eventType: CARD_ACTION, receivedAt: deps.now().toISOString() });
      } catch (e) {
        log.error({ error: errInfo(e) }, 'could not queue card action');
        count('unavailable');
        return { toast: TOAST_UNAVAILABLE };
      }
    }
    outcome.afterQueued?.();
    log.info({ kind: outcome.job?.kind ?? null, toast: outcome.toast.type }, 'card action answered');
    count(outcome.job ? 'queued' : 'answered');
    const { job: _job, afterQueued: _after, ...response } = outcome;
    return response;
  };

  // Bot added to / removed from a chat: no route decides anything, the worker records it and tells the admins.
  const onBotMembership = (eventType: string, change: 'added' | 'removed') => async (data: unknown): Promise<Record<string, never>> => {
    const log = base.child({ eventId: eventIdOf(data), eventType });
    const payload = parseBotMembership(data, change);
    if (!payload) {
      log.warn('bot membership event failed validation; ignored');
      metrics.inboundEvents.inc({ type: eventType, outcome: 'invalid' });
      return {};
    }
    const { eventId, ...rest } = payload;
    try {
      await deps.enqueue({ kind: 'bot_membership', payload: rest, eventId, eventType, receivedAt: deps.now().toISOString() });
    } catch (e) {
      log.error({ error: errInfo(e) }, 'could not queue bot membership event');
      metrics.inboundEvents.inc({ type: eventType, outcome: 'unavailable' });
      throw e;
    }
    metrics.inboundEvents.inc({ type: eventType, outcome: 'queued' });
    return {};
  };

  // A bot menu click: the worker checks the operator is an admin and answers with the confirmation card.
  const onBotMenu = async (data: unknown): Promise<Record<string, never>> => {
    const log = base.child({ eventId: eventIdOf(data), eventType: BOT_MENU });
    const click = parseBotMenu(data);
    if (!click) {
      log.warn('bot menu event failed validation; ignored');
      metrics.inboundEvents.inc({ type: BOT_MENU, outcome: 'invalid' });
      return {};
    }
    const payload = { operation: click.eventKey, source: 'menu' as const, operatorOpenId: click.operatorOpenId };
    try {
      await deps.enqueue({ kind: 'operation_request', payload, eventId: click.eventId, eventType: BOT_MENU, receivedAt: deps.now().toISOString() });
    } catch (e) {
      log.error({ error: errInfo(e) }, 'could not queue bot menu event');
      metrics.inboundEvents.inc({ type: BOT_MENU, outcome: 'unavailable' });
      throw e;
    }
    metrics.inboundEvents.inc({ type: BOT_MENU, outcome: 'queued' });
    return {};
  };

  return createEventRouter({
    [MESSAGE_RECEIVE]: onMessage,
    [CARD_ACTION]: onCardAction,
    [BOT_ADDED]: onBotMembership(BOT_ADDED, 'added'),
    [BOT_DELETED]: onBotMembership(BOT_DELETED, 'removed'),
    [BOT_MENU]: onBotMenu,
  });
}

/** True when the dispatcher has a handler for this event type (else: 200, logged, ignored). */
export const handlesEventType = (dispatcher: EventRouter, type: string | undefined): boolean =>
  type !== undefined && type !== 'app_ticket' && dispatcher.handles.has(type);
