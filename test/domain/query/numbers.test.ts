import { describe, expect, it } from 'vitest';
import { prepareText } from '../../../src/domain/query/normalize.ts';
import { findTaskNumbers, MAX_TASKS_ASKED } from '../../../src/domain/query/task-number.ts';
import { findYear } from '../../../src/domain/query/year.ts';

const numbers = (q: string) => findTaskNumbers(prepareText(q)).numbers;

describe('reading task numbers', () => {
  it.each([
    ['任务1、2', [1, 2]], ['任务1,2进展', [1, 2]], ['任务1 2', [1, 2]], ['任务1，2', [1, 2]], ['第2、3项', [2, 3]],
    ['看下任务3和任务4', [3, 4]], ['任务3跟4', [3, 4]], ['任务5到7', [5, 6, 7]], ['任务7~9', [7, 8, 9]], ['T3 T4', [3, 4]],
    ['第八项和第九项', [8, 9]], ['任务十五、十六', [15, 16]], ['任务2/3', [2, 3]], ['#3 #4', [3, 4]],
  ])('%s → %j, never one merged number', (q, expected) => {
    expect(numbers(q)).toEqual(expected);
  });

  it.each([['任务12', [12]], ['T9', [9]], ['人物5', [5]], ['任5', [5]], ['任务07', [7]], ['5号任务', [5]], ['十二项任务', [12]], ['第5个任务', [5]]])(
    '%s → %j', (q, expected) => {
      expect(numbers(q)).toEqual(expected);
    },
  );

  it.each(['要压到14个月的那个', '2400亿那个指标', '10%那个指标', '100家TISC', '第二十五次集体学习', '两个任务', '一项任务', 'tisc', '十四五规划'])(
    '%s names no task', (q) => {
      expect(numbers(q)).toEqual([]);
    },
  );

  it('caps a long range instead of listing a thousand tasks', () => {
    expect(numbers('任务1到1000')).toHaveLength(MAX_TASKS_ASKED);
  });
});

describe('reading a year', () => {
  it.each([['2022年指引里的任务3', 2022], ['22年的任务5', 2022], ['2022版指引任务2', 2022], ['指引(2020)的任务', 2020], ['2021年底前完成的任务', 2021]])(
    '%s → %i', (q, year) => {
      expect(findYear(prepareText(q))?.year).toBe(year);
    },
  );

  it('keeps 年底 in the question when the year is taken out', () => {
    expect(findYear(prepareText('2021年底前完成的任务'))?.text).toBe('2021');
  });

  it.each([['2022年指引里的任务3', true], ['请问22年的任务5', true], ['2019年的专利导航', true], ['任务3 2022年能完成吗', false], ['专利导航2022年能完成吗', false]])(
    '%s: the year names a plan → %s', (q, namesPlan) => {
      expect(findYear(prepareText(q))?.namesPlan).toBe(namesPlan);
    },
  );

  it.each(['任务12', '14个月', '质押融资2400亿', '年底前完成的任务'])('%s names no year', (q) => {
    expect(findYear(prepareText(q))).toBeNull();
  });
});
