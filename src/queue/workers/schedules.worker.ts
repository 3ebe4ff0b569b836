import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { isDubanError } from '../../errors.ts';
import { toSafeError } from '../../safe-error.ts';
import { QUEUES } from '../names.ts';
import type { ScheduledStep } from '../schedules.ts';

/** Runs one scheduled step now; returns a line for the log. */
export type StepRunner = (step: ScheduledStep) => Promise<string>;

/**
 * Executes the job schedulers' jobs (open round, remind, close, digest). Steps are idempotent
 * (stable outbox refs, once-per-week digests), so a retried or doubled job sends nothing new.
 * A step with nothing to do (no plan, no open round) ends the job without retrying.
 */
export function startSchedulesWorker(opts: { connection: Redis; prefix: string; run: StepRunner; logger: Logger }): Worker {
  const log = opts.logger.child({ component: 'schedules-worker' });
  const worker = new Worker(
    QUEUES.schedules,
    async (job: Job<{ step: ScheduledStep }>) => {
      try {
        const line = await opts.run(job.data.step);
        log.info({ step: job.data.step, jobId: job.id }, line);
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
