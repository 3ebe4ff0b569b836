import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rounds } from '../../src/db/schema/index.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { QUEUES } from '../../src/queue/names.ts';
import { TIMEZONE } from '../support/seeded-round.ts';
import { startWorld, waitFor, type World } from '../support/world.ts';
import { testRedisUrl } from '../support/redis.ts';

// A cron job that fires on a holiday (2021-10-04, National Day) is put back on the schedules
// queue as a delayed job for the next working day, against the real Redis and worker.
describe('a scheduled step on a holiday', () => {
  let w: World;
  let redis: Redis;
  let queue: Queue;

  beforeAll(async () => {
    w = await startWorld('schedhol', { schedules: true, start: '2021-10-04T09:00:00' });
    redis = createRedis(testRedisUrl, 'producer');
    queue = new Queue(QUEUES.schedules, { connection: redis, prefix: w.config.queuePrefix });
  }, 60_000);
  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await w?.close();
  });

  async function fireOpening() {
    const job = (await queue.getDelayed()).find((j) => j.repeatJobKey === 'duban-open_round');
    expect(job).toBeDefined();
    await job!.promote();
    return waitFor('open_round completed', async () => {
      const state = await queue.getJobState(job!.id!);
      if (state === 'failed') throw new Error((await queue.getJob(job!.id!))!.failedReason);
      return state === 'completed' ? (await queue.getJob(job!.id!))!.returnvalue : null;
    });
  }

  it('opens nothing and queues the opening for 2021-10-08 at the same time of day', async () => {
    const line = await fireOpening();
    expect(line).toMatch(/^开启填报（原定 2021-10-04 09:\d\d）：2021-10-04 是节假日（国庆节），顺延至 2021-10-08 09:\d\d$/);
    expect(await w.db.db.select().from(rounds)).toEqual([]);
    const deferred = (await queue.getDelayed()).filter((j) => j.id!.startsWith('deferred-open_round-'));
    expect(deferred).toHaveLength(1);
    const d = deferred[0]!;
    expect(d.data).toMatchObject({ step: 'open_round', deferrals: 1 });
    const due = DateTime.fromISO(d.data.dueAt, { zone: TIMEZONE });
    expect(due.toFormat('yyyy-MM-dd HH')).toBe('2021-10-04 09');
    // delayed by four days, to the minute (the business clock runs at real speed)
    expect(Math.abs(d.opts.delay! - 4 * 86_400_000)).toBeLessThan(60_000);
  });
});
