import type { FastifyInstance } from 'fastify';

/**
 * A bound on requests in progress: beyond `max`, answer 503 at once (Lark re-pushes events it did
 * not get a 200 for) instead of queueing without limit until memory or the database gives out.
 * Counted down when the response closes, which also covers clients that hang up mid-request.
 */
export function limitInFlight(app: FastifyInstance, max: number): void {
  let inFlight = 0;
  app.addHook('onRequest', async (req, reply) => {
    inFlight++;
    reply.raw.once('close', () => inFlight--);
    if (inFlight > max) {
      req.log.warn({ inFlight, max }, 'overloaded: request refused');
      return reply.code(503).header('retry-after', '1').send({ error: '服务繁忙，请稍后重试' });
    }
  });
}
