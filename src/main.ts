import type { FastifyInstance } from 'fastify';
import type * as larkSdk from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import { openWebMemory } from './app/access.ts';
import { dubanBatchHandlers, dubanHandlers, dubanRefusalNotices, dubanRoutes } from './app/inbound.ts';
import { clockForDatabase } from './app/clock.ts';
import { openDatabase } from './app/database.ts';
import { createShutdown } from './app/lifecycle.ts';
import { connectRedis, openProducers, startWorkers } from './app/queues.ts';
import type { InboundHandlers, InboundRoutes } from './contracts/inbound.ts';
import type { Config } from './config/schema.ts';
import type { DbHandle } from './db/client.ts';
import type { Now } from './domain/clock.ts';
import { buildServer } from './http/server.ts';
import { startOpsServer } from './http/ops-server.ts';
import { countingLarkErrors } from './lark/counting-messenger.ts';
import { createInboundDispatcher } from './lark/inbound/dispatcher.ts';
import { configSecrets, createLogger } from './logging.ts';
import type { Outbox } from './queue/outbox.ts';
import { assertDurable, persistenceMode, persistenceProblem, readRedisPersistence } from './queue/redis-durability.ts';
import { safeUrl } from './queue/redis-health.ts';
import { createBotIdentity } from './lark/bot-identity.ts';
import type { Send } from './usecases/rounds/ports.ts';
import { alertAdminsOfRejection } from './usecases/outbox-alerts.ts';
import { loadWorkCalendar } from './app/calendar.ts';
import { runScheduledStep } from './usecases/scheduled-step.ts';
import type { FileDownload } from './lark/resources.ts';

// Composition root: config → clients → server / workers. Only wiring lives here: shutdown is
// src/app/lifecycle.ts, queues and workers src/app/queues.ts, the inbound logic src/app/inbound.ts
// (which also lists the card-submission path file by file).

export interface StartOptions {
  /** Run the HTTP server (and the WS client when LARK_EVENT_MODE=ws). */
  web: boolean;
  /** Run the inbound, outbox and (see `schedules`) schedules workers. */
  workers: boolean;
  /** Business clock; default clockForDatabase (DUBAN_NOW, else the database's clock, else real time; it advances). */
  now?: Now;
  /** For the default clock: a start when neither DUBAN_NOW nor the database has one; store the clock chosen. */
  clock?: { fallback?: string; store?: boolean };
  logger?: Logger;
  /** Replaces duban's routes (src/app/inbound.ts); may read db, never write it. */
  routes?: InboundRoutes | ((deps: AppDeps) => InboundRoutes);
  /** Replaces duban's inbound job handlers; a kind without one is recorded only. */
  inboundHandlers?: Partial<InboundHandlers> | ((deps: AppDeps) => Partial<InboundHandlers>);
  /** Progress lines for the CLI. */
  progress?: (line: string) => void;
  /**
   * Real time, for checking Lark's signature timestamps: Lark signs with the wall clock even when
   * the business clock is shifted by DUBAN_NOW.
   */
  wallClock?: Now;
  /** An already open database, owned (and closed) by the caller; default: open one from config. */
  db?: DbHandle;
  /** Register the cron job schedulers and run their worker (default: with workers). */
  schedules?: boolean;
  /** Refuse a Redis that can lose acknowledged replies unless config.redisVolatileOk (`serve`, `worker`). */
  requireDurableRedis?: boolean;
}

/** What routes and handlers may be built from. */
export interface AppDeps {
  db: DbHandle;
  /** Every outgoing Lark call goes through it (rate-limited, deduped by uuid). */
  outbox: Outbox;
  now: Now;
  logger: Logger;
}

export interface App {
  server?: FastifyInstance;
  /** Base URL the server listens on, when web. */
  url?: string;
  /** GET /metrics of this process, on METRICS_HOST:METRICS_PORT (not the public port). */
  metricsUrl?: string;
  /** The operational port (METRICS_PORT): health, metrics, queue dashboard. */
  opsUrl?: string;
  db: DbHandle;
  outbox: Outbox;
  logger: Logger;
  now: Now;
  /** Stops intake first, then closes the rest in reverse order of opening (src/app/lifecycle.ts). */
  close(): Promise<void>;
}

export async function startApp(config: Config, opts: StartOptions): Promise<App> {
  const logger = opts.logger ?? createLogger({ level: config.logLevel, secrets: configSecrets(config) });
  const progress = opts.progress ?? (() => {});
  const shutdown = createShutdown(logger);
  try {
    progress(`正在连接 Redis（${safeUrl(config.redisUrl)}）…`);
    const producer = await connectRedis(config, 'producer', logger, shutdown);
    const persistence = await readRedisPersistence(producer);
    if (opts.requireDurableRedis) assertDurable(persistence, config.redisVolatileOk);
    if (persistenceProblem(persistence)) progress('注意：当前 Redis 不保证已确认的回复不丢失（未开启 AOF 持久化或会逐出数据），仅适合演示与测试；生产部署见 README「部署」。');

    progress(config.databaseUrl ? `正在连接 Postgres（${safeUrl(config.databaseUrl)}）…` : `正在打开内嵌数据库（${config.dataDir}）…`);
    // The caller's handle (the demo and tests share one PGlite handle: it allows one opener) is theirs to close.
    const db = await openDatabase(config, opts.db);
    if (!opts.db) shutdown.closer(() => db.close());
    const now = opts.now ?? (await clockForDatabase(db.db, config, opts.clock));

    const { enqueueInbound, outbox, queues } = openProducers(config, producer, shutdown);
    const deps: AppDeps = { db, outbox, now, logger };
    const app: App = { db, outbox, logger, now, close: shutdown.close };
    const checks = { postgres: () => db.ping(), redis: async () => void (await producer.ping()), redisPersistence: persistenceMode(persistence) };
    const send: Send = (op, meta) => outbox.enqueue(op, meta);
    // One Lark client per process, made at its first use, SDK included (about 55 MB resident): a
    // web-only process (`serve --no-workers`) sends nothing, and asks Lark only who the bot is.
    let client: Promise<larkSdk.Client> | undefined;
    const lark = () => (client ??= import('./lark/client.ts').then((m) => m.createLarkClient(config.lark, { logger })));
    // Who the bot is decides which group messages are for it (and never a reporter). Workers ask
    // at start; a web-only process when a group message first needs it. Kept after.
    const bot = createBotIdentity(lark, { logger });
    if (opts.workers) void bot.openId();

    if (opts.web || opts.workers) {
      // Off the public port, serve and worker alike: /metrics of this process, /healthz and /readyz
      // (a worker's only probe), and the queue dashboard when DUBAN_ADMIN_USER/PASSWORD are set.
      const ops = await startOpsServer({ ...config.metrics, checks, queues, admin: config.admin });
      shutdown.closer(() => ops.close());
      app.opsUrl = ops.url;
      app.metricsUrl = `${ops.url}/metrics`;
      progress(`运维端口：${ops.url}（/metrics、/healthz、/readyz${config.admin ? '、/queues 队列面板' : ''}）`);
    }

    if (opts.web) {
      // The directory and the cards answered so far, in memory (src/app/access.ts), unless a caller brought its own routes.
      const memory = opts.routes ? undefined : await openWebMemory(db, logger);
      if (memory) shutdown.closer(() => memory.close());
      const routes =
        typeof opts.routes === 'function'
          ? opts.routes(deps)
          : (opts.routes ??
            dubanRoutes(db.db, { timezone: config.timezone, send, bot, budgetMs: config.cardAnswerBudgetMs, lateGraceDays: config.lateGraceDays, memory, results: config.results }));
      const dispatcher = createInboundDispatcher({ enqueue: enqueueInbound, logger, now, routes });
      const server = await buildServer({
        logger,
        now: opts.wallClock ?? (() => new Date()),
        keys: { encryptKey: config.lark.encryptKey, verificationToken: config.lark.verificationToken, appId: config.lark.appId, tenantKey: config.lark.tenantKey },
        maxInFlight: config.httpMaxInFlight,
        dispatcher,
        checks,
      });
      shutdown.intake(() => server.close());
      const address = await server.listen({ port: config.port, host: config.host });
      app.server = server;
      app.url = address;
      if (!config.lark.encryptKey && !config.lark.verificationToken) {
        logger.warn('neither LARK_ENCRYPT_KEY nor LARK_VERIFICATION_TOKEN is set: /lark/events accepts unauthenticated requests');
      }
      if (config.lark.eventMode === 'ws') {
        const { startWsClient } = await import('./lark/ws.ts');
        const ws = await startWsClient({ ...config.lark, dispatcher, logger });
        shutdown.intake(() => ws.close());
        progress('已启用长连接模式（LARK_EVENT_MODE=ws）');
      }
      progress(`已启动：${address}（/healthz、/readyz、POST /lark/events）`);
    }

    if (opts.workers) {
      const { createFileDownloader } = await import('./lark/resources.ts');
      // The client is made on the first download, like the messenger's on the first send.
      const download: FileDownload = async (...args) => createFileDownloader(await lark())(...args);
      const handlers =
        typeof opts.inboundHandlers === 'function'
          ? opts.inboundHandlers(deps)
          : (opts.inboundHandlers ?? dubanHandlers({ send, timezone: config.timezone, bot, download, results: config.results }));
      // A bad override file stops the start here, before any schedule is registered (nothing applied).
      const schedules = (opts.schedules ?? true) ? await loadWorkCalendar({ overrideFile: config.calendar.overrideFile }) : null;
      const refusalNotices = dubanRefusalNotices({ db: db.db, send, now, timezone: config.timezone });
      const { createMessenger } = await import('./lark/messenger.ts');
      const workers = await startWorkers({
        config,
        producer,
        db: db.db,
        logger,
        now,
        messenger: countingLarkErrors(createMessenger({ client: await lark(), logger })),
        handlers,
        // Status reports are stored in batches, unless a caller replaced the handlers.
        batchHandlers: opts.inboundHandlers ? undefined : dubanBatchHandlers(db.db, now),
        // Cards Lark will not take and unreachable task details (lark-refusals.ts); then a chat or
        // the app's setup that keeps failing (outbox-alerts.ts).
        onRejected: async (job, f) => {
          await refusalNotices(job, f);
          await alertAdminsOfRejection({ db: db.db, send, now: now(), timezone: config.timezone }, job.purpose, job.op, f);
        },
        runStep: schedules
          ? (job) =>
              runScheduledStep(job, {
                db: db.db,
                send,
                now,
                timezone: config.timezone,
                quietHours: config.calendar.quietHours,
                results: config.results,
                rules: { calendar: schedules.calendar, quietHours: config.calendar.quietHours, timezone: config.timezone },
              })
          : null,
        shutdown,
      });
      progress(`队列处理已启动（${workers.map((w) => w.name).join('、')}）`);
    }
    return app;
  } catch (e) {
    await shutdown.close();
    throw e;
  }
}
