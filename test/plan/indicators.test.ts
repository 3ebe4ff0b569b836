import { describe, expect, it } from 'vitest';
import { readIndicators } from '../../src/plan/indicators.ts';
import type { Paragraph } from '../../src/plan/paragraphs.ts';

// Paragraphs as paragraphs() gives them: raw keeps the markup, text does not.
const paras = (...raws: string[]): Paragraph[] =>
  raws.map((raw, i) => ({ raw, text: raw.replace(/^\s*#+\s*/, '').replace(/\*\*/g, '').trim(), line: i + 1 }));
const read = (...raws: string[]) => readIndicators(paras(...raws));

describe('where the targets are', () => {
  it('starts at the paragraph whose first 24 characters name a 目标 ending in 。 or a colon', () => {
    expect(read('前言达到5家。', '（一）主要目标。甲达到1家。')).toEqual([{ name: '甲', comparator: '>=', value: 1, unit: '家' }]);
    expect(read('目标：甲达到1家')).toEqual([{ name: '甲', comparator: '>=', value: 1, unit: '家' }]);
    expect(read('三、保护目标:甲达到1家')).toEqual([{ name: '甲', comparator: '>=', value: 1, unit: '家' }]);
    expect(read('(一)年度主要目标。甲达到1家')).toEqual([{ name: '甲', comparator: '>=', value: 1, unit: '家' }]);
    expect(read('1. 目标。甲达到1家')).toEqual([{ name: '甲', comparator: '>=', value: 1, unit: '家' }]);
  });

  it('needs 目标 within four characters of the start or of a marker, and within the first 24 characters', () => {
    expect(read('（一）本年度主要目标。甲达到1家')).toEqual([]);
    expect(read('我们今年的目标：甲达到1家')).toEqual([]);
    expect(read('我们的目标：甲达到1家').map((i) => i.name)).toEqual(['甲']);
    expect(read('（一）主要目标，甲达到1家')).toEqual([]);
    expect(read('一二三四五六七八九十一二三四五六七八九十一、目标。甲达到1家')).toEqual([]);
    expect(read('一二三四五六七八九十一二三四五六七八九、目标。甲达到1家')).toEqual([{ name: '甲', comparator: '>=', value: 1, unit: '家' }]);
    expect(read('正文。')).toEqual([]);
    expect(read()).toEqual([]);
  });

  it('reads the following paragraphs up to the next item of the same or a higher level, or a heading', () => {
    expect(read('（一）主要目标。甲达到1家。', '乙达到2家。', '1. 丙达到3家。', '（二）其他。丁达到4家。').map((i) => i.name)).toEqual(['甲', '乙', '丙']);
    expect(read('（一）主要目标。', '（1）甲达到1家。', '2、乙达到2家。', '（二）其他。').map((i) => i.name)).toEqual(['甲', '乙']);
    expect(read('（一）主要目标。甲达到1家。', '一、丁达到4家。').map((i) => i.name)).toEqual(['甲']);
    expect(read('（一）主要目标。甲达到1家。', '## 丁达到4家。').map((i) => i.name)).toEqual(['甲']);
    expect(read('（一）主要目标。甲达到1家。', '  # 丁达到4家。').map((i) => i.name)).toEqual(['甲']);
    expect(read('（一）主要目标。甲达到1家。', '乙#达到2家。').map((i) => i.name)).toEqual(['甲', '乙#']);
  });

  it('stops at any item when the 目标 paragraph itself has no marker, but reads its own heading', () => {
    expect(read('## 主要目标：甲达到1家。', '乙达到2家。', '（1）丙达到3家。').map((i) => i.name)).toEqual(['甲', '乙']);
  });
});

describe('reading a target clause', () => {
  it('splits clauses at each of ，,。；;：: and keeps the first of two targets with the same name', () => {
    expect(read('目标：甲达到1家，乙达到2家,丙达到3家。丁达到4家；戊达到5家;己达到6家：庚达到7家:辛达到8家，甲达到9家').map((i) => [i.name, i.value])).toEqual([
      ['甲', 1], ['乙', 2], ['丙', 3], ['丁', 4], ['戊', 5], ['己', 6], ['庚', 7], ['辛', 8],
    ]);
  });

  it('gives each verb its comparator, decimals and spaces allowed', () => {
    expect(read('目标：审查周期压减至 18.5 个月，商标周期稳定在4个月，质押规模达到2400亿元，增长率超过10%，满意度不低于80分')).toEqual([
      { name: '审查周期', comparator: '<=', value: 18.5, unit: '个月' },
      { name: '商标周期', comparator: '=', value: 4, unit: '个月' },
      { name: '质押规模', comparator: '>=', value: 2400, unit: '亿元' },
      { name: '增长率', comparator: '>', value: 10, unit: '%' },
      { name: '满意度', comparator: '>=', value: 80, unit: '分' },
    ]);
  });

  it('lets 以上 make a floor and 以下/以内 a ceiling whatever the verb', () => {
    expect(read('目标：满意度保持在82分以上，周期达到5个月以下，费用达到3万元以内，数量达到6家以外')).toEqual([
      { name: '满意度', comparator: '>=', value: 82, unit: '分' },
      { name: '周期', comparator: '<=', value: 5, unit: '个月' },
      { name: '费用', comparator: '<=', value: 3, unit: '万元' },
      { name: '数量', comparator: '>=', value: 6, unit: '家' },
    ]);
  });

  it('writes a full-width percent sign as %', () => {
    expect(read('目标：办结率达到９０％'.replace('９０', '90'))).toEqual([{ name: '办结率', comparator: '>=', value: 90, unit: '%' }]);
  });

  it('needs a unit after the number', () => {
    expect(read('目标：指数达到90，评分达到85.5')).toEqual([]);
  });

  it('drops the time, the condition and the wording of effort before the name', () => {
    expect(read('目标：到2025年底专利数达到5件，至2023年末商标数达到6件，2024年企业数达到7家').map((i) => i.name)).toEqual(['专利数', '商标数', '企业数']);
    expect(read('目标：到专利数达到5件').map((i) => i.name)).toEqual(['到专利数']);
    expect(read('目标：甲2025年数达到5件').map((i) => i.name)).toEqual(['甲2025年数']);
    expect(read('目标：力争确保全年甲达到1家，推动实现年内乙达到2家，累计建成新建共丙达到3家').map((i) => i.name)).toEqual(['甲', '乙', '丙']);
    expect(read('目标：甲力争达到1家').map((i) => i.name)).toEqual(['甲力争']);
  });

  it('drops a leading 在…前提/基础/条件/情况/背景 下/上/中, and only a leading one', () => {
    const found = read(
      '目标：在严控风险前提下质押规模达到1亿元，在现有基础上甲数达到2家，在同等条件下乙数达到3家，在正常情况中丙数达到4家，在新背景下丁数达到5家，戊在前提下数达到6家',
    );
    expect(found.map((i) => i.name)).toEqual(['质押规模', '甲数', '乙数', '丙数', '丁数', '戊在前提下数']);
  });

  it('drops the shortest 在…前提下, not a longer span', () => {
    expect(read('目标：在前提下甲在情况下数达到1家').map((i) => i.name)).toEqual(['甲在情况下数']);
  });

  it('reads 完成/建成/新建/建设/培育/达到 + number + unit + name when no name comes first', () => {
    expect(read('目标：完成在华建设100家技术与创新支持中心（TISC）首期建设目标')).toEqual([
      { name: '技术与创新支持中心（TISC）', comparator: '>=', value: 100, unit: '家' },
    ]);
    expect(read('目标：培育10家示范企业目标，新建5个中心建设任务').map((i) => i.name)).toEqual(['示范企业', '中心']);
    expect(read('目标：建成50个示范区首批任务，新建3所学院一期，建设20个服务站，培育一二三四五六七八9家示范企业').map((i) => [i.name, i.value, i.unit])).toEqual([
      ['示范区', 50, '个'], ['学院', 3, '所'], ['服务站', 20, '个'], ['示范企业', 9, '家'],
    ]);
  });

  it('falls back to that form when the name before the verb is only effort words, and needs a name of two characters', () => {
    expect(read('目标：力争达到50家企业')).toEqual([{ name: '企业', comparator: '>=', value: 50, unit: '家' }]);
    expect(read('目标：建成100家站')).toEqual([]);
    expect(read('目标：培育一二三四五六七八九9家示范企业')).toEqual([]);
  });
});
