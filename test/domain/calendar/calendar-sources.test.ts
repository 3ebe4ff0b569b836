import { describe, expect, it } from 'vitest';
import { buildWorkCalendar, type CalendarYears } from '../../../src/domain/calendar/work-calendar.ts';

// A calendar from its sources: the holiday package first, the operator's override file after it.

describe('buildWorkCalendar', () => {
  const pkg = (): CalendarYears => ({
    years: [2021, 2022],
    holidays: [
      { date: '2021-10-01', name: '国庆节' },
      { date: '2021-10-04', name: '国庆节' },
      { date: '2022-01-03', name: '元旦' },
    ],
    workdays: [{ date: '2021-10-09', name: '国庆节' }],
  });

  it('reads the kind and name of each day from the source that speaks for its year', () => {
    const c = buildWorkCalendar([pkg()]);
    expect(c.kindOf('2021-10-01')).toBe('holiday');
    expect(c.nameOf('2021-10-01')).toBe('国庆节');
    expect(c.kindOf('2021-10-09')).toBe('makeup');
    expect(c.nameOf('2021-10-09')).toBe('国庆节');
    expect(c.isWorkingDay('2021-10-09')).toBe(true);
    expect(c.isWorkingDay('2021-10-01')).toBe(false);
    expect(c.kindOf('2021-10-08')).toBe('workday');
    expect(c.nameOf('2021-10-08')).toBeNull();
    expect(c.kindOf('2021-10-16')).toBe('rest');
    expect(c.kindOf('2021-10-17')).toBe('rest');
    expect(c.isWorkingDay('2021-10-17')).toBe(false);
    expect(c.isWorkingDay('2021-10-15')).toBe(true);
    expect(c.covers(2022)).toBe(true);
    expect(c.covers(2023)).toBe(false);
  });

  it('lets a later source replace a year whole, and keeps the other years', () => {
    const override: CalendarYears = { years: [2021], holidays: [{ date: '2021-10-05', name: '国庆节' }], workdays: [] };
    const c = buildWorkCalendar([pkg(), override]);
    expect(c.kindOf('2021-10-05')).toBe('holiday');
    expect(c.kindOf('2021-10-01')).toBe('workday');
    expect(c.kindOf('2021-10-09')).toBe('rest');
    expect(c.nameOf('2021-10-09')).toBeNull();
    expect(c.kindOf('2022-01-03')).toBe('holiday');
    expect(c.covers(2021)).toBe(true);
  });

  it('takes from a source only the days of the years it speaks for', () => {
    const c = buildWorkCalendar([{ years: [2021], holidays: [{ date: '2022-01-03', name: '元旦' }], workdays: [{ date: '2022-01-08', name: '元旦' }] }]);
    expect(c.kindOf('2022-01-03')).toBe('workday');
    expect(c.kindOf('2022-01-08')).toBe('rest');
    expect(c.covers(2022)).toBe(false);
  });

  it('reads a day named both off and worked as off', () => {
    const c = buildWorkCalendar([{ years: [2021], holidays: [{ date: '2021-10-09', name: '国庆节' }], workdays: [{ date: '2021-10-09', name: '调休' }] }]);
    expect(c.kindOf('2021-10-09')).toBe('holiday');
    expect(c.nameOf('2021-10-09')).toBe('国庆节');
  });

  it('finds the next working day after a date, never the date itself', () => {
    const c = buildWorkCalendar([pkg()]);
    expect(c.nextWorkingDay('2021-10-07')).toBe('2021-10-08');
    expect(c.nextWorkingDay('2021-10-08')).toBe('2021-10-09');
    expect(c.nextWorkingDay('2021-10-09')).toBe('2021-10-11');
    expect(c.nextWorkingDay('2021-12-31')).toBe('2022-01-04');
  });

  it('gives up after a year without a working day: that is broken data, not a break', () => {
    const everyDay = Array.from({ length: 365 }, (_, i) => ({
      date: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10),
      name: '假',
    }));
    const c = buildWorkCalendar([{ years: [2027], holidays: everyDay, workdays: [] }]);
    expect(() => c.nextWorkingDay('2026-12-31')).toThrow(new RangeError('no working day within 366 days after 2026-12-31'));
    expect(c.nextWorkingDay('2026-12-30')).toBe('2026-12-31');
  });
});
