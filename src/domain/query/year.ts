/** A year named in a question (2022年指引, 22年的任务5, 2022版, 指引（2022）), with the text it occupied. */
export interface YearMatch {
  year: number;
  /** the words that named it, to take out before task numbers are read */
  text: string;
}

// 2021年底 keeps 年底 (a deadline word) in the text: only the digits are taken out.
const PATTERNS: RegExp[] = [
  /(?<![\d.])((?:19|20)\d{2})(?=\s*年[底初末内])/u,
  /(?<![\d.])((?:19|20)\d{2})\s*(?:年度|年|版)/u,
  /\(\s*((?:19|20)\d{2})\s*\)/u,
  /(?<![\d.])(\d{2})\s*年(?!底|初|中|内|末)/u,
];

/** Reads the first year in the prepared text, or null. Two digits (22年) are taken as 20xx. */
export function findYear(prepared: string): YearMatch | null {
  for (const re of PATTERNS) {
    const m = re.exec(prepared);
    if (!m?.[1]) continue;
    const n = Number(m[1]);
    const year = m[1].length === 2 ? 2000 + n : n;
    if (year >= 1990 && year <= 2099) return { year, text: m[0] };
  }
  return null;
}
