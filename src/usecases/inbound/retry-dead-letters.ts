import type { DbOrTx } from '../../db/client.ts';
import { deadLetterJob, listDeadLetters, markDeadLetterRetried, type DeadLetterRow } from '../../db/repositories/dead-letters.repository.ts';
import type { InboundJob as InboundJobData } from '../../contracts/inbound.ts';

/** Queues a job again under a job id of its own (the original id may still be taken by the finished job). */
export type Requeue = (job: InboundJobData, jobId: string) => Promise<void>;

export interface RetryResult {
  retried: DeadLetterRow[];
  /** Ids asked for that are not pending dead letters (unknown or already retried). */
  missing: number[];
}

/**
 * Re-drives dead letters (`ids`, or every pending one): each job is queued again exactly as it was
 * and the letter marked retried. If it fails again for the same reason, a new dead letter records
 * that. A retry of a reply stored meanwhile is a no-op: the event id is already processed.
 */
export async function retryDeadLetters(db: DbOrTx, requeue: Requeue, ids: number[] | 'all', now: Date): Promise<RetryResult> {
  const rows = await listDeadLetters(db, ids === 'all' ? {} : { ids });
  const retried: DeadLetterRow[] = [];
  for (const row of rows) {
    await requeue(deadLetterJob(row) as InboundJobData, `retry-${row.id}-${now.getTime()}`);
    await markDeadLetterRetried(db, row.id, now);
    retried.push(row);
  }
  const found = new Set(rows.map((r) => r.id));
  return { retried, missing: ids === 'all' ? [] : ids.filter((id) => !found.has(id)) };
}
