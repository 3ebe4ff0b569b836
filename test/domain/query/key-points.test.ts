import { describe, expect, it } from 'vitest';
import { findKeyPointNumbers } from '../../../src/domain/query/key-points.ts';

const numbersOf = (q: string) => findKeyPointNumbers(q).numbers;

describe('findKeyPointNumbers: key points asked by number after the word', () => {
  it.each([
    ['要点3', [3]],
    ['要点123', [123]],
    ['要点三十一', [31]],
    ['工作要点(三)', [3]],
    ['要点 第 ( 3 ) 项', [3]],
    ['要点3号', [3]],
    ['要点3条', [3]],
    ['要点3个', [3]],
  ])('%s → %j, nothing left', (q, numbers) => {
    expect(findKeyPointNumbers(q)).toEqual({ numbers, rest: ' ', named: true });
  });

  it('reads at most three digits', () => {
    expect(findKeyPointNumbers('要点1234')).toEqual({ numbers: [123], rest: ' 4', named: true });
  });

  it.each(['要点3、4', '要点3,4', '要点3/4', '要点3;4', '要点3&4', '要点3+4', '要点3以及4', '要点3还有4', '要点3跟4', '要点3及4', '要点3与4', '要点3或4', '要点3 、 4', '要点3和要点4', '要点3、工作要点4'])(
    '%s lists key points 3 and 4',
    (q) => {
      expect(findKeyPointNumbers(q)).toEqual({ numbers: [3, 4], rest: ' ', named: true });
    },
  );

  it.each(['要点2到4', '要点2至4', '要点2-4', '要点2~4', '要点2—4', '要点2–4', '要点2 到 4'])('%s is the range 2 to 4', (q) => {
    expect(findKeyPointNumbers(q)).toEqual({ numbers: [2, 3, 4], rest: ' ', named: true });
  });

  it('reads a backwards range as the two numbers, and a range after a single one from that one', () => {
    expect(numbersOf('要点4到2')).toEqual([4, 2]);
    expect(numbersOf('要点2、5到6')).toEqual([2, 5, 6]);
    expect(numbersOf('要点2到3、6到8')).toEqual([2, 3, 6, 7, 8]);
  });

  it('keeps each number once, drops 0 and stops at thirty', () => {
    expect(numbersOf('要点3、3')).toEqual([3]);
    expect(numbersOf('要点3、0、4')).toEqual([3, 4]);
    expect(numbersOf('要点1到40')).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(numbersOf('要点1到30、35')).toHaveLength(30);
  });

  it('skips a numeral that reads as no number, keeping it in the rest', () => {
    expect(findKeyPointNumbers('要点百')).toEqual({ numbers: [], rest: ' 百', named: true });
    expect(findKeyPointNumbers('要点2、百到4')).toEqual({ numbers: [2, 3, 4], rest: ' ', named: true });
  });

  it('leaves what is not a number after a separator in the rest', () => {
    expect(findKeyPointNumbers('要点3、x')).toEqual({ numbers: [3], rest: ' 、x', named: true });
  });
});

describe('findKeyPointNumbers: key points asked by number before the word', () => {
  it.each([
    ['第三项要点', [3]],
    ['第 3 个工作要点', [3]],
    ['第3条要点', [3]],
    ['第3号要点', [3]],
    ['第3要点', [3]],
    ['第三项的要点', [3]],
    ['三号要点', [3]],
    ['3 号 的 要点', [3]],
    ['第三项要点和第五项要点', [3, 5]],
  ])('%s → %j', (q, numbers) => {
    expect(findKeyPointNumbers(q)).toEqual({ numbers, rest: expect.stringMatching(/^[\s和]*$/u), named: true });
  });

  it('reads those before the word first, then those after it', () => {
    expect(findKeyPointNumbers('第三项要点和要点5')).toEqual({ numbers: [3, 5], rest: ' 和 ', named: true });
    expect(findKeyPointNumbers('要点5和第三项要点')).toEqual({ numbers: [3, 5], rest: ' 和 ', named: true });
  });

  it('takes no number 0, nor a numeral that reads as none (第百项)', () => {
    expect(findKeyPointNumbers('第0项要点')).toEqual({ numbers: [], rest: ' ', named: true });
    expect(findKeyPointNumbers('第百项要点')).toEqual({ numbers: [], rest: ' ', named: true });
    expect(findKeyPointNumbers('百号要点')).toEqual({ numbers: [], rest: ' ', named: true });
  });
});

describe('findKeyPointNumbers: the key points as a whole', () => {
  it.each([
    ['要点', ' '],
    ['工作要点进展', ' 进展'],
    ['各项要点进展', '各项 进展'],
    ['十项要点', ' '],
    ['10项工作要点', ' '],
    ['十 项 工作要点的情况', ' 的情况'],
    ['所有工作要点和要点', '所有 和 '],
  ])('%s names them without a number, leaving %j', (q, rest) => {
    expect(findKeyPointNumbers(q)).toEqual({ numbers: [], rest, named: true });
  });

  it.each(['任务3', '第三项', '3号任务', '十项任务', '要求'])('%s does not name key points and keeps its text', (q) => {
    expect(findKeyPointNumbers(q)).toEqual({ numbers: [], rest: q, named: false });
  });
});
