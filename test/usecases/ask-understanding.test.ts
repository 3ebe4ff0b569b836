import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, createAskCache, type AskResult } from '../../src/usecases/ask.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { ASK_NOW, seedAskScenario, TZ } from '../support/seed-reports.ts';

const TABLES = ['plans', 'tasks', 'departments', 'department_aliases', 'rounds', 'reports', 'current_status', 'indicator_values', 'sent_messages'];

async function rowCounts(db: TestDb['db']): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = (await db.execute(sql.raw(`select count(*)::int as n from ${t}`))) as unknown as { rows: { n: number }[] };
    out[t] = r.rows[0]!.n;
  }
  return out;
}

const buttons = (card: Record<string, unknown>): unknown[] =>
  [...JSON.stringify(card).matchAll(/"value":(\{"kind":"ask","question":"[^"]*"\})/g)].map((m) => JSON.parse(m[1]!));

// The examples of issue 21, answered from Postgres as a person would expect.
describe('questions as people type them (issue 21), answered from the seed plan', () => {
  let t: TestDb;
  let before: Record<string, number>;
  const cache = createAskCache();
  const ask = (q: string): Promise<AskResult> => answerQuestion(t.db, q, { now: ASK_NOW, timezone: TZ, cache, asker: 'operator' });

  beforeAll(async () => {
    t = await createTestDb('ask_understanding');
    await seedAskScenario(t.db);
    before = await rowCounts(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it.each([['任务1、2'], ['任务1,2进展'], ['任务1 2'], ['任务1，2']])('%s gives tasks 1 and 2, never task 12', async (q) => {
    const r = await ask(q);
    expect(r.answer).toMatchObject({ kind: 'tasks', missing: [] });
    expect(r.text).toContain('任务1：配合做好知识产权强国战略纲要');
    expect(r.text).toContain('任务2：更高标准推进知识产权强国建设试点工作');
    expect(r.text).not.toContain('任务12');
    expect(buttons(r.card)).toEqual([{ kind: 'ask', question: '任务1' }, { kind: 'ask', question: '任务2' }]);
  });

  it('第2、3项 gives tasks 2 and 3; 看下任务3和任务4 gives both', async () => {
    expect((await ask('第2、3项')).answer).toMatchObject({ kind: 'tasks', tasks: [{ number: 2 }, { number: 3 }] });
    const r = await ask('看下任务3和任务4');
    expect(r.answer).toMatchObject({ kind: 'tasks', tasks: [{ number: 3 }, { number: 4, status: 'blocked' }] });
    expect(r.card).toMatchObject({ header: { title: { content: '任务3、任务4' } } });
  });

  it('several numbers where one does not exist show the others and say which is missing', async () => {
    const r = await ask('任务21、99');
    expect(r.answer).toMatchObject({ kind: 'tasks', tasks: [{ number: 21 }], missing: [99] });
    expect(r.text).toContain('没有任务99：本计划共有 22 项任务');
  });

  it('an ambiguous topic asks back with the candidates as buttons instead of guessing', async () => {
    const r = await ask('公共服务那个');
    expect(r.answer.kind).toBe('candidates');
    expect((r.card as { config: { summary: { content: string } } }).config.summary.content).toMatch(/^您是指：任务16／任务17(／任务\d+)?？$/);
    expect(buttons(r.card).slice(0, 2)).toEqual([{ kind: 'ask', question: '任务16' }, { kind: 'ask', question: '任务17' }]);
  });

  it('a year that is not the active plan says which plans exist, and does not answer the 2021 task 3', async () => {
    const r = await ask('2022年指引里的任务3');
    expect(r.intent).toEqual({ kind: 'other_plan', year: 2022 });
    expect(r.text).toContain('没有 2022 年的计划');
    expect(r.text).toContain('2021 年：《推动知识产权高质量发展年度工作指引（2021）》（当前）');
    expect(r.text).not.toContain('加快推进相关法律制度制修订工作');
    expect((await ask('2021年的任务3')).text).toMatch(/^任务3：加快推进相关法律制度制修订工作/);
  });

  it('商标审查周期现在几个月 is the trademark indicator, not task 5', async () => {
    const r = await ask('商标审查周期现在几个月');
    expect(r.answer).toMatchObject({ kind: 'indicators', indicators: [{ name: '商标注册平均审查周期' }] });
  });

  it.each([
    ['2400亿那个指标', '专利商标质押融资规模'], ['要压到14个月的那个', '高价值发明专利审查周期'], ['发明专利审查时长现在多少', '发明专利审查周期'],
  ])('%s names the indicator %s', async (q, name) => {
    const r = await ask(q);
    expect(r.answer).toMatchObject({ kind: 'indicators', indicators: [{ name }] });
  });

  it.each(['这周总体情况', '给我一个汇总', '周报发我看看'])('%s is the summary', async (q) => {
    expect((await ask(q)).answer.kind).toBe('digest');
  });

  it.each([
    ['专利审查指南修改到哪了', 3], ['加入海牙协定那个进展咋样', 18], ['开放许可那项', 12], ['人才培养那个任务谁负责', 22], ['T9', 9], ['人物5', 5],
  ])('%s answers task %i', async (q, n) => {
    const r = await ask(q);
    expect(r.answer).toMatchObject({ kind: 'task', task: { number: n } });
  });

  it('列一下 lists every task; 亮红灯 the tasks at risk or blocked; 卡住的 the blocked; 办结 the done', async () => {
    expect((await ask('列一下')).answer).toMatchObject({ kind: 'list', filter: 'all' });
    expect(((await ask('列一下')).answer as { tasks: unknown[] }).tasks).toHaveLength(22);
    const red = await ask('亮红灯的有哪些');
    expect(red.answer).toMatchObject({ kind: 'list', filter: 'red' });
    expect((red.answer as { tasks: { number: number }[] }).tasks.map((x) => x.number)).toEqual([4, 5, 20]);
    expect((await ask('卡住的任务')).answer).toMatchObject({ kind: 'list', filter: 'blocked', tasks: [{ number: 4 }] });
    expect((await ask('已经办结的')).answer).toMatchObject({ kind: 'list', filter: 'done', tasks: [{ number: 2 }, { number: 19 }] });
    const open = (await ask('还有哪些没完成')).answer as { kind: string; tasks: { number: number }[] };
    expect(open.kind).toBe('list');
    expect(open.tasks.map((x) => x.number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1).filter((n) => n !== 2 && n !== 19));
  });

  it('没交 is who has not reported; 条法司干啥的 is that department’s tasks', async () => {
    expect((await ask('哪些没交')).answer.kind).toBe('not_reported');
    expect((await ask('条法司干啥的')).answer).toMatchObject({ kind: 'department', name: '条法司' });
  });

  it('a question it cannot place offers the closest tasks as buttons', async () => {
    const r = await ask('那个关于专利密集的什么来着');
    expect(r.answer.kind === 'unknown' || r.answer.kind === 'candidates' || r.answer.kind === 'task').toBe(true);
    const nonsense = await ask('中午吃啥');
    expect(nonsense.answer.kind).toBe('unknown');
    expect(buttons(nonsense.card).length).toBeGreaterThanOrEqual(3);
  });

  it('none of these questions writes anything', async () => {
    expect(await rowCounts(t.db)).toEqual(before);
  });
});
