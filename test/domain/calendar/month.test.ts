import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isMonth, monthView, stepsDueOnHolidays } from '../../../src/domain/calendar/month.ts';
import { cronOccurrences } from '../../../src/domain/calendar/occurrences.ts';
import type { StepTimeRules } from '../../../src/domain/calendar/step-times.ts';
import { buildWorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';

// The month view of `duban calendar` and the cron occurrences under it, on the 2021 Spring
// Festival and New Year breaks (02-11…02-17 off, 02-07 and 02-20 worked; 2022-01-01…01-03 off).

const TZ = 'Asia/Shanghai';
const CRON = { round: '0 9 * * 1', remind: '0 15 * * 4', close: '0 17 * * 5', digest: '30 17 * * 5' };
const local = (iso: string) => DateTime.fromISO(iso, { zone: TZ }).toJSDate();
const show = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: TZ }).toFormat('MM-dd HH:mm') : null);

function rules(): StepTimeRules {
  const spring = Array.from({ length: 7 }, (_, i) => ({ date: `2021-02-${11 + i}`, name: '春节' }));
  const calendar = buildWorkCalendar([
    {
      years: [2021, 2022],
      holidays: [...spring, ...['2022-01-01', '2022-01-02', '2022-01-03'].map((date) => ({ date, name: '元旦' }))],
      workdays: [
        { date: '2021-02-07', name: '春节' },
        { date: '2021-02-20', name: '春节' },
      ],
    },
  ]);
  return { calendar, quietHours: { start: 20 * 60, end: 8 * 60 }, timezone: TZ };
}

describe('isMonth', () => {
  it('reads YYYY-MM with a month from 01 to 12, nothing around it', () => {
    for (const ok of ['2021-01', '2021-09', '2021-10', '2021-12']) expect(isMonth(ok), ok).toBe(true);
    for (const bad of ['2021-00', '2021-13', '2021-1', '21-10', '2021-10x', 'x2021-10', '2021-10-01', '2021/10', '']) expect(isMonth(bad), bad).toBe(false);
  });

  it('the month view refuses anything else', () => {
    expect(() => monthView('2021-13', CRON, rules())).toThrow(new RangeError('not a month: 2021-13'));
  });
});

describe('monthView', () => {
  it('has each day of the month with its weekday, kind and holiday', () => {
    const days = monthView('2021-02', CRON, rules());
    expect(days).toHaveLength(28);
    expect(days[0]).toMatchObject({ date: '2021-02-01', weekday: 1, kind: 'workday', holiday: null });
    expect(days[6]).toMatchObject({ date: '2021-02-07', weekday: 7, kind: 'makeup', holiday: '春节' });
    expect(days[10]).toMatchObject({ date: '2021-02-11', weekday: 4, kind: 'holiday', holiday: '春节' });
    expect(days[20]).toMatchObject({ date: '2021-02-21', weekday: 7, kind: 'rest', holiday: null });
    expect(days.at(-1)!.date).toBe('2021-02-28');
  });

  it('shows a step dropped for crossing the week as moved away with no run, and ordinary days as they are', () => {
    const days = monthView('2021-02', CRON, rules());
    const eleventh = days[10]!;
    expect(eleventh.runs).toEqual([]);
    expect(eleventh.movedAway).toEqual([{ step: 'remind', dueAt: local('2021-02-11T15:00'), runAt: null }]);
    const fourth = days[3]!;
    expect(fourth.movedAway).toEqual([]);
    expect(fourth.runs).toEqual([{ step: 'remind', dueAt: local('2021-02-04T15:00'), runAt: local('2021-02-04T15:00') }]);
  });

  it('puts the steps moved onto a day in run order, the earliest due first when they run together', () => {
    const days = monthView('2021-02', CRON, rules());
    const eighteenth = days[17]!;
    expect(eighteenth.runs.map((r) => `${r.step} ${show(r.runAt)} ← ${show(r.dueAt)}`)).toEqual([
      'open_round 02-18 09:00 ← 02-15 09:00',
      'remind 02-18 15:00 ← 02-18 15:00',
      'close_round 02-18 17:00 ← 02-12 17:00',
      'digest 02-18 17:30 ← 02-12 17:30',
    ]);
    const closeTwice = monthView('2021-02', { ...CRON, close: '0 17 * * 4,5' }, rules())[17]!;
    expect(closeTwice.runs.filter((r) => r.step === 'close_round').map((r) => show(r.dueAt))).toEqual(['02-11 17:00', '02-12 17:00', '02-18 17:00']);
    expect(days[11]!.movedAway.map((p) => `${p.step} → ${show(p.runAt)}`)).toEqual(['close_round → 02-18 17:00', 'digest → 02-18 17:30']);
  });

  it('a December reaches into the next year’s calendar without going past the 31st', () => {
    const days = monthView('2021-12', CRON, rules());
    expect(days).toHaveLength(31);
    expect(days.at(-1)).toMatchObject({ date: '2021-12-31', weekday: 5, kind: 'workday' });
    expect(days.at(-1)!.runs.map((r) => r.step)).toEqual(['close_round', 'digest']);
  });

  it('finds steps moved into the month from a break that began in the month before', () => {
    const days = monthView('2022-01', CRON, rules());
    // 2021-12-31 is a working Friday; the 3rd's opening moves to Tuesday the 4th
    expect(days[3]!.runs.map((r) => `${r.step} ${show(r.runAt)} ← ${show(r.dueAt)}`)).toEqual(['open_round 01-04 09:00 ← 01-03 09:00']);
  });
});

describe('stepsDueOnHolidays', () => {
  it('counts runs due on a 节假日, not on an ordinary weekend', () => {
    const due = stepsDueOnHolidays({ ...CRON, remind: '0 15 * * 0' }, local('2021-02-01T00:00'), local('2021-03-01T00:00'), rules());
    expect(due).toEqual([
      { step: 'close_round', at: local('2021-02-12T17:00'), date: '2021-02-12' },
      { step: 'digest', at: local('2021-02-12T17:30'), date: '2021-02-12' },
      { step: 'remind', at: local('2021-02-14T15:00'), date: '2021-02-14' },
      { step: 'open_round', at: local('2021-02-15T09:00'), date: '2021-02-15' },
    ]);
  });
});

describe('cronOccurrences', () => {
  it('gives every step’s runs in [from, to), in time order, read in the timezone', () => {
    const week = cronOccurrences(CRON, local('2021-06-07T09:00'), local('2021-06-14T09:00'), TZ);
    expect(week.map((o) => ({ step: o.step, at: o.at.toISOString() }))).toEqual([
      { step: 'open_round', at: '2021-06-07T01:00:00.000Z' },
      { step: 'remind', at: '2021-06-10T07:00:00.000Z' },
      { step: 'close_round', at: '2021-06-11T09:00:00.000Z' },
      { step: 'digest', at: '2021-06-11T09:30:00.000Z' },
    ]);
  });

  it('includes a run exactly at the start and excludes one exactly at the end', () => {
    const start = cronOccurrences(CRON, local('2021-06-11T17:30'), local('2021-06-11T17:30:00.001'), TZ);
    expect(start).toEqual([{ step: 'digest', at: local('2021-06-11T17:30') }]);
    expect(cronOccurrences(CRON, local('2021-06-11T17:00:00.001'), local('2021-06-11T17:30'), TZ)).toEqual([]);
  });

  it('gives nothing for an empty span', () => {
    expect(cronOccurrences(CRON, local('2021-06-07T09:00'), local('2021-06-07T09:00'), TZ)).toEqual([]);
  });
});
