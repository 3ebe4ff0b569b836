import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parseCalendarOverride } from '../domain/calendar/override-file.ts';
import { buildWorkCalendar, type CalendarYears, type NamedDay, type WorkCalendar } from '../domain/calendar/work-calendar.ts';
import { DubanError } from '../errors.ts';

// The holiday data of China's State Council notices, as the `chinese-days` package ships it
// (dist/chinese-days.json: "YYYY-MM-DD" → "English,中文,days"). Only this file knows its shape.
const require = createRequire(import.meta.url);

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const named = (entries: Record<string, string>): NamedDay[] =>
  Object.entries(entries).map(([date, value]) => ({ date, name: value.split(',')[1] ?? value }));

/** The package's years (those with at least one holiday) and their days. */
export function packageCalendarYears(): CalendarYears & { source: string } {
  const data = require('chinese-days/dist/chinese-days.json') as PackageData;
  const version = (require('chinese-days/package.json') as { version: string }).version;
  const holidays = named(data.holidays);
  const years = [...new Set(holidays.map((d) => Number(d.date.slice(0, 4))))].sort((a, b) => a - b);
  return { years, holidays, workdays: named(data.workdays), source: `chinese-days ${version}（${years[0]}–${years.at(-1)} 年）` };
}

export interface LoadedCalendar {
  calendar: WorkCalendar;
  /** where the data came from, in words, for `duban calendar` and `doctor` */
  sources: string[];
}

/**
 * The working-day calendar: the package's data, then the override file's years (CALENDAR_OVERRIDE_FILE).
 * A bad override file is refused whole (CALENDAR_OVERRIDE_INVALID, with lines): nothing is applied.
 */
export async function loadWorkCalendar(opts: { overrideFile?: string }): Promise<LoadedCalendar> {
  const pkg = packageCalendarYears();
  if (!opts.overrideFile) return { calendar: buildWorkCalendar([pkg]), sources: [pkg.source] };
  let text: string;
  try {
    text = await readFile(opts.overrideFile, 'utf8');
  } catch (e) {
    throw new DubanError('CALENDAR_OVERRIDE_UNREADABLE', `读不到节假日覆盖文件 ${opts.overrideFile}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）；检查 CALENDAR_OVERRIDE_FILE`);
  }
  let override: CalendarYears;
  try {
    override = parseCalendarOverride(text);
  } catch (e) {
    if (e instanceof DubanError) throw new DubanError(e.code, `${opts.overrideFile}：${e.message}`, { details: e.details });
    throw e;
  }
  const years = override.years.length ? `${override.years.join('、')} 年` : '无年份';
  return { calendar: buildWorkCalendar([pkg, override]), sources: [pkg.source, `覆盖文件 ${opts.overrideFile}（${years}）`] };
}
