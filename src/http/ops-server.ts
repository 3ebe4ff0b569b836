import { timingSafeEqual } from 'node:crypto';
import type { Queue } from 'bullmq';
import Fastify, { type FastifyInstance } from 'fastify';
import { DubanError } from '../errors.ts';
import { healthRoutes, type ReadinessChecks } from './routes/health.ts';
import { metricsContentType, metricsText } from '../metrics.ts';

// The operational port (METRICS_HOST:METRICS_PORT, 127.0.0.1 by default), apart from the public
// one Lark calls: /metrics, /healthz and /readyz for every process (a worker-only process has no
// other port, so this is its health probe), and the queue dashboard behind basic auth.

export interface OpsServerOptions {
  host: string;
  port: number;
  checks: ReadinessChecks;
  /** The queues the dashboard shows (and lets an operator retry); none: no dashboard. */
  queues: Queue[];
  /** Basic-auth credentials of the dashboard; unset: no dashboard at all. */
  admin?: { user: string; password: string };
}

export interface OpsServer {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

const DASHBOARD = '/queues';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** True when the Authorization header carries these credentials (RFC 7617). */
export function basicAuthOk(header: string | undefined, admin: { user: string; password: string }): boolean {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return false;
  // Both compared, always: the answer's timing says nothing about which part was wrong.
  const userOk = same(decoded.slice(0, i), admin.user);
  const passOk = same(decoded.slice(i + 1), admin.password);
  return userOk && passOk;
}

export async function buildOpsServer(opts: Omit<OpsServerOptions, 'host' | 'port'>): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(healthRoutes, { checks: opts.checks });
  app.get('/metrics', async (_req, reply) => reply.type(metricsContentType).send(await metricsText()));
  const admin = opts.admin;
  if (admin && opts.queues.length) {
    // Loaded only with a dashboard to show (bull-board brings its own fastify plugins and views).
    const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter }] = await Promise.all([
      import('@bull-board/api'),
      import('@bull-board/api/bullMQAdapter'),
      import('@bull-board/fastify'),
    ]);
    await app.register(async (scope) => {
      scope.addHook('onRequest', async (req, reply) => {
        if (!basicAuthOk(req.headers.authorization, admin)) {
          return reply.code(401).header('www-authenticate', 'Basic realm="duban", charset="UTF-8"').send({ error: '需要登录' });
        }
      });
      const adapter = new FastifyAdapter();
      adapter.setBasePath(DASHBOARD);
      createBullBoard({ queues: opts.queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
      await scope.register(adapter.registerPlugin(), { prefix: DASHBOARD });
    });
  }
  await app.ready();
  return app;
}

export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const app = await buildOpsServer(opts);
  let address: string;
  try {
    address = await app.listen({ host: opts.host, port: opts.port });
  } catch (e) {
    await app.close();
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new DubanError('METRICS_PORT_UNAVAILABLE', `无法在 ${opts.host}:${opts.port} 上提供运维端口（${code}）。请换一个 METRICS_PORT，或设为 0 使用任意空闲端口。`, { cause: e });
  }
  return { url: address.replace('[::1]', '127.0.0.1'), app, close: () => app.close() };
}
