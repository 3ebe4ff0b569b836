import { describe, expect, it } from 'vitest';
import { FILLERS } from '../../../src/domain/query/lexicon.ts';
import { prepareText } from '../../../src/domain/query/normalize.ts';
import { bareNumber, bareNumbers, findTaskNumbers, MAX_TASKS_ASKED, readNumber } from '../../../src/domain/query/task-number.ts';

const find = (q: string) => findTaskNumbers(prepareText(q));

describe('readNumber', () => {
  it.each([['5', 5], ['22', 22], ['05', 5], ['十二', 12], ['零五', 5]] as const)('reads %s as %i', (s, n) => {
    expect(readNumber(s)).toBe(n);
  });

  it.each([['十四五', 14], ['二三', 2], ['一百零', 100], ['十四五五', 14], ['十2', 10]] as const)('reads the longest numeral at the start of %s (%i)', (s, n) => {
    expect(readNumber(s)).toBe(n);
  });

  it.each(['0', '0000', '零', 'x', ''])('reads %j as no number', (s) => {
    expect(readNumber(s)).toBeNull();
  });
});

describe('findTaskNumbers: the number and what is left of the question', () => {
  it.each([
    ['任务5进展', [5], ' 进展'], ['任务第5', [5], ' '], ['task5', [5], ' '], ['task 5', [5], ' '], ['t5', [5], ' '],
    ['no.5', [5], ' '], ['No5', [5], ' '], ['#5', [5], ' '], ['第5项', [5], ' '], ['第5进展', [5], ' 进展'], ['第5', [5], ' '],
    ['第五项任务', [5], ' 任务'], ['看下第5进展', [5], '看下 进展'], ['第5项工作', [5], ' 工作'], ['看下任务3和任务4的进展', [3, 4], '看下 的进展'], ['第十二项', [12], ' '],
  ] as const)('%s → %j, rest %j', (q, numbers, rest) => {
    expect(find(q)).toEqual({ numbers, rest });
  });

  it.each(['subtask5', 'pt5', 'info.5'])('%s: a marker inside a word is no marker', (q) => {
    expect(find(q)).toEqual({ numbers: [], rest: q });
  });

  it.each(['任务3个月', '第5次', '第2、3次', '第5个月', '2项任务'])('%s names no task and leaves the text as it was', (q) => {
    expect(find(q)).toEqual({ numbers: [], rest: q });
  });

  it('names a task once however often it is repeated', () => {
    expect(find('任务3和任务3').numbers).toEqual([3]);
    expect(find('任务3、3').numbers).toEqual([3]);
  });

  it('lists separate numbers apart and reads only 到/~ as a range, upwards only', () => {
    expect(find('任务1、3').numbers).toEqual([1, 3]);
    expect(find('任务7到5').numbers).toEqual([7, 5]);
    expect(find('任务5到7').numbers).toEqual([5, 6, 7]);
  });

  it('skips a 零 that is no number, first or later in the list', () => {
    expect(find('任务零')).toEqual({ numbers: [], rest: '任务零' });
    expect(find('任务零、5')).toEqual({ numbers: [], rest: '任务零、5' });
    expect(find('任务3、零')).toEqual({ numbers: [3], rest: ' ' });
    // the range starts at the last number read, not at the 零
    expect(find('任务3、零到5')).toEqual({ numbers: [3, 4, 5], rest: ' ' });
  });

  it('caps a list at MAX_TASKS_ASKED', () => {
    expect(find('任务1到1000').numbers).toEqual(Array.from({ length: MAX_TASKS_ASKED }, (_, i) => i + 1));
  });

  it('reads a number before 号任务/项任务, but 一项/两项任务 count tasks', () => {
    expect(find('5号任务进展')).toEqual({ numbers: [5], rest: ' 进展' });
    expect(find('一号任务')).toEqual({ numbers: [1], rest: ' ' });
    expect(find('3项任务')).toEqual({ numbers: [3], rest: ' ' });
    expect(find('一项任务')).toEqual({ numbers: [], rest: '一项任务' });
  });

  it('takes 号任务 after a marked list as one more item', () => {
    expect(find('任务3 5号任务')).toEqual({ numbers: [3, 5], rest: ' 任务' });
  });
});

describe('bareNumber: a question that is only a number', () => {
  it.each([
    ['5', 5], ['5号', 5], ['第5', 5], ['第12', 12], ['第十二', 12], ['第5项', 5], ['第5号', 5], ['第5条', 5], ['第5个', 5], ['第五', 5], ['五号', 5], ['十二', 12], ['9999', 9999],
  ] as const)('%s → %i', (s, n) => {
    expect(bareNumber(s)).toBe(n);
  });

  it.each(['5项', '55555', '10000', 'a5', '5a', '', '第', '0', '两', '一〇五', '第5项任务'])('%j → null', (s) => {
    expect(bareNumber(s)).toBeNull();
  });
});

describe('bareNumbers: a question that is only numbers', () => {
  it.each([
    ['看看5和6', [5, 6]], ['5还是6', [5, 6]], ['12和13', [12, 13]], ['5、6、5', [5, 6]], ['0,5', [5]], ['5 跟 6', [5, 6]], ['5与6及7', [5, 6, 7]], ['5/6;7', [5, 6, 7]],
  ] as const)('%s → %j', (s, expected) => {
    expect(bareNumbers(s, FILLERS)).toEqual(expected);
  });

  it.each(['5', 'a5,6', '5,6x', '12345,6'])('%s → none', (s) => {
    expect(bareNumbers(s, FILLERS)).toEqual([]);
  });

  it('lists at most MAX_TASKS_ASKED', () => {
    const all = Array.from({ length: MAX_TASKS_ASKED + 1 }, (_, i) => i + 1);
    expect(bareNumbers(all.join(','), FILLERS)).toEqual(all.slice(0, MAX_TASKS_ASKED));
  });
});
