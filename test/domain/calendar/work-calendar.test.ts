import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { packageCalendarYears } from '../../../src/app/calendar.ts';
import { monthView, stepsDueOnHolidays } from '../../../src/domain/calendar/month.ts';
import { parseQuietHours, type QuietHours } from '../../../src/domain/calendar/quiet-hours.ts';
import { allowedRunTime, decideStep, type StepTimeRules } from '../../../src/domain/calendar/step-times.ts';
import { buildWorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';

const TZ = 'Asia/Shanghai';
const calendar = buildWorkCalendar([packageCalendarYears()]);
const rules: StepTimeRules = { calendar, quietHours: parseQuietHours('20:00-08:00') as QuietHours, timezone: TZ };
const DEFAULT_CRON = { round: '0 9 * * 1', remind: '0 15 * * 4', close: '0 17 * * 5', digest: '30 17 * * 5' };
const local = (iso: string) => DateTime.fromISO(iso, { zone: TZ }).toJSDate();
const show = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: TZ }).toFormat('yyyy-MM-dd HH:mm') : null);

describe('the working-day calendar (chinese-days data)', () => {
  it('covers every year from 2021 to 2026', () => {
    for (let y = 2021; y <= 2026; y++) expect(calendar.covers(y), String(y)).toBe(true);
  });

  it('reads the 2021 National Day break as 节假日 and its 调休 Saturday as a working day', () => {
    for (let d = 1; d <= 7; d++) expect(calendar.kindOf(`2021-10-0${d}`)).toBe('holiday');
    expect(calendar.nameOf('2021-10-04')).toBe('国庆节');
    expect(calendar.kindOf('2021-10-09')).toBe('makeup');
    expect(calendar.kindOf('2021-09-18')).toBe('makeup');
    expect(calendar.isWorkingDay('2021-09-18')).toBe(true);
    expect(calendar.kindOf('2021-10-10')).toBe('rest');
    expect(calendar.kindOf('2021-10-08')).toBe('workday');
  });

  it('finds the next working day across a break, counting 调休 Saturdays', () => {
    expect(calendar.nextWorkingDay('2021-10-04')).toBe('2021-10-08');
    expect(calendar.nextWorkingDay('2021-10-08')).toBe('2021-10-09');
    expect(calendar.nextWorkingDay('2021-09-17')).toBe('2021-09-18');
  });

  it('reads a year no source covers as Monday to Friday', () => {
    expect(calendar.covers(2031)).toBe(false);
    expect(calendar.kindOf('2031-01-01')).toBe('workday');
    expect(calendar.kindOf('2031-01-04')).toBe('rest');
  });
});

describe('moving scheduled steps', () => {
  it('moves an opening on 2021-10-04 to 2021-10-08 at the same time', () => {
    expect(show(allowedRunTime('open_round', local('2021-10-04T09:00'), rules))).toBe('2021-10-08 09:00');
    expect(decideStep('open_round', local('2021-10-04T09:00'), local('2021-10-04T09:00'), rules)).toMatchObject({ action: 'defer', why: 'holiday' });
  });

  it('runs a step due on a 调休 Saturday there', () => {
    expect(decideStep('remind', local('2021-10-09T15:00'), local('2021-10-09T15:00'), rules).action).toBe('run');
  });

  it('postpones a reminder due in the quiet hours to their end, then to a working day', () => {
    expect(show(allowedRunTime('remind', local('2021-06-10T21:30'), rules))).toBe('2021-06-11 08:00');
    expect(show(allowedRunTime('remind', local('2021-06-11T07:59'), rules))).toBe('2021-06-11 08:00');
    expect(show(allowedRunTime('remind', local('2021-06-11T08:00'), rules))).toBe('2021-06-11 08:00');
    // Thursday 22:00 before the National Day break: Friday 08:00 is a holiday, so the 8th at 08:00.
    expect(show(allowedRunTime('remind', local('2021-09-30T22:00'), rules))).toBe('2021-10-08 08:00');
    // Other steps ignore the quiet hours.
    expect(show(allowedRunTime('digest', local('2021-06-10T21:30'), rules))).toBe('2021-06-10 21:30');
  });

  it('drops an opening or 催办 moved into the next week, and keeps a closing or digest for its own week', () => {
    expect(decideStep('remind', local('2021-02-11T15:00'), local('2021-02-11T15:00'), rules)).toMatchObject({ action: 'skip' });
    const close = decideStep('close_round', local('2021-10-01T17:00'), local('2021-10-01T17:00'), rules);
    expect(close).toMatchObject({ action: 'defer' });
    expect(close.action === 'defer' && show(close.until)).toBe('2021-10-08 17:00');
    // the deferred job back on the 8th runs, still for its due time
    expect(decideStep('close_round', local('2021-10-01T17:00'), local('2021-10-08T17:00'), rules)).toEqual({ action: 'run', dueAt: local('2021-10-01T17:00') });
  });

  it('with quiet hours off, a late reminder runs when it is due', () => {
    expect(show(allowedRunTime('remind', local('2021-06-10T21:30'), { ...rules, quietHours: null }))).toBe('2021-06-10 21:30');
  });
});

describe('the month view', () => {
  it('2021-10: 10-01…10-07 节假日, 10-09 调休上班, and the 8th carries the moved steps', () => {
    const days = monthView('2021-10', DEFAULT_CRON, rules);
    expect(days).toHaveLength(31);
    expect(days.slice(0, 7).map((d) => d.kind)).toEqual(Array(7).fill('holiday'));
    expect(days[8]).toMatchObject({ date: '2021-10-09', kind: 'makeup', holiday: '国庆节' });
    const eighth = days[7]!;
    expect(eighth.runs.map((r) => `${r.step} ${show(r.runAt)} ← ${show(r.dueAt)}`)).toEqual([
      'open_round 2021-10-08 09:00 ← 2021-10-04 09:00',
      'remind 2021-10-08 15:00 ← 2021-10-07 15:00',
      'close_round 2021-10-08 17:00 ← 2021-10-01 17:00',
      'close_round 2021-10-08 17:00 ← 2021-10-08 17:00',
      'digest 2021-10-08 17:30 ← 2021-10-01 17:30',
      'digest 2021-10-08 17:30 ← 2021-10-08 17:30',
    ]);
    expect(days[3]!.movedAway.map((p) => p.step)).toEqual(['open_round']);
  });
});

describe('the issue’s count: default-schedule steps on public holidays in 2021', () => {
  // The issue says 11. There are 14 step runs on 11 distinct holiday dates: the issue counted days.
  const due = stepsDueOnHolidays(DEFAULT_CRON, local('2021-01-01T00:00'), local('2022-01-01T00:00'), rules);
  it('finds 14 runs on 11 days', () => {
    expect(due.map((d) => `${d.date} ${d.step}`)).toEqual([
      '2021-01-01 close_round',
      '2021-01-01 digest',
      '2021-02-11 remind',
      '2021-02-12 close_round',
      '2021-02-12 digest',
      '2021-02-15 open_round',
      '2021-04-05 open_round',
      '2021-05-03 open_round',
      '2021-06-14 open_round',
      '2021-09-20 open_round',
      '2021-10-01 close_round',
      '2021-10-01 digest',
      '2021-10-04 open_round',
      '2021-10-07 remind',
    ]);
    expect(new Set(due.map((d) => d.date)).size).toBe(11);
  });
});

describe('quiet hours setting', () => {
  it('reads HH:MM-HH:MM and off, and refuses anything else with the format', () => {
    expect(parseQuietHours('20:00-08:00')).toEqual({ start: 1200, end: 480 });
    expect(parseQuietHours('off')).toBeNull();
    for (const bad of ['20-08', '25:00-08:00', '20:00', '08:00-08:00']) expect(parseQuietHours(bad), bad).toBeInstanceOf(Error);
  });
});
