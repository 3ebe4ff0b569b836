import { beforeAll, describe, expect, it } from 'vitest';
import { prepareText } from '../../../src/domain/query/normalize.ts';
import { taskIndex } from '../../../src/domain/query/search.ts';
import type { QueryContext } from '../../../src/domain/query/types.ts';
import { askedAlternatives, namedTogether, readWords, withSynonyms } from '../../../src/domain/query/words.ts';
import { seedContext } from './seed-context.ts';

let ctx: QueryContext;
beforeAll(() => {
  ctx = seedContext();
});

const read = (q: string, c: QueryContext = ctx) => readWords(prepareText(q), c);

describe('withSynonyms', () => {
  it.each([
    ['审查时长', '审查周期'], ['海牙海牙', '海牙协定海牙协定'], ['带路', '一带一路'], ['知产质押和质押贷款', '质押融资和质押融资'], ['增速', '增长率'],
  ])('%s → %s', (typed, plan) => {
    expect(withSynonyms(typed)).toBe(plan);
  });

  it('leaves the variants alone when the plan word is already there', () => {
    expect(withSynonyms('审查周期和审查时长')).toBe('审查周期和审查时长');
    expect(withSynonyms('注册审查')).toBe('注册审查');
  });
});

describe('readWords', () => {
  it('drops the chatter around a phrase of the plan', () => {
    const w = read('麻烦帮我看下专利导航，领导在催');
    expect(w.words).toBe('麻烦帮我看下专利导航领导在催');
    expect(w.query).toBe('专利导航');
    expect(w.grams).toEqual(['专利', '利导', '导航']);
    expect(w.picked).toEqual({ candidates: [{ number: 8, score: 12.016 }], confident: true });
    expect(w.ranked[0]).toMatchObject({ number: 8, coverage: 1, matched: 3, inTitle: true });
    expect(w.weight).toBeCloseTo(6.153, 3);
    expect(w.index).toBe(taskIndex(ctx.tasks));
  });

  it('splits where the question was punctuated', () => {
    expect(read('下午开会要用，质押融资').query).toBe('质押融资');
  });

  it('keeps three-character stretches of the plan next to a longer phrase', () => {
    expect(read('麻烦专利导航，领导催审查周').query).toBe('专利导航审查周');
    expect(read('麻烦专利导航，领导催审查周期').query).toBe('专利导航审查周期');
  });

  it('keeps words of indicator names as well as of tasks', () => {
    expect(read('领导催平均审查周期').query).toBe('平均审查周期');
    expect(read('领导催平均审查周期', { ...ctx, indicators: [] }).query).toBe('审查周期');
  });

  it('keeps every part as typed when nothing is chatter', () => {
    expect(read('专利导航和审查').query).toBe('专利导航审查');
    expect(read('推进专利导航').query).toBe('推进专利导航');
  });

  it('keeps the parts as typed when no real phrase of the plan is left', () => {
    const w = read('会议室在哪');
    expect(w.query).toBe('会议室哪');
    expect(w.picked).toEqual({ candidates: [], confident: false });
  });

  it('falls back to the words when only fillers were asked', () => {
    expect(read('的').query).toBe('的');
  });

  it('reads the plan word for a synonym', () => {
    expect(read('审查时长').query).toBe('审查周期');
    expect(read('海牙').picked).toEqual({ candidates: [{ number: 18, score: 10.278 }], confident: true });
  });
});

describe('askedAlternatives', () => {
  const alt = (q: string) => askedAlternatives(withSynonyms(q), taskIndex(ctx.tasks)).map((c) => c.number);

  it('offers the task of each side of 还是/或者', () => {
    expect(alt('运营服务还是转化运用那个')).toEqual([13, 12]);
    expect(alt('专利导航还是人才培养')).toEqual([8, 22]);
    expect(askedAlternatives('专利导航还是人才培养', taskIndex(ctx.tasks))).toEqual([{ number: 8, score: 12.016 }, { number: 22, score: 12.685 }]);
  });

  it('offers at most three', () => {
    expect(alt('专利导航或者人才培养还是宣传教育还是一带一路')).toEqual([8, 22, 21]);
  });

  it('offers nothing unless two sides name different tasks', () => {
    expect(alt('专利导航')).toEqual([]);
    expect(alt('专利导航还是专利导航')).toEqual([]);
    expect(alt('专利导航还是天气')).toEqual([]);
  });
});

describe('namedTogether', () => {
  const both = (q: string) => namedTogether(prepareText(q), taskIndex(ctx.tasks));

  it('gives the task of every side of 和/、/space when each is clear on its own', () => {
    expect(both('专利导航和人才培养的进展')).toEqual([8, 22]);
    expect(both('专利导航、人才培养、宣传教育')).toEqual([8, 22, 21]);
    expect(both('专利导航 人才培养')).toEqual([8, 22]);
    expect(both('专利导航和海牙')).toEqual([8, 18]);
    expect(both('人才培养和tisc')).toEqual([22, 16]);
    // a side of two characters counts: 审查 is task 5, 商标 is no task in particular
    expect(both('专利导航和人才培养和审查')).toEqual([8, 22, 5]);
    expect(both('专利导航和人才培养和商标')).toEqual([]);
  });

  it('names a task once', () => {
    expect(both('专利导航和专利导航')).toEqual([8]);
  });

  it('gives nothing when a side is not understood or there is one side', () => {
    expect(both('专利导航和天气')).toEqual([]);
    expect(both('专利导航和商标')).toEqual([]);
    expect(both('专利导航')).toEqual([]);
    expect(both('专利导航和的')).toEqual([]);
  });
});
