import { CN_NUMERAL_CHARS, parseNumber } from './numerals.ts';
import { stripEdgeFillers } from './normalize.ts';

const NUM = `(\\d{1,4}|[${CN_NUMERAL_CHARS}]{1,8})`;
const UNIT = '(?:项|号|条|个)';
// Explicit forms: 任务5, 任务第5项, #5, task5, no.5, 第5项, 第十二项, 第5(end or 任务/进展…), 5号任务, 五项任务.
const EXPLICIT = [
  new RegExp(`(?:任务|task|#|no\\.?)第?${NUM}${UNIT}?`, 'u'),
  new RegExp(`第${NUM}(?:${UNIT}|(?=任务|进展|进度|情况|怎么样|如何|$))`, 'u'),
  new RegExp(`${NUM}${UNIT}任务`, 'u'),
];
const BARE = new RegExp(`^第?${NUM}${UNIT}?$`, 'u');

export interface TaskNumberMatch {
  number: number;
  /** true when the question marks it as a task (任务5, 第5项); a bare number only counts if such a task exists. */
  explicit: boolean;
}

/** Finds a task number in normalized text, or null. */
export function findTaskNumber(normalized: string): TaskNumberMatch | null {
  for (const re of EXPLICIT) {
    const m = re.exec(normalized);
    const n = m?.[1] !== undefined ? parseNumber(m[1]) : null;
    if (n !== null) return { number: n, explicit: true };
  }
  const core = stripEdgeFillers(normalized);
  const bare = BARE.exec(core);
  const n = bare?.[1] !== undefined ? parseNumber(bare[1]) : null;
  return n === null ? null : { number: n, explicit: false };
}
