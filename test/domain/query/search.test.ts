import { describe, expect, it } from 'vitest';
import {
  bigrams, gramKey, idf, knownGram, pickCandidates, queryWeight, questionGrams, rankTasks, taskIndex, VAGUE_WEIGHT, type RankedTask,
} from '../../../src/domain/query/search.ts';

/** Three small tasks: two share 专利, the third has only a title (full-width letters and punctuation in it). */
const smallPlan = () => [
  { number: 1, title: '专利导航', measuresText: '开展专利导航试点' },
  { number: 2, title: '人才培养', measuresText: '加强专利人才培养' },
  { number: 3, title: 'ＡＢ, 审查', measuresText: '' },
];

/** BM25 of one gram in one task, written out: idf × tf × (k1 + 1) / (tf + k1 × (1 − b + b × length / average)). */
const bm25 = (idfValue: number, tf: number, length: number, average: number) => (idfValue * tf * 2.2) / (tf + 1.2 * (0.5 + (0.5 * length) / average));

describe('bigrams', () => {
  it.each([
    ['专利导航', ['专利', '利导', '导航']], ['哈哈哈', ['哈哈']], ['专', ['专']], ['', []], ['ab', ['ab']], ['𠀀𠀁', ['𠀀𠀁']],
  ] as const)('%j → %j', (text, expected) => {
    expect(bigrams(text)).toEqual(expected);
  });

  it('takes the grams of each part of at least two characters, never across parts, each once', () => {
    expect(questionGrams(['专利导航', '导', '专利', '培养'])).toEqual(['专利', '利导', '导航', '培养']);
    expect(questionGrams([])).toEqual([]);
  });
});

describe('gramKey', () => {
  it('is two code points as one number', () => {
    expect(gramKey('专利')).toBe('专'.codePointAt(0)! * 0x110000 + '利'.codePointAt(0)!);
    expect(gramKey('𠀀利')).toBe(0x20000 * 0x110000 + '利'.codePointAt(0)!);
    expect(gramKey('a')).toBe(97 * 0x110000);
    expect(gramKey('')).toBe(0);
  });
});

describe('taskIndex', () => {
  it('weighs title characters three times and counts each gram per task', () => {
    const index = taskIndex(smallPlan());
    expect(index.numbers).toEqual([1, 2, 3]);
    // 专利导航 ×3 + 开展专利导航试点; 人才培养 ×3 + 加强专利人才培养; ab审查 ×3 (NFKC, lower case, punctuation out)
    expect(index.lengths).toEqual([20, 20, 12]);
    expect(index.avgLength).toBeCloseTo(52 / 3, 10);
    expect(index.postings.get(gramKey('专利'))).toEqual([{ doc: 0, tf: 4 }, { doc: 1, tf: 1 }]);
    expect(index.postings.get(gramKey('试点'))).toEqual([{ doc: 0, tf: 1 }]);
    expect(index.postings.get(gramKey('ab'))).toEqual([{ doc: 2, tf: 3 }]);
    expect(index.postings.has(gramKey('ＡＢ'))).toBe(false);
    expect(index.titles.map((t) => [...t].sort((a, b) => a - b))).toEqual([
      ['专利', '利导', '导航'].map(gramKey).sort((a, b) => a - b),
      ['人才', '才培', '培养'].map(gramKey).sort((a, b) => a - b),
      ['ab', 'b审', '审查'].map(gramKey).sort((a, b) => a - b),
    ]);
  });

  it('is built once per task list', () => {
    const tasks = smallPlan();
    expect(taskIndex(tasks)).toBe(taskIndex(tasks));
    expect(taskIndex(smallPlan())).not.toBe(taskIndex(tasks));
  });

  it('has an average length of 0 for no tasks', () => {
    expect(taskIndex([])).toEqual({ numbers: [], titles: [], postings: new Map(), lengths: [], avgLength: 0 });
  });

  it('knows which grams some task has', () => {
    const index = taskIndex(smallPlan());
    expect(knownGram(index, '导航')).toBe(true);
    expect(knownGram(index, '天气')).toBe(false);
  });
});

describe('idf and queryWeight', () => {
  it('weighs a rare gram more and an unknown gram most', () => {
    const index = taskIndex(smallPlan());
    expect(idf(index, '专利')).toBeCloseTo(Math.log(1 + 1.5 / 2.5), 12);
    expect(idf(index, '导航')).toBeCloseTo(Math.log(1 + 2.5 / 1.5), 12);
    expect(idf(index, '天气')).toBeCloseTo(Math.log(1 + 3.5 / 0.5), 12);
    expect(queryWeight(['专利', '导航'], index)).toBeCloseTo(idf(index, '专利') + idf(index, '导航'), 12);
    expect(queryWeight([], index)).toBe(0);
  });
});

describe('rankTasks', () => {
  it('scores by BM25 and gives each task its share of the question', () => {
    const index = taskIndex(smallPlan());
    const avg = 52 / 3;
    const [a, b] = [idf(index, '专利'), idf(index, '导航')];
    const ranked = rankTasks(['专利', '导航'], index);
    expect(ranked).toHaveLength(2);
    expect(ranked[0]).toEqual({
      number: 1, score: Math.round((bm25(a, 4, 20, avg) + bm25(b, 4, 20, avg)) * 1000) / 1000, coverage: 1, matched: 2, inTitle: true,
    });
    expect(ranked[0]!.score).toBe(2.412);
    expect(ranked[1]!.number).toBe(2);
    expect(ranked[1]!.score).toBe(Math.round(bm25(a, 1, 20, avg) * 1000) / 1000);
    expect(ranked[1]!.coverage).toBeCloseTo(a / (a + b), 12);
    expect(ranked[1]!.matched).toBe(1);
    expect(ranked[1]!.inTitle).toBe(false);
  });

  it('marks the task whose title has one of the grams', () => {
    const ranked = rankTasks(['培养', '试点'], taskIndex(smallPlan()));
    expect(ranked.map((r) => [r.number, r.inTitle, r.matched, r.coverage])).toEqual([[2, true, 1, 0.5], [1, false, 1, 0.5]]);
    expect(ranked[0]!.score).toBe(1.631);
    expect(ranked[1]!.score).toBe(0.941);
  });

  it('breaks a tie in score by the lower task number', () => {
    const tasks = [
      { number: 7, title: '专利导航', measuresText: '' },
      { number: 4, title: '专利导航', measuresText: '' },
    ];
    expect(rankTasks(['导航'], taskIndex(tasks)).map((r) => r.number)).toEqual([4, 7]);
  });

  it('ranks nothing without grams or tasks', () => {
    expect(rankTasks([], taskIndex(smallPlan()))).toEqual([]);
    expect(rankTasks(['专利'], taskIndex([]))).toEqual([]);
    expect(rankTasks(['天气'], taskIndex(smallPlan()))).toEqual([]);
  });
});

describe('pickCandidates', () => {
  const r = (number: number, score: number, coverage: number, matched = 2, inTitle = true): RankedTask => ({ number, score, coverage, matched, inTitle });
  const one = (number: number, score: number) => ({ candidates: [{ number, score }], confident: true });

  it('picks nothing when the words are too vague', () => {
    expect(pickCandidates([r(1, 5, 1)], VAGUE_WEIGHT - 0.01)).toEqual({ candidates: [], confident: false });
    expect(pickCandidates([r(1, 5, 1)], VAGUE_WEIGHT)).toEqual(one(1, 5));
    expect(pickCandidates([r(1, 5, 1)])).toEqual(one(1, 5));
  });

  it('offers only tasks covering half the question', () => {
    expect(pickCandidates([r(1, 5, 0.49)])).toEqual({ candidates: [], confident: false });
    expect(pickCandidates([])).toEqual({ candidates: [], confident: false });
    expect(pickCandidates([r(1, 5, 0.5)])).toEqual(one(1, 5));
  });

  it('answers alone only with two grams or one in the title', () => {
    expect(pickCandidates([r(1, 5, 1, 1, false)])).toEqual({ candidates: [{ number: 1, score: 5 }], confident: false });
    expect(pickCandidates([r(1, 5, 1, 1, true)])).toEqual(one(1, 5));
    expect(pickCandidates([r(1, 5, 1, 2, false)])).toEqual(one(1, 5));
  });

  it('answers when the best covers 65 % and is 1.35 times the next', () => {
    expect(pickCandidates([r(1, 1.35, 0.65), r(2, 1, 0.6)])).toEqual(one(1, 1.35));
    expect(pickCandidates([r(1, 1.34, 0.65), r(2, 1, 0.6)])).toEqual({ candidates: [{ number: 1, score: 1.34 }, { number: 2, score: 1 }], confident: false });
    expect(pickCandidates([r(1, 1.35, 0.64), r(2, 1, 0.6)])).toEqual({ candidates: [{ number: 1, score: 1.35 }, { number: 2, score: 1 }], confident: false });
  });

  it('answers when the best covers 30 points more than the next', () => {
    expect(pickCandidates([r(1, 1.1, 0.8), r(2, 1, 0.5)])).toEqual(one(1, 1.1));
    expect(pickCandidates([r(1, 1.1, 0.75), r(2, 1, 0.45)])).toEqual(one(1, 1.1)); // exactly 0.3
    expect(pickCandidates([r(1, 1.1, 0.79), r(2, 1, 0.5)])).toEqual({ candidates: [{ number: 1, score: 1.1 }, { number: 2, score: 1 }], confident: false });
  });

  it('counts a runner-up that covers little', () => {
    // 1.3 is not 1.35 times 1, 0.65 − 0.4 is not 0.3: asked back, with only the task that covers enough
    expect(pickCandidates([r(1, 1.3, 0.65), r(2, 1, 0.4)])).toEqual({ candidates: [{ number: 1, score: 1.3 }], confident: false });
  });

  it('answers a task twice the score of the next from 50 % coverage', () => {
    expect(pickCandidates([r(1, 2, 0.5), r(2, 1, 0.1)])).toEqual(one(1, 2));
    expect(pickCandidates([r(1, 1.99, 0.5), r(2, 1, 0.1)])).toEqual({ candidates: [{ number: 1, score: 1.99 }], confident: false });
  });

  it('offers up to three, each at least half the best score', () => {
    const ranked = [r(1, 1, 0.6, 1, false), r(2, 0.5, 0.6), r(3, 0.49, 0.6), r(5, 0.8, 0.3)];
    expect(pickCandidates(ranked)).toEqual({ candidates: [{ number: 1, score: 1 }, { number: 2, score: 0.5 }], confident: false });
    const many = [r(1, 1, 0.6), r(2, 1, 0.6), r(3, 1, 0.6), r(4, 1, 0.6)];
    expect(pickCandidates(many).candidates.map((c) => c.number)).toEqual([1, 2, 3]);
  });
});
