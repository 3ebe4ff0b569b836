import { findDepartment, findIndicators } from './lookup.ts';
import { findListFilter, onlyListFillers } from './list-filter.ts';
import { isOnlyQuestionMarks, normalizeText, removeWords, stripEdgeFillers, stripMentions } from './normalize.ts';
import { pickCandidates, scoreTasks } from './search.ts';
import { findTaskNumber } from './task-number.ts';
import type { Intent, QueryContext } from './types.ts';

const HELP_WORDS = ['帮助', 'help', '怎么用', '如何使用', '使用说明', '说明', '你能做什么', '能做什么', '你会什么', '功能', '菜单', '指令', '命令'];
const DIGEST_WORDS = ['本周汇总', '汇总', '周报', '本周情况', '本周进展', '本周概况', '总体情况', '整体情况', '总体进展', '整体进展', '概况', '总览', '全局'];
// After removing the department name, these may remain in "保护司的任务" / "运用司负责哪些任务".
const DEPARTMENT_FILLERS = ['负责', '牵头', '配合', '承担', '名下', '所有', '全部', '清单', '列表', '都有', '有哪些', '哪些', '的', '任务', '工作', '事项', '进展', '情况', '怎么样', '如何', '目前', '现在', '有'];
const INDICATOR_WORDS = ['指标', '目标', '主要目标', '指标完成情况', '指标情况'];

/** Example questions offered in help and when a question is not understood. */
export const EXAMPLE_QUESTIONS = ['任务5进展？', '专利导航', '保护司的任务', '哪些任务有风险', '谁还没填报', '审查周期', '本周汇总'];

/**
 * Understands a loosely worded Chinese question about the plan. Pure: everything it knows comes from `ctx`.
 * Order matters: explicit forms (help, digest, task numbers, list words) before fuzzy ones (departments, indicators,
 * words of titles and measures).
 */
export function parseQuestion(text: string, ctx: QueryContext): Intent {
  if (isOnlyQuestionMarks(text)) return { kind: 'help' };
  const t = normalizeText(text);
  if (t.length === 0) return { kind: 'help' };
  const core = stripEdgeFillers(t);

  if (HELP_WORDS.includes(core) || t.includes('帮助')) return { kind: 'help' };
  if (DIGEST_WORDS.includes(core) || t.includes('汇总')) return { kind: 'digest' };

  const known = new Set(ctx.tasks.map((x) => x.number));
  const num = findTaskNumber(t);
  if (num && (num.explicit || known.has(num.number))) return { kind: 'task', number: num.number };

  const filter = findListFilter(t);
  if (filter) {
    if (onlyListFillers(filter.rest)) return { kind: 'list', filter: filter.filter };
    const dep = findDepartment(filter.rest, ctx.departments);
    if (dep && onlyListFillers(removeWords(dep.rest, DEPARTMENT_FILLERS))) {
      return { kind: 'department', departmentId: dep.id, name: dep.name, filter: filter.filter };
    }
  }

  const dep = findDepartment(t, ctx.departments);
  if (dep) return { kind: 'department', departmentId: dep.id, name: dep.name };

  if (INDICATOR_WORDS.includes(core) && ctx.indicators.length > 0) {
    return { kind: 'indicator', query: core, indicatorIds: ctx.indicators.map((i) => i.id) };
  }
  const indicatorIds = findIndicators(core, ctx.indicators);
  if (indicatorIds.length > 0) return { kind: 'indicator', query: core, indicatorIds };

  const { candidates, confident } = pickCandidates(scoreTasks(core, ctx.tasks));
  if (candidates.length > 0) return { kind: 'search', query: core, candidates, confident };

  return { kind: 'unknown', text: stripMentions(text).replace(/\s+/g, ' ').trim(), suggestions: EXAMPLE_QUESTIONS };
}
