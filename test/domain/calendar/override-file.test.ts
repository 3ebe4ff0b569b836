import { describe, expect, it } from 'vitest';
import { parseCalendarOverride } from '../../../src/domain/calendar/override-file.ts';
import { DubanError } from '../../../src/errors.ts';

// The calendar override file as an operator writes it (docs/operations.md#calendar): every problem
// refuses the whole file, each named with its line.

/** The problems a refused file is refused for, or the parsed calendar. */
function problems(text: string): string[] {
  try {
    parseCalendarOverride(text);
  } catch (e) {
    expect(e).toBeInstanceOf(DubanError);
    const err = e as DubanError;
    expect(err.code).toBe('CALENDAR_OVERRIDE_INVALID');
    const list = err.details?.problems as string[];
    expect(err.message).toBe(`节假日覆盖文件有误，未采用：${list.join('；')}`);
    return list;
  }
  return [];
}

const example = (entry: string) => `2027:\n  holidays:\n    春节: [${entry}]\n`;
const NOT_A_DATE = '不是有效日期（应为 YYYY-MM-DD，如 2027-02-06，范围写作 2027-02-06..2027-02-12）';

describe('the days an entry names', () => {
  it('reads one date or an inclusive range, day by day, with its holiday’s name', () => {
    expect(parseCalendarOverride('2027:\n  holidays:\n    元旦: [2027-01-01]\n    春节: [2027-02-05..2027-02-08]\n')).toEqual({
      years: [2027],
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-02-05', name: '春节' },
        { date: '2027-02-06', name: '春节' },
        { date: '2027-02-07', name: '春节' },
        { date: '2027-02-08', name: '春节' },
      ],
      workdays: [],
    });
  });

  it('reads several years, workdays on weekends, and a year with only workdays', () => {
    expect(parseCalendarOverride('2027:\n  workdays:\n    春节: [2027-02-06, 2027-02-07]\n2028:\n  holidays:\n    元旦: [2028-01-01]\n')).toEqual({
      years: [2027, 2028],
      holidays: [{ date: '2028-01-01', name: '元旦' }],
      workdays: [
        { date: '2027-02-06', name: '春节' },
        { date: '2027-02-07', name: '春节' },
      ],
    });
  });

  it('accepts a range of 32 days, the longest a break may be', () => {
    const r = parseCalendarOverride(example('2027-01-01..2027-02-01'));
    expect(r.holidays).toHaveLength(32);
    expect(r.holidays.at(-1)).toEqual({ date: '2027-02-01', name: '春节' });
    expect(problems(example('2027-01-01..2027-02-02'))).toEqual(['第 3 行 2027.holidays.春节.0：「2027-01-01..2027-02-02」超过 31 天，不像一次放假']);
  });

  it('refuses text that is not a YYYY-MM-DD date, saying how to write one', () => {
    expect(problems(example('"20270101", 2027-01-01T10:00, "2027-01-01..", 2027-02-30, 2027-1-01'))).toEqual([
      `第 3 行 2027.holidays.春节.0：「20270101」${NOT_A_DATE}`,
      `第 3 行 2027.holidays.春节.1：「2027-01-01T10:00」${NOT_A_DATE}`,
      `第 3 行 2027.holidays.春节.2：「2027-01-01..」${NOT_A_DATE}`,
      `第 3 行 2027.holidays.春节.3：「2027-02-30」${NOT_A_DATE}`,
      `第 3 行 2027.holidays.春节.4：「2027-1-01」${NOT_A_DATE}`,
    ]);
    expect(problems(example('..2027-01-02'))).toEqual([`第 3 行 2027.holidays.春节.0：「..2027-01-02」${NOT_A_DATE}`]);
  });

  it('refuses a range of three dates, a backward range, and days outside the year', () => {
    expect(problems(example('2027-01-01..2027-01-02..2027-01-03'))).toEqual(['第 3 行 2027.holidays.春节.0：「2027-01-01..2027-01-02..2027-01-03」不是日期或日期范围']);
    expect(problems(example('2027-02-12..2027-02-11'))).toEqual(['第 3 行 2027.holidays.春节.0：「2027-02-12..2027-02-11」的结束日期早于开始日期']);
    expect(problems(example('2027-12-30..2028-01-02, 2026-12-30..2027-01-02, 2028-02-05'))).toEqual([
      '第 3 行 2027.holidays.春节.0：「2027-12-30..2028-01-02」不在 2027 年内',
      '第 3 行 2027.holidays.春节.1：「2026-12-30..2027-01-02」不在 2027 年内',
      '第 3 行 2027.holidays.春节.2：「2028-02-05」不在 2027 年内',
    ]);
  });

  it('takes spaces around an entry', () => {
    expect(parseCalendarOverride(example('" 2027-02-05..2027-02-06 "')).holidays.map((d) => d.date)).toEqual(['2027-02-05', '2027-02-06']);
  });
});

describe('调休 workdays', () => {
  it('must fall on a weekend: a weekday is worked anyway', () => {
    expect(problems('2027:\n  workdays:\n    春节: [2027-02-05, 2027-02-01, 2027-02-06, 2027-02-07]\n')).toEqual([
      '第 3 行 2027.workdays.春节.0：2027-02-05 是周五，本就上班，不是调休上班日',
      '第 3 行 2027.workdays.春节.1：2027-02-01 是周一，本就上班，不是调休上班日',
    ]);
    expect(problems('2027:\n  workdays:\n    国庆节: [2027-09-28..2027-09-30]\n')).toEqual([
      '第 3 行 2027.workdays.国庆节.0：2027-09-28 是周二，本就上班，不是调休上班日',
      '第 3 行 2027.workdays.国庆节.0：2027-09-29 是周三，本就上班，不是调休上班日',
      '第 3 行 2027.workdays.国庆节.0：2027-09-30 是周四，本就上班，不是调休上班日',
    ]);
  });

  it('may not be a holiday as well (named at the workday, whatever the order in the file); a day in two holidays is allowed', () => {
    expect(problems('2027:\n  workdays:\n    国庆节: [2027-10-09]\n  holidays:\n    国庆节: [2027-10-09]\n')).toEqual([
      '第 3 行 2027.workdays.国庆节.0：2027-10-09 既写在 holidays 又写在 workdays',
    ]);
    expect(parseCalendarOverride('2027:\n  holidays:\n    元旦: [2027-01-01]\n    春节: [2027-01-01]\n  workdays:\n    春节: [2027-02-06]\n')).toEqual({
      years: [2027],
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-01-01', name: '春节' },
      ],
      workdays: [{ date: '2027-02-06', name: '春节' }],
    });
  });
});

describe('the file’s shape, with lines', () => {
  it('names the line of a bad list item, not of its holiday', () => {
    expect(problems('2027:\n  holidays:\n    元旦:\n      - 2027-01-01\n      - 2027-13-01\n')).toEqual([`第 5 行 2027.holidays.元旦.1：「2027-13-01」${NOT_A_DATE}`]);
  });

  it('names the line of the year or key at fault, not of its value', () => {
    expect(problems('2026:\n  holidays: {}\n2027:\n  - 2027-01-01\n')).toEqual(['第 3 行 2027：须为 { holidays, workdays }']);
    expect(problems('# 注释\n2027:\n')).toEqual(['第 2 行 2027：须为 { holidays, workdays }']);
    expect(problems('2027:\n  holidays:\n    元旦: [2027-01-01]\n  extra:\n    a: 1\n')).toEqual(['第 4 行 2027.extra：未知字段 extra（应为 holidays 或 workdays）']);
    expect(problems('2027:\n  holidays:\n    元旦: [2027-01-01]\n  extra: 1\n  more: 2\n')).toEqual(['第 4 行 2027.extra：未知字段 extra、more（应为 holidays 或 workdays）']);
    expect(problems('2026:\n  holidays: {}\n2027a:\n  holidays: {}\n')).toEqual(['第 3 行 2027a：年份须为四位数字，如 2027']);
    expect(problems('20271:\n  holidays: {}\n')).toEqual(['第 1 行 20271：年份须为四位数字，如 2027']);
  });

  it('names the line of a year written as a bare key, and of a holiday whose days are an alias', () => {
    expect(problems('# 2026 年已由软件包给出\n2026:\n  holidays: {}\n? 2027\n')).toEqual(['第 4 行 2027：须为 { holidays, workdays }']);
    expect(problems('2027:\n  holidays:\n    元旦: &d [2027-13-01]\n    春节: *d\n')).toEqual([
      `第 3 行 2027.holidays.元旦.0：「2027-13-01」${NOT_A_DATE}`,
      `第 4 行 2027.holidays.春节.0：「2027-13-01」${NOT_A_DATE}`,
    ]);
  });

  it('names the line of a whole file that is not years', () => {
    expect(problems('# 2027 年放假安排\n\n- 2027\n')).toEqual(['第 3 行 ：文件须为「年份: { holidays, workdays }」']);
  });

  it('says when a holiday’s days are not a list of dates', () => {
    expect(problems('2027:\n  holidays:\n    元旦: [5]\n')).toEqual(['第 3 行 2027.holidays.元旦.0：须为日期文本，如 2027-02-06 或 2027-02-06..2027-02-12']);
    expect(problems('2027:\n  holidays:\n    元旦: []\n')).toEqual(['第 3 行 2027.holidays.元旦：至少写一个日期']);
  });

  it('gives YAML errors with their line, one line each', () => {
    const p = problems('2027:\n  holidays: {}\n2027:\n  workdays: {}\n');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^第 3 行：Map keys must be unique/);
    const two = problems('2027:\n  holidays: [\n  workdays: {\n');
    expect(two).toHaveLength(2);
    expect(two.map((x) => x.slice(0, 6))).toEqual(['第 3 行：', '第 4 行：']);
    for (const x of two) expect(x).not.toContain('\n');
  });
});

describe('holiday names', () => {
  it('refuses an empty name, saying so', () => {
    expect(problems('2027:\n  holidays:\n    "": [2027-01-01]\n    " ": [2027-01-02]\n')).toEqual(['第 3 行 2027.holidays.：节日名称不能为空', '第 4 行 2027.holidays. ：节日名称不能为空']);
  });

  it('trims a name', () => {
    expect(parseCalendarOverride('2027:\n  holidays:\n    " 元旦 ": [2027-01-01]\n').holidays).toEqual([{ date: '2027-01-01', name: '元旦' }]);
  });
});
