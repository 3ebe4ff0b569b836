import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rounds } from '../../src/db/schema/index.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { QUEUES } from '../../src/queue/names.ts';
import { SCHEDULED_STEPS, type ScheduledStep } from '../../src/queue/schedules.ts';
import { TIMEZONE } from '../support/seeded-round.ts';
import { startWorld, waitFor, type World } from '../support/world.ts';
import { testRedisUrl } from '../support/redis.ts';

// The week's four steps run from BullMQ job schedulers (cron in the plan's time zone) and the
// schedules worker, against the real Redis: what `duban serve` registers is what runs.
describe('scheduled steps', () => {
  let w: World;
  let redis: Redis;
  let queue: Queue;

  beforeAll(async () => {
    w = await startWorld('sched', { schedules: true });
    redis = createRedis(testRedisUrl, 'producer');
    queue = new Queue(QUEUES.schedules, { connection: redis, prefix: w.config.queuePrefix });
  }, 60_000);
  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await w?.close();
  });

  const cronOf: Record<ScheduledStep, () => string> = {
    open_round: () => w.config.cron.round,
    remind: () => w.config.cron.remind,
    close_round: () => w.config.cron.close,
    digest: () => w.config.cron.digest,
    results_cards: () => w.config.cron.results,
    results_remind: () => w.config.cron.resultsRemind,
  };

  it('registers one job scheduler per step, each on its own cron in the plan’s time zone', async () => {
    const schedulers = await queue.getJobSchedulers(0, -1, true);
    const byId = Object.fromEntries(schedulers.map((s) => [s.key, s]));
    expect(Object.keys(byId).sort()).toEqual(SCHEDULED_STEPS.map((s) => `duban-${s}`).sort());
    // The configured crons differ from one another, so a step on another step's cron shows.
    expect(new Set(SCHEDULED_STEPS.map((s) => cronOf[s]())).size).toBe(SCHEDULED_STEPS.length);
    for (const step of SCHEDULED_STEPS) {
      expect(byId[`duban-${step}`]).toMatchObject({ name: step, pattern: cronOf[step](), tz: TIMEZONE, template: { data: { step } } });
    }
  });

  it('fires each step at its local time in the plan’s time zone (Friday 17:00 in Shanghai is 09:00 UTC)', async () => {
    // weekday null: every day (the 成效报送 cards go out daily from their start day)
    const expected: Record<ScheduledStep, { weekday: number | null; hour: number; minute: number }> = {
      open_round: { weekday: 1, hour: 9, minute: 0 },
      remind: { weekday: 4, hour: 15, minute: 0 },
      close_round: { weekday: 5, hour: 17, minute: 0 },
      digest: { weekday: 5, hour: 17, minute: 30 },
      results_cards: { weekday: null, hour: 9, minute: 0 },
      results_remind: { weekday: 2, hour: 10, minute: 0 },
    };
    for (const step of SCHEDULED_STEPS) {
      const s = await queue.getJobScheduler(`duban-${step}`);
      const next = DateTime.fromMillis(s!.next!, { zone: TIMEZONE });
      const want = expected[step];
      expect({ weekday: want.weekday === null ? null : next.weekday, hour: next.hour, minute: next.minute }).toEqual(want);
      expect(s!.next!).toBeGreaterThan(Date.now());
      expect(s!.next!).toBeLessThanOrEqual(Date.now() + 7 * 24 * 3600_000);
    }
  });

  /** Runs the scheduler's own next job now (as if its time had come) and waits for the worker to finish it. */
  async function fire(step: ScheduledStep): Promise<string> {
    const delayed = await queue.getDelayed();
    const job = delayed.find((j) => j.repeatJobKey === `duban-${step}`);
    expect(job, `the next ${step} job`).toBeDefined();
    await job!.promote();
    return waitFor(`${step} completed`, async () => {
      // The state first, then the job: a job read before it completes has no return value yet.
      const state = await queue.getJobState(job!.id!);
      if (state !== 'completed' && state !== 'failed') return null;
      const done = (await queue.getJob(job!.id!))!;
      if (state === 'failed') throw new Error(`${step} failed: ${done.failedReason}`);
      return String(done.returnvalue);
      // opening builds 47 units' cards: seconds on a loaded machine
    }, 60_000);
  }

  it('the worker runs the step a scheduler’s job names: open, remind, close', { timeout: 120_000 }, async () => {
    expect(await fire('open_round')).toContain('已开启本周填报');
    const opened = await w.db.db.select().from(rounds);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.closedAt).toBeNull();

    expect(await fire('remind')).toMatch(/^第 1 次催办/);

    expect(await fire('close_round')).toContain('已关闭本周填报');
    expect((await w.db.db.select().from(rounds))[0]!.closedAt).not.toBeNull();
  });
});
