import { describe, expect, it } from 'vitest';
import { responseRate } from '../../../src/domain/digest/response.ts';

const dept = (departmentId: number, name: string, expected: number, reported: number) => ({ departmentId, name, expected, reported });

describe('who answered this round', () => {
  const responses = [
    dept(1, '条法司', 2, 2),
    dept(2, '战略规划司', 3, 0),
    dept(3, '保护司', 4, 1),
    dept(4, '办公室', 1, 0),
    dept(5, '人事司', 1, 1),
    dept(6, '运用促进司', 5, 4),
  ];

  it('counts a department as reported only when it reported every one of its tasks', () => {
    expect(responseRate(responses)).toMatchObject({ expected: 6, reported: 2 });
  });

  it('lists the partial ones with their figures and the silent ones, by name in pinyin order', () => {
    const r = responseRate(responses);
    expect(r.partial).toEqual([
      { name: '保护司', reported: 1, expected: 4 },
      { name: '运用促进司', reported: 4, expected: 5 },
    ]);
    expect(r.missing).toEqual(['办公室', '战略规划司']);
  });

  it('leaves the input as it was', () => {
    const copy = structuredClone(responses);
    responseRate(responses);
    expect(responses).toEqual(copy);
  });

  it('is all zero and empty for no departments', () => {
    expect(responseRate([])).toEqual({ expected: 0, reported: 0, partial: [], missing: [] });
  });

  it('orders by pinyin, not by code point (人 comes before 办 in Unicode)', () => {
    const r = responseRate([dept(7, '条法司', 2, 0), dept(5, '人事司', 1, 0), dept(4, '办公室', 1, 0), dept(8, '专利局', 3, 1), dept(9, '商标局', 3, 2)]);
    expect(r.missing).toEqual(['办公室', '人事司', '条法司']);
    expect(r.partial.map((d) => d.name)).toEqual(['商标局', '专利局']);
  });
});
