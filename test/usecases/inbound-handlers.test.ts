import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlanView, type PlanView } from '../../src/db/repositories/plan-view.repository.ts';
import { departments, indicatorValues, reporters, reports } from '../../src/db/schema/index.ts';
import type { ParsedDirectory } from '../../src/directory/types.ts';
import type { InboundJob, InboundJobOf, InboundKind, InboundPayloads } from '../../src/contracts/inbound.ts';
import type { EnqueueMeta } from '../../src/queue/outbox.ts';
import type { LarkOperation } from '../../src/lark/operations.ts';
import { bootstrapFromFiles } from '../../src/usecases/bootstrap.ts';
import { createInboundHandlers, UNSUPPORTED_REPLY } from '../../src/usecases/inbound/handlers.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { addRound } from '../support/seed-reports.ts';

// The worker's side of inbound jobs, each run in a transaction as the inbound worker runs it: what
// is stored and what is queued to Lark. Fast enough for the mutation run (`npm run mutation`).
const NOW = new Date('2021-06-08T02:00:00Z');

describe('inbound job handlers', () => {
  let t: TestDb;
  let view: PlanView;
  let directory: ParsedDirectory;
  let roundId: number;
  const sent: { op: LarkOperation; meta: EnqueueMeta }[] = [];
  const handlers = createInboundHandlers({ send: async (op, meta) => void sent.push({ op, meta }), timezone: 'Asia/Shanghai' });
  const run = <K extends InboundKind>(kind: K, payload: unknown, eventId = `ev_${kind}_${Math.random().toString(36).slice(2)}`) => {
    const job = { kind, eventId, eventType: 'card.action.trigger', receivedAt: NOW.toISOString(), payload: payload as InboundPayloads[K] } as InboundJob;
    const handle = handlers[kind] as (j: InboundJob, c: Parameters<(typeof handlers)[K]>[1]) => Promise<void>;
    return t.db.transaction((tx) => handle(job, { tx, logger: pino({ level: 'silent' }), now: () => NOW }));
  };
  const deptId = (name: string) => view.tasks.flatMap((x) => x.departments).find((d) => d.name === name)!.departmentId;
  const taskId = (n: number) => view.tasks.find((x) => x.number === n)!.id;

  beforeAll(async () => {
    t = await createTestDb('handlers');
    ({ directory } = await bootstrapFromFiles(t.db, { plan: 'samples/cnipa-2021.txt', directory: 'directory.example.yaml' }, NOW));
    view = (await loadPlanView(t.db))!;
    roundId = await addRound(t.db, view.plan.id, '2021-W23');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('stores a status report as version 1 at the time Lark delivered it', async () => {
    await run('status_report', { planId: view.plan.id, roundId, departmentId: deptId('运用促进司'), taskId: taskId(7), status: 'on_track', progress: 40, note: '推进中', evidenceUrl: null, reporterOpenId: 'ou_yycjs_0001' }, 'ev_report_1');
    const rows = await t.db.select().from(reports).where(eq(reports.eventId, 'ev_report_1'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ taskId: taskId(7), roundId, status: 'on_track', progress: 40, note: '推进中', reporterOpenId: 'ou_yycjs_0001', version: 1, reportedAt: NOW, late: false });
  });

  it('refuses for good, storing nothing, a status report whose sender is not (or no longer) a reporter of the department', async () => {
    const payload = { planId: view.plan.id, roundId, departmentId: deptId('运用促进司'), taskId: taskId(7), status: 'done', progress: 100, note: '', evidenceUrl: null };
    await expect(run('status_report', { ...payload, reporterOpenId: 'ou_not_listed' }, 'ev_report_outsider')).rejects.toMatchObject({ code: 'NOT_REPORTER', retryable: false });
    await expect(run('status_report', { ...payload, reporterOpenId: 'ou_scb_0001' }, 'ev_report_other_dept')).rejects.toMatchObject({ code: 'NOT_REPORTER', retryable: false });
    expect(await t.db.select().from(reports).where(eq(reports.taskId, taskId(7)))).toHaveLength(1);
  });

  it('refuses for good, storing nothing, an indicator value whose sender is not a reporter of the owner department', async () => {
    const indicator = view.indicators.find((i) => i.name === '发明专利审查周期')!;
    const payload = { planId: view.plan.id, roundId, departmentId: indicator.ownerDepartmentId, indicatorId: indicator.id, value: 1, reporterOpenId: 'ou_yycjs_0001' };
    await expect(run('indicator_value', payload, 'ev_indicator_outsider')).rejects.toMatchObject({ code: 'NOT_REPORTER', retryable: false });
    expect(await t.db.select().from(indicatorValues).where(eq(indicatorValues.eventId, 'ev_indicator_outsider'))).toHaveLength(0);
  });

  it('stores an indicator value with its round, reporter and delivery time', async () => {
    const indicator = view.indicators.find((i) => i.name === '发明专利审查周期')!;
    await run('indicator_value', { planId: view.plan.id, roundId, departmentId: indicator.ownerDepartmentId, indicatorId: indicator.id, value: 18.2, reporterOpenId: 'ou_scb_0001' }, 'ev_indicator_1');
    const rows = await t.db.select().from(indicatorValues).where(eq(indicatorValues.eventId, 'ev_indicator_1'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ indicatorId: indicator.id, roundId, value: 18.2, reporterOpenId: 'ou_scb_0001', reportedAt: NOW });
  });

  const message = (over: Record<string, unknown>) => ({
    eventId: 'ev_m', messageId: 'om_q1', chatId: 'oc_dept_ygs', chatType: 'p2p', messageType: 'text', content: '{}', text: '任务7进展', senderOpenId: directory.departments.find((d) => d.name === '运用促进司')!.reporters![0]!.openId, senderType: 'user', mentions: [], ...over,
  });

  it('answers a question with a card replying to the message, under a ref from the message id', async () => {
    sent.length = 0;
    await run('message', message({ messageId: 'om_q_task7' }));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.op).toMatchObject({ kind: 'reply', messageId: 'om_q_task7', chatId: 'oc_dept_ygs' });
    expect(JSON.stringify((sent[0]!.op as { content: { card: unknown } }).content.card)).toContain('任务7');
    expect(sent[0]!.meta).toEqual({ purpose: 'answer', ref: 'message:om_q_task7' });
  });

  it('runs an admin command written in a group, replying with text', async () => {
    sent.length = 0;
    const admin = directory.admins![0]!.openId;
    await run('message', message({ messageId: 'om_bind', chatId: 'oc_bind_here', chatType: 'group', text: '@_user_1 绑定 人事司', senderOpenId: admin, mentions: [{ key: '@_user_1', openId: 'ou_bot', name: '督办机器人' }] }));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.op).toMatchObject({ kind: 'reply', messageId: 'om_bind', content: { text: expect.stringContaining('人事司') } });
    expect((await t.db.select().from(departments).where(eq(departments.name, '人事司')))[0]!.chatId).toBe('oc_bind_here');
  });

  it('treats the same command in a private chat as a question, changing nothing', async () => {
    sent.length = 0;
    const admin = directory.admins![0]!.openId;
    await run('message', message({ messageId: 'om_p2p_bind', chatId: 'oc_p2p', chatType: 'p2p', text: '绑定 办公室', senderOpenId: admin }));
    expect(sent).toHaveLength(1);
    expect((sent[0]!.op as { content: Record<string, unknown> }).content.card).toBeDefined();
    expect((await t.db.select().from(departments).where(eq(departments.name, '办公室')))[0]!.chatId).not.toBe('oc_p2p');
  });

  it('sends a task’s detail privately to whoever asked, once per event', async () => {
    sent.length = 0;
    await run('task_detail', { taskId: taskId(9), openId: 'ou_admin_0002' }, 'ev_detail_9');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.op).toMatchObject({ kind: 'send', to: { openId: 'ou_admin_0002' } });
    expect(JSON.stringify(sent[0]!.op)).toContain(view.tasks.find((x) => x.number === 9)!.title);
    expect(sent[0]!.meta).toEqual({ purpose: 'task_detail', ref: 'event:ev_detail_9' });
  });

  it('sends the detail with where it was clicked, so a failed private message can be told there', async () => {
    sent.length = 0;
    await run('task_detail', { taskId: taskId(9), openId: 'ou_admin_0002', chatId: 'oc_clicked', messageId: 'om_clicked' }, 'ev_detail_ctx');
    await run('task_detail', { taskId: taskId(9), openId: 'ou_admin_0002', chatId: 'oc_clicked' }, 'ev_detail_chat');
    expect(sent.map((s) => s.meta)).toEqual([
      { purpose: 'task_detail', ref: 'event:ev_detail_ctx', context: { chatId: 'oc_clicked', messageId: 'om_clicked' } },
      { purpose: 'task_detail', ref: 'event:ev_detail_chat', context: { chatId: 'oc_clicked' } },
    ]);
  });

  it('answers a message it cannot read with the short reply saying what it reads', async () => {
    sent.length = 0;
    await run('unsupported_message', message({ messageId: 'om_image', messageType: 'image', text: undefined }));
    expect(sent).toEqual([
      { op: { kind: 'reply', messageId: 'om_image', chatId: 'oc_dept_ygs', content: { text: UNSUPPORTED_REPLY } }, meta: { purpose: 'answer', ref: 'message:om_image' } },
    ]);
  });

  it('answers a question asked by a button privately, under the event’s ref, with where it was clicked', async () => {
    sent.length = 0;
    const admin = directory.admins![0]!.openId;
    await run('ask', { question: '任务9进展', openId: admin, chatId: 'oc_clicked', messageId: 'om_clicked' }, 'ev_ask_ctx');
    await run('ask', { question: '任务9进展', openId: admin }, 'ev_ask_plain');
    expect(sent.map((s) => s.op.kind)).toEqual(['send', 'send']);
    expect(sent[0]!.op).toMatchObject({ to: { openId: admin } });
    expect(JSON.stringify(sent[0]!.op)).toContain(view.tasks.find((x) => x.number === 9)!.title);
    expect(sent.map((s) => s.meta)).toEqual([
      { purpose: 'answer', ref: 'event:ev_ask_ctx', context: { chatId: 'oc_clicked', messageId: 'om_clicked' } },
      { purpose: 'answer', ref: 'event:ev_ask_plain', context: undefined },
    ]);
  });

  it('adds the people mentioned in 添加填报人 as reporters, never the bot itself', async () => {
    sent.length = 0;
    const admin = directory.admins![0]!.openId;
    const withBot = createInboundHandlers({ send: async (op, meta) => void sent.push({ op, meta }), timezone: 'Asia/Shanghai', bot: { openId: async () => 'ou_bot' } });
    const job = {
      kind: 'message', eventId: 'ev_add_reporter', eventType: 'im.message.receive_v1', receivedAt: NOW.toISOString(),
      payload: message({ messageId: 'om_add', chatId: 'oc_group', chatType: 'group', text: '@_user_1 添加填报人 人事司 @_user_1 @_user_2', senderOpenId: admin,
        mentions: [{ key: '@_user_1', openId: 'ou_bot', name: '督办机器人' }, { key: '@_user_2', openId: 'ou_new_reporter', name: '新填报人' }] }),
    } as InboundJob;
    await t.db.transaction((tx) => withBot.message(job as InboundJobOf<'message'>, { tx, logger: pino({ level: 'silent' }), now: () => NOW }));
    const dept = (await t.db.select().from(departments).where(eq(departments.name, '人事司')))[0]!;
    const rows = await t.db.select().from(reporters).where(eq(reporters.departmentId, dept.id));
    expect(rows.map((r) => r.openId)).toContain('ou_new_reporter');
    expect(rows.map((r) => r.openId)).not.toContain('ou_bot');
    expect(sent).toHaveLength(1);
  });

  it('records the bot added to a chat and tells every admin once, under a ref per event and admin', async () => {
    sent.length = 0;
    const admin = directory.admins![0]!.openId;
    await run('bot_membership', { chatId: 'oc_new_group', chatName: '新群', change: 'added', operatorOpenId: admin }, 'ev_bot_in');
    const admins = directory.admins!.map((a) => a.openId);
    expect(sent.map((s) => s.op)).toEqual(admins.map((openId) => ({ kind: 'send', to: { openId }, content: { text: expect.stringContaining('把机器人加入了群「新群」（oc_new_group）') } })));
    expect(sent.map((s) => s.meta.ref)).toEqual(admins.map((a) => `bot-membership:ev_bot_in:${a}`));
  });

  it('refuses a task detail for a task that does not exist, without retrying and sending nothing', async () => {
    sent.length = 0;
    await expect(run('task_detail', { taskId: 999_999, openId: 'ou_admin_0002' })).rejects.toMatchObject({ code: 'TASK_UNKNOWN', retryable: false });
    expect(sent).toEqual([]);
  });
});
