import type { ListFilter } from './types.ts';
import { LIST_PHRASES } from './lexicon.ts';
import { removeWords } from './normalize.ts';

/** Words that may surround a filter in a list question: 哪些任务有风险, 谁还没填报, 本周已完成的任务有哪些. */
export const LIST_FILLERS = [
  '哪些', '哪个', '哪几个', '哪几项', '什么', '任务', '事项', '工作', '项目', '部门', '单位', '有', '的', '都', '还', '谁',
  '列表', '清单', '目前', '现在', '本周', '这周', '本轮', '这轮', '本期', '所有', '全部', '是', '了', '吗', '呢', '查看',
  '列出', '显示', '一下', '请问', '处于', '状态', '在', '中', '多少', '几个', '几项', '项', '个', '状况', '情况', '给我', '要',
];

export interface FilterMatch {
  filter: ListFilter;
  /** the question with the filter word removed */
  rest: string;
}

/** The first state the question asks a list of (in LIST_PHRASES order), and what is left of the question. */
export function findListFilter(normalized: string): FilterMatch | null {
  for (const [filter, words] of LIST_PHRASES) {
    const word = words.find((w) => normalized.includes(w));
    if (word !== undefined) return { filter, rest: removeWords(normalized, words) };
  }
  return null;
}
