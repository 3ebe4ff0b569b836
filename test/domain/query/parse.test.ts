import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../../src/domain/query/parse.ts';
import { toChineseNumeral } from '../../../src/domain/query/numerals.ts';
import type { Intent } from '../../../src/domain/query/types.ts';
import { seedContext } from './seed-context.ts';

const ctx = seedContext();
const ask = (q: string): Intent => parseQuestion(q, ctx);
const deptId = (name: string) => ctx.departments.find((d) => d.name === name)!.id;
const indId = (name: string) => ctx.indicators.find((i) => i.name === name)!.id;

describe('asking for a key point (工作要点) by its own number', () => {
  it.each(['要点3', '工作要点三', '第三项要点', '要点3进展', '工作要点（三）', '要点(3)', '第3个工作要点', '要点第三项', '三号要点', '@_user_1 要点三怎么样了'])(
    '%s → key point 3, never task 3',
    (q) => {
      expect(ask(q)).toEqual({ kind: 'key_point', number: 3 });
    },
  );

  it.each(Array.from({ length: 10 }, (_, i) => i + 1))('工作要点%s in Chinese numerals and 第…项要点 are that key point', (n) => {
    expect(ask(`工作要点${toChineseNumeral(n)}`)).toEqual({ kind: 'key_point', number: n });
    expect(ask(`第${toChineseNumeral(n)}项要点`)).toEqual({ kind: 'key_point', number: n });
  });

  it('reads several, a range and all of them', () => {
    expect(ask('要点3和要点4')).toEqual({ kind: 'key_points', numbers: [3, 4] });
    expect(ask('工作要点3、8')).toEqual({ kind: 'key_points', numbers: [3, 8] });
    expect(ask('要点2到4')).toEqual({ kind: 'key_points', numbers: [2, 3, 4] });
    for (const q of ['工作要点', '要点', '工作要点进展', '各项工作要点进展如何', '十项要点的情况']) expect(ask(q), q).toEqual({ kind: 'key_points', numbers: null });
  });

  it('leaves task questions alone: 第三项 and 任务3 are task 3', () => {
    expect(ask('第三项')).toEqual({ kind: 'task', number: 3 });
    expect(ask('任务3')).toEqual({ kind: 'task', number: 3 });
    expect(ask('任务7各地区')).toEqual({ kind: 'task', number: 7 });
  });
});

describe('asking for a task by number', () => {
  it.each([
    '任务5', '任务5进展？', '第5项', '5号任务', '#5', '任务五', '任务 5 进展怎么样?', '任务５', '第５项', '＃5',
    '@_user_1 任务5进展？', '任务5的情况。', '5', '五', 'task 5', '任务5进展如何', '第五项任务', '五号任务',
  ])('%s → task 5', (q) => {
    expect(ask(q)).toEqual({ kind: 'task', number: 5 });
  });

  it('reads 第十二项 and a bare 二十二', () => {
    expect(ask('第十二项')).toEqual({ kind: 'task', number: 12 });
    expect(ask('二十二')).toEqual({ kind: 'task', number: 22 });
    expect(ask('第二十二项进展')).toEqual({ kind: 'task', number: 22 });
  });

  it.each(Array.from({ length: 22 }, (_, i) => i + 1))('任务%s in Chinese numerals is that task', (n) => {
    expect(ask(`任务${toChineseNumeral(n)}`)).toEqual({ kind: 'task', number: n });
    expect(ask(`第${toChineseNumeral(n)}项`)).toEqual({ kind: 'task', number: n });
  });

  it('keeps an explicit number beyond the plan (the answer says it does not exist), but not a bare one', () => {
    expect(ask('任务99')).toEqual({ kind: 'task', number: 99 });
    expect(ask('99').kind).toBe('unknown');
  });

  it('does not take 十四五 for a number', () => {
    expect(ask('十四五规划').kind).not.toBe('task');
  });
});

describe('finding a task by words from its title or measures', () => {
  it('专利导航进展 finds task 8 alone', () => {
    const intent = ask('专利导航进展');
    expect(intent).toMatchObject({ kind: 'search', query: '专利导航', confident: true });
    expect(intent.kind === 'search' && intent.candidates.map((c) => c.number)).toEqual([8]);
  });

  it('地理标志 is unsure and offers up to three candidates, best first', () => {
    const intent = ask('地理标志');
    expect(intent).toMatchObject({ kind: 'search', confident: false });
    const numbers = intent.kind === 'search' ? intent.candidates.map((c) => c.number) : [];
    expect(numbers).toHaveLength(3);
    expect(numbers).toEqual(expect.arrayContaining([14, 10]));
    const scores = intent.kind === 'search' ? intent.candidates.map((c) => c.score) : [];
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it.each([
    ['一带一路', 19], ['人才培养', 22], ['宣传教育', 21], ['专利导航的情况怎么样？', 8], ['知识产权密集型产业', 14],
  ])('%s → task %i', (q, n) => {
    const intent = ask(q);
    expect(intent.kind).toBe('search');
    expect(intent.kind === 'search' && intent.candidates[0]?.number).toBe(n);
  });
});

describe('asking about a department', () => {
  it('by name: 保护司的任务', () => {
    expect(ask('保护司的任务')).toEqual({ kind: 'department', departmentId: deptId('保护司'), name: '保护司' });
  });

  it('by alias: 运用司', () => {
    expect(ask('运用司')).toEqual({ kind: 'department', departmentId: deptId('运用促进司'), name: '运用促进司' });
  });

  it('without the 专利局 prefix: 审查部', () => {
    expect(ask('审查部负责哪些任务')).toMatchObject({ kind: 'department', name: '专利局审查部' });
  });

  it('with a status filter: 保护司有风险的任务', () => {
    expect(ask('保护司有风险的任务')).toEqual({ kind: 'department', departmentId: deptId('保护司'), name: '保护司', filter: 'at_risk' });
  });
});

describe('asking for lists', () => {
  it.each([
    ['哪些任务有风险', 'at_risk'], ['有风险的任务', 'at_risk'], ['受阻', 'blocked'], ['哪些任务受阻？', 'blocked'],
    ['逾期', 'overdue'], ['哪些任务逾期了', 'overdue'], ['预警', 'warning'], ['有哪些预警任务', 'warning'],
    ['谁还没填报', 'not_reported'], ['哪些部门还没填报？', 'not_reported'], ['未填报', 'not_reported'],
    ['已完成的任务', 'done'], ['哪些任务已完成', 'done'],
  ])('%s → %s', (q, filter) => {
    expect(ask(q)).toEqual({ kind: 'list', filter });
  });

  it('未完成 is not the list of done tasks', () => {
    expect(ask('未完成的任务')).not.toMatchObject({ kind: 'list', filter: 'done' });
  });
});

describe('asking about indicators', () => {
  it('审查周期 matches every indicator with it in the name', () => {
    expect(ask('审查周期')).toEqual({
      kind: 'indicator', query: '审查周期',
      indicatorIds: [indId('发明专利审查周期'), indId('高价值发明专利审查周期'), indId('商标注册平均审查周期')],
    });
  });

  it('质押融资 matches the pledge-financing indicator', () => {
    expect(ask('质押融资情况')).toEqual({ kind: 'indicator', query: '质押融资', indicatorIds: [indId('专利商标质押融资规模')] });
  });

  it('a full name picks that indicator only', () => {
    expect(ask('高价值发明专利审查周期是多少')).toMatchObject({ indicatorIds: [indId('高价值发明专利审查周期')] });
  });

  it('指标 lists them all', () => {
    expect(ask('指标')).toMatchObject({ kind: 'indicator', indicatorIds: ctx.indicators.map((i) => i.id) });
  });
});

describe('digest, help and what is not understood', () => {
  it.each(['本周汇总', '@_user_1 本周汇总', '汇总一下'])('%s → digest', (q) => {
    expect(ask(q)).toEqual({ kind: 'digest' });
  });

  it.each(['帮助', '?', '？', '@_user_1', '  ', 'help', '@_user_1 帮助'])('%j → help', (q) => {
    expect(ask(q)).toEqual({ kind: 'help' });
  });

  it.each(['今天天气怎么样', 'hello', '哈哈'])('%s → unknown, with suggestions', (q) => {
    const intent = ask(q);
    expect(intent.kind).toBe('unknown');
    expect(intent.kind === 'unknown' && intent.suggestions.length).toBeGreaterThan(0);
  });

  it('is pure: the same question gives the same intent', () => {
    expect(ask('地理标志')).toEqual(ask('地理标志'));
  });
});

describe('every task and indicator of the seed plan can be asked by its own name', () => {
  it.each(ctx.tasks.map((t) => [t.number, t.title] as const))('task %i by its title, bare or with 进展怎么样', (n, title) => {
    for (const q of [title, `${title}进展怎么样`]) {
      const intent = ask(q);
      expect(intent.kind === 'search' && intent.confident && intent.candidates[0]!.number, q).toBe(n);
    }
  });

  it.each(ctx.indicators.map((i) => [i.name, i.id] as const))('%s by its name', (name, id) => {
    expect(ask(name)).toMatchObject({ kind: 'indicator', indicatorIds: [id] });
  });
});
