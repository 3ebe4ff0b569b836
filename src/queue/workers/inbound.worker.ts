import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { InboundHandler, InboundHandlers, InboundJob, InboundJobOf, InboundKind } from '../../contracts/inbound.ts';
import type { Db } from '../../db/client.ts';
import { recordProcessed } from '../../db/repositories/processed-events.repository.ts';
import type { Now } from '../../domain/clock.ts';
import { errInfo } from '../../errors.ts';
import { toSafeError } from '../../safe-error.ts';
import { metrics } from '../../metrics.ts';
import { QUEUES } from '../names.ts';
import { cappedBackoff, deadLetterOrRethrow } from './inbound-failures.ts';
import { createLimiter, createMicroBatcher } from './micro-batcher.ts';

/** Stores many jobs of one kind at once (records their event ids itself); one outcome per job. */
export type InboundBatchHandler = (jobs: InboundJob[]) => Promise<('processed' | 'duplicate' | Error)[]>;
export type InboundBatchHandlers = Partial<Record<InboundKind, InboundBatchHandler>>;

export interface InboundWorkerDeps {
  db: Db;
  logger: Logger;
  now: Now;
  /** The app's handlers (src/usecases/inbound/handlers.ts); tests may give only some. */
  handlers?: Partial<InboundHandlers>;
}

/** The handler of the job's own kind, typed for that kind. */
const handlerOf = <K extends InboundKind>(handlers: Partial<InboundHandlers> | undefined, job: InboundJobOf<K>): InboundHandler<K> | undefined =>
  handlers?.[job.kind];

/**
 * One inbound job: record the event id and run the kind's handler in ONE transaction, so a
 * redelivery hours later (a new job for the same event id) finds the row and does nothing.
 */
export async function processInboundJob(data: InboundJob, deps: InboundWorkerDeps): Promise<'processed' | 'duplicate'> {
  if (!data || typeof data.eventId !== 'string' || !data.eventId || typeof data.kind !== 'string') {
    throw new UnrecoverableError('inbound job without event id or kind');
  }
  const log = deps.logger.child({ component: 'inbound-worker', eventId: data.eventId, kind: data.kind });
  const handler = handlerOf(deps.handlers, data);
  const outcome = await deps.db.transaction(async (tx) => {
    if (!(await recordProcessed(tx, data.eventId, data.eventType, deps.now()))) return 'duplicate' as const;
    if (handler) await handler(data, { tx, logger: log, now: deps.now });
    else log.info('no handler for this kind yet; event recorded only');
    return 'processed' as const;
  });
  log.info({ outcome }, outcome === 'duplicate' ? 'event already processed; nothing done' : 'event processed');
  return outcome;
}

export interface StartInboundWorkerDeps extends InboundWorkerDeps {
  /** A connection made with createRedis(url, 'worker'). */
  connection: Redis;
  prefix: string;
  concurrency?: number;
  /** BullMQ lockDuration and stalledInterval (default 30 s): how soon a crashed worker's jobs move on. */
  lockMs?: number;
  /** Kinds written in batches (see micro-batcher.ts) instead of one transaction per job. */
  batchHandlers?: InboundBatchHandlers;
  batch?: { maxItems?: number; maxWaitMs?: number };
  /** Longest wait between two attempts of a job failing for a passing reason (default 60 s). */
  retryMaxMs?: number;
}

export function startInboundWorker(deps: StartInboundWorkerDeps): Worker<InboundJob> {
  const log = deps.logger.child({ component: 'inbound-worker' });
  const batchers = new Map(
    Object.entries(deps.batchHandlers ?? {}).map(([kind, write]) => [kind, createMicroBatcher({ write: write!, ...deps.batch })]),
  );
  // The worker takes many jobs at once to fill batches; jobs of other kinds (questions: CPU-heavy
  // answers) still run a few at a time, as before batching.
  const oneByOne = createLimiter(batchers.size ? 4 : Number.POSITIVE_INFINITY);
  const worker = new Worker<InboundJob>(
    QUEUES.inbound,
    async (job: Job<InboundJob>) => {
      try {
        const batcher = batchers.get(job.data?.kind);
        if (!batcher) return await oneByOne(() => processInboundJob(job.data, deps));
        const outcome = await batcher.submit(job.data);
        // The same line processInboundJob writes, so every job says what became of it.
        log.info({ eventId: job.data.eventId, kind: job.data.kind, outcome }, outcome === 'duplicate' ? 'event already processed; nothing done' : 'event processed');
        return outcome;
      } catch (e) {
        try {
          return await deadLetterOrRethrow(e, job.data, deps);
        } catch (again) {
          // BullMQ keeps the message in Redis as the failure reason: codes and ids only (safe-error.ts).
          throw toSafeError(again);
        }
      }
    },
    {
      connection: deps.connection,
      prefix: deps.prefix,
      // Batches fill from the jobs in flight: with batch handlers, many at once.
      concurrency: deps.concurrency ?? (batchers.size ? 200 : 4),
      settings: { backoffStrategy: cappedBackoff(deps.retryMaxMs ?? 60_000) },
      // A job whose worker died (twice, by default) would otherwise fail for good, unseen: an
      // acknowledged reply is worth waiting for however often its workers are killed.
      maxStalledCount: 1000,
      ...(deps.lockMs ? { lockDuration: deps.lockMs, stalledInterval: deps.lockMs } : {}),
    },
  );
  worker.on('failed', (job, err) => {
    const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || (job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true);
    metrics.failedJobs.inc({ queue: QUEUES.inbound, final: String(final) });
    log[final ? 'error' : 'warn']({ eventId: job?.data?.eventId, jobId: job?.id, attempt: job?.attemptsMade, final, error: errInfo(err) }, 'inbound job failed');
  });
  worker.on('error', (err) => log.error({ error: errInfo(err) }, 'inbound worker error'));
  return worker;
}
