import { CronExpressionParser } from 'cron-parser';
import type { CalendarStep } from './step-times.ts';

/** The cron patterns of the four steps (ROUND_CRON …), as the config holds them. */
export interface StepCron {
  round: string;
  remind: string;
  close: string;
  digest: string;
}

// The month view shows the reporting week's steps; the 成效报送 ones run daily for a few weeks a year.
const PATTERN_OF: Partial<Record<CalendarStep, keyof StepCron>> = { open_round: 'round', remind: 'remind', close_round: 'close', digest: 'digest' };

/**
 * Every time a step's cron pattern fires in [from, to), read in `timezone` as BullMQ's job
 * schedulers read it (the same parser), in time order.
 */
export function cronOccurrences(cron: StepCron, from: Date, to: Date, timezone: string): { step: CalendarStep; at: Date }[] {
  const out: { step: CalendarStep; at: Date }[] = [];
  for (const step of Object.keys(PATTERN_OF) as CalendarStep[]) {
    const it = CronExpressionParser.parse(cron[PATTERN_OF[step]!], { tz: timezone, currentDate: new Date(from.getTime() - 1), endDate: to });
    while (it.hasNext()) {
      const at = it.next().toDate();
      if (at.getTime() >= to.getTime()) break;
      out.push({ step, at });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}
