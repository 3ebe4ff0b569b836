import type { Queue } from 'bullmq';
import type { InboundEnqueue } from '../contracts/inbound.ts';
import { DubanError } from '../errors.ts';
import { eventJobId } from './names.ts';

export interface InboundEnqueueOptions {
  /** Give up after this long: Lark allows 3 s for the whole answer. */
  timeoutMs?: number;
}

/**
 * Retry policy of inbound jobs. A job is retried for as long as its failure may pass (Postgres down
 * for hours): practically unlimited attempts, with the worker's capped backoff (`capped`: 1 s, 2 s,
 * 4 s … up to a minute, see workers/inbound-failures.ts). What cannot pass is dead-lettered, not retried.
 */
export const INBOUND_JOB_OPTIONS = {
  attempts: 1_000_000,
  backoff: { type: 'capped', delay: 1000 },
  // Completed jobs stay a day so a same-day redelivery is a no-op at the queue already;
  // processed_events catches the later ones.
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/**
 * Adds inbound jobs (the envelope of src/contracts/inbound.ts) with a job id derived from the event id, so repeated deliveries of one
 * event are one job. Throws QUEUE_UNAVAILABLE (retryable) if Redis does not take it in time.
 */
export function createInboundEnqueue(queue: Queue, opts: InboundEnqueueOptions = {}): InboundEnqueue {
  const timeoutMs = opts.timeoutMs ?? 2000;
  return async (job) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`enqueue timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([queue.add(job.kind, job, { ...INBOUND_JOB_OPTIONS, jobId: eventJobId(job.eventId) }), timeout]);
    } catch (e) {
      throw new DubanError('QUEUE_UNAVAILABLE', '任务队列暂时不可用', {
        retryable: true,
        cause: e,
        details: { queue: queue.name, reason: e instanceof Error ? e.message : String(e) },
      });
    } finally {
      clearTimeout(timer);
    }
  };
}
