import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { InboundHandler, InboundHandlers, InboundJob, InboundJobOf, InboundKind } from '../../contracts/inbound.ts';
import type { Db } from '../../db/client.ts';
import { recordProcessed } from '../../db/repositories/processed-events.repository.ts';
import type { Now } from '../../domain/clock.ts';
import { errInfo, isDubanError } from '../../errors.ts';
import { scrubMessage, toSafeError } from '../../safe-error.ts';
import { metrics } from '../../metrics.ts';
import { QUEUES } from '../names.ts';

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
}

export function startInboundWorker(deps: StartInboundWorkerDeps): Worker<InboundJob> {
  const log = deps.logger.child({ component: 'inbound-worker' });
  const worker = new Worker<InboundJob>(
    QUEUES.inbound,
    async (job: Job<InboundJob>) => {
      try {
        return await processInboundJob(job.data, deps);
      } catch (e) {
        if (e instanceof UnrecoverableError) throw e;
        if (isDubanError(e) && !e.retryable) throw new UnrecoverableError(`${e.code}: ${scrubMessage(e.message)}`);
        // BullMQ keeps the message in Redis as the failure reason: codes and ids only (safe-error.ts).
        throw toSafeError(e);
      }
    },
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: deps.concurrency ?? 4,
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
