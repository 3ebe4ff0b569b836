import type { Queue } from 'bullmq';

/** The scheduled steps of a reporting week. */
export const SCHEDULED_STEPS = ['open_round', 'remind', 'close_round', 'digest', 'results_cards', 'results_remind'] as const;
export type ScheduledStep = (typeof SCHEDULED_STEPS)[number];

/** A schedules job: the step, and for a step moved off a holiday or out of quiet hours, when it was first due (ISO). */
export interface ScheduledJob {
  step: ScheduledStep;
  dueAt?: string;
  /** how many times it has been put back already */
  deferrals?: number;
}

/** What running a scheduled job did: a line for the log, and whether to put it back for later. */
export interface ScheduledOutcome {
  line: string;
  defer?: { untilMs: number; delayMs: number; dueAt: string };
}

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
