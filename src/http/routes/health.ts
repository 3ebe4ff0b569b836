import type { FastifyPluginAsync } from 'fastify';

export interface ReadinessChecks {
  postgres(): Promise<void>;
  redis(): Promise<void>;
  /** How Redis keeps queued replies across a crash: aof-always, aof-everysec, volatile … (read at start). */
  redisPersistence?: string;
}

const withTimeout = async (p: Promise<void>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([p, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
};

/** GET /healthz: the process answers. GET /readyz: Postgres and Redis answer too, else 503. */
export const healthRoutes: FastifyPluginAsync<{ checks: ReadinessChecks; timeoutMs?: number }> = async (app, opts) => {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (req, reply) => {
    const ms = opts.timeoutMs ?? 1500;
    const [postgres, redis] = await Promise.all([withTimeout(opts.checks.postgres(), ms), withTimeout(opts.checks.redis(), ms)]);
    const body = {
      status: postgres && redis ? 'ready' : 'unavailable',
      postgres: postgres ? 'ok' : 'down',
      redis: redis ? 'ok' : 'down',
      ...(opts.checks.redisPersistence ? { redisPersistence: opts.checks.redisPersistence } : {}),
    };
    if (!(postgres && redis)) req.log.warn(body, 'not ready');
    return reply.code(postgres && redis ? 200 : 503).send(body);
  });
};
