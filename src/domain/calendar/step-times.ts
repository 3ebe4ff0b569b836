import { DateTime } from 'luxon';
import { roundFor } from '../rounds.ts';
import { endOfQuiet, isQuiet, type QuietHours } from './quiet-hours.ts';
import type { WorkCalendar } from './work-calendar.ts';

/** The scheduled steps (the same names as src/queue/schedules.ts): the reporting week's four, then the 成效报送 two. */
export type CalendarStep = 'open_round' | 'remind' | 'close_round' | 'digest' | 'results_cards' | 'results_remind';

export const STEP_LABEL: Record<CalendarStep, string> = {
  open_round: '开启填报',
  remind: '催办',
  close_round: '关闭填报',
  digest: '发送周汇总',
  results_cards: '发送成效报送卡片',
  results_remind: '成效报送催办',
};

/** Reminders (催办 and the 成效报送 one) are never sent in the quiet hours. */
const isReminder = (step: CalendarStep): boolean => step === 'remind' || step === 'results_remind';

/** What decides when a scheduled step may run. */
export interface StepTimeRules {
  calendar: WorkCalendar;
  /** null: no quiet hours */
  quietHours: QuietHours | null;
  timezone: string;
}

// A step is moved at most once per day it skips; a year of non-working days would be broken data.
const MAX_MOVES = 400;

/**
 * The first time at or after `at` the step may run: on a working day (a holiday or weekend moves
 * it to the next working day, same time of day), and for 催办 outside the quiet hours (a reminder
 * due in them waits for their end, 08:00 by default — then again on a working day).
 */
export function allowedRunTime(step: CalendarStep, at: Date, rules: StepTimeRules): Date {
  let t: DateTime = DateTime.fromJSDate(at, { zone: rules.timezone });
  for (let i = 0; i < MAX_MOVES; i++) {
    const day = t.toISODate()!;
    if (!rules.calendar.isWorkingDay(day)) {
      const next = DateTime.fromISO(rules.calendar.nextWorkingDay(day), { zone: rules.timezone });
      t = next.set({ hour: t.hour, minute: t.minute, second: t.second, millisecond: t.millisecond });
      continue;
    }
    if (isReminder(step) && rules.quietHours && isQuiet(t, rules.quietHours)) {
      t = endOfQuiet(t, rules.quietHours);
      continue;
    }
    return t.toJSDate();
  }
  throw new RangeError(`no allowed time for ${step} after ${at.toISOString()}`);
}

/**
 * Opening and 催办 act on the week they run in: moved past the end of their own week they have
 * nothing left to do (that week is over; the next week's own step runs). Closing and the digest
 * act on the week they were due for, so they still run late, for that week.
 */
export const actsOnRunWeek = (step: CalendarStep): boolean => step === 'open_round' || step === 'remind' || step === 'results_remind';

export type StepDecision =
  | { action: 'run'; dueAt: Date }
  | { action: 'defer'; dueAt: Date; until: Date; why: 'holiday' | 'quiet' }
  | { action: 'skip'; dueAt: Date; movedTo: Date };

/**
 * What to do with a scheduled step due at `dueAt`, asked at `now` (the same time when the cron
 * fires; later when a deferred step comes back): run it now, wait until `until`, or drop it.
 */
export function decideStep(step: CalendarStep, dueAt: Date, now: Date, rules: StepTimeRules): StepDecision {
  const runAt = allowedRunTime(step, now, rules);
  const weekOf = (d: Date) => roundFor(d, rules.timezone).key;
  const crossesWeek = weekOf(runAt) !== weekOf(dueAt);
  if (actsOnRunWeek(step) && crossesWeek) return { action: 'skip', dueAt, movedTo: runAt };
  if (runAt.getTime() <= now.getTime()) return { action: 'run', dueAt };
  const local = DateTime.fromJSDate(now, { zone: rules.timezone });
  return { action: 'defer', dueAt, until: runAt, why: rules.calendar.isWorkingDay(local.toISODate()!) ? 'quiet' : 'holiday' };
}

/** One scheduled run as the calendar sees it: when it was due and when it runs (null: dropped). */
export interface PlannedStep {
  step: CalendarStep;
  dueAt: Date;
  runAt: Date | null;
}

/** Where each cron occurrence ends up once holidays and quiet hours are applied. */
export function planSteps(occurrences: readonly { step: CalendarStep; at: Date }[], rules: StepTimeRules): PlannedStep[] {
  return occurrences.map(({ step, at }) => {
    const d = decideStep(step, at, at, rules);
    return { step, dueAt: at, runAt: d.action === 'run' ? at : d.action === 'defer' ? d.until : null };
  });
}
