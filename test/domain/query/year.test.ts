import { describe, expect, it } from 'vitest';
import { findYear } from '../../../src/domain/query/year.ts';

describe('findYear: the year a question names', () => {
  it.each([
    ['2022年指引', 2022, '2022年'],
    ['2021 年度', 2021, '2021 年度'],
    ['2021年度计划', 2021, '2021年度'],
    ['2022版', 2022, '2022版'],
    ['指引(2022)', 2022, '(2022)'],
    ['( 2022 )', 2022, '( 2022 )'],
    ['22年的任务5', 2022, '22年'],
    ['1990年', 1990, '1990年'],
    ['2099年', 2099, '2099年'],
  ])('%s is the year %s, written as %s', (q, year, text) => {
    expect(findYear(q)).toEqual({ year, text, namesPlan: true });
  });

  it.each(['2021年底', '2021年初', '2021 年末', '2021年内'])('%s keeps the deadline word: only the digits are the year', (q) => {
    expect(findYear(q)).toEqual({ year: 2021, text: '2021', namesPlan: true });
  });

  it('keeps 年底 out of the year text even when the question goes on', () => {
    expect(findYear('任务3 2021年底前完成吗')).toEqual({ year: 2021, text: '2021', namesPlan: false });
  });

  it.each(['12021年底', '12022年', '3.2022年', '122年', '1.22年', '22年底', '22年初', '22年中', '22年内', '22年末', '1989年', '任务5', '2022', '14个月'])(
    '%s names no year',
    (q) => {
      expect(findYear(q)).toBeNull();
    },
  );

  it('skips a four-digit number outside 1990–2099 and reads the next year', () => {
    expect(findYear('1989年的22年计划')).toEqual({ year: 2022, text: '22年', namesPlan: true });
  });

  it('prefers a deadline year over a plan year, and a four-digit year over two digits', () => {
    expect(findYear('22年的任务 2021年底')).toEqual({ year: 2021, text: '2021', namesPlan: false });
    expect(findYear('22年的任务 2021年')).toEqual({ year: 2021, text: '2021年', namesPlan: false });
  });
});

describe('findYear: whether the year names a plan or is a date in a question about this plan', () => {
  it.each(['2022年能完成吗', '请问2022年能完成吗', '看看2022年能完成吗', '那2022年', ' 2022年进展', '@_user_1 2022年进展', 'ab 2022年进展'])(
    '%s starts with the year (after asking words): a plan',
    (q) => {
      expect(findYear(q)?.namesPlan).toBe(true);
    },
  );

  it.each([
    '任务3 2022年的计划', '任务3 2022 年 的 计划', '任务3 2022版', '任务3 2022年里的专利', '任务3 2022年中的商标', '任务3 2022年 (指引', '任务3 2022年（指引',
    '任务3 2022年工作', '任务3 2022年度指标', '任务3 2022年度版', '任务3 22年的任务5', '任务3 2022年督办', '任务3 2022年知识产权',
  ])('%s: a plan word follows the year', (q) => {
    expect(findYear(q)?.namesPlan).toBe(true);
  });

  it('a year in brackets always names a plan', () => {
    expect(findYear('任务3(2022)能完成吗')).toEqual({ year: 2022, text: '(2022)', namesPlan: true });
  });

  it.each(['任务3 2022年能完成吗', '任务3 2022年进展', '任务3 22年能完成吗', '任务3 2022年的进展', '任务三2022年'])('%s: a date inside the question', (q) => {
    expect(findYear(q)?.namesPlan).toBe(false);
  });
});
