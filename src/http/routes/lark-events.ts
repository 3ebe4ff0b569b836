import type { FastifyPluginAsync } from 'fastify';
import type { Now } from '../../domain/clock.ts';
import { errInfo, isDubanError } from '../../errors.ts';
import { handlesEventType } from '../../lark/inbound/dispatcher.ts';
import type { EventRouter } from '../../lark/inbound/event-router.ts';
import { eventIdOf, eventTypeOf, verifyLarkRequest, type VerifyKeys } from '../../lark/inbound/verify.ts';
import { metrics } from '../../metrics.ts';

export const LARK_EVENTS_PATH = '/lark/events';
export const LARK_BODY_LIMIT = 64 * 1024;

export interface LarkEventsOptions {
  dispatcher: EventRouter;
  keys: VerifyKeys;
  /** Clock for the signature's 5-minute window. */
  now: Now;
}

/**
 * POST /lark/events — events and card callbacks (webhook mode). The body is kept as the raw
 * string so the signature is checked on the exact bytes Lark signed; nothing reaches a handler
 * before decrypt, signature, timestamp and token all pass.
 */
export const larkEventsRoutes: FastifyPluginAsync<LarkEventsOptions> = async (app, opts) => {
  // Encapsulated: the raw-string JSON parser applies to this route only.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: LARK_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  app.post(LARK_EVENTS_PATH, async (req, reply) => {
    const raw = typeof req.body === 'string' ? req.body : '';
    const verified = verifyLarkRequest(raw, req.headers, opts.keys, opts.now());
    if (!verified.ok) {
      req.log.warn({ status: verified.status, reason: verified.reason }, 'lark request refused');
      metrics.inboundEvents.inc({ type: 'unknown', outcome: verified.status === 400 ? 'malformed' : 'unauthorized' });
      return reply.code(verified.status).send({ error: verified.status === 400 ? verified.reason : '签名或令牌校验失败' });
    }
    if (verified.challenge !== undefined) {
      req.log.info('url_verification challenge answered');
      return reply.send({ challenge: verified.challenge });
    }

    const { payload } = verified;
    const type = eventTypeOf(payload);
    // Every later line of this request (including the summary) carries the event id.
    const log = req.log.child({ eventId: eventIdOf(payload), eventType: type });
    req.log = log;
    if (!handlesEventType(opts.dispatcher, type)) {
      log.info('event type not handled; acknowledged and ignored');
      metrics.inboundEvents.inc({ type: 'unhandled', outcome: 'ignored' });
      return reply.send({});
    }
    // The SDK's adapters put headers on the prototype so JSON.stringify(data) sees only the body
    // (docs/lark.md#event-dispatcher); verification already happened above, hence needCheck:false.
    const data = Object.assign(Object.create({ headers: req.headers }) as object, payload);
    try {
      const value: unknown = await opts.dispatcher.invoke(data, { needCheck: false });
      return reply.send(typeof value === 'object' && value !== null ? value : {});
    } catch (e) {
      if (isDubanError(e) && e.code === 'QUEUE_UNAVAILABLE') {
        // Lark re-pushes on a non-200: the event is not lost, and nothing false was said.
        return reply.code(503).send({ error: '服务暂时不可用，请稍后重试' });
      }
      log.error({ error: errInfo(e) }, 'event handler failed');
      return reply.code(500).send({ error: '服务器内部错误' });
    }
  });
};
