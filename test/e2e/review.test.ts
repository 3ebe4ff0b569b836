import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { componentNames } from '../../src/cards/limits.ts';
import { loadPlanView, type PlanView } from '../../src/db/repositories/plan-view.repository.ts';
import { completionReviews, currentStatus, deadlineExtensions, reports, rounds, tasks } from '../../src/db/schema/index.ts';
import type { FakeMessage } from '../../src/simulator/index.ts';
import { answerQuestion } from '../../src/usecases/ask.ts';
import { composeDigest } from '../../src/usecases/digest.ts';
import { exportReport } from '../../src/usecases/export-report.ts';
import { TIMEZONE } from '../support/seeded-round.ts';
import { startWorld, waitFor, type World } from '../support/world.ts';

// 延期申请 and 办结审核 (issue 18, items 1 and 2) end to end against the fake Lark, Postgres and
// Redis: the request on the round card, the decision on the approver's card, and its effect on
// 预警/逾期, the task's answer, the digest and the exports. On 2021-12-06 every task (due
// 2021-12-31) is within its last 30 days: 预警.
describe('延期申请 and 办结审核 end to end', () => {
  let w: World;
  let view: PlanView;
  let roundId: number;
  let earlier: Set<string>;
  const ZHANG = 'ou_yycjs_0001'; // 运用促进司 reporter
  const LI = 'ou_yycjs_0002'; // 运用促进司 reporter and its designated approver
  const SUN = 'ou_zlghs_0001'; // 战略规划司 reporter (lead of task 6)
  const ZHOU = 'ou_bhs_0001'; // 保护司 reporter
  const ADMIN = 'ou_admin_0001';
  const YGS_CHAT = 'oc_dept_yycjs';
  const ZLGHS_CHAT = 'oc_dept_zlghs';

  const task = (n: number) => view.tasks.find((t) => t.number === n)!;
  const deptId = (name: string) => view.tasks.flatMap((t) => t.departments).find((d) => d.name === name)!.departmentId;
  const eventId = () => `ev_${randomBytes(6).toString('hex')}`;
  const p2p = (openId: string) => w.fake.state.p2pChatFor(openId).chat_id;
  const newIn = (chatId: string): FakeMessage[] => w.fake.state.messagesIn(chatId).filter((m) => !earlier.has(m.message_id));
  const cardText = (m: FakeMessage | undefined) => JSON.stringify(m?.card ?? null);
  const ask = async (q: string, now = w.now()) => (await answerQuestion(w.db.db, q, { now, timezone: TIMEZONE, asker: { openId: ADMIN } })).text;
  const localNoon = (date: string) => new Date(`${date}T04:00:00Z`);
  const counts = async () => ({
    extensions: (await w.db.db.select().from(deadlineExtensions)).length,
    reviews: (await w.db.db.select().from(completionReviews)).length,
    reports: (await w.db.db.select().from(reports)).length,
    due: (await w.db.db.select({ d: tasks.extendedDueDate }).from(tasks)).filter((t) => t.d !== null).length,
  });
  const statusOf = async (taskNumber: number, dept: string) =>
    (await w.db.db.select().from(currentStatus).where(and(eq(currentStatus.taskId, task(taskNumber).id), eq(currentStatus.departmentId, deptId(dept)))))[0]?.status;
  const report = (n: number, dept: string) => ({ kind: 'report', planId: view.plan.id, roundId, departmentId: deptId(dept), taskId: task(n).id });
  const form = (n: number, f: Record<string, string>) => Object.fromEntries(Object.entries(f).map(([k, v]) => [`${k}_${task(n).id}`, v]));

  /** A card action that must be refused: the answer is an error toast and nothing is queued or written. */
  async function refused(input: Parameters<World['cardAction']>[0], message: RegExp) {
    const before = await counts();
    const id = eventId();
    const answer = await w.cardAction({ ...input, eventId: id });
    expect(answer.status).toBe(200);
    expect(answer.body.toast).toMatchObject({ type: 'error', content: expect.stringMatching(message) });
    expect(await w.inboundJob(id)).toBeUndefined();
    await w.idle();
    expect(await counts()).toEqual(before);
  }

  async function requestExtension(n: number, dept: string, by: string, date: string, reason: string) {
    const value = { kind: 'extension_request', planId: view.plan.id, departmentId: deptId(dept), taskId: task(n).id };
    const answer = await w.cardAction({ operator: by, value, formValue: { extension_date: `${date} +0800`, extension_reason: reason }, chatId: p2p(by) });
    await w.idle();
    return answer;
  }
  const decide = (kind: 'extension_decide' | 'completion_decide', id: number, decision: 'approve' | 'refuse', by: string, comment = '') =>
    w.cardAction({
      operator: by,
      value: kind === 'extension_decide' ? { kind, extensionId: id, decision } : { kind, reviewId: id, decision },
      formValue: { decision_comment: comment },
    });

  beforeAll(async () => {
    w = await startWorld('review', { start: '2021-12-06T10:00:00' });
    view = (await loadPlanView(w.db.db))!;
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });
  beforeEach(async () => {
    await w.idle();
    await w.resetRounds();
    await w.db.db.execute(sql`truncate deadline_extensions`);
    await w.db.db.update(tasks).set({ extendedDueDate: null });
    await w.step('open_round');
    [{ id: roundId }] = (await w.db.db.select({ id: rounds.id }).from(rounds)) as [{ id: number }];
    earlier = new Set(w.fake.messages.map((m) => m.message_id));
  });

  it('申请延期 on the card → the approver agrees → the new due date clears 预警 on the card, in the answer, the digest and the xlsx, with the history', async () => {
    // task 2 is 运用促进司's alone; its designated approver is 李四, so 张三's request goes to him
    const roundCard = await waitFor('运用促进司 card', () => w.fake.state.messagesIn(YGS_CHAT).find((m) => componentNames(m.card).includes(`extend_${task(2).id}`)));
    expect(cardText(roundCard)).toContain('预警');
    const before = await composeDigest(w.db.db, { now: w.now(), timezone: TIMEZONE });
    expect(before.model.deadlineCounts.warning).toBeGreaterThan(0);

    const open = await w.cardAction({ operator: ZHANG, value: { kind: 'extension_open', planId: view.plan.id, departmentId: deptId('运用促进司'), taskId: task(2).id }, chatId: YGS_CHAT, messageId: roundCard.message_id });
    expect(open.body.toast).toMatchObject({ type: 'info', content: expect.stringContaining('私信') });
    await w.idle();
    const formCard = newIn(p2p(ZHANG)).find((m) => cardText(m).includes('延期申请 · 任务2'));
    expect(componentNames(formCard!.card)).toEqual(expect.arrayContaining(['extension_date', 'extension_reason', 'extension_submit']));

    const asked = await requestExtension(2, '运用促进司', ZHANG, '2022-03-31', '试点城市名单待国务院批复');
    expect(asked.body.toast).toMatchObject({ type: 'success', content: expect.stringContaining('2022-03-31') });
    const [ext] = await w.db.db.select().from(deadlineExtensions);
    expect(ext).toMatchObject({ status: 'pending', newDueDate: '2022-03-31', previousDueDate: '2021-12-31', requestedBy: ZHANG });
    const approverCard = newIn(p2p(LI)).find((m) => cardText(m).includes('延期申请审批'));
    expect(cardText(approverCard)).toContain('试点城市名单待国务院批复');
    expect(newIn(p2p(ADMIN)).filter((m) => cardText(m).includes('延期申请审批'))).toHaveLength(0);

    const agreed = await decide('extension_decide', ext!.id, 'approve', LI, '同意，请按期推进');
    expect(agreed.body.toast.type).toBe('success');
    expect(JSON.stringify(agreed.body.card)).toContain('已同意');
    await w.idle();
    expect((await w.db.db.select({ d: tasks.extendedDueDate }).from(tasks).where(eq(tasks.id, task(2).id)))[0]!.d).toBe('2022-03-31');
    expect(cardText(newIn(YGS_CHAT).find((m) => cardText(m).includes('延期申请已同意')))).toContain('2022-03-31');

    // deciding twice does nothing: the answer says who decided, nothing is queued or written
    const again = await decide('extension_decide', ext!.id, 'refuse', ADMIN, '不同意');
    expect(again.body.toast).toMatchObject({ type: 'info', content: expect.stringContaining('无需重复操作') });
    await w.idle();
    expect((await w.db.db.select().from(deadlineExtensions))[0]).toMatchObject({ status: 'approved', decidedBy: LI, comment: '同意，请按期推进' });

    // effects: the task's answer, the department card, the digest, the xlsx
    const answer = await ask('任务2');
    expect(answer).toContain('2022-03-31');
    expect(answer).not.toContain('（预警）');
    expect(answer).toMatch(/运用促进司 张三 .* 申请延期 2021-12-31 → 2022-03-31（理由：试点城市名单待国务院批复）；李四 .* 同意（意见：同意，请按期推进）/);
    await w.resetRounds();
    await w.step('open_round');
    // 逾期 follows the new date too: after 2021-12-31 the task is not overdue until 2022-03-31 has passed
    expect(await ask('任务3', localNoon('2022-01-10'))).toContain('（逾期）');
    expect(await ask('任务2', localNoon('2022-01-10'))).not.toMatch(/（逾期）|（预警）/);
    expect(await ask('任务2', localNoon('2022-04-01'))).toContain('（逾期）');
    const january = (await composeDigest(w.db.db, { now: localNoon('2022-01-10'), timezone: TIMEZONE })).model;
    expect(january.deadlineCounts.overdue).toBe(view.tasks.length - 1);
    const fresh = await waitFor('the new card', () => w.fake.state.messagesIn(YGS_CHAT).filter((m) => !earlier.has(m.message_id)).find((m) => cardText(m).includes('截止 2022-03-31（已延期，原 2021-12-31）')));
    expect(fresh).toBeTruthy();
    const after = await composeDigest(w.db.db, { now: w.now(), timezone: TIMEZONE });
    expect(after.model.deadlineCounts.warning).toBe(before.model.deadlineCounts.warning - 1);
    const dir = mkdtempSync(path.join(tmpdir(), 'duban-review-'));
    try {
      const out = path.join(dir, 'ledger.xlsx');
      await exportReport(w.db.db, { format: 'xlsx', out, now: w.now(), timezone: TIMEZONE });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const ledger = wb.getWorksheet('台账')!;
      const rows: string[] = [];
      ledger.eachRow((r) => rows.push(JSON.stringify(r.values)));
      expect(rows.find((r) => r.includes('"运用促进司"') && r.includes(task(2).title.slice(0, 10)))).toContain('2022-03-31');
      const history: string[] = [];
      wb.getWorksheet('延期与审核')!.eachRow((r) => history.push(JSON.stringify(r.values)));
      expect(history.join('\n')).toMatch(/延期申请.*运用促进司.*张三.*2021-12-31 → 2022-03-31.*试点城市名单待国务院批复.*同意.*李四/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a refused extension leaves the due date and tells the unit why; the approver’s own request goes to the admins', async () => {
    await requestExtension(2, '运用促进司', LI, '2022-02-28', '人手不足');
    const [ext] = await w.db.db.select().from(deadlineExtensions);
    // 李四 is the approver but asked himself: the admins decide, and he may not
    expect(newIn(p2p(LI)).filter((m) => cardText(m).includes('延期申请审批'))).toHaveLength(0);
    expect(newIn(p2p(ADMIN)).filter((m) => cardText(m).includes('延期申请审批'))).toHaveLength(1);
    await refused({ operator: LI, value: { kind: 'extension_decide', extensionId: ext!.id, decision: 'approve' }, formValue: { decision_comment: '' } }, /不能审批自己提出的延期申请/);
    await refused({ operator: ADMIN, value: { kind: 'extension_decide', extensionId: ext!.id, decision: 'refuse' }, formValue: { decision_comment: ' ' } }, /请填写理由/);
    const no = await decide('extension_decide', ext!.id, 'refuse', ADMIN, '年底前须完成，不予延期');
    expect(no.body.toast.type).toBe('success');
    await w.idle();
    expect((await w.db.db.select({ d: tasks.extendedDueDate }).from(tasks).where(eq(tasks.id, task(2).id)))[0]!.d).toBeNull();
    const told = newIn(YGS_CHAT).find((m) => cardText(m).includes('延期申请未同意'));
    expect(cardText(told)).toContain('年底前须完成，不予延期');
    expect(await ask('任务2')).toContain('（预警）');
  });

  it('refuses bad extension requests with a clear message and writes nothing', async () => {
    const ygs = { kind: 'extension_request', planId: view.plan.id, departmentId: deptId('运用促进司') };
    const at = (date: string, reason = '理由') => ({ extension_date: `${date} +0800`, extension_reason: reason });
    await refused({ operator: ZHANG, value: { ...ygs, taskId: task(2).id }, formValue: at('2021-12-01') }, /不能选择过去的日期/);
    await refused({ operator: ZHANG, value: { ...ygs, taskId: task(2).id }, formValue: at('2021-12-06') }, /须晚于今天/);
    await refused({ operator: ZHANG, value: { ...ygs, taskId: task(2).id }, formValue: at('2023-01-01') }, /不能晚于 2022-12-31/);
    await refused({ operator: ZHANG, value: { ...ygs, taskId: task(2).id }, formValue: at('2021-12-20') }, /须晚于当前时限 2021-12-31/);
    await refused({ operator: ZHANG, value: { ...ygs, taskId: task(2).id }, formValue: at('2022-03-31', '  ') }, /请填写延期理由/);
    await refused({ operator: ZHANG, value: { ...ygs, taskId: task(2).id }, formValue: { extension_reason: '理由' } }, /请选择新的完成时限/);
    // task 3 is 条法司's: 运用促进司 is not responsible for it
    await refused({ operator: ZHANG, value: { ...ygs, taskId: task(3).id }, formValue: at('2022-03-31') }, /该任务不属于「运用促进司」/);
    await refused({ operator: ZHANG, value: { kind: 'extension_open', planId: view.plan.id, departmentId: deptId('运用促进司'), taskId: task(3).id } }, /该任务不属于「运用促进司」/);
    // only the unit's reporters ask
    await refused({ operator: SUN, value: { ...ygs, taskId: task(2).id }, formValue: at('2022-03-31') }, /不是「运用促进司」的填报人/);
    await refused({ operator: 'ou_outsider_0001', value: { kind: 'extension_open', planId: view.plan.id, departmentId: deptId('运用促进司'), taskId: task(2).id } }, /不是「运用促进司」的填报人/);
    // only approvers decide
    await requestExtension(2, '运用促进司', ZHANG, '2022-03-31', '等待批复');
    const [ext] = await w.db.db.select().from(deadlineExtensions);
    await refused({ operator: SUN, value: { kind: 'extension_decide', extensionId: ext!.id, decision: 'approve' }, formValue: {} }, /不是该延期申请的审批人/);
    await refused({ operator: ZHANG, value: { kind: 'extension_decide', extensionId: ext!.id, decision: 'approve' }, formValue: {} }, /不是该延期申请的审批人|不能审批自己/);
    // a second request while one waits
    await refused({ operator: ZHANG, value: { ...ygs, taskId: task(2).id }, formValue: at('2022-04-30') }, /已有待审批的延期申请/);
  });

  it('办结审核: a co-unit’s 已完成 is 待审核 until the lead’s reporters approve, a refusal returns it with the reason; the lead’s goes to the admins; the task is done only when all are approved', async () => {
    const done = (n: number, dept: string, by: string, evidence = 'https://example.gov.cn/done') =>
      w.cardAction({ operator: by, value: report(n, dept), formValue: form(n, { status: 'done', note: '已完成', evidence }), chatId: 'oc_x' });

    // task 6: 战略规划司 leads, 保护司 and 运用促进司 co-operate
    const first = await done(6, '运用促进司', ZHANG);
    expect(first.body.toast).toMatchObject({ type: 'success', content: expect.stringContaining('待审核') });
    expect(JSON.stringify(first.body.card)).toContain('已完成待审核');
    await w.idle();
    expect(await statusOf(6, '运用促进司')).toBe('pending_review');
    const reviewCard = newIn(ZLGHS_CHAT).find((m) => cardText(m).includes('办结审核 · 任务6'));
    expect(cardText(reviewCard)).toContain('https://example.gov.cn/done');
    let [review] = await w.db.db.select().from(completionReviews);
    expect(review).toMatchObject({ reviewer: 'lead', status: 'pending', requestedBy: ZHANG });
    const pendingDigest = await composeDigest(w.db.db, { now: w.now(), timezone: TIMEZONE });
    expect(pendingDigest.model.statusCounts.done).toBe(0);

    // the co-unit may not review itself, nor may another co-unit
    await refused({ operator: ZHANG, value: { kind: 'completion_decide', reviewId: review!.id, decision: 'approve' }, formValue: {} }, /不是该任务办结的审核人/);
    await refused({ operator: ZHOU, value: { kind: 'completion_decide', reviewId: review!.id, decision: 'approve' }, formValue: {} }, /不是该任务办结的审核人/);
    await refused({ operator: SUN, value: { kind: 'completion_decide', reviewId: review!.id, decision: 'refuse' }, formValue: { decision_comment: '' } }, /请填写理由/);

    const back = await decide('completion_decide', review!.id, 'refuse', SUN, '佐证材料不完整，请补充验收报告');
    expect(JSON.stringify(back.body.card)).toContain('已退回');
    await w.idle();
    // it had not reported before: back to 正常推进, not 已完成
    expect(await statusOf(6, '运用促进司')).toBe('on_track');
    expect(cardText(newIn(YGS_CHAT).find((m) => cardText(m).includes('办结审核已退回')))).toContain('佐证材料不完整，请补充验收报告');

    await done(6, '运用促进司', ZHANG, 'https://example.gov.cn/report-v2');
    await w.idle();
    [, review] = await w.db.db.select().from(completionReviews).orderBy(completionReviews.id);
    await decide('completion_decide', review!.id, 'approve', SUN, '');
    await w.idle();
    expect(await statusOf(6, '运用促进司')).toBe('done');
    expect((await decide('completion_decide', review!.id, 'approve', SUN)).body.toast.type).toBe('info');

    // the lead's own 已完成 goes to the admins, privately
    await done(6, '战略规划司', SUN);
    await w.idle();
    expect(newIn(p2p(ADMIN)).filter((m) => cardText(m).includes('办结审核 · 任务6'))).toHaveLength(1);
    const lead = (await w.db.db.select().from(completionReviews).orderBy(completionReviews.id)).at(-1)!;
    expect(lead.reviewer).toBe('admins');
    await refused({ operator: ZHANG, value: { kind: 'completion_decide', reviewId: lead.id, decision: 'approve' }, formValue: {} }, /不是该任务办结的审核人/);
    await decide('completion_decide', lead.id, 'approve', ADMIN, '');
    await w.idle();
    // 保护司 has not finished: task 6 is not done
    expect(await ask('任务6')).not.toMatch(/总体状态：已完成/);

    // task 2 has one unit: its 已完成 is 待审核 until an admin approves, then the task is done
    await done(2, '运用促进司', ZHANG);
    await w.idle();
    expect(await ask('任务2')).toMatch(/总体状态：待审核/);
    const single = (await w.db.db.select().from(completionReviews).orderBy(completionReviews.id)).at(-1)!;
    await decide('completion_decide', single.id, 'approve', ADMIN, '');
    await w.idle();
    const answer = await ask('任务2');
    expect(answer).toMatch(/总体状态：已完成/);
    expect(answer).toMatch(/运用促进司 张三 .* 报送已完成（佐证：https:\/\/example.gov.cn\/done）；周督办 .* 通过/);
    const digest = await composeDigest(w.db.db, { now: w.now(), timezone: TIMEZONE });
    expect(digest.model.statusCounts.done).toBe(1);
  });

  it('refuses 已完成 without evidence or with a link that is not http(s), and writes nothing', async () => {
    const v = report(2, '运用促进司');
    await refused({ operator: ZHANG, value: v, formValue: form(2, { status: 'done' }) }, /须附佐证链接/);
    await refused({ operator: ZHANG, value: v, formValue: form(2, { status: 'done', evidence: 'ftp://example.gov.cn/a' }) }, /佐证链接须为以 http:\/\/ 或 https:\/\/ 开头/);
    await refused({ operator: ZHANG, value: v, formValue: form(2, { status: 'done', evidence: 'javascript:alert(1)' }) }, /佐证链接须为/);
  });
});
