import { Queue, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { InboundHandlers } from '../contracts/inbound.ts';
import type { Config } from '../config/schema.ts';
import type { Db } from '../db/client.ts';
import type { Now } from '../domain/clock.ts';
import type { Messenger } from '../lark/messenger.ts';
import { watchQueueDepth } from '../metrics.ts';
import { createRedis } from '../queue/connection.ts';
import { createInboundEnqueue } from '../queue/inbound.ts';
import { QUEUES } from '../queue/names.ts';
import { createOutbox, type Outbox } from '../queue/outbox.ts';
import { quietErrors, waitForRedis } from '../queue/redis-health.ts';
import { registerSchedules } from '../queue/schedules.ts';
import { startInboundWorker, type InboundBatchHandlers } from '../queue/workers/inbound.worker.ts';
import { startOutboxWorker, type OutboxWorkerOptions } from '../queue/workers/outbox.worker.ts';
import { startSchedulesWorker, type StepRunner } from '../queue/workers/schedules.worker.ts';
import type { Shutdown } from './lifecycle.ts';

// Queue wiring of startApp (src/main.ts): the connections, the producer side (inbound queue,
// outbox) and the workers. Each opened thing registers its own closer.

type QueueConfig = Pick<Config, 'redisUrl' | 'queuePrefix' | 'queueLockMs' | 'outbox' | 'cron' | 'timezone' | 'inboundRetryMaxMs'>;

/** A Redis connection that is ready, or a REDIS_UNAVAILABLE error telling how to start Redis. */
export async function connectRedis(config: QueueConfig, role: 'producer' | 'worker', logger: Logger, shutdown: Shutdown): Promise<Redis> {
  const redis = createRedis(config.redisUrl, role);
  shutdown.closer(() => redis.disconnect());
  quietErrors(redis, logger, role);
  if (role === 'producer') await waitForRedis(redis, config.redisUrl);
  return redis;
}

export interface Producers {
  /** Puts a job on the inbound queue (job id from the event id, bounded wait). */
  enqueueInbound: ReturnType<typeof createInboundEnqueue>;
  outbox: Outbox;
  /** Every queue duban uses, on the producer connection (for the dashboard). */
  queues: Queue[];
}

/** The queues this process adds to: inbound (webhook / WS) and the outbox (every Lark call). */
export function openProducers(config: QueueConfig, producer: Redis, shutdown: Shutdown): Producers {
  const inboundQueue = new Queue(QUEUES.inbound, { connection: producer, prefix: config.queuePrefix });
  shutdown.closer(() => inboundQueue.close());
  const outbox = createOutbox({ connection: producer, prefix: config.queuePrefix });
  // The producer connection already logs an outage once (quietErrors); without a listener BullMQ
  // would print every reconnect failure to stderr as a stack trace.
  for (const q of [inboundQueue, outbox.queue]) q.on('error', () => {});
  shutdown.closer(() => outbox.close());
  shutdown.closer(watchQueueDepth([inboundQueue, outbox.queue]));
  const schedulesQueue = new Queue(QUEUES.schedules, { connection: producer, prefix: config.queuePrefix });
  schedulesQueue.on('error', () => {});
  shutdown.closer(() => schedulesQueue.close());
  return { enqueueInbound: createInboundEnqueue(inboundQueue), outbox, queues: [inboundQueue, outbox.queue, schedulesQueue] };
}

export interface WorkerWiring {
  config: QueueConfig;
  /** For registering the cron job schedulers. */
  producer: Redis;
  db: Db;
  logger: Logger;
  now: Now;
  messenger: Messenger;
  handlers: Partial<InboundHandlers>;
  /** Kinds stored many per transaction (status reports). */
  batchHandlers?: InboundBatchHandlers;
  /** Runs a scheduled step; null: no schedulers and no schedules worker. */
  runStep: StepRunner | null;
  shutdown: Shutdown;
  /** Told when Lark refuses an outgoing call for good (src/usecases/lark-refusals.ts). */
  onRejected?: OutboxWorkerOptions['onRejected'];
}

/** The inbound and outbox workers, and the schedules worker with its cron schedulers. */
export async function startWorkers(w: WorkerWiring): Promise<Worker[]> {
  const { config, logger, now, db, shutdown } = w;
  const connection = await connectRedis(config, 'worker', logger, shutdown);
  const common = { connection, prefix: config.queuePrefix, db, logger, now, lockMs: config.queueLockMs };
  const outboxWorker = startOutboxWorker({
    ...common,
    messenger: w.messenger,
    rates: { appPerSecond: config.outbox.appRatePerSecond, chatPerSecond: config.outbox.chatRatePerSecond, appPerMinute: config.outbox.appRatePerMinute },
    onRejected: w.onRejected,
  });
  const workers: Worker[] = [];
  // Each worker's closer is registered as it starts, so a later failure (a schedule Redis refuses)
  // still closes it: a failed start must end the process, not leave workers holding it open.
  // Closers run in reverse: workers finish active jobs before their connection goes.
  const started = (wk: Worker) => {
    workers.push(wk);
    shutdown.closer(() => wk.close());
  };
  started(outboxWorker.worker);
  started(startInboundWorker({ ...common, handlers: w.handlers, batchHandlers: w.batchHandlers, retryMaxMs: config.inboundRetryMaxMs }));
  if (w.runStep) {
    const schedulesQueue = new Queue(QUEUES.schedules, { connection: w.producer, prefix: config.queuePrefix });
    schedulesQueue.on('error', () => {});
    shutdown.closer(() => schedulesQueue.close());
    await registerSchedules(schedulesQueue, config.cron, config.timezone);
    started(startSchedulesWorker({ connection, prefix: config.queuePrefix, run: w.runStep, logger, queue: schedulesQueue }));
  }
  return workers;
}
