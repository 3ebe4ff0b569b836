import { nearestNames } from '../../directory/names.ts';
import type { Intent, QueryContext } from './types.ts';

// 「运用促进司的填报率」「保护司按时填报情况」: a unit's response over the weeks.
const RATE_WORDS = ['填报率', '报送率', '按时率', '及时率', '准时率', '填报历史', '历史填报', '填报趋势'];
// 「任务7的历史」「任务7的时间线」: a task's statuses and notes over time.
const HISTORY_WORDS = ['历史', '时间线', '变化过程', '历次', '填报记录', '进展记录', '变化情况', '来龙去脉'];

export const asksRate = (t: string): boolean => RATE_WORDS.some((w) => t.includes(w));
export const asksHistory = (t: string): boolean => HISTORY_WORDS.some((w) => t.includes(w));

/**
 * 「XX的填报率」 naming no unit we know: the nearest names as questions to click, never a
 * guess. Null when the question names nothing before the rate word (「填报率」 alone).
 */
export function unknownUnitRate(t: string, original: string, ctx: QueryContext): Intent | null {
  const word = RATE_WORDS.find((w) => t.includes(w));
  if (!word) return null;
  const name = t.slice(0, t.indexOf(word)).replace(/(的|之)$/u, '').replace(/^(查一?下|看一?下|请问|查询)/u, '');
  if (name.length < 2) return null;
  const known = ctx.departments.map((d) => ({ name: d.name, aliases: [...d.aliases] }));
  const near = nearestNames(name, known);
  return {
    kind: 'unknown',
    text: original,
    suggestions: near.map((n) => `${n}的填报率`),
    offers: near.map((n) => ({ label: n, question: `${n}的填报率` })),
    unknownUnit: name,
  };
}
