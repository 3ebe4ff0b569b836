const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Characters a Chinese numeral may use; for building patterns. */
export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/**
 * Reads a Chinese numeral (一 … 九千九百九十九, 十二, 二十二, 一百零五). Returns null for anything that is not a
 * well-formed numeral, so phrases such as 十四五 are never mistaken for numbers.
 */
export function parseChineseNumeral(text: string): number | null {
  if (text.length === 0) return null;
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Number.POSITIVE_INFINITY;
  let afterZero = false;
  for (const ch of text) {
    const d = DIGITS[ch];
    const u = UNITS[ch];
    if (d === 0) {
      if (digit !== null || afterZero) return null;
      afterZero = true;
    } else if (d !== undefined) {
      if (digit !== null) return null;
      digit = d;
    } else if (u !== undefined) {
      if (u >= lastUnit) return null;
      // 十二 means 12: a leading 十 has an implied 一; elsewhere a unit needs its digit (一百十 is accepted as 110).
      const factor = digit ?? (u === 10 ? 1 : null);
      if (factor === null) return null;
      total += factor * u;
      digit = null;
      lastUnit = u;
      afterZero = false;
    } else {
      return null;
    }
  }
  if (digit !== null) {
    // A trailing digit after a unit skipped with 零 (一百零五) or directly (二十二) is ones.
    total += digit;
  } else if (afterZero) {
    return null;
  }
  return total > 0 ? total : null;
}

/** Arabic or Chinese numeral → positive integer, else null. */
export function parseNumber(text: string): number | null {
  if (/^\d{1,6}$/.test(text)) {
    const n = Number(text);
    return n > 0 ? n : null;
  }
  return parseChineseNumeral(text);
}

const DIGIT_CHARS = '零一二三四五六七八九';

/** 1..9999 as a Chinese numeral (3 → 三, 12 → 十二, 22 → 二十二, 105 → 一百零五), for section headings. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n > 9999) return String(n);
  const parts: string[] = [];
  const units: [number, string][] = [[1000, '千'], [100, '百'], [10, '十'], [1, '']];
  let zero = false;
  for (const [value, unit] of units) {
    const d = Math.floor(n / value) % 10;
    if (d === 0) {
      if (parts.length > 0) zero = true;
      continue;
    }
    if (zero) parts.push('零');
    zero = false;
    parts.push((d === 1 && unit === '十' && parts.length === 0 ? '' : DIGIT_CHARS[d]!) + unit);
  }
  return parts.join('');
}
