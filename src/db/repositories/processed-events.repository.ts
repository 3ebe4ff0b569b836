import type { DbOrTx } from '../client.ts';
import { processedEvents } from '../schema/index.ts';

/**
 * Records a Lark event id as handled. Returns false when it was already there: the caller is
 * looking at a redelivery and must do nothing. Call inside the transaction of the handler's own
 * writes, so "recorded" and "done" are one fact; a concurrent duplicate waits on the primary
 * key and then sees the row.
 */
export async function recordProcessed(tx: DbOrTx, eventId: string, eventType: string, now: Date): Promise<boolean> {
  const rows = await tx
    .insert(processedEvents)
    .values({ eventId, eventType, processedAt: now })
    .onConflictDoNothing({ target: processedEvents.eventId })
    .returning({ eventId: processedEvents.eventId });
  return rows.length > 0;
}
