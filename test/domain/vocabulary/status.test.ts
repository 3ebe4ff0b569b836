import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../../src/domain/status.ts';
import { COMPARATOR_SYMBOL, COMPARATOR_WORD, isComparator } from '../../../src/domain/vocabulary/comparators.ts';
import {
  DEADLINE_COLOR, DEADLINE_LABEL, LARK_HEX, NOT_REPORTED_COLOR, NOT_REPORTED_LABEL, STATUS_COLOR, STATUS_LABEL, statusChartColor, statusColor, statusLabel,
} from '../../../src/domain/vocabulary/status.ts';

describe('status words and colours', () => {
  it('words each status, and a missing report as 未填报', () => {
    expect(STATUSES.map(statusLabel)).toEqual(['未启动', '正常推进', '存在风险', '受阻', '待审核', '已完成']);
    expect(statusLabel(null)).toBe('未填报');
    expect(NOT_REPORTED_LABEL).toBe('未填报');
  });

  it('colours each status in the BRAG scheme, and a missing report grey like 未启动', () => {
    expect(STATUSES.map(statusColor)).toEqual(['grey', 'green', 'orange', 'red', 'purple', 'blue']);
    expect(statusColor(null)).toBe('grey');
    expect(statusColor(null)).toBe(NOT_REPORTED_COLOR);
  });

  it('draws each status in a chart in the hex of its Lark colour', () => {
    expect(STATUSES.map(statusChartColor)).toEqual(['#8F959E', '#34C724', '#FF8800', '#F54A45', '#7F3BF5', '#3370FF']);
    for (const s of STATUSES) expect(statusChartColor(s)).toBe(LARK_HEX[STATUS_COLOR[s]]);
  });

  it('marks a deadline warning yellow and an overdue task red, neither like 存在风险', () => {
    expect(DEADLINE_LABEL).toEqual({ ok: '正常', warning: '预警', overdue: '逾期' });
    expect(DEADLINE_COLOR.warning).toBe('yellow');
    expect(DEADLINE_COLOR.overdue).toBe('red');
    expect(DEADLINE_COLOR.warning).not.toBe(STATUS_COLOR.at_risk);
    expect(STATUS_LABEL.done).toBe('已完成');
  });
});

describe('comparator words', () => {
  it('knows the four comparators, with a symbol and a word each', () => {
    for (const c of ['<=', '=', '>=', '>']) expect(isComparator(c), c).toBe(true);
    expect(Object.keys(COMPARATOR_SYMBOL).map((c) => `${COMPARATOR_SYMBOL[c as '<=']} ${COMPARATOR_WORD[c as '<=']}`)).toEqual(['≤ 不超过', '= 稳定在', '≥ 不低于', '> 超过']);
  });

  it('knows nothing else, not even what every object inherits', () => {
    for (const c of ['<', '==', '≥', '', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) expect(isComparator(c), c).toBe(false);
  });
});
