import type * as lark from '@larksuiteoapi/node-sdk';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Now } from '../domain/clock.ts';
import type { VerifyKeys } from '../lark/inbound/verify.ts';
import { metrics } from '../metrics.ts';
import { installErrorHandler } from './error-handler.ts';
import { healthRoutes, type ReadinessChecks } from './routes/health.ts';
import { larkEventsRoutes } from './routes/lark-events.ts';
import { metricsRoutes } from './routes/metrics.ts';

export interface ServerDeps {
  logger: Logger;
  /** The app clock: also bounds the signature's 5-minute window (the simulator signs with the same clock). */
  now: Now;
  /** Encrypt key and verification token (config.lark). */
  keys: VerifyKeys;
  dispatcher: lark.EventDispatcher;
  checks: ReadinessChecks;
}

/** The HTTP app, ready for inject() or listen(); building it opens nothing. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // One summary line per request from the onResponse hook below instead of two.
    logController: new LogController({ disableRequestLogging: true }),
    // Lark's own limit is checked per route; this is the default for every other route.
    bodyLimit: 64 * 1024,
  });
  installErrorHandler(app);

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.httpRequestDuration.observe(
      { method: req.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    req.log.info({ method: req.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  await app.register(healthRoutes, { checks: deps.checks });
  await app.register(metricsRoutes);
  await app.register(larkEventsRoutes, { dispatcher: deps.dispatcher, keys: deps.keys, now: deps.now });
  await app.ready();
  return app;
}
