import { describe, expect, it } from 'vitest';
import { deadlineState, deadlineStatesOn, dueDateFor } from '../../src/domain/deadlines.ts';
import { DEADLINE_LABEL } from '../../src/domain/vocabulary/status.ts';

const TZ = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('deadlines', () => {
  it('year_end and milestone tasks are due 31 December of the plan year; no kind, no date', () => {
    expect(dueDateFor('year_end', 2021)).toBe('2021-12-31');
    expect(dueDateFor('milestone', 2021)).toBe('2021-12-31');
    expect(dueDateFor(null, 2021)).toBeNull();
  });

  it('is ok until 30 days before the due date, then 预警, then 逾期 after it', () => {
    const s = (now: string, done = false) => deadlineState({ dueDate: '2021-12-31', done, now: at(now), timezone: TZ });
    expect(s('2021-11-30T15:59:00Z')).toBe('ok'); // 11-30 23:59 local
    expect(s('2021-11-30T16:00:00Z')).toBe('warning'); // 12-01 00:00 local = 30 days before
    expect(s('2021-12-31T15:59:00Z')).toBe('warning'); // last minute of the due day
    expect(s('2021-12-31T16:00:00Z')).toBe('overdue'); // 2022-01-01 local
    expect(DEADLINE_LABEL.warning).toBe('预警');
    expect(DEADLINE_LABEL.overdue).toBe('逾期');
  });

  it('a done task, or one without a due date, is never late', () => {
    expect(deadlineState({ dueDate: '2021-12-31', done: true, now: at('2022-03-01T00:00:00Z'), timezone: TZ })).toBe('ok');
    expect(deadlineState({ dueDate: null, done: false, now: at('2022-03-01T00:00:00Z'), timezone: TZ })).toBe('ok');
  });
});

describe('deadlines: the edges', () => {
  it('a kind the seed does not use has no due date', () => {
    expect(dueDateFor('quarterly', 2021)).toBeNull();
    expect(dueDateFor(undefined, 2021)).toBeNull();
    expect(dueDateFor('', 2021)).toBeNull();
  });

  it('a due date that is not a date never warns', () => {
    expect(deadlineState({ dueDate: '2021-13-01', done: false, now: at('2022-03-01T00:00:00Z'), timezone: TZ })).toBe('ok');
    expect(deadlineState({ dueDate: '', done: false, now: at('2022-03-01T00:00:00Z'), timezone: TZ })).toBe('ok');
  });

  it('reads the due day in the organisation’s timezone', () => {
    // 2021-12-31 16:30 UTC is already 2022-01-01 in Shanghai, still 12-31 in UTC
    expect(deadlineState({ dueDate: '2021-12-31', done: false, now: at('2021-12-31T16:30:00Z'), timezone: TZ })).toBe('overdue');
    expect(deadlineState({ dueDate: '2021-12-31', done: false, now: at('2021-12-31T16:30:00Z'), timezone: 'UTC' })).toBe('warning');
  });

  it('deadlineStatesOn gives each task the state deadlineState gives it, for one day', () => {
    const now = at('2021-12-15T02:00:00Z');
    const stateOf = deadlineStatesOn(now, TZ);
    expect(stateOf('2021-12-31', false)).toBe('warning');
    expect(stateOf('2021-12-31', true)).toBe('ok');
    expect(stateOf('2021-12-31', false)).toBe('warning');
    expect(stateOf('2021-12-14', false)).toBe('overdue');
    expect(stateOf('2022-06-30', false)).toBe('ok');
    expect(stateOf(null, false)).toBe('ok');
    expect(stateOf(undefined, false)).toBe('ok');
    expect(stateOf('2021-12-14', true)).toBe('ok');
  });
});
