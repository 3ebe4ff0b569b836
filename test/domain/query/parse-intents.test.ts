import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUESTIONS, parseQuestion } from '../../../src/domain/query/parse.ts';
import type { Intent, QueryContext } from '../../../src/domain/query/types.ts';
import { seedContext } from './seed-context.ts';

// One exact intent per rule of parseQuestion, in the order the rules are tried.

let ctx: QueryContext;
beforeAll(() => {
  ctx = seedContext();
});
const ask = (q: string, c: QueryContext = ctx): Intent => parseQuestion(q, c);
const deptId = (name: string) => ctx.departments.find((d) => d.name === name)!.id;
const INTENTS = [
  { label: '本周汇总', question: '本周汇总' }, { label: '哪些任务有风险', question: '哪些任务有风险' }, { label: '帮助', question: '帮助' },
];
const taskOffer = (n: number) => ({ label: `任务${n} ${ctx.tasks.find((t) => t.number === n)!.title}`, question: `任务${n}` });
const unknown = (text: string, offers: { label: string; question: string }[]) => ({ kind: 'unknown', text, suggestions: EXAMPLE_QUESTIONS, offers });

describe('commands and empty questions', () => {
  it('reads an admin command as an operation', () => {
    expect(ask('开启填报')).toEqual({ kind: 'operation', operation: 'open_round' });
  });

  it('answers punctuation only with help', () => {
    expect(ask('，。')).toEqual({ kind: 'help' });
  });
});

describe('a year in the question', () => {
  it('another plan year named as the plan is another plan', () => {
    expect(ask('2022年指引里的任务3')).toEqual({ kind: 'other_plan', year: 2022 });
  });

  it('the plan year, a year that names no plan, or no plan year: the year is taken out', () => {
    expect(ask('2021年的任务3')).toEqual({ kind: 'task', number: 3 });
    expect(ask('任务3 2022年能完成吗')).toEqual({ kind: 'task', number: 3 });
    expect(ask('2022年指引里的任务3', { ...ctx, planYear: undefined })).toEqual({ kind: 'task', number: 3 });
  });
});

describe('task numbers', () => {
  it('a task named next to a key point is the task', () => {
    expect(ask('要点3的任务5')).toEqual({ kind: 'task', number: 5 });
  });

  it('one task with 历史 is its history; several are the tasks', () => {
    expect(ask('任务5的历史')).toEqual({ kind: 'task_history', number: 5 });
    expect(ask('任务5和任务6的历史')).toEqual({ kind: 'tasks', numbers: [5, 6] });
  });

  it('bare numbers are tasks only when the plan has them all', () => {
    expect(ask('5和6')).toEqual({ kind: 'tasks', numbers: [5, 6] });
    expect(ask('5、6、7')).toEqual({ kind: 'tasks', numbers: [5, 6, 7] });
    expect(ask('1 2')).toEqual({ kind: 'tasks', numbers: [1, 2] });
    expect(ask('看看5')).toEqual({ kind: 'task', number: 5 });
    expect(ask('5和99')).toEqual(unknown('5和99', INTENTS));
  });
});

describe('help', () => {
  it.each(['怎么用', '功能说明', '用法说明书', '你能做什么呢', '帮助企业融资'])('%s → help', (q) => {
    expect(ask(q)).toEqual({ kind: 'help' });
  });

  it('a help word next to other words is not help', () => {
    expect(ask('命令行工具')).toEqual(unknown('命令行工具', INTENTS));
    expect(ask('专利导航功能')).toEqual(unknown('专利导航功能', [taskOffer(8), taskOffer(10), INTENTS[0]!]));
  });
});

describe('results, regions and units', () => {
  it('成效报送 is the results, 各地区 the regions', () => {
    expect(ask('成效报送情况')).toEqual({ kind: 'results' });
    expect(ask('各地区进展')).toEqual({ kind: 'regions' });
  });

  it('a known unit with 填报率 is its history; an unknown one is asked back', () => {
    expect(ask('保护司的填报率')).toEqual({ kind: 'unit_history', departmentId: deptId('保护司'), name: '保护司' });
    expect(ask('火星局的填报率')).toMatchObject({ kind: 'unknown', unknownUnit: '火星局' });
  });
});

describe('departments', () => {
  it('a department naming a task is that task', () => {
    expect(ask('保护司负责的海外纠纷应对那个任务')).toEqual({ kind: 'search', query: '海外纠纷应对', candidates: [{ number: 20, score: 16.203 }], confident: true });
    expect(ask('保护司专利导航')).toEqual({ kind: 'search', query: '专利导航', candidates: [{ number: 8, score: 12.016 }], confident: true });
  });

  it('a department with a state and a task is the task; two characters may name it', () => {
    expect(ask('保护司逾期的专利导航')).toEqual({ kind: 'search', query: '专利导航', candidates: [{ number: 8, score: 12.016 }], confident: true });
    expect(ask('保护司的审查')).toEqual({ kind: 'search', query: '审查', candidates: [{ number: 5, score: 3.288 }], confident: true });
    expect(ask('保护司的专利')).toEqual({ kind: 'department', departmentId: deptId('保护司'), name: '保护司' });
  });

  it('all of a department is its list without a filter; a state filters it', () => {
    expect(ask('保护司的所有任务')).toEqual({ kind: 'department', departmentId: deptId('保护司'), name: '保护司' });
    expect(ask('保护司逾期的任务')).toEqual({ kind: 'department', departmentId: deptId('保护司'), name: '保护司', filter: 'overdue' });
  });
});

describe('lists, summary and indicators', () => {
  it('a list state with words that name no task is the list', () => {
    expect(ask('逾期的任务呢')).toEqual({ kind: 'list', filter: 'overdue' });
    expect(ask('逾期的专利任务')).toEqual({ kind: 'list', filter: 'overdue' });
  });

  it('a task named with a list state is the task', () => {
    expect(ask('专利导航逾期了吗')).toEqual({ kind: 'search', query: '专利导航', candidates: [{ number: 8, score: 12.016 }], confident: true });
  });

  it.each(['整体情况', '汇总下', '大家这周填得怎么样', '想看下这周的整体情况，开会用'])('%s → digest', (q) => {
    expect(ask(q)).toEqual({ kind: 'digest' });
  });

  it('大家 alone with chatter is not the summary', () => {
    expect(ask('大家辛苦了')).toEqual(unknown('大家辛苦了', INTENTS));
  });

  it('all indicators only when the plan has some', () => {
    expect(ask('各项指标')).toEqual({ kind: 'indicator', query: '各项指标', indicatorIds: ctx.indicators.map((i) => i.id) });
    expect(ask('指标', { ...ctx, indicators: [] })).toEqual(unknown('指标', INTENTS));
  });

  it('an indicator by name with a cue, by its value, or by its unit of time', () => {
    expect(ask('审查周期的指标')).toEqual({ kind: 'indicator', query: '审查周期', indicatorIds: [1, 2, 3] });
    expect(ask('2400亿那个指标')).toEqual({ kind: 'indicator', query: '2400亿', indicatorIds: [4] });
    expect(ask('14个月')).toEqual({ kind: 'indicator', query: '14个月', indicatorIds: [2] });
  });
});

describe('tasks by their words', () => {
  it('alternatives are offered, never one picked', () => {
    expect(ask('运营服务还是转化运用那个')).toEqual({
      kind: 'search', query: '运营服务转化运用', candidates: [{ number: 13, score: 11.608 }, { number: 12, score: 9.08 }], confident: false,
    });
  });

  it('two tasks named together are both meant', () => {
    expect(ask('专利导航和人才培养的进展')).toEqual({ kind: 'tasks', numbers: [8, 22] });
  });

  it('an unclear word offers candidates', () => {
    expect(ask('专利的事情')).toEqual({
      kind: 'search', query: '专利', candidates: [{ number: 8, score: 1.398 }, { number: 12, score: 1.244 }, { number: 4, score: 1.155 }], confident: false,
    });
  });
});

describe('what is not understood', () => {
  it('keeps the text as typed without mentions and extra spaces', () => {
    expect(ask('@_user_1  今天   天气')).toEqual(unknown('今天 天气', INTENTS));
  });

  it('offers the tasks sharing a quarter of the words, then the most asked intents', () => {
    expect(ask('会议室在哪')).toEqual(unknown('会议室在哪', [taskOffer(18), INTENTS[0]!, INTENTS[1]!]));
    expect(ask('专利导航人才培养功能')).toEqual(unknown('专利导航人才培养功能', [taskOffer(22), taskOffer(8), INTENTS[0]!]));
    // three tasks at most, and always one intent after them
    expect(ask('商标品牌地理标志功能')).toEqual(unknown('商标品牌地理标志功能', [taskOffer(14), taskOffer(10), taskOffer(18), INTENTS[0]!]));
  });

  it('offers no task for words every task has', () => {
    expect(ask('知识产权')).toEqual(unknown('知识产权', INTENTS));
  });
});

describe('an indicator against a task with the same words', () => {
  let small: QueryContext;
  beforeAll(() => {
    small = {
      taskCount: 2,
      tasks: [
        { number: 1, title: '优化专利审查流程', measuresText: '压缩审查周期，提升审查质量' },
        { number: 2, title: '推进商标品牌建设', measuresText: '培育商标品牌，开展品牌指导' },
      ],
      departments: [],
      indicators: [
        { id: 1, name: '发明专利审查周期', value: 20, unit: '个月' },
        { id: 2, name: '商标注册审查周期', value: 4, unit: '个月' },
        { id: 3, name: '品牌指导站数量', value: 100, unit: '家' },
      ],
      planYear: 2021,
    };
  });
  const indicator = (query: string, indicatorIds: number[]) => ({ kind: 'indicator', query, indicatorIds });

  it('wins when it covers as much of the question as the best task, with two words in common', () => {
    expect(ask('审查周期', small)).toEqual(indicator('审查周期', [1, 2]));
    expect(ask('查周期', small)).toEqual(indicator('查周期', [1, 2]));
  });

  it('wins as the only indicator with the words, even with one word', () => {
    expect(ask('数量', small)).toEqual(indicator('数量', [3]));
  });

  it('does not win with one word shared by several indicators', () => {
    expect(ask('周期', small)).toEqual({ kind: 'search', query: '周期', candidates: [{ number: 1, score: 0.693 }], confident: false });
  });

  it('needs three quarters of the question, or half with 指标/数据', () => {
    expect(ask('发明审查', small)).toEqual(indicator('发明审查', [1]));
    expect(ask('商标审查', small)).toMatchObject({ kind: 'unknown' });
    expect(ask('商标审查指标', small)).toEqual(indicator('商标审查', [2]));
    expect(ask('商标审查数据', small)).toEqual(indicator('商标审查', [2]));
    expect(ask('商标周期指标', small)).toMatchObject({ kind: 'unknown' });
  });
});
