import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../src/app/calendar.ts';
import { runCli } from '../../src/cli/index.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { parseCalendarOverride } from '../../src/domain/calendar/override-file.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/calendar/${name}`, import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'duban-calendar-'));
const write = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { config: parseConfig(env), out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('duban calendar', () => {
  it('2021-10 shows 10-01…10-07 as 节假日, 10-09 as 调休上班, and the opening moved to the 8th', async () => {
    const { code, out } = await cli(['calendar', '2021-10']);
    expect(code).toBe(0);
    const days = out.slice(1);
    expect(days).toHaveLength(31);
    for (let d = 1; d <= 7; d++) expect(days[d - 1]).toMatch(new RegExp(`^10-0${d} 周. 节假日（国庆节）`));
    expect(days[8]).toMatch(/^10-09 周六 调休上班（国庆节）$/);
    expect(days[3]).toContain('顺延：开启填报 09:00 → 10-08 09:00');
    expect(days[7]).toMatch(/^10-08 周五 工作日.*开启填报 09:00（由 10-04 09:00 顺延）/);
    expect(days[7]).toContain('关闭填报 17:00（2021-W39，由 10-01 17:00 顺延）');
    expect(days[10]).toMatch(/^10-11 周一 工作日\s+开启填报 09:00$/);
    expect(days[9]).toMatch(/^10-10 周日 休息日$/);
  });

  it('has --help, and refuses a month it cannot read', async () => {
    const help = await cli(['calendar', '--help']);
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toContain('用法: duban calendar <YYYY-MM>');
    for (const bad of [[], ['2021-13'], ['2021/10'], ['2021-10', 'x']]) {
      const r = await cli(['calendar', ...bad]);
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.out).toEqual([]);
    }
    expect((await cli(['calendar', '2021-13'])).err[0]).toBe('「2021-13」不是月份，应写作 YYYY-MM，例如 2021-10');
  });

  it('says when a year is not covered, and reads it from the override file', async () => {
    const bare = await cli(['calendar', '2027-02']);
    expect(bare.out[1]).toMatch(/^注意：2027 年不在节假日数据内/);
    const over = await cli(['calendar', '2027-02'], { CALENDAR_OVERRIDE_FILE: fixture('2027.yaml') });
    expect(over.code).toBe(0);
    expect(over.out[0]).toContain('覆盖文件');
    expect(over.out.join('\n')).not.toContain('注意');
    expect(over.out.find((l) => l.startsWith('02-05'))).toMatch(/节假日（春节）/);
    expect(over.out.find((l) => l.startsWith('02-20'))).toMatch(/调休上班（春节）/);
    // the Monday opening of the 8th moves to Friday the 12th
    expect(over.out.find((l) => l.startsWith('02-12'))).toContain('开启填报 09:00（由 02-08 09:00 顺延）');
  });

  it('refuses an override file with bad dates, naming each line, and prints no calendar', async () => {
    const r = await cli(['calendar', '2027-02'], { CALENDAR_OVERRIDE_FILE: fixture('bad-dates.yaml') });
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    const msg = r.err.join('\n');
    expect(msg).toContain('bad-dates.yaml：节假日覆盖文件有误，未采用');
    expect(msg).toContain('第 4 行 2027.holidays.春节.0：「2027-02-30」不是有效日期');
    expect(msg).toContain('第 4 行 2027.holidays.春节.1：「2027-02-12..2027-02-05」的结束日期早于开始日期');
    expect(msg).toContain('第 6 行 2027.workdays.春节.0：2027-02-09 是周二，本就上班，不是调休上班日');
    expect(msg).toContain('第 7 行 2027.workdays.国庆节.0：「2028-10-09」不在 2027 年内');
  });
});

describe('the override file, checked', () => {
  const refused = (text: string) => {
    try {
      parseCalendarOverride(text);
    } catch (e) {
      return (e as Error & { code: string }).code + ' ' + (e as Error).message;
    }
    return 'accepted';
  };

  it('refuses broken YAML, a bad year, unknown keys and a day both off and worked, each with its line', () => {
    expect(refused('2027:\n  holidays: [\n')).toMatch(/^CALENDAR_OVERRIDE_INVALID .*第 \d+ 行/);
    expect(refused('27:\n  holidays:\n    元旦: [2027-01-01]\n')).toContain('第 1 行 27：年份须为四位数字');
    expect(refused('2027:\n  holiday:\n    元旦: [2027-01-01]\n')).toContain('第 2 行 2027.holiday：未知字段 holiday');
    expect(refused('2027:\n  holidays:\n    国庆节: [2027-10-09]\n  workdays:\n    国庆节: [2027-10-09]\n')).toContain('第 5 行 2027.workdays.国庆节.0：2027-10-09 既写在 holidays 又写在 workdays');
    expect(refused('2027:\n  holidays:\n    元旦: []\n')).toContain('至少写一个日期');
    expect(refused('2027:\n  holidays:\n    元旦: [20270101]\n')).toContain('第 3 行');
  });

  it('accepts an empty file and a year with only holidays', () => {
    expect(parseCalendarOverride('')).toEqual({ years: [], holidays: [], workdays: [] });
    expect(parseCalendarOverride('2030:\n  holidays:\n    元旦: [2030-01-01]\n').holidays).toEqual([{ date: '2030-01-01', name: '元旦' }]);
  });

  it('a bad file loads nothing: the loader throws before any calendar exists', async () => {
    await expect(loadWorkCalendar({ overrideFile: fixture('bad-dates.yaml') })).rejects.toMatchObject({ code: 'CALENDAR_OVERRIDE_INVALID' });
    await expect(loadWorkCalendar({ overrideFile: path.join(dir, 'missing.yaml') })).rejects.toMatchObject({ code: 'CALENDAR_OVERRIDE_UNREADABLE' });
  });

  it('a year in the file replaces the package’s year whole', async () => {
    const p = write('fix-2021.yaml', '2021:\n  holidays:\n    国庆节: [2021-10-01..2021-10-03]\n');
    const { calendar } = await loadWorkCalendar({ overrideFile: p });
    expect(calendar.kindOf('2021-10-04')).toBe('workday');
    expect(calendar.kindOf('2021-10-09')).toBe('rest');
    expect(calendar.kindOf('2022-10-04')).toBe('holiday');
  });
});
