import { CN_NUMERAL_CHARS } from './numerals.ts';
import { MAX_TASKS_ASKED, readNumber } from './task-number.ts';

/**
 * The body's 工作要点 asked by number: 「要点3」「工作要点三」「第三项要点」「要点(三)」「要点3、4」. They
 * number on their own (1–10 beside the annex's 1–22), so 第三项要点 is key point 3, never task 3.
 * Pure: reads the prepared text (NFKC, so （三） is already (三)).
 */

const WORD = '(?:工作要点|要点)';
const NUM = `(?:\\d{1,3}|[${CN_NUMERAL_CHARS}]{1,4})`;
const UNIT = '(?:项|条|个|号)';
// after the word: 要点3 · 工作要点(三) · 要点第三项 · 要点3、4 · 要点2到4 · 要点3和要点4
const ITEM = `\\s*第?\\s*\\(?\\s*(${NUM})\\s*\\)?\\s*${UNIT}?`;
const SEP = '\\s*(?:[,、/;&+]|以及|还有|和|跟|及|与|或)\\s*';
const RANGE = '\\s*(?:到|至|-|~|—|–)\\s*';
const AFTER = new RegExp(`${WORD}${ITEM}((?:(?:${SEP}|${RANGE})(?:${WORD})?${ITEM})*)`, 'gu');
const TAIL = new RegExp(`(${SEP}|${RANGE})(?:${WORD})?${ITEM}`, 'gu');
// before the word, with 第 or 号: 第三项要点 · 第3个工作要点 · 三号要点 (十项要点 counts them, it names none)
const BEFORE = new RegExp(`(?:第\\s*(${NUM})\\s*${UNIT}?|(${NUM})\\s*号)\\s*(?:的\\s*)?${WORD}`, 'gu');
/** Words that ask for the key points as a whole: 工作要点 · 十项要点 · 各项要点进展. */
const ALL = new RegExp(`${WORD}|(?:十|10)\\s*项\\s*(?:工作)?要点`, 'u');

export interface KeyPointNumbers {
  numbers: number[];
  /** the prepared text with the numbers, their markers and the word 要点 taken out */
  rest: string;
  /** the question names 要点 (with or without numbers) */
  named: boolean;
}

export function findKeyPointNumbers(prepared: string): KeyPointNumbers {
  const numbers: number[] = [];
  const add = (n: number | null) => {
    if (n !== null && n > 0 && !numbers.includes(n) && numbers.length < MAX_TASKS_ASKED) numbers.push(n);
  };
  let rest = prepared;
  for (const m of prepared.matchAll(BEFORE)) {
    add(readNumber((m[1] ?? m[2])!));
    rest = rest.replace(m[0], ' ');
  }
  for (const m of rest.matchAll(AFTER)) {
    const first = readNumber(m[1]!);
    if (first === null) continue;
    add(first);
    let previous = first;
    for (const item of (m[2] ?? '').matchAll(TAIL)) {
      const n = readNumber(item[2]!);
      if (n === null) continue;
      if (new RegExp(`^${RANGE}$`, 'u').test(item[1]!) && n > previous) {
        for (let k = previous + 1; k <= Math.min(n, previous + MAX_TASKS_ASKED); k++) add(k);
      } else {
        add(n);
      }
      previous = n;
    }
    rest = rest.replace(m[0], ' ');
  }
  const named = numbers.length > 0 || ALL.test(prepared);
  return { numbers, rest: named ? rest.replace(new RegExp(ALL.source, 'gu'), ' ') : rest, named };
}
