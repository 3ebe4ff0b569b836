import { DateTime } from 'luxon';

/**
 * What a day is for work, in China's calendar: 工作日 (Monday–Friday), 休息日 (a weekend), 节假日
 * (a day of a statutory holiday's break, weekends inside it included) and 调休上班 (a weekend day
 * worked to make the break longer). The data comes from outside (src/app/calendar.ts); this module
 * only decides.
 */
export type DayKind = 'workday' | 'rest' | 'holiday' | 'makeup';

export const DAY_KIND_LABEL: Record<DayKind, string> = { workday: '工作日', rest: '休息日', holiday: '节假日', makeup: '调休上班' };

/** A named day: `date` as YYYY-MM-DD, `name` the holiday it belongs to (国庆节). */
export interface NamedDay {
  date: string;
  name: string;
}

/** One source of calendar data: the years it speaks for, and their holidays and 调休 workdays. */
export interface CalendarYears {
  years: readonly number[];
  holidays: readonly NamedDay[];
  workdays: readonly NamedDay[];
}

export interface WorkCalendar {
  kindOf(date: string): DayKind;
  /** The holiday a 节假日 or 调休上班 belongs to; null on ordinary days. */
  nameOf(date: string): string | null;
  isWorkingDay(date: string): boolean;
  /** Whether some source speaks for this year; an uncovered year is read as plain Monday–Friday. */
  covers(year: number): boolean;
  /** The first working day after `date` (YYYY-MM-DD). */
  nextWorkingDay(date: string): string;
}

// No break in China lasts a fortnight; a year of holidays would mean broken data, not a long break.
const MAX_SEARCH_DAYS = 366;

/**
 * A calendar from its sources, later ones winning: a year a later source names (the override
 * file) is read from it alone, so a correction replaces the package's year whole.
 */
export function buildWorkCalendar(sources: readonly CalendarYears[]): WorkCalendar {
  const owner = new Map<number, CalendarYears>();
  for (const s of sources) for (const y of s.years) owner.set(y, s);
  const holidays = new Map<string, string>();
  const workdays = new Map<string, string>();
  for (const [year, s] of owner) {
    const prefix = `${year}-`;
    for (const d of s.holidays) if (d.date.startsWith(prefix)) holidays.set(d.date, d.name);
    for (const d of s.workdays) if (d.date.startsWith(prefix)) workdays.set(d.date, d.name);
  }
  const kindOf = (date: string): DayKind => {
    if (holidays.has(date)) return 'holiday';
    if (workdays.has(date)) return 'makeup';
    const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday;
    return weekday >= 6 ? 'rest' : 'workday';
  };
  const isWorkingDay = (date: string) => {
    const k = kindOf(date);
    return k === 'workday' || k === 'makeup';
  };
  return {
    kindOf,
    nameOf: (date) => holidays.get(date) ?? workdays.get(date) ?? null,
    isWorkingDay,
    covers: (year) => owner.has(year),
    nextWorkingDay(date) {
      let d = DateTime.fromISO(date, { zone: 'UTC' });
      for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
        d = d.plus({ days: 1 });
        const iso = d.toISODate()!;
        if (isWorkingDay(iso)) return iso;
      }
      throw new RangeError(`no working day within ${MAX_SEARCH_DAYS} days after ${date}`);
    },
  };
}
