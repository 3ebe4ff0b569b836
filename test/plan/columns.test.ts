import { describe, expect, it } from 'vitest';
import { COLUMN_LABEL, DEFAULT_COLUMNS, headerColumns } from '../../src/plan/columns.ts';
import { deadlineKindOf } from '../../src/plan/deadline.ts';

describe('headerColumns', () => {
  it('maps each label of a header row to its role, unknown labels to other', () => {
    expect(headerColumns(['序号', '重点任务', '责任单位', '完成时限', '工作措施', '备注'])).toEqual(['number', 'title', 'departments', 'deadline', 'measures', 'other']);
    expect(headerColumns(['任务清单', '落实举措', '责任部门', '完成时间'])).toEqual(DEFAULT_COLUMNS);
  });

  it('knows 序号, 编号 and 序 as the number column, only as the whole label', () => {
    for (const label of ['序号', '编号', '序', ' 序 号 ', '<b>序号</b>']) expect(headerColumns([label, '部门']), label).toEqual(['number', 'departments']);
    expect(headerColumns(['序号列', '部门'])).toBeNull();
    expect(headerColumns(['总序号', '部门'])).toBeNull();
  });

  it('knows each word of the departments column, before any other role', () => {
    for (const label of ['责任', '部门', '单位', '牵头', '牵头完成', '责任任务']) expect(headerColumns([label, '任务']), label).toEqual(['departments', 'title']);
  });

  it('knows each word of the deadline column, before measures and title', () => {
    for (const label of ['时间', '时限', '期限', '进度', '完成', '完成举措', '任务进度']) expect(headerColumns(['部门', label]), label).toEqual(['departments', 'deadline']);
  });

  it('knows each word of the measures column, before title', () => {
    for (const label of ['举措', '措施', '内容', '要求', '工作要求']) expect(headerColumns(['部门', label]), label).toEqual(['departments', 'measures']);
  });

  it('knows each word of the title column', () => {
    for (const label of ['任务', '事项', '工作', '清单', '名称']) expect(headerColumns(['部门', label]), label).toEqual(['departments', 'title']);
  });

  it('is not a header without a departments column or with fewer than two known labels', () => {
    expect(headerColumns(['任务', '完成时间', '落实举措'])).toBeNull();
    expect(headerColumns(['责任部门'])).toBeNull();
    expect(headerColumns(['责任部门', '备注', '其他'])).toBeNull();
    expect(headerColumns([])).toBeNull();
  });

  it('is not a header when a cell is longer than 8 characters once markup and spaces are gone', () => {
    expect(headerColumns(['责任部门', '任务', '一二三四五六七八'])).toEqual(['departments', 'title', 'other']);
    expect(headerColumns(['<b>责任部门</b>', '任务', '<b>一二三四 五六七八</b>'])).toEqual(['departments', 'title', 'other']);
    expect(headerColumns(['责任部门', '任务', '一二三四五六七八九'])).toBeNull();
    expect(headerColumns(['1. 推进专利法修改', '<p>保护司牵头</p>', '保护司'])).toBeNull();
  });

  it('has a Chinese label for every role', () => {
    expect(COLUMN_LABEL).toEqual({ number: '序号', title: '任务', measures: '落实举措', departments: '责任部门', deadline: '完成时间', other: '其他' });
  });
});

describe('deadlineKindOf', () => {
  it('is null for an empty or blank cell and for a date it cannot classify', () => {
    expect(deadlineKindOf('')).toBeNull();
    expect(deadlineKindOf(' \n ')).toBeNull();
    expect(deadlineKindOf('2021年6月')).toBeNull();
    expect(deadlineKindOf('月底')).toBeNull();
  });

  it('reads each milestone wording', () => {
    for (const s of ['年内有阶段性成果', '持续推进', '长期坚持', '逐步落实', '分步实施', '持续 推进']) expect(deadlineKindOf(s), s).toBe('milestone');
  });

  it('reads each year-end wording', () => {
    for (const s of ['年底前完成', '2021年末', '12月底', '12月31日前', '年内完成', '全年完成', '9月底前完成', '年 底']) expect(deadlineKindOf(s), s).toBe('year_end');
  });

  it('prefers milestone when a cell says both', () => {
    expect(deadlineKindOf('年底前取得阶段性成果')).toBe('milestone');
  });
});
