/** Small text helpers shared by the plan parsers. Pure. */

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十二 → 22, 一百零三 → 103; null when it is not a Chinese numeral. */
export function chineseNumber(s: string): number | null {
  if (!/^[〇零一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else {
      digit = CN_DIGITS[ch] ?? 0;
    }
  }
  return total + digit;
}

/**
 * Same text, comparable across conversions: Unix newlines, no BOM, ASCII digits,
 * ideographic and no-break spaces as plain spaces.
 */
export function normaliseDocument(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0]/g, ' ');
}

/** Drops the markup the converters leave (markdown emphasis and headings, <b>/<p> tags). */
export function stripMarkup(s: string): string {
  return s
    .replace(/<\/?(?:b|strong|p|br|span)[^>]*>/gi, '')
    .replace(/\*\*/g, '')
    .replace(/^\s*#+\s*/, '')
    .trim();
}

/** Removes every whitespace character: Chinese names never contain one, page breaks and converters add them. */
export const squeeze = (s: string): string => s.replace(/\s+/g, '');

/** Trims and folds runs of whitespace into one space (inside running text a space may be meaningful). */
export const tidy = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Drops sentence punctuation at the end of a heading-like title. */
export const trimTitle = (s: string): string => tidy(s).replace(/[。；;：:，,.．\s]+$/u, '');

/** Chinese parentheses in a title, so `（2021）` and `(2021)` give the same title. */
export const fullWidthParens = (s: string): string => s.replace(/\(/g, '（').replace(/\)/g, '）');

export type ItemLevel = 1 | 2 | 3 | 4;

export interface ItemMarker {
  /** 1: 一、  2: （一）  3: 1. 1． 1、  4: （1） */
  level: ItemLevel;
  number: number;
  /** the text after the marker */
  rest: string;
}

/** Recognises the numbering at the start of a (markup-stripped) line. */
export function itemMarker(line: string): ItemMarker | null {
  const s = line.trim();
  let m = /^([〇零一二两三四五六七八九十百]+)\s*[、.．]\s*/.exec(s);
  if (m?.[1]) return { level: 1, number: chineseNumber(m[1]) ?? 0, rest: s.slice(m[0].length) };
  m = /^[（(]\s*([〇零一二两三四五六七八九十百]+)\s*[）)]\s*/.exec(s);
  if (m?.[1]) return { level: 2, number: chineseNumber(m[1]) ?? 0, rest: s.slice(m[0].length) };
  // `18.5` is a number, not an item: the separator must not be followed by a digit.
  m = /^(\d{1,3})\s*[.．、](?!\d)\s*/.exec(s);
  if (m?.[1]) return { level: 3, number: Number(m[1]), rest: s.slice(m[0].length) };
  m = /^[（(]\s*(\d{1,3})\s*[）)]\s*/.exec(s);
  if (m?.[1]) return { level: 4, number: Number(m[1]), rest: s.slice(m[0].length) };
  return null;
}
