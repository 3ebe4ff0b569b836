import { describe, expect, it } from 'vitest';
import { nearestNames, unknownDepartmentMessage, unknownUnitMessage } from '../../src/directory/names.ts';
import type { KnownDepartment } from '../../src/directory/types.ts';

// The order of suggestions for a mistyped name (src/directory/names.ts): names that abbreviate to it
// (or it to them) first, then edit distance, then characters in common, then the name itself.
// The made-up names (甲乙丙丁…) isolate one rule each; zh collation orders 丙 < 丁 < 戊 < 乙 < 甲.

const dept = (name: string, aliases: string[] = [], kind?: string): KnownDepartment => ({ name, aliases, ...(kind ? { kind } : {}) });

describe('nearestNames', () => {
  it('puts a related name (one reads out of the other) before a closer unrelated one, counting aliases', () => {
    // 甲丁 reads out of 甲乙丙丁 (distance 2); 甲己 is one edit away but unrelated; 甲己 also sorts first by name
    expect(nearestNames('甲丁', [dept('甲己'), dept('甲乙丙丁', ['戊'])])).toEqual(['甲乙丙丁', '甲己']);
    // related through an alias only
    expect(nearestNames('甲丁', [dept('甲己'), dept('戊', ['甲乙丙丁'])])).toEqual(['戊', '甲己']);
  });

  it('then by the smallest edit distance over the name and its aliases', () => {
    // 丁戊己庚 is 4 edits from 甲乙丙 but its alias 甲乙丁 is 1; 乙丙丁戊 is 3
    expect(nearestNames('甲乙丙', [dept('乙丙丁戊'), dept('丁戊己庚', ['甲乙丁'])])).toEqual(['丁戊己庚', '乙丙丁戊']);
    // distance decides even when the name order and the shared characters say otherwise (丙乙丁 sorts first)
    expect(nearestNames('甲乙', [dept('丙乙丁'), dept('戊乙')])).toEqual(['戊乙', '丙乙丁']);
  });

  it('then by the most characters in common (the best of name and aliases), then by name', () => {
    // both two edits away and unrelated: 乙丙 shares 乙, 丙丁 shares nothing but sorts first
    expect(nearestNames('甲乙', [dept('丙丁'), dept('乙丙')])).toEqual(['乙丙', '丙丁']);
    // the alias 乙甲 shares two characters, more than 乙丙's one; the name 丙丁 shares none
    expect(nearestNames('甲乙', [dept('乙丙'), dept('丙丁', ['乙甲'])])).toEqual(['丙丁', '乙丙']);
  });

  it('returns at most three names unless told otherwise', () => {
    const known = [dept('丙丁'), dept('乙丙'), dept('丁丁'), dept('乙戊')];
    expect(nearestNames('甲乙', known)).toEqual(['乙丙', '乙戊', '丙丁']);
    expect(nearestNames('甲乙', known, 4)).toEqual(['乙丙', '乙戊', '丙丁', '丁丁']);
    expect(nearestNames('甲乙', known, 1)).toEqual(['乙丙']);
    expect(nearestNames('甲乙', [])).toEqual([]);
  });

  it('ignores spaces in the typed name', () => {
    expect(nearestNames('甲 丁', [dept('甲己'), dept('甲乙丙丁')])).toEqual(['甲乙丙丁', '甲己']);
  });
});

describe('unknownDepartmentMessage', () => {
  it('lists the nearest names, or says there are none yet', () => {
    expect(unknownDepartmentMessage('保护处', [dept('人事司'), dept('保护司')])).toBe('未知部门「保护处」，您是否指：保护司、人事司');
    expect(unknownDepartmentMessage('保护处', [])).toBe('未知部门「保护处」（尚无任何部门，请先导入计划）');
  });
});

describe('unknownUnitMessage', () => {
  it('answers in a region’s words, with the nearest regions only, when the nearest unit is a region', () => {
    const known = [dept('保护司'), dept('广东省知识产权局', ['广东'], 'region'), dept('北京市知识产权局', [], 'region')];
    expect(unknownUnitMessage('广东知识产权局', known)).toBe('未知地区「广东知识产权局」，您是否指：广东省知识产权局、北京市知识产权局');
  });

  it('answers in a department’s words, leaving the regions out, when the nearest unit is a department', () => {
    const known = [dept('保护司'), dept('广东省知识产权局', ['广东'], 'region'), dept('运用促进司'), dept('人事司', [], 'department')];
    expect(unknownUnitMessage('保护处', known)).toBe('未知部门「保护处」，您是否指：保护司、人事司、运用促进司');
  });

  it('with only regions known, the nearest is a region', () => {
    expect(unknownUnitMessage('保护处', [dept('广东省知识产权局', [], 'region')])).toBe('未知地区「保护处」，您是否指：广东省知识产权局');
  });

  it('with nothing known, says there are no departments yet', () => {
    expect(unknownUnitMessage('保护处', [])).toBe('未知部门「保护处」（尚无任何部门，请先导入计划）');
  });
});
