import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Now } from '../domain/clock.ts';
import type { EventRouter } from '../lark/inbound/event-router.ts';
import type { VerifyKeys } from '../lark/inbound/verify.ts';
import { metrics } from '../metrics.ts';
import { installErrorHandler } from './error-handler.ts';
import { healthRoutes, type ReadinessChecks } from './routes/health.ts';
import { larkEventsRoutes } from './routes/lark-events.ts';
import { closeSilentConnections } from './idle-connections.ts';
import { limitInFlight } from './in-flight.ts';

export interface ServerDeps {
  logger: Logger;
  /** The app clock: also bounds the signature's 5-minute window (the simulator signs with the same clock). */
  now: Now;
  /** Encrypt key and verification token (config.lark). */
  keys: VerifyKeys;
  dispatcher: EventRouter;
  checks: ReadinessChecks;
  /** Requests handled at once; more are answered 503 at once rather than queued (default 200). */
  maxInFlight?: number;
  /** Override the timeouts (tests); defaults are HTTP_LIMITS. */
  limits?: Partial<typeof HTTP_LIMITS>;
}

/**
 * Slow or stalled senders are cut off within seconds: Lark sends small bodies at once, so a request
 * still arriving after a few seconds is a broken client or a slow-loris. Node checks these every
 * `checkEveryMs` (its default, 30 s, would let them linger).
 */
export const HTTP_LIMITS = {
  /** headers must arrive within this */
  headersMs: 5_000,
  /** the whole request (headers and body) within this */
  requestMs: 10_000,
  /** a socket with no bytes for this long is closed */
  idleMs: 10_000,
  /** an idle keep-alive connection is closed after this */
  keepAliveMs: 5_000,
  checkEveryMs: 1_000,
};

/** The HTTP app, ready for inject() or listen(); building it opens nothing. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const limits = { ...HTTP_LIMITS, ...deps.limits };
  const app = Fastify({
    requestTimeout: limits.requestMs,
    connectionTimeout: limits.idleMs,
    keepAliveTimeout: limits.keepAliveMs,
    http: { headersTimeout: limits.headersMs, connectionsCheckingInterval: limits.checkEveryMs },
    loggerInstance: deps.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // One summary line per request from the onResponse hook below instead of two.
    logController: new LogController({ disableRequestLogging: true }),
    // Lark's own limit is checked per route; this is the default for every other route.
    bodyLimit: 64 * 1024,
  });
  installErrorHandler(app);
  limitInFlight(app, deps.maxInFlight ?? 200);
  closeSilentConnections(app.server, limits.headersMs);

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.httpRequestDuration.observe(
      { method: req.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    req.log.info({ method: req.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  await app.register(healthRoutes, { checks: deps.checks });
  // /metrics is not here: it listens on METRICS_PORT (ops-server.ts), off the public port.
  await app.register(larkEventsRoutes, { dispatcher: deps.dispatcher, keys: deps.keys, now: deps.now });
  await app.ready();
  return app;
}
