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

  it('reads Arabic digits too, but not zero', () => {
    expect(parseNumber('22')).toBe(22);
    expect(parseNumber('0')).toBeNull();
    expect(parseNumber('二十二')).toBe(22);
  });
});
