import type { Queue } from 'bullmq';

/** The scheduled steps of a reporting week. */
export const SCHEDULED_STEPS = ['open_round', 'remind', 'close_round', 'digest', 'results_cards', 'results_remind'] as const;
export type ScheduledStep = (typeof SCHEDULED_STEPS)[number];

export interface ScheduleCron {
  round: string;
  remind: string;
  close: string;
  digest: string;
  /** 成效报送: the cards (from the start day on) and the reminders to units without a report */
  results: string;
  resultsRemind: string;
}

const cronFor = (step: ScheduledStep, cron: ScheduleCron): string =>
  ({ open_round: cron.round, remind: cron.remind, close_round: cron.close, digest: cron.digest, results_cards: cron.results, results_remind: cron.resultsRemind })[step];

/**
 * Registers one BullMQ job scheduler per step, cron in the plan's timezone. Upserting is
 * idempotent, so every process may call it at start without multiplying jobs.
 */
export async function registerSchedules(queue: Queue, cron: ScheduleCron, timezone: string): Promise<void> {
  for (const step of SCHEDULED_STEPS) {
    await queue.upsertJobScheduler(
      `duban-${step}`,
      { pattern: cronFor(step, cron), tz: timezone },
      { name: step, data: { step }, opts: { removeOnComplete: 100, removeOnFail: 500 } },
    );
  }
}
