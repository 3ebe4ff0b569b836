import { DateTime } from 'luxon';
import { cronOccurrences, type StepCron } from './occurrences.ts';
import { planSteps, type CalendarStep, type PlannedStep, type StepTimeRules } from './step-times.ts';
import type { DayKind } from './work-calendar.ts';

export interface MonthDay {
  date: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  kind: DayKind;
  /** the holiday a 节假日 / 调休上班 belongs to */
  holiday: string | null;
  /** steps that run this day, after moving, in time order */
  runs: (PlannedStep & { runAt: Date })[];
  /** steps due this day that run another day (or not at all: runAt null) */
  movedAway: PlannedStep[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether `text` names a month as YYYY-MM. */
export const isMonth = (text: string): boolean => MONTH.test(text);

// A step moves by at most one break; no break is longer than five weeks, so looking that far back
// finds every step moved into the month.
const LOOK_BACK_DAYS = 35;

/** Each day of `month` (YYYY-MM): what kind of day it is and which scheduled steps run on it. */
export function monthView(month: string, cron: StepCron, rules: StepTimeRules): MonthDay[] {
  if (!isMonth(month)) throw new RangeError(`not a month: ${month}`);
  const first = DateTime.fromISO(`${month}-01`, { zone: rules.timezone });
  const end = first.plus({ months: 1 });
  const planned = planSteps(cronOccurrences(cron, first.minus({ days: LOOK_BACK_DAYS }).toJSDate(), end.toJSDate(), rules.timezone), rules);
  const dayOf = (d: Date) => DateTime.fromJSDate(d, { zone: rules.timezone }).toISODate()!;
  const days: MonthDay[] = [];
  for (let d = first; d < end; d = d.plus({ days: 1 })) {
    const date = d.toISODate()!;
    days.push({
      date,
      weekday: d.weekday,
      kind: rules.calendar.kindOf(date),
      holiday: rules.calendar.nameOf(date),
      runs: planned
        .filter((p): p is PlannedStep & { runAt: Date } => p.runAt !== null && dayOf(p.runAt) === date)
        .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.dueAt.getTime() - b.dueAt.getTime()),
      movedAway: planned.filter((p) => dayOf(p.dueAt) === date && (p.runAt === null || p.runAt.getTime() !== p.dueAt.getTime())),
    });
  }
  return days;
}

/** Scheduled runs due on a 节假日 in [from, to): what the count counts. */
export function stepsDueOnHolidays(cron: StepCron, from: Date, to: Date, rules: StepTimeRules): { step: CalendarStep; at: Date; date: string }[] {
  return cronOccurrences(cron, from, to, rules.timezone)
    .map((o) => ({ ...o, date: DateTime.fromJSDate(o.at, { zone: rules.timezone }).toISODate()! }))
    .filter((o) => rules.calendar.kindOf(o.date) === 'holiday');
}
