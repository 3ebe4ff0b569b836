import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rounds } from '../../src/db/schema/index.ts';
import { answerQuestion, createAskCache } from '../../src/usecases/ask.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { addAlias, addReport, addRound, importSeed, TZ } from '../support/seed-reports.ts';

describe('answers that depend on what exists yet', () => {
  let t: TestDb;
  let planId: number;
  const cache = createAskCache();
  const cacheFilled = () => cache.statuses !== null;
  const ask = (q: string, now = new Date('2021-06-09T02:30:00Z')) => answerQuestion(t.db, q, { now, timezone: TZ, cache, asker: 'operator' });

  beforeAll(async () => {
    t = await createTestDb('ask_edge');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('with no plan imported, says so in Chinese for any question', async () => {
    const r = await ask('任务5进展？');
    expect(r.intent).toBeNull();
    expect(r.answer.kind).toBe('no_plan');
    expect(r.text).toContain('还没有导入工作计划');
    expect(r.card).toMatchObject({ schema: '2.0' });
  });

  it('with a plan but no round for this week, 谁还没填报 says the round has not opened', async () => {
    planId = await importSeed(t.db);
    const r = await ask('谁还没填报');
    expect(r.text).toBe('本周尚未开启填报。');
    expect((await ask('本周汇总')).text).toContain('填报：本周尚未开启填报');
  });

  it('a task nobody reported shows every department as 未填报 and no trend when there are no rounds', async () => {
    const r = await ask('任务3');
    expect(r.text).toContain('- 条法司（牵头）：未填报');
    expect(r.text).not.toContain('近');
  });

  it('in January of the next year every unfinished task is 逾期; a done one is not', async () => {
    const w52 = await addRound(t.db, planId, '2021-W52');
    await addReport(t.db, planId, { task: 3, department: '条法司', roundId: w52, status: 'done', progress: 100, reporter: 'ou_x', reportedAt: new Date('2021-12-28T02:00:00Z') });
    const r = await ask('哪些任务逾期了', new Date('2022-01-05T02:00:00Z'));
    expect(r.text).toMatch(/^逾期的任务（共 21 项/);
    expect(r.text).not.toContain('任务3：');
    const task1 = await ask('任务1', new Date('2022-01-05T02:00:00Z'));
    expect(task1.text).toContain('完成时限：年底前完成（2021-12-31）（逾期）');
    expect(task1.card).toMatchObject({ header: { text_tag_list: [{ text: { content: '逾期' }, color: 'red' }] } });
  });

  it('in December the unfinished tasks are 预警', async () => {
    const r = await ask('预警', new Date('2021-12-10T02:00:00Z'));
    expect(r.text).toMatch(/^临近截止（预警）的任务（共 21 项/);
  });

  it('picks up a new alias without restarting (the cached context is checked every question)', async () => {
    expect((await ask('促进司')).answer.kind).not.toBe('department');
    await addAlias(t.db, '促进司', '运用促进司');
    expect((await ask('促进司')).text).toMatch(/^运用促进司负责的任务/);
  });

  it('a reply stored after an answer shows in the next one (cached statuses are checked against the data every question)', async () => {
    const before = await ask('本周汇总');
    expect(cacheFilled()).toBe(true);
    expect((await ask('受阻')).text).toContain('目前没有受阻的任务');
    const w52 = (await t.db.select({ id: rounds.id }).from(rounds).where(eq(rounds.key, '2021-W52')))[0]!.id;
    await addReport(t.db, planId, { task: 7, department: '运用促进司', roundId: w52, status: 'blocked', progress: 5, reporter: 'ou_x', reportedAt: new Date('2021-06-09T01:00:00Z') });
    expect((await ask('受阻')).text).toContain('- 任务7：提高创新主体知识产权管理能力｜受阻，5%');
    const after = await ask('本周汇总');
    expect(after.text).not.toBe(before.text);
    expect(after.text).toContain('受阻 1');
    expect((await ask('运用促进司的任务')).text).toContain('- 任务7：提高创新主体知识产权管理能力｜受阻，5%');
  });
});
