import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlanView, type PlanView } from '../../src/db/repositories/plan-view.repository.ts';
import { plans } from '../../src/db/schema/index.ts';
import type { ParsedDirectory } from '../../src/directory/types.ts';
import type { LarkCardAction } from '../../src/contracts/inbound.ts';
import { bootstrapFromFiles } from '../../src/usecases/bootstrap.ts';
import { ASK_TOAST, createCardActionRoute, TASK_DETAIL_TOAST } from '../../src/usecases/inbound/card-action-route.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { addRound } from '../support/seed-reports.ts';

// The webhook's side of a card submission, without the webhook: what it answers and what it queues.
// Fast enough for the mutation run (`npm run mutation`); test/e2e/rounds.test.ts covers the whole loop.
const NOW = new Date('2021-06-08T02:00:00Z');
const ctx = { logger: pino({ level: 'silent' }), now: () => NOW };

describe('the card action route', () => {
  let t: TestDb;
  let view: PlanView;
  let directory: ParsedDirectory;
  let roundId: number;
  let route: ReturnType<typeof createCardActionRoute>;

  const dept = (name: string) => directory.departments.find((d) => d.name === name)!;
  const deptId = (name: string) => view.tasks.flatMap((x) => x.departments).find((d) => d.name === name)!.departmentId;
  const taskId = (n: number) => view.tasks.find((x) => x.number === n)!.id;
  const YGS = () => dept('运用促进司').reporters![0]!;
  const indicator = () => view.indicators.find((i) => i.name === '发明专利审查周期')!;
  const action = (over: Partial<LarkCardAction>): LarkCardAction => ({ eventId: 'ev_1', operatorOpenId: YGS().openId, value: null, ...over });
  const report = (n: number, form: Record<string, string>, over: Record<string, unknown> = {}) =>
    action({
      value: { kind: 'report', planId: view.plan.id, roundId, departmentId: deptId('运用促进司'), taskId: taskId(n), ...over },
      formValue: Object.fromEntries(Object.entries(form).map(([k, v]) => [`${k}_${taskId(n)}`, v])),
    });
  const indicatorAction = (operator: string, departmentId: number, value = '18.2') =>
    action({ operatorOpenId: operator, value: { kind: 'indicator', planId: view.plan.id, roundId, departmentId, indicatorId: indicator().id }, formValue: { [`indicator_value_${indicator().id}`]: value } });

  beforeAll(async () => {
    t = await createTestDb('card_route');
    ({ directory } = await bootstrapFromFiles(t.db, { plan: 'samples/cnipa-2021.txt', directory: 'directory.example.yaml' }, NOW));
    view = (await loadPlanView(t.db))!;
    roundId = await addRound(t.db, view.plan.id, '2021-W23');
    route = createCardActionRoute(t.db, { timezone: 'Asia/Shanghai' });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('queues a reporter’s task report with exactly what was entered and who entered it, and answers with the updated card', async () => {
    const out = await route(report(7, { status: 'at_risk', progress: '45', note: ' 经费未到位 ', evidence: 'https://example.gov.cn/a' }), ctx);
    expect(out.toast).toEqual({ type: 'success', content: '已提交：存在风险 · 45%' });
    expect(out.job).toEqual({
      kind: 'status_report',
      payload: { planId: view.plan.id, roundId, departmentId: deptId('运用促进司'), taskId: taskId(7), status: 'at_risk', progress: 45, note: '经费未到位', evidenceUrl: 'https://example.gov.cn/a', reporterOpenId: YGS().openId },
    });
    expect(out.card?.type).toBe('raw');
    const card = JSON.stringify(out.card!.data);
    expect(card).toContain(`form_${taskId(7)}`);
    expect(card).toContain(`已提交 · ${YGS().name}`);
    expect(card).toContain('经费未到位');
  });

  it('accepts the action value as a JSON string, as Lark may send it', async () => {
    const a = report(8, { status: 'done', progress: '', evidence: 'https://example.gov.cn/done' });
    const out = await route({ ...a, value: JSON.stringify(a.value) }, ctx);
    // 办结审核: a 已完成 not yet approved goes for review, shown 待审核
    expect(out.toast).toEqual({ type: 'success', content: '已提交：已完成 · 100%（待审核，审核通过后计为已完成）' });
    expect(out.job?.kind).toBe('completion_report');
    expect(JSON.stringify(out.card!.data)).toContain('已完成待审核');
  });

  it('queues an indicator value from a reporter of the owner department', async () => {
    const owner = dept('专利局审查部');
    const out = await route(indicatorAction(owner.reporters![0]!.openId, indicator().ownerDepartmentId!), ctx);
    expect(out.toast).toEqual({ type: 'success', content: '已提交指标数值：18.2' });
    expect(out.job).toEqual({
      kind: 'indicator_value',
      payload: { planId: view.plan.id, roundId, departmentId: indicator().ownerDepartmentId, indicatorId: indicator().id, value: 18.2, reporterOpenId: owner.reporters![0]!.openId },
    });
    expect(JSON.stringify(out.card!.data)).toContain(`indicator_form_${indicator().id}`);
  });

  it('queues a task-detail request for the directory member who clicked', async () => {
    const admin = directory.admins![0]!.openId;
    const out = await route(action({ operatorOpenId: admin, value: { kind: 'task_detail', taskId: taskId(9) } }), ctx);
    expect(out).toMatchObject({ toast: { content: TASK_DETAIL_TOAST }, job: { kind: 'task_detail', payload: { taskId: taskId(9), openId: admin } } });
    const stringValue = await route(action({ operatorOpenId: admin, value: JSON.stringify({ kind: 'task_detail', taskId: taskId(9) }) }), ctx);
    expect(stringValue.job?.kind).toBe('task_detail');
    const notInteger = await route(action({ value: { kind: 'task_detail', taskId: 4.5 } }), ctx);
    expect(notInteger.job).toBeUndefined();
  });

  const refusals: [string, () => LarkCardAction, string | RegExp][] = [
    ['no operator', () => ({ ...report(7, { status: 'done', evidence: 'https://example.gov.cn/e' }), operatorOpenId: undefined }), '无法识别操作人'],
    ['a value that is not JSON', () => action({ value: '{not json' }), '无法识别的卡片操作，请使用最新的卡片填报'],
    ['an outsider’s task report', () => ({ ...report(7, { status: 'done', evidence: 'https://example.gov.cn/e' }), operatorOpenId: 'ou_outsider_0001' }), /^您不是「运用促进司」的填报人/],
    ['a task of another department', () => report(3, { status: 'done', evidence: 'https://example.gov.cn/e' }), '该任务不属于「运用促进司」，无法提交'],
    ['a round that does not exist', () => report(7, { status: 'done', evidence: 'https://example.gov.cn/e' }, { roundId: 999_999 }), '该填报轮次不存在或卡片已过期，请在最新的卡片上填报'],
    ['an outsider’s indicator value', () => indicatorAction('ou_outsider_0001', indicator().ownerDepartmentId!), /^您不是「专利局审查部」的填报人/],
    ['an indicator value from a department that does not own it', () => indicatorAction(YGS().openId, deptId('运用促进司')), '该指标不由「运用促进司」填报，无法提交'],
    ['an indicator value that is not a number', () => indicatorAction(dept('专利局审查部').reporters![0]!.openId, indicator().ownerDepartmentId!, '很快'), '指标数值须为数字'],
  ];
  for (const [what, make, message] of refusals) {
    it(`refuses ${what} with an error toast saying why, and queues nothing`, async () => {
      const out = await route(make(), ctx);
      expect(out.toast.type).toBe('error');
      if (typeof message === 'string') expect(out.toast.content).toBe(message);
      else expect(out.toast.content).toMatch(message);
      expect(out.job).toBeUndefined();
      expect(out.card).toBeUndefined();
    });
  }

  it('queues a question asked by a button for the person who clicked, and refuses an empty or overlong one', async () => {
    const admin = directory.admins![0]!.openId;
    const ask = (question: unknown) => route(action({ operatorOpenId: admin, value: { kind: 'ask', question }, openChatId: 'oc_here', openMessageId: 'om_here' }), ctx);
    expect(await ask('任务5进展')).toEqual({
      toast: { type: 'info', content: ASK_TOAST },
      job: { kind: 'ask', payload: { question: '任务5进展', openId: admin, chatId: 'oc_here', messageId: 'om_here' } },
    });
    expect((await ask('问'.repeat(200))).job?.kind).toBe('ask');
    for (const bad of ['问'.repeat(201), '   ', 5]) {
      const out = await ask(bad);
      expect(out.toast).toEqual({ type: 'error', content: '无法识别的卡片操作，请使用最新的卡片填报' });
      expect(out.job).toBeUndefined();
    }
  });

  it('refuses an operator id that cannot be stored (a control character), and queues nothing', async () => {
    const out = await route({ ...report(7, { status: 'done' }), operatorOpenId: 'ou_\u0000x' }, ctx);
    expect(out).toEqual({ toast: { type: 'error', content: '无法识别操作人' } });
  });

  it('accepts a card of a round that ended within the grace days as late, and refuses one past them', async () => {
    const late = await addRound(t.db, view.plan.id, '2021-W22'); // ended 2021-06-06, two days before NOW
    const lateOut = await route(report(7, { status: 'at_risk', progress: '40' }, { roundId: late }), ctx);
    expect(lateOut.toast).toEqual({ type: 'success', content: '已提交（逾期补报）：存在风险 · 40%' });
    expect(lateOut.job).toMatchObject({ kind: 'status_report', payload: { roundId: late } });
    const old = await addRound(t.db, view.plan.id, '2021-W20'); // ended 2021-05-23, 16 days before NOW
    const oldOut = await route(report(7, { status: 'at_risk', progress: '40' }, { roundId: old }), ctx);
    expect(oldOut).toEqual({ toast: { type: 'error', content: '该卡片所属的填报轮次（2021-W20）已结束超过 7 天，不再接受补报，请在最新的卡片上填报' } });
    const strict = createCardActionRoute(t.db, { timezone: 'Asia/Shanghai', lateGraceDays: 1 });
    expect((await strict(report(7, { status: 'at_risk', progress: '40' }, { roundId: late }), ctx)).toast.content).toBe('该卡片所属的填报轮次（2021-W22）已结束超过 1 天，不再接受补报，请在最新的卡片上填报');
  });

  it('refuses a card whose round belongs to another plan, and queues nothing', async () => {
    const [other] = await t.db
      .insert(plans)
      .values({ key: 'another-plan', title: '另一个计划', year: 2021, sourceHash: 'x', importedAt: NOW, active: false })
      .returning({ id: plans.id });
    const otherRound = await addRound(t.db, other!.id, '2021-W23');
    const out = await route(report(7, { status: 'done', evidence: 'https://example.gov.cn/e' }, { roundId: otherRound }), ctx);
    expect(out.toast).toEqual({ type: 'error', content: '该填报轮次不存在或卡片已过期，请在最新的卡片上填报' });
    expect(out.job).toBeUndefined();
  });
});
