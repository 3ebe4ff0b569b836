import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { failureCode, failureMessage, isRetryableFailure } from '../../db/errors.ts';
import { insertDeadLetter } from '../../db/repositories/dead-letters.repository.ts';
import { errInfo } from '../../errors.ts';
import { metrics } from '../../metrics.ts';
import { scrubMessage } from '../../safe-error.ts';
import type { InboundJob as InboundJobData } from '../../contracts/inbound.ts';

// What happens to an inbound job that failed. A failure that may pass (Postgres down, connection
// lost, deadlock) is retried with a capped backoff for as long as it takes; one that cannot (the
// data itself) is moved to inbound_dead_letters, where `duban inbound failed` shows it and
// `duban inbound retry` re-drives it. Either way an acknowledged reply never just disappears.

/** Delay before attempt n+1: 1 s, 2 s, 4 s … up to `maxMs`, with ±20 % jitter so a backlog does not retry in lockstep. */
export function cappedBackoff(maxMs: number, baseMs = 1000): (attemptsMade: number) => number {
  return (attemptsMade) => {
    const exp = Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, attemptsMade - 1)));
    return Math.round(exp * (0.8 + Math.random() * 0.4));
  };
}

/**
 * Rethrows a retryable failure (the job is tried again later); stores anything else as a dead
 * letter and returns 'dead_lettered' (the job completes: the reply is safe in Postgres). If even
 * the dead letter cannot be written, that error is thrown and the job is retried.
 */
export async function deadLetterOrRethrow(e: unknown, data: InboundJobData | undefined, deps: { db: Db; logger: Logger; now: () => Date }): Promise<'dead_lettered'> {
  if (isRetryableFailure(e)) throw e;
  const kind = typeof data?.kind === 'string' ? data.kind : 'unknown';
  const id = await insertDeadLetter(deps.db, {
    eventId: typeof data?.eventId === 'string' ? data.eventId : null,
    kind,
    job: data ?? null,
    errorCode: failureCode(e),
    errorMessage: scrubMessage(failureMessage(e)),
    createdAt: deps.now(),
  });
  metrics.inboundDeadLetters.inc({ kind });
  deps.logger.error({ deadLetterId: id, eventId: data?.eventId, kind, error: errInfo(e) }, 'inbound job moved to the dead-letter table');
  return 'dead_lettered';
}
