import { describe, expect, it } from 'vitest';
import { parseChineseNumeral, parseNumber, toChineseNumeral } from '../../../src/domain/query/numerals.ts';

const TABLE: [string, number][] = [
  ['一', 1], ['二', 2], ['三', 3], ['四', 4], ['五', 5], ['六', 6], ['七', 7], ['八', 8], ['九', 9], ['十', 10],
  ['十一', 11], ['十二', 12], ['十三', 13], ['十四', 14], ['十五', 15], ['十六', 16], ['十七', 17], ['十八', 18],
  ['十九', 19], ['二十', 20], ['二十一', 21], ['二十二', 22],
];

describe('Chinese numerals', () => {
  it.each(TABLE)('%s reads as %i', (text, n) => {
    expect(parseChineseNumeral(text)).toBe(n);
  });

  it.each(TABLE)('%s is how %i is written', (text, n) => {
    expect(toChineseNumeral(n)).toBe(text);
  });

  it('reads larger numerals up to ninety-nine and beyond', () => {
    expect(parseChineseNumeral('九十九')).toBe(99);
    expect(parseChineseNumeral('一百零五')).toBe(105);
    expect(parseChineseNumeral('一百一十')).toBe(110);
    expect(parseChineseNumeral('两')).toBe(2);
    expect(toChineseNumeral(105)).toBe('一百零五');
    expect(toChineseNumeral(99)).toBe('九十九');
  });

  it('rejects phrases that only look like numerals', () => {
    for (const text of ['十四五', '二三', '零', '百', '十十', '一百零', '五十百', 'x', '']) {
      expect(parseChineseNumeral(text), text).toBeNull();
    }
  });

  it('reads and writes thousands, with 零 for a skipped place', () => {
    expect(parseChineseNumeral('一千零一十')).toBe(1010);
    expect(parseChineseNumeral('二千零二')).toBe(2002);
    expect(parseChineseNumeral('九千九百九十九')).toBe(9999);
    expect(parseChineseNumeral('两千')).toBe(2000);
    expect(parseChineseNumeral('一百十')).toBe(110);
    for (const [n, text] of [[1000, '一千'], [1010, '一千零一十'], [2002, '二千零二'], [9999, '九千九百九十九'], [110, '一百一十'], [100, '一百'], [101, '一百零一'], [10, '十']] as const) {
      expect(toChineseNumeral(n), text).toBe(text);
    }
  });

  it('rejects misplaced zeros and units', () => {
    for (const text of ['十零', '一零', '零零五', '一千百', '百十', '十一百']) expect(parseChineseNumeral(text), text).toBeNull();
  });

  it('writes numbers it cannot spell as digits', () => {
    expect([0, 10000, 1.5, -3].map(toChineseNumeral)).toEqual(['0', '10000', '1.5', '-3']);
  });

  it('reads up to six digits', () => {
    expect(parseNumber('000001')).toBe(1);
    expect(parseNumber('123456')).toBe(123456);
    expect(parseNumber('1234567')).toBeNull();
  });

  it('reads Arabic digits too, but not zero', () => {
    expect(parseNumber('22')).toBe(22);
    expect(parseNumber('0')).toBeNull();
    expect(parseNumber('二十二')).toBe(22);
  });
});
