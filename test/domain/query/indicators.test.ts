import { beforeEach, describe, expect, it } from 'vitest';
import { matchIndicators } from '../../../src/domain/query/indicators.ts';
import { compactText, prepareText } from '../../../src/domain/query/normalize.ts';
import { bigrams, taskIndex, type TaskIndex } from '../../../src/domain/query/search.ts';
import type { QueryContext } from '../../../src/domain/query/types.ts';

type Indicators = QueryContext['indicators'];

// The seed plan's six indicators, with their targets.
const seedIndicators = (): Indicators => [
  { id: 1, name: '发明专利审查周期', value: 18.5, unit: '个月' },
  { id: 2, name: '高价值发明专利审查周期', value: 14, unit: '个月' },
  { id: 3, name: '商标注册平均审查周期', value: 4, unit: '个月' },
  { id: 4, name: '专利商标质押融资规模', value: 2400, unit: '亿元' },
  { id: 5, name: '融资惠及企业数量增长率', value: 10, unit: '%' },
  { id: 6, name: '技术与创新支持中心（TISC）', value: 100, unit: '家' },
];

let index: TaskIndex;
let indicators: Indicators;

beforeEach(() => {
  // tasks sharing no word with the questions below: every gram of a question weighs the same
  index = taskIndex([{ number: 1, title: '甲乙丙', measuresText: '丁戊己' }]);
  indicators = seedIndicators();
});

const match = (q: string, list: Indicators = indicators, grams?: string[]) => {
  const prepared = prepareText(q);
  const compact = compactText(prepared);
  return matchIndicators(prepared, compact, grams ?? bigrams(compact), list, index);
};

describe('matchIndicators: by target value and unit', () => {
  it.each([
    ['2400亿', [4], 4],
    ['2400 亿', [4], 4],
    ['2400亿元', [4], 5],
    ['14个月', [2], 3],
    ['14月', [2], 2],
    ['18.5个月', [1], 4],
    ['4个月', [3], 2],
    ['10%', [5], 1],
    ['100家', [6], 3],
    ['100个', [6], 3],
  ])('%s names %j', (q, ids, grams) => {
    expect(match(q)).toEqual({ ids, coverage: 1, byValue: true, whole: false, matched: grams });
  });

  it('needs a unit, and the right one', () => {
    expect(match('4')).toBeNull();
    expect(match('2400万')).toBeNull();
    expect(match('2400万元')).toBeNull();
    expect(match('14家')).toBeNull();
    expect(match('18个月')).toBeNull();
  });

  it('takes a longer unit asked for a shorter target unit, and any unit for a target without one', () => {
    const list = [{ id: 7, name: '运营中心数量', value: 30, unit: '亿' }, { id: 8, name: '试点城市', value: 5 }, { id: 9, name: '无目标值的指标' }];
    expect(match('30亿元', list)).toMatchObject({ ids: [7], byValue: true });
    expect(match('5个', list)).toMatchObject({ ids: [8], byValue: true });
    expect(match('5家', list)).toMatchObject({ ids: [8], byValue: true });
    expect(match('5', list)).toBeNull();
  });

  it('reads every decimal of a value', () => {
    const list = [{ id: 1, name: '平均审查周期', value: 16.25, unit: '个月' }];
    expect(match('16.25个月', list)).toMatchObject({ ids: [1], byValue: true });
    expect(match('16.2个月', list)).toBeNull();
  });

  it('finds every indicator with that value', () => {
    const list = [{ id: 1, name: '甲指标', value: 3, unit: '个月' }, { id: 2, name: '乙指标', value: 3, unit: '月' }, { id: 3, name: '丙指标', value: 3, unit: '家' }];
    expect(match('3个月', list)?.ids).toEqual([1, 2]);
  });
});

describe('matchIndicators: by a whole name', () => {
  it('names one indicator by its whole name, the longest when names nest', () => {
    expect(match('发明专利审查周期')).toEqual({ ids: [1], coverage: 1, byValue: false, whole: true, matched: 7 });
    expect(match('高价值发明专利审查周期是多少')).toEqual({ ids: [2], coverage: 1, byValue: false, whole: true, matched: 13 });
  });

  it('names several whole names', () => {
    expect(match('发明专利审查周期和商标注册平均审查周期')?.ids).toEqual([1, 3]);
  });

  it('compares names in NFKC lower case without punctuation', () => {
    expect(match('技术与创新支持中心(tisc)')).toMatchObject({ ids: [6], whole: true });
  });
});

describe('matchIndicators: by words of the names', () => {
  it('gives all the names a word covers equally, and how many of the grams the best has', () => {
    expect(match('审查周期')).toEqual({ ids: [1, 2, 3], coverage: 1, byValue: false, whole: false, matched: 3 });
    expect(match('融资规模')).toEqual({ ids: [4], coverage: 1, byValue: false, whole: false, matched: 3 });
    expect(match('融资')).toEqual({ ids: [4, 5], coverage: 1, byValue: false, whole: false, matched: 1 });
  });

  it('weighs words by rarity across the tasks', () => {
    // 专利 is in every task, 质押 in none: 质押 says more about which indicator is meant
    const idx = taskIndex([{ number: 1, title: '专利导航', measuresText: '' }, { number: 2, title: '专利转化', measuresText: '' }]);
    const list = [{ id: 1, name: '专利数量' }, { id: 2, name: '质押规模' }];
    const result = matchIndicators('专利质押', '专利质押', ['专利', '质押'], list, idx);
    expect(result?.ids).toEqual([2]);
    expect(result!.coverage).toBeGreaterThan(0.5);
    expect(result!.coverage).toBeLessThan(1);
  });

  it('counts a gram whose characters are a few apart in the name as half', () => {
    const list = [{ id: 1, name: '高价值发明专利审查周期' }];
    expect(match('x', list, ['值专'])).toEqual({ ids: [1], coverage: 0.5, byValue: false, whole: false, matched: 0 });
    expect(match('x', list, ['高明'])?.coverage).toBe(0.5); // four apart
    expect(match('x', list, ['高发', '审查'])?.coverage).toBe(0.75);
    expect(match('x', list, ['高专'])).toBeNull(); // five apart
    expect(match('x', list, ['期高'])).toBeNull(); // the wrong order
    expect(match('x', list, ['乙高'])).toBeNull(); // the first not in the name
    expect(match('x', list, ['高'])).toBeNull(); // one character is no pair
  });

  it('looks for the second character after the first, even when it also comes just before', () => {
    expect(match('x', [{ id: 1, name: '商标专利商标' }], ['标商'])?.coverage).toBe(0.5);
  });

  it('reports the most grams any of the tied names has', () => {
    const list = [{ id: 1, name: '质押融资' }, { id: 2, name: '质权押品规范模型' }];
    expect(match('x', list, ['质押', '规模'])).toEqual({ ids: [1, 2], coverage: 0.5, byValue: false, whole: false, matched: 1 });
  });

  it('keeps only the best-covering names', () => {
    const list = [{ id: 1, name: '专利审查周期' }, { id: 2, name: '商标审查周期' }, { id: 3, name: '审查质量' }];
    expect(match('x', list, ['专利', '审查', '周期', '多长'])).toEqual({ ids: [1], coverage: 0.75, byValue: false, whole: false, matched: 3 });
  });

  it('is null when nothing matches, no words are asked or there are no indicators', () => {
    expect(match('天气')).toBeNull();
    expect(match('x', indicators, [])).toBeNull();
    expect(match('发明专利审查周期', [])).toBeNull();
    expect(match('2400亿', [])).toBeNull();
  });
});
