import { DateTime } from 'luxon';
import type { Countdown } from './types.ts';

/** Whole local days from today to `date` (0 on the day itself, negative once passed). */
export function daysUntil(date: string, now: Date, timezone: string): number {
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  const target = DateTime.fromISO(date, { zone: timezone }).startOf('day');
  return Math.round(target.diff(today, 'days').days);
}

export function countdown(reportDeadline: string | null, year: number, now: Date, timezone: string): Countdown {
  const yearEnd = `${year}-12-31`;
  return {
    reportDeadline,
    daysToReportDeadline: reportDeadline ? daysUntil(reportDeadline, now, timezone) : null,
    yearEnd,
    daysToYearEnd: daysUntil(yearEnd, now, timezone),
  };
}
