import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { isDubanError } from '../../errors.ts';
import { toSafeError } from '../../safe-error.ts';
import { QUEUES } from '../names.ts';
import type { ScheduledJob, ScheduledOutcome } from '../schedules.ts';

/** Runs one scheduled step now, or says until when it waits (a holiday, the quiet hours). */
export type StepRunner = (job: ScheduledJob) => Promise<ScheduledOutcome>;

/**
 * A deferred step goes back on the queue as a delayed job. Its id names the step, when it was
 * due, when it waits for and the how-many-th deferral it is, so a retried job defers once, and a
 * step deferred again when it comes back gets a new job instead of colliding with the one running.
 */
export const deferredJobId = (step: string, dueAt: string, untilMs: number, n: number): string => `deferred-${step}-${Date.parse(dueAt)}-${untilMs}-${n}`;

/**
 * Executes the job schedulers' jobs (open round, remind, close, digest). Steps are idempotent
 * (stable outbox refs, once-per-week digests), so a retried or doubled job sends nothing new.
 * A step with nothing to do (no plan, no open round) ends the job without retrying.
 */
export function startSchedulesWorker(opts: { connection: Redis; prefix: string; run: StepRunner; logger: Logger; queue: Queue }): Worker {
  const log = opts.logger.child({ component: 'schedules-worker' });
  const worker = new Worker(
    QUEUES.schedules,
    async (job: Job<ScheduledJob>) => {
      try {
        const { line, defer } = await opts.run({ step: job.data.step, dueAt: job.data.dueAt });
        if (defer) {
          const n = (job.data.deferrals ?? 0) + 1;
          await opts.queue.add(
            job.data.step,
            { step: job.data.step, dueAt: defer.dueAt, deferrals: n },
            { jobId: deferredJobId(job.data.step, defer.dueAt, defer.untilMs, n), delay: Math.max(0, defer.delayMs), removeOnComplete: 100, removeOnFail: 500 },
          );
        }
        log.info({ step: job.data.step, jobId: job.id, deferred: Boolean(defer) }, line);
        return line;
      } catch (e) {
        if (isDubanError(e) && !e.retryable) {
          log.warn({ step: job.data.step, code: e.code }, e.message);
          throw new UnrecoverableError(`${e.code}: ${e.message}`);
        }
        // Kept in Redis as the failure reason: codes and ids, never a query's parameters.
        throw toSafeError(e);
      }
    },
    { connection: opts.connection, prefix: opts.prefix, concurrency: 1 },
  );
  worker.on('error', (err) => log.error({ error: err.message }, 'schedules worker error'));
  return worker;
}
