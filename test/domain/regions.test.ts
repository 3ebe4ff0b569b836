import { describe, expect, it } from 'vitest';
import { cronOccurrences } from '../../src/domain/calendar/occurrences.ts';
import { asksHistory, asksRate, unknownUnitRate } from '../../src/domain/query/history.ts';
import { findDepartment } from '../../src/domain/query/lookup.ts';
import { ALL_REGIONS, clausesFor, meansAllRegions, regionMeasures } from '../../src/domain/regions.ts';

// Small pure pieces that the question corpus and the end-to-end tests reach only in passing.

describe('regionMeasures', () => {
  const task = {
    kind: 'task' as const,
    number: 7,
    measures: [
      { actor: '保护司', text: '甲' },
      { actor: '各地区', text: '乙' },
      { actor: '有条件的地区', text: '丙' },
      { actor: '有关地区', text: '丁' },
      { actor: '各地区、保护司', text: '戊' },
    ],
  };

  it('gives every region the 各地区 measures, and the conditional ones only to those that opted in', () => {
    expect(regionMeasures(task, null)).toEqual(['乙']);
    expect(regionMeasures(task, true)).toEqual(['乙', '丙', '丁']);
    expect(regionMeasures(task, [7, 9])).toEqual(['乙', '丙', '丁']);
    expect(regionMeasures(task, [9])).toEqual(['乙']);
    expect(regionMeasures(task, [])).toEqual(['乙']);
  });

  it('gives the regions the key point clauses naming 各地方知识产权局, alone or with others', () => {
    const kp = {
      kind: 'key_point' as const,
      number: 2,
      measures: [
        { actor: `保护司、${ALL_REGIONS}`, text: '甲' },
        { actor: '保护司', text: '乙' },
        { actor: ALL_REGIONS, text: '丙' },
        { actor: `${ALL_REGIONS}局`, text: '丁' },
      ],
    };
    expect(regionMeasures(kp, null)).toEqual(['甲', '丙']);
  });

  it('finds a department’s clauses by its whole name in a list of names', () => {
    const measures = [{ actor: '保护司、运用促进司', text: '甲' }, { actor: '运用促进司', text: '乙' }, { actor: '运用促进司局', text: '丙' }];
    expect(clausesFor(measures, '运用促进司')).toEqual(['甲', '乙']);
    expect(clausesFor(measures, '运用')).toEqual([]);
  });

  it('knows the name of every regional office', () => {
    expect(meansAllRegions('各地方知识产权局')).toBe(true);
    expect(meansAllRegions('各地区')).toBe(false);
  });
});

describe('findDepartment', () => {
  const departments = [
    { id: 1, name: '专利局审查业务管理部', aliases: ['审管部'] },
    { id: 2, name: '审查业务管理部', aliases: [] },
    { id: 3, name: '运用促进司', aliases: ['运用司', 'Y'] },
    { id: 4, name: 'Ｐ司 Ａ', aliases: [] },
  ];

  it('takes the longest name, alias or name without 专利局 found in the question, and what is left of it', () => {
    expect(findDepartment('专利局审查业务管理部的任务', departments)).toEqual({ id: 1, name: '专利局审查业务管理部', rest: '的任务', word: '专利局审查业务管理部' });
    // the name without 专利局 ties with another's whole name: the first listed keeps it
    expect(findDepartment('审查业务管理部进展', departments)).toEqual({ id: 1, name: '专利局审查业务管理部', rest: '进展', word: '审查业务管理部' });
    expect(findDepartment('审查业务管理部进展', departments.slice(1))).toMatchObject({ id: 2, rest: '进展' });
    expect(findDepartment('审管部进展审管部', departments)).toEqual({ id: 1, name: '专利局审查业务管理部', rest: '进展', word: '审管部' });
    expect(findDepartment('运用司还差什么', departments)).toMatchObject({ id: 3, word: '运用司' });
  });

  it('compares names in NFKC lower case without spaces, and never by a one-character alias', () => {
    expect(findDepartment('p司a的进展', departments)).toMatchObject({ id: 4, word: 'p司a' });
    expect(findDepartment('y的进展', departments)).toBeNull();
    expect(findDepartment('办公室', departments)).toBeNull();
  });

  it('does not strip 专利局 from a name that is only 专利局 and a letter', () => {
    expect(findDepartment('局x', [{ id: 9, name: '专利局x', aliases: [] }])).toBeNull();
  });
});

describe('rate and history questions', () => {
  const ctx = { taskCount: 0, tasks: [], indicators: [], departments: [{ id: 1, name: '运用促进司', aliases: ['运用司'] }, { id: 2, name: '保护司', aliases: [] }] };

  it('recognises the words of each', () => {
    expect(asksRate('运用司按时率')).toBe(true);
    expect(asksRate('任务7的历史')).toBe(false);
    expect(asksHistory('任务7的时间线')).toBe(true);
    expect(asksHistory('任务7进展')).toBe(false);
  });

  it('offers the nearest units for a rate naming none known, after dropping 的 and a leading 查一下', () => {
    const intent = unknownUnitRate('查一下运用促司的填报率', '查一下运用促司的填报率？', ctx);
    expect(intent).toEqual({
      kind: 'unknown',
      text: '查一下运用促司的填报率？',
      suggestions: ['运用促进司的填报率', '保护司的填报率'],
      offers: [
        { label: '运用促进司', question: '运用促进司的填报率' },
        { label: '保护司', question: '保护司的填报率' },
      ],
      unknownUnit: '运用促司',
    });
    expect(unknownUnitRate('请问保户司按时率', '', ctx)).toMatchObject({ unknownUnit: '保户司' });
  });

  it('is no answer without a rate word or without a name before it', () => {
    expect(unknownUnitRate('保户司的进展', '', ctx)).toBeNull();
    expect(unknownUnitRate('填报率', '', ctx)).toBeNull();
    expect(unknownUnitRate('甲的填报率', '', ctx)).toBeNull();
  });
});

describe('cronOccurrences', () => {
  const cron = { round: '0 9 * * 1', remind: '0 15 * * 3', close: '0 17 * * 5', digest: '30 17 * * 5' };

  it('lists each step’s firings in the window, in the zone, in time order, the window’s end excluded', () => {
    const from = new Date('2021-10-11T01:00:00Z'); // Monday 09:00 in Shanghai, included
    const to = new Date('2021-10-15T09:30:00Z'); // Friday 17:30, excluded
    expect(cronOccurrences(cron, from, to, 'Asia/Shanghai').map((o) => [o.step, o.at.toISOString()])).toEqual([
      ['open_round', '2021-10-11T01:00:00.000Z'],
      ['remind', '2021-10-13T07:00:00.000Z'],
      ['close_round', '2021-10-15T09:00:00.000Z'],
    ]);
  });

  it('reads the patterns in the zone given', () => {
    const at = cronOccurrences(cron, new Date('2021-10-11T00:00:00Z'), new Date('2021-10-12T00:00:00Z'), 'UTC');
    expect(at.map((o) => o.at.toISOString())).toEqual(['2021-10-11T09:00:00.000Z']);
  });
});
