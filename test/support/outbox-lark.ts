import type { Redis } from 'ioredis';
import { pino } from 'pino';
import type { Db } from '../../src/db/client.ts';
import { createMessenger } from '../../src/lark/messenger.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { createOutbox, outboxUuid, type Outbox } from '../../src/queue/outbox.ts';
import { startOutboxWorker } from '../../src/queue/workers/outbox.worker.ts';
import type { FakeLark } from '../../src/simulator/index.ts';
import { startTestLark, waitFor } from './fake-lark.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from './redis.ts';

/** The real outbox and its worker, sending to a fake Lark: what a use case queues is what reaches Lark. */
export interface OutboxToLark {
  fake: FakeLark;
  outbox: Outbox;
  /** Waits until the outbox jobs of these messages completed (fails if one failed). */
  settled(purpose: string, refs: string[]): Promise<void>;
  /** Waits until the outbox has no job waiting, delayed or running: whatever was queued has been sent. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Busy job states of a BullMQ queue: anything here may still reach Lark. */
export const BUSY_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

export async function startOutboxToLark(db: Db, label: string, chats: string[]): Promise<OutboxToLark> {
  const { fake, client } = await startTestLark();
  for (const chat_id of chats) fake.addChat({ chat_id, name: chat_id });
  const prefix = testQueuePrefix(label);
  const producer: Redis = createRedis(testRedisUrl, 'producer');
  const consumer: Redis = createRedis(testRedisUrl, 'worker');
  const logger = pino({ level: 'silent' });
  const outbox = createOutbox({ connection: producer, prefix, attempts: 3, backoffMs: 100 });
  const worker = startOutboxWorker({ connection: consumer, prefix, messenger: createMessenger({ client, logger }), db, logger, rates: { appPerSecond: 40, chatPerSecond: 4 } });
  return {
    fake,
    outbox,
    async settled(purpose, refs) {
      for (const ref of refs) {
        await waitFor(async () => {
          const job = await outbox.queue.getJob(outboxUuid(purpose, ref));
          const state = job ? await job.getState() : 'missing';
          if (state === 'failed') throw new Error(`outbox job for ${ref} failed: ${job!.failedReason}`);
          return state === 'completed';
        });
      }
    },
    async idle() {
      await waitFor(async () => {
        const counts = await outbox.queue.getJobCounts(...BUSY_STATES);
        return Object.values(counts).every((n) => n === 0);
      });
    },
    async stop() {
      await worker.close();
      await outbox.close();
      producer.disconnect();
      consumer.disconnect();
      await fake.stop();
      await cleanRedisPrefix(prefix);
    },
  };
}
