import { describe, expect, it } from 'vitest';
import { asksAboutAllRegions } from '../../../src/domain/query/regions.ts';
import { asksAboutResults } from '../../../src/domain/query/results.ts';

describe('asksAboutAllRegions', () => {
  it.each(['各地区填报情况', '各地方进展', '各省怎么样', '地方局填了吗', '地方知识产权局', '各地方知识产权局的情况', '省局'])('%s asks about the regional offices', (q) => {
    expect(asksAboutAllRegions(q)).toBe(true);
  });

  it.each(['北京的进展', '广东省知识产权局', '地区', '任务7', '地方'])('%s does not', (q) => {
    expect(asksAboutAllRegions(q)).toBe(false);
  });
});

describe('asksAboutResults', () => {
  it.each(['成效报送情况', '成效材料交了吗', '成效报告', '谁报送成效了', '谁交了成效', '谁交成效', '报了成效的部门', '已提交成效', '提交了成效'])('%s asks about the 成效报送 collection', (q) => {
    expect(asksAboutResults(q)).toBe(true);
  });

  it.each(['促进专利转化成效', '成效', '报送情况', '交了材料', '任务5成效明显'])('%s does not', (q) => {
    expect(asksAboutResults(q)).toBe(false);
  });
});
