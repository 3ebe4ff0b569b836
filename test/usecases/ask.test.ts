import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_MAX_BYTES, CARD_MAX_COMPONENTS, cardBytes, countComponents } from '../../src/cards/limits.ts';
import { answerQuestion, createAskCache, type AskResult } from '../../src/usecases/ask.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { ASK_NOW, seedAskScenario, TZ } from '../support/seed-reports.ts';

const TABLES = ['plans', 'tasks', 'departments', 'department_aliases', 'people', 'rounds', 'reports', 'current_status', 'indicator_values', 'processed_events', 'sent_messages'];

async function rowCounts(db: TestDb['db']): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = (await db.execute(sql.raw(`select count(*)::int as n from ${t}`))) as unknown as { rows: { n: number }[] };
    out[t] = r.rows[0]!.n;
  }
  return out;
}

describe('answering questions from Postgres (seed plan with reports, round 2021-W23)', () => {
  let t: TestDb;
  let before: Record<string, number>;
  const cache = createAskCache();
  const ask = (q: string): Promise<AskResult> => answerQuestion(t.db, q, { now: ASK_NOW, timezone: TZ, cache, asker: 'operator' });

  beforeAll(async () => {
    t = await createTestDb('ask');
    await seedAskScenario(t.db);
    before = await rowCounts(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('任务5进展？ shows title, section, deadline and every department with status, progress, reporter, time, note and trend', async () => {
    const r = await ask('@_user_1 任务5进展？');
    expect(r.intent).toEqual({ kind: 'task', number: 5 });
    expect(r.text).toContain('任务5：持续提升知识产权审查质量和效率');
    expect(r.text).toContain('所属部分：三、大力提升知识产权创造质量，推动高质量发展');
    expect(r.text).toContain('完成时限：年内有阶段性成果（2021-12-31）');
    expect(r.text).toContain('- 条法司（牵头）：正常推进，进度 60%');
    expect(r.text).toContain('填报：张三，2021-06-08 10:30');
    expect(r.text).toContain('备注：＜at id=all＞＜/at＞ 审查指南**初稿**已完成');
    expect(r.text).toContain('近4轮（2021-W20、2021-W21、2021-W22、2021-W23）：正常推进 → 存在风险 → 受阻 → 正常推进');
    // a gap in the middle, and a department that never reported
    expect(r.text).toContain('- 专利局审查部（配合）：正常推进，进度 25%');
    expect(r.text).toContain('正常推进 → 未填报 → 正常推进 → 未填报');
    expect(r.text).toContain('- 专利局自动化部（配合）：未填报');
    // the edited report counts, not the first version
    expect(r.text).toContain('- 商标局（配合）：存在风险，进度 30%');
    expect(r.text).toContain('未填报 → 未填报 → 未填报 → 存在风险');
    expect(r.text).toContain('总体状态：存在风险');
  });

  it('escapes the note in the card so <at id=all> and markdown show as typed', async () => {
    const r = await ask('任务5');
    const json = JSON.stringify(r.card);
    expect(json).not.toContain('<at id=all>');
    expect(json).toContain('&lt;at id=all&gt;&lt;/at&gt; 审查指南&#42;&#42;初稿&#42;&#42;已完成');
    expect(r.card).toMatchObject({ schema: '2.0', header: { title: { content: '任务5：持续提升知识产权审查质量和效率' }, template: 'orange' } });
  });

  it.each(['第5项', '5号任务', '#5', '任务五', '任务５'])('%s is the same answer as 任务5', async (q) => {
    expect((await ask(q)).text).toBe((await ask('任务5')).text);
  });

  it('第十二项 and 二十二 reach tasks 12 and 22', async () => {
    expect((await ask('第十二项')).text).toMatch(/^任务12：完善知识产权转化运用机制/);
    expect((await ask('二十二')).text).toMatch(/^任务22：加大知识产权人才培养力度/);
  });

  it('a task number beyond the plan says how many tasks there are', async () => {
    const r = await ask('任务99');
    expect(r.answer.kind).toBe('task_not_found');
    expect(r.text).toContain('本计划共有 22 项任务');
  });

  it('专利导航进展 answers task 8 directly', async () => {
    const r = await ask('专利导航进展');
    expect(r.answer.kind).toBe('task');
    expect(r.text).toMatch(/^任务8：深化专利导航和专利奖评选工作/);
    expect(r.text).toContain('备注：专利导航指南宣贯');
  });

  it('地理标志 is ambiguous: three candidates, best first, with their status', async () => {
    const r = await ask('地理标志');
    expect(r.answer.kind).toBe('candidates');
    const lines = r.text.split('\n').filter((l) => l.startsWith('- 任务'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^- 任务14：壮大知识产权密集型产业（未启动，0%）/);
  });

  it('保护司的任务 lists its tasks with their overall status', async () => {
    const r = await ask('保护司的任务');
    expect(r.text).toMatch(/^保护司负责的任务（共 7 项任务、2 项工作要点/);
    expect(r.text).toContain('- 任务4：加快推进知识产权法治实施体系｜受阻，10%');
    expect(r.text).toContain('- 任务20：维护知识产权领域国家安全｜存在风险，45%');
    // its key points after the tasks, by their own numbers
    expect(r.text.trim().split('\n').slice(-2).map((l) => l.split('：')[0])).toEqual(['- 工作要点5', '- 工作要点8']);
  });

  it('运用司 (an alias) lists 运用促进司 tasks, including a done one', async () => {
    const r = await ask('运用司');
    expect(r.text).toMatch(/^运用促进司负责的任务（共 11 项任务、2 项工作要点/);
    expect(r.text).toContain('- 任务2：更高标准推进知识产权强国建设试点工作｜已完成，100%');
  });

  it('哪些任务有风险 lists tasks where any department is at risk, naming it', async () => {
    const r = await ask('哪些任务有风险');
    expect(r.text.split('\n').slice(1)).toEqual([
      '- 任务5：持续提升知识产权审查质量和效率｜存在风险，29%（存在风险：商标局）',
      '- 任务20：维护知识产权领域国家安全｜存在风险，45%（存在风险：保护司）',
    ]);
  });

  it('受阻 lists the blocked task', async () => {
    expect((await ask('哪些任务受阻')).text).toBe('受阻的任务（共 1 项：受阻 1）\n- 任务4：加快推进知识产权法治实施体系｜受阻，10%');
  });

  it('逾期 and 预警 in June: none yet', async () => {
    expect((await ask('逾期')).text).toContain('目前没有逾期的任务');
    expect((await ask('预警')).text).toContain('目前没有临近截止的任务');
  });

  it('已完成的任务 lists the tasks every department reported done', async () => {
    const r = await ask('已完成的任务');
    expect(r.text).toContain('- 任务2：');
    expect(r.text).toContain('- 任务19：');
    expect(r.text.match(/- 任务/g)).toHaveLength(2);
  });

  it('谁还没填报 lists the departments missing tasks in this round, with what is missing', async () => {
    const r = await ask('谁还没填报？');
    expect(r.text).toMatch(/^本轮（2021-W23）13 个部门中有 13 个尚未填完：/);
    expect(r.text).toContain('- 专利局自动化部：全部 2 项未填报（缺：任务 1、5）');
    expect(r.text).toContain('- 保护司：已填 2/7 项（缺：任务 1、6、9、10、11）');
  });

  it('审查周期 shows the three cycle indicators with targets in words and the latest value, who and when', async () => {
    const r = await ask('审查周期');
    expect(r.text).toContain('- 发明专利审查周期：目标 ≤ 18.5 个月（不超过）；最新值 18.4 个月（已达标），王五，2021-06-08 10:00');
    expect(r.text).toContain('- 高价值发明专利审查周期：目标 ≤ 14 个月（不超过）；最新值 暂无填报');
    expect(r.text).toContain('- 商标注册平均审查周期：目标 = 4 个月（稳定在）');
  });

  it('质押融资 shows its target even with nothing reported', async () => {
    expect((await ask('质押融资')).text).toBe('指标：\n- 专利商标质押融资规模：目标 ≥ 2400 亿元（不低于）；最新值 暂无填报');
  });

  it('本周汇总 gives counts by status, the response rate and what needs attention', async () => {
    const r = await ask('本周汇总');
    expect(r.text).toContain('任务：共 22 项，未启动 16 · 正常推进 1 · 存在风险 2 · 受阻 1 · 已完成 2');
    expect(r.text).toContain('填报（2021-W23）：0/13 个部门已填完（0%）');
    expect(r.text).toContain('- 任务4：加快推进知识产权法治实施体系｜受阻，10%');
  });

  it('帮助 explains what it can do, with examples', async () => {
    const r = await ask('帮助');
    for (const example of ['任务5进展？', '专利导航', '保护司的任务', '哪些任务有风险', '谁还没填报', '审查周期', '本周汇总']) {
      expect(r.text).toContain(example);
    }
  });

  it('a question it does not understand gets a short help card with suggestions as buttons, never silence', async () => {
    const r = await ask('今天中午吃什么');
    expect(r.answer.kind).toBe('unknown');
    expect(r.text).toContain('没有完全理解“今天中午吃什么”');
    expect(r.text).toContain('任务5进展？');
    expect(JSON.stringify(r.card)).toContain('可以这样问');
    expect(JSON.stringify(r.card)).toContain('"value":{"kind":"ask","question":"本周汇总"}');
  });

  it('every answer is a Card 2.0 within 30 KB and 200 components, and the text has no markdown or tags', async () => {
    const questions = ['任务1', '任务5', '地理标志', '运用司', '哪些任务有风险', '谁还没填报', '审查周期', '指标', '本周汇总', '帮助', '？？', '<at id=all></at>'];
    for (const q of questions) {
      const r = await ask(q);
      expect(r.card.schema, q).toBe('2.0');
      expect(cardBytes(r.card), q).toBeLessThanOrEqual(CARD_MAX_BYTES);
      expect(countComponents(r.card), q).toBeLessThanOrEqual(CARD_MAX_COMPONENTS);
      expect(r.text.length, q).toBeGreaterThan(0);
      expect(r.text, q).not.toMatch(/[<>]/);
    }
  });

  it('answering writes nothing', async () => {
    expect(await rowCounts(t.db)).toEqual(before);
  });
});
