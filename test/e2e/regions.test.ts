import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { cardBytes, componentNames, countComponents } from '../../src/cards/limits.ts';
import { answerQuestion } from '../../src/usecases/ask.ts';
import { TIMEZONE } from '../support/seeded-round.ts';
import { loadPlanView, type PlanView } from '../../src/db/repositories/plan-view.repository.ts';
import { currentStatus, reports, rounds } from '../../src/db/schema/index.ts';
import { startWorld, waitFor, type World } from '../support/world.ts';

// Issue 15: the regional offices are reporting units with cards of their own, and the body's
// key points are tracked on the responsible units' cards.
describe('regional offices on the seed plan', () => {
  let w: World;
  let view: PlanView;
  let roundId: number;
  const GD = '广东省知识产权局';
  const region = (name: string) => w.directory.regions.find((r) => r.name === name)!;
  const unitId = (name: string) => [...view.tasks, ...view.keyPoints].flatMap((t) => [...t.departments, ...t.regions]).find((d) => d.name === name)!.departmentId;
  const text = (card: unknown) => JSON.stringify(card);

  beforeAll(async () => {
    w = await startWorld('regions');
    view = (await loadPlanView(w.db.db))!;
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it('stores the ten key points, key point 3 for 运用促进司 and every region', () => {
    expect(view.tasks).toHaveLength(22);
    expect(view.keyPoints.map((k) => k.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const kp3 = view.keyPoints[2]!;
    expect(kp3.departments.map((d) => d.name)).toEqual(['运用促进司']);
    expect(kp3.regions).toHaveLength(34);
    expect(view.keyPoints[7]!.departments.map((d) => d.name)).toEqual(['国际合作司', '保护司']);
    // no department is named after the placeholder
    expect(view.keyPoints.flatMap((k) => k.departments).some((d) => d.name === '各地方知识产权局')).toBe(false);
  });

  it('opening the round sends 13 department cards and 34 regional cards, within Lark’s rate limits', async () => {
    const since = w.fake.calls.length;
    const line = await w.step('open_round');
    expect(line).toContain('13 个部门、34 个地区');
    const [round] = await w.db.db.select().from(rounds);
    roundId = round!.id;
    const chats = [...w.directory.departments, ...w.directory.regions].map((d) => d.chatId!);
    expect(chats).toHaveLength(47);
    await waitFor('47 cards', () => chats.every((c) => w.fake.state.messagesIn(c).length > 0), 30_000);
    await w.idle(); // every page of every card delivered
    // the outbox kept below Lark's limits: no call refused for frequency, ≤ 5/s into a chat, ≤ 50/s app-wide, each page once
    const creates = w.fake.calls.slice(since).filter((c) => c.route === 'create');
    expect(creates.filter((c) => c.status === 429 || c.code === 230020)).toEqual([]);
    const sent = creates.filter((c) => c.status === 200);
    expect(new Set(sent.map((c) => c.uuid)).size).toBe(sent.length);
    expect(sent.length).toBeGreaterThanOrEqual(47);
    const peak = (ms: number[]) => Math.max(0, ...ms.map((t) => ms.filter((u) => u >= t && u < t + 1000).length));
    expect(peak(sent.map((c) => c.ms))).toBeLessThanOrEqual(50);
    for (const c of chats) expect(peak(sent.filter((x) => x.chatId === c).map((x) => x.ms)), c).toBeLessThanOrEqual(5);
    // every page of every unit's card within Lark's limits (30 KB, 200 components)
    for (const c of chats) {
      for (const m of w.fake.state.messagesIn(c)) {
        expect(cardBytes(m.card), c).toBeLessThanOrEqual(30 * 1024);
        expect(countComponents(m.card), c).toBeLessThanOrEqual(200);
      }
    }
  });

  it("广东省知识产权局's card shows task 1's 各地区 measure and key points 2, 3 and 10, each with its own form", async () => {
    const cards = w.fake.state.messagesIn(region(GD).chatId!).map((m) => m.card);
    const all = cards.map(text).join('');
    expect(all).toContain('要制定本地区落实知识产权强国战略的配套文件');
    expect(all).not.toContain('配合做好知识产权强国战略印发实施'); // the bureau's measure is not the region's
    const ids = cards.flatMap((c) => componentNames(c)).filter((n) => /^form_\d+$/.test(n)).map((n) => Number(n.slice(5)));
    const kps = view.keyPoints.filter((k) => ids.includes(k.id)).map((k) => k.number);
    expect(kps).toEqual([2, 3, 10]);
    const tasks = view.tasks.filter((t) => ids.includes(t.id)).map((t) => t.number);
    // every task with a 各地区 measure, plus 19 (有条件的地区) since 广东 opted in
    expect(tasks).toEqual([1, 2, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22]);
    expect(all).toContain('工作要点3');
  });

  it('a region that did not opt in gets no 有条件的地区 task', () => {
    const cards = w.fake.state.messagesIn(region('天津市知识产权局').chatId!).map((m) => m.card);
    const ids = cards.flatMap((c) => componentNames(c)).filter((n) => /^form_\d+$/.test(n)).map((n) => Number(n.slice(5)));
    expect(view.tasks.filter((t) => ids.includes(t.id)).map((t) => t.number)).not.toContain(19);
    expect(cards.map(text).join('')).not.toContain('出台相应的知识产权强省战略');
  });

  it("a region's reporter submits task 1 and it is stored", async () => {
    const gd = region(GD);
    const t1 = view.tasks[0]!.id;
    const res = await w.cardAction({
      operator: gd.reporters![0]!.openId,
      chatId: gd.chatId!,
      value: { kind: 'report', planId: view.plan.id, roundId, departmentId: unitId(GD), taskId: t1 },
      formValue: { [`status_${t1}`]: 'on_track', [`progress_${t1}`]: '40', [`note_${t1}`]: '配套文件已起草' },
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('success');
    const rows = await waitFor('stored', async () => {
      const r = await w.db.db.select().from(currentStatus).where(and(eq(currentStatus.taskId, t1), eq(currentStatus.departmentId, unitId(GD))));
      return r.length ? r : null;
    });
    expect(rows[0]!.progress).toBe(40);
  });

  it("an outsider's submission for a region is refused and nothing is written", async () => {
    const gd = region(GD);
    const t2 = view.tasks[1]!.id;
    const before = (await w.db.db.select().from(reports)).length;
    const res = await w.cardAction({
      operator: 'ou_outsider_0001',
      chatId: gd.chatId!,
      value: { kind: 'report', planId: view.plan.id, roundId, departmentId: unitId(GD), taskId: t2 },
      formValue: { [`status_${t2}`]: 'on_track', [`progress_${t2}`]: '10' },
    });
    expect(JSON.stringify(res.body)).toContain('您不是「广东省知识产权局」的填报人');
    await new Promise((r) => setTimeout(r, 300));
    expect((await w.db.db.select().from(reports)).length).toBe(before);
  });

  it("a region cannot report a task it does not follow (task 3 has no 各地区 measure)", async () => {
    const gd = region(GD);
    const t3 = view.tasks[2]!.id;
    const before = (await w.db.db.select().from(reports)).length;
    const res = await w.cardAction({
      operator: gd.reporters![0]!.openId,
      chatId: gd.chatId!,
      value: { kind: 'report', planId: view.plan.id, roundId, departmentId: unitId(GD), taskId: t3 },
      formValue: { [`status_${t3}`]: 'on_track', [`progress_${t3}`]: '10' },
    });
    expect(JSON.stringify(res.body)).toContain('该任务不属于「广东省知识产权局」');
    await new Promise((r) => setTimeout(r, 300));
    expect((await w.db.db.select().from(reports)).length).toBe(before);
  });

  const ask = (text: string) => answerQuestion(w.db.db, text, { now: w.now(), timezone: TIMEZONE, asker: 'operator' });

  it('「广东的进展」 and 「广东省知识产权局填报情况」 list the tasks 广东 follows with its own report', async () => {
    for (const q of ['广东的进展', '广东省知识产权局填报情况']) {
      const a = await ask(q);
      expect(a.answer.kind, q).toBe('department');
      expect(a.text, q).toContain('广东省知识产权局');
      expect(a.text, q).toMatch(/任务1：.*正常推进，40%/);
      expect(a.text, q).toContain('任务19'); // opted in to 有条件的地区
      expect(a.text, q).not.toContain('任务3：');
    }
  });

  it('「各地区填报情况」 lists the regions that have not reported everything, out of 34, within card limits', async () => {
    const a = await ask('各地区填报情况');
    expect(a.answer).toMatchObject({ kind: 'not_reported', totalDepartments: 34 });
    expect(a.text).toContain('天津市知识产权局');
    expect(a.text).not.toContain('运用促进司');
    // a region's wording: 地区, never 部门; its missing key points by their own numbers
    expect(a.text).toContain('34 个地区中有 34 个尚未填完');
    expect(a.text).not.toContain('部门');
    expect(JSON.stringify(a.card)).toContain('本轮未填报的地区');
    expect(JSON.stringify(a.card)).not.toContain('部门');
    expect(a.text).toMatch(/广东省知识产权局：已填 1\/22 项（缺：任务 2、4、[^）]*；工作要点 2、3、10）/);
    expect(countComponents(a.card)).toBeLessThanOrEqual(200);
    expect(cardBytes(a.card)).toBeLessThanOrEqual(30 * 1024);
  });

  it('「任务1各地区」 shows the regions in counts, not 34 lines; a task no region follows has no such line', async () => {
    const a = await ask('任务1各地区');
    expect(a.answer.kind).toBe('task');
    expect(a.text).toContain('各地区：34 个，本轮已填报 1 个；存在风险 0、受阻 0、已完成 0');
    expect(a.text).not.toContain('天津市知识产权局');
    expect(JSON.stringify(a.card)).toContain('各地区：34 个');
    const t3 = await ask('任务3');
    expect(t3.text).not.toContain('各地区：');
  });

  it('「要点3」「工作要点三」「第三项要点」 answer key point 3: 运用促进司 as for a task, the regions in counts', async () => {
    for (const q of ['要点3', '工作要点三', '第三项要点', '要点3进展']) {
      const a = await ask(q);
      expect(a.answer.kind, q).toBe('task');
      expect(a.text, q).toContain('工作要点3：高标准推进知识产权强国建设试点示范工作');
      expect(a.text, q).toContain('运用促进司（牵头）');
      expect(a.text, q).toContain('各地方知识产权局：34 个，本轮已填报 0 个');
      expect(a.text, q).not.toContain('天津市知识产权局');
      expect(JSON.stringify(a.card), q).toContain('1 个责任部门、34 个地区');
      expect(cardBytes(a.card)).toBeLessThanOrEqual(30 * 1024);
    }
    // the annex's task 3 is another item
    expect((await ask('任务3')).text).toContain('任务3：');
  });

  it('a key point only the regions carry (要点2) is answered from them; 要点11 does not exist', async () => {
    const a = await ask('要点2');
    expect(a.text).toContain('工作要点2：因地制宜设置地方“十四五”指标体系');
    expect(a.text).not.toContain('责任部门：');
    expect(JSON.stringify(a.card)).toContain('各地方知识产权局负责（34 个）');
    const none = await ask('要点11');
    expect(none.text).toContain('没有要点11：本计划共有 10 项工作要点（要点1–10）');
  });

  it('「工作要点」 lists the ten key points, one line each, within card limits', async () => {
    const a = await ask('工作要点');
    expect(a.answer).toMatchObject({ kind: 'key_points', all: true });
    for (let n = 1; n <= 10; n++) expect(a.text).toContain(`工作要点${n}：`);
    expect(a.text).toContain('各地区已填报 0/34');
    expect(cardBytes(a.card)).toBeLessThanOrEqual(30 * 1024);
    const two = await ask('要点3、8');
    expect(two.text.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(2);
  });

  it("「广东的进展」 lists 广东's key points after its tasks, in a region's words", async () => {
    const a = await ask('广东的进展');
    expect(a.text).toContain('广东省知识产权局需落实的任务和工作要点');
    expect(a.text).not.toContain('部门');
    const lines = a.text.split('\n').filter((l) => l.startsWith('- '));
    expect(lines.slice(-3).map((l) => l.split('：')[0])).toEqual(['- 工作要点2', '- 工作要点3', '- 工作要点10']);
    expect(lines[0]).toMatch(/^- 任务1：/);
  });

  it("a department's answer lists its key points after its tasks (保护司: 要点5, 要点8)", async () => {
    const a = await ask('保护司的任务');
    expect(a.text).toContain('工作要点5：健全知识产权保护政策');
    expect(a.text).toContain('工作要点8：深化知识产权国际合作');
  });

  it('the digest shows the regional response rate and the regions not reported, compactly, within card limits', async () => {
    const lead = w.directory.leadership[0]!.chatId;
    const before = w.fake.state.messagesIn(lead).length;
    await w.step('digest');
    const card = await waitFor('digest', () => w.fake.state.messagesIn(lead)[before]?.card);
    const text = JSON.stringify(card);
    expect(text).toContain('**各地区**：应填报 34 个，已全部填报 0 个（0%），部分填报 1 个。');
    expect(text).toMatch(/地区未填报（33）：[^"]*等 33 个地区/);
    // the key points in their own compact part: nobody reported one yet; 1 of 10 × (units) answered
    expect(text).toContain('**工作要点**（10 项）：已完成 0｜正常推进 0｜受阻 0｜风险 0｜未启动 0｜未填报 10');
    expect(text).toMatch(/本轮各责任单位已填报 0\/\d+ 项次（含各地区）/);
    expect(cardBytes(card)).toBeLessThanOrEqual(30 * 1024);
  });

  it('reminders reach the regions that have not reported', async () => {
    const before = w.fake.state.messagesIn(region(GD).chatId!).length;
    const line = await w.step('remind');
    expect(line).toContain('天津市知识产权局');
    // 广东's reminder names its tasks, then its key points by their own numbers
    const card = await waitFor('reminder', () => w.fake.state.messagesIn(region(GD).chatId!)[before]?.card);
    const text = JSON.stringify(card);
    expect(text).toContain('催办：广东省知识产权局');
    expect(text).toMatch(/· 任务22 [^"]*· 工作要点2 [^"]*· 工作要点3 [^"]*· 工作要点10 /);
    expect(text).not.toContain('任务1 '); // reported this round
  });
});
