import type { ListFilter } from './types.ts';
import { removeWords } from './normalize.ts';

// Checked in this order: 没填报 must win over anything else in 谁还没填报; negated 完成 is not "done".
const FILTER_WORDS: ReadonlyArray<[ListFilter, readonly string[]]> = [
  ['not_reported', ['还没有填报', '没有填报', '还没填报', '没填报', '未填报', '还没填', '没填', '未报送', '没报送', '未报', '没报', '未提交', '没提交', '缺报', '漏报']],
  ['overdue', ['已逾期', '逾期', '超期', '过期', '延期', '拖期', '超时']],
  ['warning', ['预警', '临期', '快到期', '即将到期', '临近截止', '快截止']],
  ['blocked', ['受阻', '阻塞', '卡住', '卡壳', '停滞', '推不动']],
  ['at_risk', ['存在风险', '有风险', '风险']],
  ['done', ['已经完成', '已完成', '完成了', '完成的', '做完', '办结', '已办结']],
];
const NEGATED_DONE = ['未完成', '没完成', '没有完成', '尚未完成', '还没完成'];

/** Words that may surround a filter in a list question: 哪些任务有风险, 谁还没填报, 本周已完成的任务有哪些. */
export const LIST_FILLERS = [
  '哪些', '哪个', '哪几个', '哪几项', '什么', '任务', '事项', '工作', '项目', '部门', '单位', '有', '的', '都', '还', '谁',
  '列表', '清单', '目前', '现在', '本周', '这周', '本轮', '这轮', '本期', '所有', '全部', '是', '了', '吗', '呢', '查看',
  '列出', '显示', '一下', '请问', '处于', '状态', '在', '中', '多少', '几个', '几项', '项', '个', '状况', '情况', '给我',
];

export interface FilterMatch {
  filter: ListFilter;
  /** the question with the filter word removed */
  rest: string;
}

export function findListFilter(normalized: string): FilterMatch | null {
  const text = removeWords(normalized, NEGATED_DONE);
  for (const [filter, words] of FILTER_WORDS) {
    const word = words.find((w) => text.includes(w));
    if (word !== undefined) return { filter, rest: removeWords(text, [word]) };
  }
  return null;
}

/** True when nothing but list fillers remains. */
export const onlyListFillers = (text: string): boolean => removeWords(text, LIST_FILLERS).length === 0;
