import { describe, expect, it } from 'vitest';
import { findListFilter, LIST_FILLERS } from '../../../src/domain/query/list-filter.ts';
import { removeWords } from '../../../src/domain/query/normalize.ts';

describe('findListFilter', () => {
  it.each([
    ['哪些任务还没填报', 'not_reported', '哪些任务'],
    ['哪些任务逾期了', 'overdue', '哪些任务了'],
    ['快到期的任务', 'warning', '的任务'],
    ['哪些受阻', 'blocked', '哪些'],
    ['亮红灯的任务', 'red', '的任务'],
    ['哪些任务有风险', 'at_risk', '哪些任务'],
    ['没启动的任务', 'not_started', '的任务'],
    ['正常推进的任务', 'on_track', '的任务'],
    ['未完成的任务', 'not_done', '的任务'],
    ['年底前完成的任务', 'year_end', '的任务'],
    ['已完成的任务', 'done', '的任务'],
    ['所有任务', 'all', ''],
  ])('%s asks the %s list, leaving %j', (q, filter, rest) => {
    expect(findListFilter(q)).toEqual({ filter, rest });
  });

  it('takes the first state in the lexicon order and removes every word of that state only', () => {
    expect(findListFilter('有风险未完成')).toEqual({ filter: 'at_risk', rest: '未完成' });
    expect(findListFilter('逾期还没填报的')).toEqual({ filter: 'not_reported', rest: '逾期的' });
    expect(findListFilter('逾期超期的任务，延期了吗')).toEqual({ filter: 'overdue', rest: '的任务，了吗' });
  });

  it('is null when no state is asked', () => {
    expect(findListFilter('任务5进展')).toBeNull();
    expect(findListFilter('')).toBeNull();
  });
});

describe('LIST_FILLERS', () => {
  it.each([
    '哪些任务逾期了', '哪个部门还没填报', '哪几个事项有风险', '哪几项工作受阻了吗', '什么项目亮红灯呢', '谁还没填', '目前都有哪些任务逾期', '现在处于受阻状态的任务列表',
    '本周已完成的事项清单', '这周预警的有多少', '本轮没启动的单位有几个', '这轮逾期的部门几项', '本期进展正常的项目', '所有逾期的任务', '全部风险事项', '查看逾期任务',
    '列出逾期的工作', '显示一下受阻的任务', '请问哪些逾期', '逾期中的任务', '逾期状况', '逾期情况给我', '要逾期的', '在逾期的项目', '逾期的是哪个', '还有逾期的吗',
    '都有谁逾期了', '逾期的有多少个', '逾期的有多少项',
  ])('leave nothing of %s but its state', (q) => {
    const found = findListFilter(q);
    expect(found).not.toBeNull();
    expect(removeWords(found!.rest, LIST_FILLERS)).toBe('');
  });

  it('leave the words that name something', () => {
    expect(removeWords('哪些专利导航任务逾期了', LIST_FILLERS)).toBe('专利导航逾期');
  });
});
