/** A year named in a question (2022年指引, 22年的任务5, 2022版, 指引（2022）), with the text it occupied. */
export interface YearMatch {
  year: number;
  /** the words that named it, to take out before task numbers are read */
  text: string;
  /**
   * whether it names a plan (2022年指引, 22年的任务5, a question that starts with the year) rather than a
   * date inside a question about this plan (任务3 2022年能完成吗)
   */
  namesPlan: boolean;
}

// After the year: words that make it the year of a plan.
const PLAN_WORDS = /^\s*(?:年度?|版)?\s*(?:的|里的|中的)?\s*(?:[(（]?\s*)?(?:指引|计划|清单|任务|指标|工作|要点|督办|专利|商标|知识产权|版)/u;
// Before the year: nothing but asking words.
const LEAD = /^[\s@_a-z0-9]*(?:请问|看下|看看|查下|查一下|帮我查|帮我看看|问下|那)?\s*$/u;

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
    if (year >= 1990 && year <= 2099) {
      const at = m.index ?? 0;
      const after = prepared.slice(at + m[1].length);
      const namesPlan = re === PATTERNS[2] || LEAD.test(prepared.slice(0, at)) || PLAN_WORDS.test(after);
      return { year, text: m[0], namesPlan };
    }
  }
  return null;
}
