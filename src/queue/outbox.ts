import { createHash } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { LarkOperation } from '../lark/operations.ts';
import { QUEUES } from './names.ts';

export type { LarkOperation as OutboxMessage, MessageContent } from '../lark/operations.ts';

// The one queue every outgoing Lark call goes through (docs/architecture.md#outbox). Calls into one
// chat are rate-limited, not serialised: two messages queued together may arrive in either
// order, so a caller that needs order enqueues the second after the first has completed.

export interface OutboxJobData {
  op: LarkOperation;
  /** Lark idempotency key and BullMQ job id. */
  uuid: string;
  /** What the message is for (round_card, reminder, digest, answer, …) and about (ref). */
  purpose: string;
  ref: string;
  /** How many times Lark throttled this job so far (429 / 230020). */
  throttled?: number;
  /** Facts for telling someone when Lark refuses the call for good (e.g. the chat a click came from). */
  context?: Record<string, string>;
  /** The last failure Lark answered (written by the worker), for `duban outbox failed`. */
  failure?: { code?: number; status?: number; msg?: string };
}

export interface EnqueueMeta {
  purpose: string;
  /**
   * Identifies one logical message: the same purpose+ref is the same message, sent once. A card
   * patched several times needs a ref per version (e.g. `round:12:dept:3:v:5`).
   */
  ref: string;
  /** Kept with the job for the refusal notice (see OutboxJobData.context). */
  context?: Record<string, string>;
}

/** Stable per logical message; ≤ 50 chars (Lark's uuid limit) and free of ':' (BullMQ job ids). */
export function outboxUuid(purpose: string, ref: string): string {
  return `dbn${createHash('sha256').update(`${purpose}\n${ref}`).digest('hex').slice(0, 40)}`;
}

export interface OutboxOptions {
  /** A producer connection (createRedis(url, 'producer')). */
  connection: Redis;
  prefix: string;
  /** Attempts for 5xx / network failures, with exponential backoff from backoffMs. */
  attempts?: number;
  backoffMs?: number;
}

export interface Outbox {
  queue: Queue<OutboxJobData>;
  /**
   * Queues one Lark call. Enqueuing the same logical message again is a no-op, unless its earlier
   * job failed: then it is queued afresh (`requeued`), under the same uuid so Lark still dedupes.
   */
  enqueue(op: LarkOperation, meta: EnqueueMeta): Promise<{ uuid: string; jobId: string; requeued?: boolean }>;
  close(): Promise<void>;
}

export function createOutbox(opts: OutboxOptions): Outbox {
  const queue = new Queue<OutboxJobData>(QUEUES.outbox, { connection: opts.connection, prefix: opts.prefix });
  const defaults: JobsOptions = {
    attempts: opts.attempts ?? 8,
    backoff: { type: 'exponential', delay: opts.backoffMs ?? 1000 },
    // Completed jobs stay an hour (Lark's own uuid window), so a second enqueue inside it is
    // ignored by job id; after that the worker still finds the uuid in sent_messages.
    removeOnComplete: { age: 3600, count: 50_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
  return {
    queue,
    async enqueue(op, meta) {
      const uuid = outboxUuid(meta.purpose, meta.ref);
      const data: OutboxJobData = { op, uuid, purpose: meta.purpose, ref: meta.ref, ...(meta.context ? { context: meta.context } : {}) };
      await queue.add(op.kind, data, { ...defaults, jobId: uuid });
      // A failed job is kept 7 days under this id, so the add above was ignored: re-running a step
      // (round open, remind, digest) must re-send exactly what failed. Remove it and add again, with
      // the new data and a fresh attempt count; a sent message stays sent (sent_messages).
      if ((await queue.getJobState(uuid)) !== 'failed') return { uuid, jobId: uuid };
      await queue.remove(uuid);
      await queue.add(op.kind, data, { ...defaults, jobId: uuid });
      return { uuid, jobId: uuid, requeued: true };
    },
    close: () => queue.close(),
  };
}
