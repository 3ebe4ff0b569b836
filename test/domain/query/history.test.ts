import { describe, expect, it } from 'vitest';
import { asksHistory, asksRate, unknownUnitRate } from '../../../src/domain/query/history.ts';
import type { QueryContext } from '../../../src/domain/query/types.ts';
import { seedContext } from './seed-context.ts';

const context = (): QueryContext => ({
  taskCount: 0,
  tasks: [],
  indicators: [],
  departments: [{ id: 1, name: '运用促进司', aliases: ['运用司'] }, { id: 2, name: '保护司', aliases: [] }, { id: 3, name: '数据中心', aliases: [] }],
});

describe('asksRate and asksHistory', () => {
  it.each(['填报率', '报送率', '按时率', '及时率', '准时率', '填报历史', '历史填报', '填报趋势'])('保护司%s asks a unit’s rate', (w) => {
    expect(asksRate(`保护司${w}`)).toBe(true);
  });

  it.each(['历史', '时间线', '变化过程', '历次', '填报记录', '进展记录', '变化情况', '来龙去脉'])('任务7的%s asks a task’s history', (w) => {
    expect(asksHistory(`任务7的${w}`)).toBe(true);
    expect(asksRate(`任务7的${w}`)).toBe(false);
  });

  it('neither for a plain progress question', () => {
    expect(asksRate('保护司的进展')).toBe(false);
    expect(asksHistory('任务7进展')).toBe(false);
  });
});

describe('unknownUnitRate', () => {
  it('offers the nearest units as rate questions, keeping the question as typed', () => {
    expect(unknownUnitRate('看下保户司准时率', '看下 保户司准时率？', context())).toEqual({
      kind: 'unknown',
      text: '看下 保户司准时率？',
      suggestions: ['保护司的填报率', '运用促进司的填报率', '数据中心的填报率'],
      offers: [
        { label: '保护司', question: '保护司的填报率' },
        { label: '运用促进司', question: '运用促进司的填报率' },
        { label: '数据中心', question: '数据中心的填报率' },
      ],
      unknownUnit: '保户司',
    });
  });

  it('ranks the units by their aliases too: 审查业务部 is nearest the 审业部 (审查业务管理部)', () => {
    const intent = unknownUnitRate('审查业务部的填报率', '审查业务部的填报率', seedContext());
    expect(intent?.kind === 'unknown' && intent.suggestions).toEqual(['专利局审业部的填报率', '专利局审查部的填报率', '公共服务司的填报率']);
  });

  it.each([
    ['保户的填报率', '保户'],
    ['运用促司之填报率', '运用促司'],
    ['运用的促进司的填报率', '运用的促进司'],
    ['查下运用促司的报送率', '运用促司'],
    ['查一下运用促司的报送率', '运用促司'],
    ['看一下运用促司及时率', '运用促司'],
    ['请问运用促司按时率', '运用促司'],
    ['查询保户司的填报趋势', '保户司'],
    ['数据查询中心的填报率', '数据查询中心'],
    ['保户司填报历史', '保户司'],
    ['保户司历史填报', '保户司'],
  ])('%s names the unit %s', (q, unit) => {
    const intent = unknownUnitRate(q, q, context());
    expect(intent).toMatchObject({ kind: 'unknown', text: q, unknownUnit: unit });
    expect(intent?.kind === 'unknown' && intent.offers?.[0]).toBeTruthy();
  });

  it.each(['保户司的进展', '填报率', '的填报率', '查一下的填报率', '甲的填报率', '甲之填报率'])('%s gives no answer of its own', (q) => {
    expect(unknownUnitRate(q, q, context())).toBeNull();
  });
});
