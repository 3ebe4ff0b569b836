import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { findByUuid, recordSent } from '../../db/repositories/sent-messages.repository.ts';
import type { Now } from '../../domain/clock.ts';
import { isLarkCallError, type LarkFailure } from '../../lark/errors.ts';
import type { Messenger } from '../../lark/messenger.ts';
import { chatOf, rateKeyOf, type LarkResult } from '../../lark/operations.ts';
import { metrics } from '../../metrics.ts';
import { QUEUES } from '../names.ts';
import { createRateGate, type RateBucket } from '../outbox-rate.ts';
import type { OutboxJobData } from '../outbox.ts';

export interface OutboxRates {
  /** App-wide calls per second (Lark allows 50; default 40). */
  appPerSecond: number;
  /** Calls per second into one chat / to one user / on one message (Lark allows 5; default 4). */
  chatPerSecond: number;
  /** App-wide calls per minute (Lark allows 1,000 per API; default 1,000 across all of them). */
  appPerMinute?: number;
}

export interface OutboxWorkerOptions {
  /** A worker connection (createRedis(url, 'worker')). */
  connection: Redis;
  prefix: string;
  messenger: Messenger;
  db: Db;
  logger: Logger;
  rates: OutboxRates;
  concurrency?: number;
  /** BullMQ lockDuration and stalledInterval (default 30 s): how soon a crashed worker's jobs move on. */
  lockMs?: number;
  now?: Now;
  /** Lark throttling (429 / 230020) tolerated per job before it fails; default 30. */
  maxThrottled?: number;
  /**
   * Told once when Lark refuses a call for good (a card it will not take, a person outside the
   * app's availability); its own failures are logged, never retried.
   */
  onRejected?: (data: OutboxJobData, failure: LarkFailure) => Promise<void>;
}

export interface OutboxJobResult extends LarkResult {
  /** True when sent_messages already had this uuid, so nothing was sent. */
  deduped?: boolean;
}

const jitter = (maxMs: number) => Math.floor(Math.random() * maxMs);
/** Waits up to this long for a rate slot inside the job before handing it back to the queue. */
const IN_JOB_WAIT_MAX_MS = 300;

/** Puts the job back for later without spending an attempt (BullMQ "delay a job manually"). */
async function delay(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + ms, token);
  throw new DelayedError();
}

export function startOutboxWorker(opts: OutboxWorkerOptions): { worker: Worker<OutboxJobData, OutboxJobResult>; close(): Promise<void> } {
  const now = opts.now ?? (() => new Date());
  const gate = createRateGate(opts.connection, opts.prefix);
  const maxThrottled = opts.maxThrottled ?? 30;

  const handle = async (job: Job<OutboxJobData, OutboxJobResult>, token?: string): Promise<OutboxJobResult> => {
    const { op, uuid, purpose, ref } = job.data;
    const log = opts.logger.child({ jobId: job.id, uuid, purpose, ref, op: op.kind });
    // A file is uploaded, then sent as a message under the uuid: once sent, never again.
    const isMessage = op.kind === 'send' || op.kind === 'reply' || op.kind === 'file';
    if (isMessage) {
      // Lark dedupes a uuid for one hour only; our own record holds for good.
      const sent = await findByUuid(opts.db, uuid);
      if (sent) {
        log.info({ messageId: sent.messageId }, 'outbox: already sent, skipping');
        return { messageId: sent.messageId, chatId: sent.chatId ?? undefined, deduped: true };
      }
    }

    const buckets: RateBucket[] = [{ key: 'outboxrate:app', perSecond: opts.rates.appPerSecond }];
    if (opts.rates.appPerMinute) buckets.push({ key: 'outboxrate:app:minute', perMinute: opts.rates.appPerMinute });
    const rateKey = rateKeyOf(op);
    if (rateKey) buckets.push({ key: `chatrate:${rateKey}`, perSecond: opts.rates.chatPerSecond });
    let slot = await gate.take(buckets, uuid);
    // A short wait is cheaper inside the job than through BullMQ's delayed set, whose promotion
    // schedule leaves slots unused (bench/results.md, benchmark 3); long waits still free the worker.
    for (let tries = 0; typeof slot === 'number' && slot <= IN_JOB_WAIT_MAX_MS && tries < 5; tries++) {
      await new Promise((r) => setTimeout(r, slot as number + jitter(20)));
      slot = await gate.take(buckets, uuid);
    }
    if (typeof slot === 'number') return delay(job, token, slot + jitter(250));

    let result: LarkResult;
    try {
      result = await opts.messenger.perform(op, isMessage ? uuid : undefined);
    } catch (e) {
      await slot.release();
      if (!isLarkCallError(e)) throw e;
      const f = e.failure;
      if (f.kind === 'rate_limited' || f.kind === 'frequency') {
        const throttled = (job.data.throttled ?? 0) + 1;
        if (throttled > maxThrottled) {
          log.error({ larkCode: f.code, status: f.status, throttled }, 'outbox: still throttled by Lark, giving up');
          throw new UnrecoverableError(e.message);
        }
        log.warn({ larkCode: f.code, status: f.status, waitMs: f.waitMs, throttled }, 'outbox: throttled by Lark, waiting');
        await job.updateData({ ...job.data, throttled });
        return delay(job, token, (f.waitMs ?? 1000) + jitter(250));
      }
      // Kept with the job, so `duban outbox failed` can say what Lark answered and what to do.
      await job.updateData({ ...job.data, failure: { code: f.code, status: f.status, msg: f.msg?.slice(0, 300) } });
      if (f.kind === 'rejected') {
        log.error({ larkCode: f.code, status: f.status, larkMsg: f.msg }, 'outbox: Lark refused the call, not retrying');
        await opts.onRejected?.(job.data, f).catch((hookError: Error) => log.error({ error: hookError.message }, 'outbox: refusal notice failed'));
        throw new UnrecoverableError(e.message);
      }
      log.warn({ larkCode: f.code, status: f.status, attempt: job.attemptsMade + 1 }, 'outbox: Lark call failed, will retry');
      throw e;
    }
    await slot.release();

    if (isMessage && result.messageId) {
      await recordSent(opts.db, { uuid, purpose, ref, chatId: result.chatId ?? chatOf(op) ?? null, messageId: result.messageId, sentAt: now() });
    }
    log.info({ messageId: result.messageId, imageKey: result.imageKey }, 'outbox: sent');
    return result;
  };

  const worker = new Worker<OutboxJobData, OutboxJobResult>(QUEUES.outbox, handle, {
    connection: opts.connection,
    prefix: opts.prefix,
    concurrency: opts.concurrency ?? 8,
    ...(opts.lockMs ? { lockDuration: opts.lockMs, stalledInterval: opts.lockMs } : {}),
    // The coarse app-wide limit; the Redis gate above is the exact one.
    limiter: { max: opts.rates.appPerSecond, duration: 1000 },
  });
  worker.on('failed', (job, err) => {
    const final = err.name === 'UnrecoverableError' || (job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true);
    metrics.failedJobs.inc({ queue: QUEUES.outbox, final: String(final) });
  });
  worker.on('error', (err) => opts.logger.error({ err: err.message }, 'outbox worker error'));
  return { worker, close: () => worker.close() };
}
