import { Queue, type Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config/schema.ts';
import { migrateDb, openDb, type DbHandle } from './db/client.ts';
import { shiftedClock, type Now } from './domain/clock.ts';
import { DubanError } from './errors.ts';
import { buildServer } from './http/server.ts';
import { createInboundDispatcher } from './lark/inbound/dispatcher.ts';
import type { InboundRoutes } from './lark/inbound/types.ts';
import { createLarkClient } from './lark/client.ts';
import { countingLarkErrors } from './lark/counting-messenger.ts';
import { createMessenger } from './lark/messenger.ts';
import { createAskCache } from './usecases/ask.ts';
import { createCardActionRoute } from './usecases/inbound/card-action-route.ts';
import { createInboundHandlers } from './usecases/inbound/handlers.ts';
import { messageRoute } from './usecases/inbound/message-route.ts';
import type { Send } from './usecases/rounds/ports.ts';
import { runStep } from './usecases/steps.ts';
import { registerSchedules, type ScheduledStep } from './queue/schedules.ts';
import { startSchedulesWorker } from './queue/workers/schedules.worker.ts';
import { startWsClient, type WsHandle } from './lark/ws.ts';
import { configSecrets, createLogger } from './logging.ts';
import { metrics, watchQueueDepth } from './metrics.ts';
import { createRedis } from './queue/connection.ts';
import { quietErrors, safeUrl, waitForRedis } from './queue/redis-health.ts';
import { createInboundEnqueue } from './queue/inbound.ts';
import { QUEUES } from './queue/names.ts';
import { createOutbox, type Outbox } from './queue/outbox.ts';
import { startInboundWorker, type InboundHandlers } from './queue/workers/inbound.worker.ts';
import { startOutboxWorker } from './queue/workers/outbox.worker.ts';

// Composition root: config → clients → server / workers → graceful shutdown. Nothing else
// creates clients; later issues add their routes, handlers and workers here.

/** Longest wait for one shutdown step (closing workers, queues, connections). */
const SHUTDOWN_STEP_MS = 10_000;

export interface StartOptions {
  web: boolean;
  workers: boolean;
  /** Business clock; default from config (DUBAN_NOW shifts it), else real time. */
  now?: Now;
  logger?: Logger;
  /** Card-action / message logic (status rounds); default queues everything as is. May read db. */
  routes?: InboundRoutes | ((deps: AppDeps) => InboundRoutes);
  /** Inbound job handlers by kind; default records the event only. */
  inboundHandlers?: InboundHandlers | ((deps: AppDeps) => InboundHandlers);
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
  db: DbHandle;
  outbox: Outbox;
  logger: Logger;
  now: Now;
  close(): Promise<void>;
}

export const clockFromConfig = (config: Pick<Config, 'now'>, real: Now = () => new Date()): Now =>
  config.now ? shiftedClock(new Date(config.now), real) : real;

export async function startApp(config: Config, opts: StartOptions): Promise<App> {
  const logger = opts.logger ?? createLogger({ level: config.logLevel, secrets: configSecrets(config) });
  const now = opts.now ?? clockFromConfig(config);
  const progress = opts.progress ?? (() => {});
  // Shutdown order: stop intake (server, WS) first, then workers finish their active jobs, then
  // the rest in reverse order of opening (queues, Redis, db).
  const intake: (() => Promise<unknown> | unknown)[] = [];
  const closers: (() => Promise<unknown> | unknown)[] = [];
  const close = async () => {
    for (const fn of [...intake.splice(0), ...closers.splice(0).reverse()]) {
      // A step that cannot finish (a job stuck on a dead connection) must not hang the shutdown:
      // everything it guards is retried from Redis by the next process.
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), SHUTDOWN_STEP_MS)));
      try {
        if ((await Promise.race([Promise.resolve().then(fn), timedOut])) === 'timeout') {
          logger.warn({ step: String(fn).slice(0, 80) }, 'shutdown step timed out; continuing');
        }
      } catch (e) {
        logger.warn({ error: (e as Error).message }, 'error while shutting down');
      } finally {
        clearTimeout(timer);
      }
    }
  };

  try {
    progress(`正在连接 Redis（${safeUrl(config.redisUrl)}）…`);
    const producer = createRedis(config.redisUrl, 'producer');
    closers.push(() => producer.disconnect());
    quietErrors(producer, logger, 'producer');
    await waitForRedis(producer, config.redisUrl);

    progress(config.databaseUrl ? `正在连接 Postgres（${safeUrl(config.databaseUrl)}）…` : `正在打开内嵌数据库（${config.dataDir}）…`);
    let db: DbHandle;
    try {
      if (opts.db) {
        // The caller's handle (the demo and tests share one PGlite handle: it allows one opener).
        db = opts.db;
      } else {
        db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        closers.push(() => db.close());
      }
      await migrateDb(db);
    } catch (e) {
      if (e instanceof DubanError) throw e;
      throw new DubanError('DB_UNAVAILABLE', `无法打开数据库：${(e as Error).message}。请检查 DATABASE_URL，或不设置它以使用内嵌 PGlite。`, { cause: e });
    }

    const inboundQueue = new Queue(QUEUES.inbound, { connection: producer, prefix: config.queuePrefix });
    closers.push(() => inboundQueue.close());
    const outbox = createOutbox({ connection: producer, prefix: config.queuePrefix });
    // The producer connection already logs an outage once (quietErrors); without a listener BullMQ
    // would print every reconnect failure to stderr as a stack trace.
    for (const q of [inboundQueue, outbox.queue]) q.on('error', () => {});
    closers.push(() => outbox.close());
    closers.push(watchQueueDepth([inboundQueue, outbox.queue]));

    const deps: AppDeps = { db, outbox, now, logger };
    const app: App = { db, outbox, logger, now, close };
    const send: Send = (op, meta) => outbox.enqueue(op, meta);
    const routes = typeof opts.routes === 'function' ? opts.routes(deps) : (opts.routes ?? dubanRoutes(db.db, config.timezone));
    const dispatcher = createInboundDispatcher({ enqueue: createInboundEnqueue(inboundQueue), logger, now, routes });
    if (opts.web) {
      const server = await buildServer({
        logger,
        now: opts.wallClock ?? (() => new Date()),
        keys: { encryptKey: config.lark.encryptKey, verificationToken: config.lark.verificationToken },
        dispatcher,
        checks: { postgres: () => db.ping(), redis: async () => void (await producer.ping()) },
      });
      intake.push(() => server.close());
      const address = await server.listen({ port: config.port, host: config.host });
      app.server = server;
      app.url = address;
      if (!config.lark.encryptKey && !config.lark.verificationToken) {
        logger.warn('neither LARK_ENCRYPT_KEY nor LARK_VERIFICATION_TOKEN is set: /lark/events accepts unauthenticated requests');
      }
      if (config.lark.eventMode === 'ws') {
        const ws: WsHandle = await startWsClient({ ...config.lark, dispatcher, logger });
        intake.push(() => ws.close());
        progress('已启用长连接模式（LARK_EVENT_MODE=ws）');
      }
      progress(`已启动：${address}（/healthz、/readyz、/metrics、POST /lark/events）`);
    }

    if (opts.workers) {
      const workerConnection = createRedis(config.redisUrl, 'worker');
      closers.push(() => workerConnection.disconnect());
      quietErrors(workerConnection, logger, 'worker');
      const handlers =
        typeof opts.inboundHandlers === 'function'
          ? opts.inboundHandlers(deps)
          : (opts.inboundHandlers ?? createInboundHandlers({ send, timezone: config.timezone, askCache: createAskCache() }));
      const messenger = countingLarkErrors(createMessenger({ client: createLarkClient(config.lark, { logger }), logger }));
      const outboxWorker = startOutboxWorker({
        connection: workerConnection,
        prefix: config.queuePrefix,
        messenger,
        db: db.db,
        logger,
        now,
        rates: { appPerSecond: config.outbox.appRatePerSecond, chatPerSecond: config.outbox.chatRatePerSecond },
        lockMs: config.queueLockMs,
      });
      outboxWorker.worker.on('failed', (job, err) => {
        const final = err.name === 'UnrecoverableError' || (job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true);
        metrics.failedJobs.inc({ queue: QUEUES.outbox, final: String(final) });
      });
      const workers: Worker[] = [
        startInboundWorker({ connection: workerConnection, prefix: config.queuePrefix, db: db.db, logger, now, handlers, lockMs: config.queueLockMs }),
        outboxWorker.worker,
      ];
      if (opts.schedules ?? true) {
        const schedulesQueue = new Queue(QUEUES.schedules, { connection: producer, prefix: config.queuePrefix });
        schedulesQueue.on('error', () => {});
        closers.push(() => schedulesQueue.close());
        await registerSchedules(schedulesQueue, config.cron, config.timezone);
        const run = (step: ScheduledStep) => runStep(step, { db: db.db, send, now, timezone: config.timezone });
        workers.push(startSchedulesWorker({ connection: workerConnection, prefix: config.queuePrefix, run, logger }));
      }
      // Closers run in reverse: workers finish active jobs before their connection goes.
      closers.push(() => Promise.all(workers.map((w) => w.close())));
      progress(`队列处理已启动（${workers.map((w) => w.name).join('、')}）`);
    }
    return app;
  } catch (e) {
    await close();
    throw e;
  }
}

/** duban's inbound logic: card submissions and questions (issue 4, 5). */
function dubanRoutes(db: DbHandle['db'], timezone: string): InboundRoutes {
  return { onCardAction: createCardActionRoute(db, { timezone }), onMessage: messageRoute };
}

/** Runs until SIGTERM or SIGINT, then shuts down in order: server, WS, workers, queues, Redis, db. */
export function closeOnSignal(app: App, onSignal: (signal: string) => void = () => {}): Promise<void> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', handler);
      process.off('SIGINT', handler);
      onSignal(signal);
      app.logger.info({ signal }, 'shutting down');
      void app.close().then(resolve, resolve);
    };
    process.on('SIGTERM', handler);
    process.on('SIGINT', handler);
  });
}
