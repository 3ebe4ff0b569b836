import { CN_NUMERAL_CHARS, parseChineseNumeral, parseNumber } from './numerals.ts';

/** Several numbers never list more than this many tasks (任务1到1000 is capped, not refused). */
export const MAX_TASKS_ASKED = 30;

const CN = `[${CN_NUMERAL_CHARS}]{1,8}`;
// A number that is a value (14个月, 2400亿, 10%, 100家, 2021年) is not a task number.
const NUM = `(?:\\d{1,4}(?![\\d.]*\\s*(?:个月|月|亿|万|%|家|年|天|日|周))|${CN})`;
const UNIT = '(?:项|号|条|个(?!月))';
const MARKER = `(?:任务\\s*第?|(?<![a-z])task\\s*|(?<![a-z])t(?=\\s*\\d)|#|(?<![a-z])no\\.?\\s*|第)`;
const ITEM = `(?:${MARKER})?\\s*(${NUM})(?:\\s*${UNIT})?`;
const SEP = '\\s*(?:[,、/;&+]|以及|还有|和|跟|及|与|或|\\s)\\s*';
const RANGE = '\\s*(?:到|至|-|~|—|–)\\s*';
// 任务1、2 · 第2、3项 · 任务3和任务4 · 任务5到7 · T3 T4 · 第八项和第九项
const LIST = new RegExp(`(${MARKER})\\s*(${NUM})(?:\\s*${UNIT})?((?:(?:${SEP}|${RANGE})${ITEM})*)`, 'gu');
const TAIL_ITEM = new RegExp(`(${SEP}|${RANGE})${ITEM}`, 'gu');
// 5号任务 · 十二项任务 (the marker is after the number). Not 两个任务 / 一项任务 / 几项任务: those count tasks.
const BEFORE = new RegExp(`(?<![\\d${CN_NUMERAL_CHARS}这那哪几有共总])(${NUM})\\s*(号|项)\\s*任务`, 'u');
const COUNTING = /^(?:一|两|二|1|2)$/u;
// After 第 a number needs a unit or a task word (第二十五次 is not a task).
const AFTER_DI = /^\s*(?:项|号|条|个(?!月)|任务|进展|进度|情况|怎么样|咋样|如何|[?？,，、]|$|\s)/u;

/** A Chinese numeral as long as it reads: 十四五 → 十四 is refused by the caller's context, 十二项 → 十二. */
export function readNumber(s: string): number | null {
  const direct = parseNumber(s);
  if (direct !== null) return direct;
  if (/^\d/.test(s)) return null;
  for (let end = s.length - 1; end > 0; end--) {
    const n = parseChineseNumeral(s.slice(0, end));
    if (n !== null) return n;
  }
  return null;
}

export interface TaskNumbers {
  numbers: number[];
  /** the prepared text with the numbers and their markers taken out */
  rest: string;
}

/**
 * Every task number the question names, in the order named: 任务1、2 → 1, 2 (never 12); 任务5到7 → 5, 6, 7.
 * Reads the prepared text (separators kept). Empty when no number is marked as a task.
 */
export function findTaskNumbers(prepared: string): TaskNumbers {
  const numbers: number[] = [];
  let rest = prepared;
  const add = (n: number | null) => {
    if (n !== null && n > 0 && !numbers.includes(n) && numbers.length < MAX_TASKS_ASKED) numbers.push(n);
  };
  for (const m of prepared.matchAll(LIST)) {
    const [whole, marker, first, tail] = m;
    const after = prepared.slice((m.index ?? 0) + whole.length);
    // 第 alone needs a unit somewhere in the list or a task word after it
    if (marker?.trim() === '第' && !/[项号条个]\s*$/u.test(whole) && !AFTER_DI.test(after)) continue;
    const firstNumber = readNumber(first!);
    if (firstNumber === null) continue;
    add(firstNumber);
    let previous = firstNumber;
    for (const item of (tail ?? '').matchAll(TAIL_ITEM)) {
      const n = readNumber(item[2]!);
      if (n === null) continue;
      if (new RegExp(`^${RANGE}$`, 'u').test(item[1]!) && n > previous) {
        for (let k = previous + 1; k <= Math.min(n, previous + MAX_TASKS_ASKED); k++) add(k);
      } else {
        add(n);
      }
      previous = n;
    }
    rest = rest.replace(whole, ' ');
  }
  if (numbers.length === 0) {
    const m = BEFORE.exec(prepared);
    if (m && !(m[2] === '项' && COUNTING.test(m[1]!))) {
      add(readNumber(m[1]!));
      rest = rest.replace(m[0], ' ');
    }
  }
  return { numbers, rest };
}

/** A question that is nothing but a number (5, 二十二, 5号): a task only if the plan has it. */
export function bareNumber(content: string): number | null {
  const m = /^(?:第(\d{1,4}|[零〇一二三四五六七八九十百千]{1,8})(?:项|号|条|个)?|(\d{1,4}|[零〇一二三四五六七八九十百千]{1,8})号?)$/u.exec(content);
  const n = m?.[1] ?? m?.[2];
  return n ? parseNumber(n) : null;
}

/** A question that is nothing but numbers (看看5和6, 5、6、7): tasks only if the plan has every one of them. */
export function bareNumbers(prepared: string, fillers: readonly string[]): number[] {
  let t = prepared;
  for (const f of fillers) if (!/^[和跟及与]$/u.test(f)) t = t.split(f).join(' ');
  const m = /^\s*(\d{1,4})((?:\s*(?:[,、/;和跟及与]|\s)\s*\d{1,4})+)\s*$/u.exec(t);
  if (!m) return [];
  const out: number[] = [];
  for (const n of [m[1]!, ...(m[2]!.match(/\d{1,4}/gu) ?? [])].map(Number)) if (n > 0 && !out.includes(n)) out.push(n);
  return out.slice(0, MAX_TASKS_ASKED);
}
