import { DateTime } from 'luxon';
import type { DeadlineKind } from '../plan/types.ts';

export type DeadlineState = 'ok' | 'warning' | 'overdue';

// How a state is shown (预警 yellow, 逾期 red) lives in domain/vocabulary/status.ts.

export const DEADLINE_KIND_LABEL: Record<DeadlineKind, string> = {
  year_end: '年底前完成',
  milestone: '年内有阶段性成果',
};

/** Days before the due date at which an unfinished task turns 预警. */
export const WARNING_DAYS = 30;

/**
 * Both kinds the seed uses end with the plan year: 年底前完成 is due on 31 December, and
 * 年内有阶段性成果 needs its result within the year too. No kind, no due date.
 */
export function dueDateFor(kind: DeadlineKind | string | null | undefined, year: number): string | null {
  if (kind === 'year_end' || kind === 'milestone') return `${year}-12-31`;
  return null;
}

/**
 * 逾期 once the due date (a whole local day) has passed and the task is not done; 预警 within
 * the last 30 days before it; otherwise ok. A done task is always ok.
 */
/**
 * deadlineState for many tasks on one day: the day and each due date are worked out in the time
 * zone once, not once per task (a card lists up to a thousand).
 */
export function deadlineStatesOn(now: Date, timezone: string): (dueDate: string | null | undefined, done: boolean) => DeadlineState {
  const byDue = new Map<string, DeadlineState>();
  return (dueDate, done) => {
    if (done || !dueDate) return 'ok';
    let state = byDue.get(dueDate);
    if (state === undefined) {
      state = deadlineState({ dueDate, done: false, now, timezone });
      byDue.set(dueDate, state);
    }
    return state;
  };
}

export function deadlineState(input: { dueDate: string | null | undefined; done: boolean; now: Date; timezone: string }): DeadlineState {
  if (input.done || !input.dueDate) return 'ok';
  const due = DateTime.fromISO(input.dueDate, { zone: input.timezone });
  if (!due.isValid) return 'ok';
  const today = DateTime.fromJSDate(input.now, { zone: input.timezone }).startOf('day');
  if (today > due) return 'overdue';
  if (today >= due.minus({ days: WARNING_DAYS })) return 'warning';
  return 'ok';
}
