import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { componentNames, countComponents, cardBytes } from '../../src/cards/limits.ts';
import { loadPlanView, type PlanView } from '../../src/db/repositories/plan-view.repository.ts';
import { currentStatus, indicatorValues, plans, reports, rounds } from '../../src/db/schema/index.ts';
import type { FakeMessage } from '../../src/simulator/index.ts';
import { buildDepartmentCards } from '../../src/cards/department-card.ts';
import { loadDepartmentCardInputs } from '../../src/usecases/rounds/department-card-inputs.ts';
import { addRound } from '../support/seed-reports.ts';
import { startWorld, waitFor, type World } from '../support/world.ts';

// The status-round loop of issue 4 against the fake Lark, real Postgres and real Redis. One duban for
// the file (starting one takes seconds); each test starts from an empty week and opens its own round.
describe('status rounds end to end', () => {
  let w: World;
  let view: PlanView;
  let roundId: number;
  /** Messages the fake Lark held before this test: a test looks only at what it caused. */
  let earlier: Set<string>;
  const YGS = { openId: 'ou_ygs_0001', chat: 'oc_dept_ygs' };

  const deptId = (name: string) => view.tasks.flatMap((t) => t.departments).find((d) => d.name === name)!.departmentId;
  const taskId = (n: number) => view.tasks.find((t) => t.number === n)!.id;
  const reportValue = (n: number, dept = '运用促进司') => ({ kind: 'report', planId: view.plan.id, roundId, departmentId: deptId(dept), taskId: taskId(n) });
  const form = (n: number, f: Record<string, string>) => Object.fromEntries(Object.entries(f).map(([k, v]) => [`${k}_${taskId(n)}`, v]));
  const reportCount = async () => (await w.db.db.select().from(reports)).length;
  const newIn = (chatId: string): FakeMessage[] => w.fake.state.messagesIn(chatId).filter((m) => !earlier.has(m.message_id));
  const eventId = () => `ev_${randomBytes(6).toString('hex')}`;

  /** Opens this week's round through the scheduled step and waits for the 13 department cards. */
  async function openRound(): Promise<string> {
    const line = await w.step('open_round');
    const [round] = await w.db.db.select().from(rounds);
    roundId = round!.id;
    await waitFor('13 department cards', () => w.directory.departments.every((d) => newIn(d.chatId!).length > 0));
    return line;
  }
  /** This week's round as a row only, no cards sent: enough for a submission to be accepted. */
  async function roundOnly(): Promise<void> {
    roundId = await addRound(w.db.db, view.plan.id, '2021-W23');
  }

  beforeAll(async () => {
    w = await startWorld('rounds');
    view = (await loadPlanView(w.db.db))!;
    const ygs = w.directory.departments.find((d) => d.name === '运用促进司')!;
    YGS.openId = ygs.reporters![0]!.openId;
    YGS.chat = ygs.chatId!;
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });
  beforeEach(async () => {
    await w.idle();
    await w.resetRounds();
    earlier = new Set(w.fake.messages.map((m) => m.message_id));
  });

  it('opening the round sends each of the 13 departments its card, 运用促进司 listing exactly its 11 tasks', async () => {
    const line = await openRound();
    expect(line).toContain('13 个部门');
    const ygsCards = newIn(YGS.chat).map((m) => m.card);
    const forms = ygsCards.flatMap((c) => componentNames(c)).filter((n) => /^form_\d+$/.test(n));
    const numbers = forms.flatMap((f) => view.tasks.filter((t) => `form_${t.id}` === f).map((t) => t.number)).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 6, 7, 8, 11, 12, 13, 14, 15, 17]);
    // and, in their own part, the key points whose clauses name it
    const keyPoints = forms.flatMap((f) => view.keyPoints.filter((k) => `form_${k.id}` === f).map((k) => k.number)).sort((a, b) => a - b);
    expect(keyPoints).toEqual([3, 6]);
    for (const c of ygsCards) {
      expect(cardBytes(c)).toBeLessThanOrEqual(30 * 1024);
      expect(countComponents(c)).toBeLessThanOrEqual(200);
    }
  });

  it('opening the same round again sends nothing new', async () => {
    await openRound();
    await w.idle();
    const before = w.fake.messages.length;
    await w.step('open_round');
    await w.idle();
    expect(w.fake.messages.length).toBe(before);
    expect(await w.db.db.select().from(rounds)).toHaveLength(1);
  });

  it('a reporter submission is answered with a toast and the updated card, and stored once even when delivered three times', async () => {
    await roundOnly();
    const id = eventId();
    const answers = [];
    for (let i = 0; i < 3; i++) {
      answers.push(await w.cardAction({ eventId: id, operator: YGS.openId, value: reportValue(7), formValue: form(7, { status: 'on_track', progress: '40', note: '已完成试点遴选', evidence: 'https://example.gov.cn/a' }), chatId: YGS.chat }));
    }
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body.toast.type).toBe('success');
    }
    expect(JSON.stringify(answers[0]!.body.card)).toContain('已提交');
    await w.idle();
    const rows = await w.db.db.select().from(reports);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'on_track', progress: 40, note: '已完成试点遴选', evidenceUrl: 'https://example.gov.cn/a', version: 1, late: false });
    const [cur] = await w.db.db.select().from(currentStatus).where(eq(currentStatus.taskId, taskId(7)));
    expect(cur).toMatchObject({ status: 'on_track', progress: 40 });
  });

  it('every field of the task comes back as last reported, on the callback’s card and on the round card built from the database', async () => {
    await roundOnly();
    const fieldsOf = (card: unknown, n: number) => {
      const f = (card as { body: { elements: { tag: string; name?: string; elements?: Record<string, unknown>[] }[] } }).body.elements.find(
        (e) => e.tag === 'form' && e.name === `form_${taskId(n)}`,
      );
      return Object.fromEntries((f?.elements ?? []).map((e) => [String(e.name).replace(/_\d+$/, ''), e.initial_option ?? e.default_value]));
    };
    const expected = { status: 'on_track', progress: '40', note: '已完成试点遴选', evidence: 'https://example.gov.cn/a' };
    const id = eventId();
    await w.cardAction({ eventId: id, operator: YGS.openId, value: reportValue(7), formValue: form(7, expected) });
    await w.idle();
    const again = await w.cardAction({ eventId: id, operator: YGS.openId, value: reportValue(7), formValue: form(7, expected) });
    expect(fieldsOf(again.body.card.data, 7)).toMatchObject(expected);
    const dept = { id: deptId('运用促进司'), name: '运用促进司' };
    const [round] = await w.db.db.select().from(rounds);
    const inputs = await loadDepartmentCardInputs(w.db.db, { view, round: round!, departments: [dept], now: new Date(), timezone: 'Asia/Shanghai' });
    const page = buildDepartmentCards(inputs.get(dept.id)!).find((c) => componentNames(c).includes(`form_${taskId(7)}`));
    expect(fieldsOf(page, 7)).toMatchObject(expected);
    expect(JSON.stringify(page)).toContain('[佐证链接](https://example.gov.cn/a)');
  });

  it('editing is a new submission: version 2, history kept, current status moves', async () => {
    await roundOnly();
    const first = await w.cardAction({ operator: YGS.openId, value: reportValue(7), formValue: form(7, { status: 'on_track', progress: '40' }) });
    expect(first.body.toast.type).toBe('success');
    await w.idle();
    const a = await w.cardAction({ operator: YGS.openId, value: reportValue(7), formValue: form(7, { status: 'at_risk', progress: '45', note: '经费未到位' }) });
    expect(a.body.toast.type).toBe('success');
    await w.idle();
    const versions = (await w.db.db.select().from(reports).where(eq(reports.taskId, taskId(7)))).map((r) => r.version).sort();
    expect(versions).toEqual([1, 2]);
    const [cur] = await w.db.db.select().from(currentStatus).where(eq(currentStatus.taskId, taskId(7)));
    expect(cur).toMatchObject({ status: 'at_risk', progress: 45, note: '经费未到位' });
  });

  const refusals: [string, () => { operator: string; value: unknown; formValue: Record<string, string> }, RegExp][] = [
    ['the operator is not a reporter of the department', () => ({ operator: 'ou_outsider_0001', value: reportValue(7), formValue: form(7, { status: 'done', progress: '100', evidence: 'https://example.gov.cn/e' }) }), /填报人/],
    ['the task is not the department’s', () => ({ operator: YGS.openId, value: reportValue(3), formValue: form(3, { status: 'done', progress: '100', evidence: 'https://example.gov.cn/e' }) }), /不属于/],
    ['a status outside the list', () => ({ operator: YGS.openId, value: reportValue(8), formValue: form(8, { status: 'finished', progress: '10' }) }), /状态/],
    ['progress outside 0–100', () => ({ operator: YGS.openId, value: reportValue(8), formValue: form(8, { status: 'on_track', progress: '101' }) }), /进度/],
    ['a note that is too long', () => ({ operator: YGS.openId, value: reportValue(8), formValue: form(8, { status: 'on_track', progress: '10', note: '长'.repeat(1001) }) }), /1000/],
    ['evidence that is not an http(s) URL', () => ({ operator: YGS.openId, value: reportValue(8), formValue: form(8, { status: 'on_track', progress: '10', evidence: 'ftp://x.cn/a' }) }), /链接/],
    ['a card from another plan', () => ({ operator: YGS.openId, value: { ...reportValue(8), planId: view.plan.id + 99 }, formValue: form(8, { status: 'on_track', progress: '10' }) }), /不存在|过期/],
    ['a deleted task', () => ({ operator: YGS.openId, value: { ...reportValue(8), taskId: 999_999 }, formValue: { status_999999: 'on_track', progress_999999: '10' } }), /不存在|过期|不属于/],
  ];
  for (const [what, make, message] of refusals) {
    it(`when ${what}, it refuses with a toast saying why and stores nothing`, async () => {
      await roundOnly();
      const id = eventId();
      const a = await w.cardAction({ ...make(), eventId: id });
      expect(a.status).toBe(200);
      expect(a.body.toast.type).toBe('error');
      expect(a.body.toast.content).toMatch(message);
      expect(a.body.card).toBeUndefined();
      // Nothing was queued (the answer comes after the enqueue), and whatever was queued before has finished.
      expect(await w.inboundJob(id)).toBeUndefined();
      await w.idle();
      expect(await reportCount()).toBe(0);
      expect(await w.db.db.select().from(currentStatus)).toEqual([]);
    });
  }

  describe('indicator values', () => {
    const indicator = () => view.indicators.find((i) => i.name === '发明专利审查周期')!;
    const owner = () => w.directory.departments.find((d) => d.name === '专利局审查部')!;
    const indicatorValue = (departmentId = indicator().ownerDepartmentId!) => ({ kind: 'indicator', planId: view.plan.id, roundId, departmentId, indicatorId: indicator().id });
    const valueForm = (v: string) => ({ [`indicator_value_${indicator().id}`]: v });

    it('a value submitted by a reporter of the owner department is answered and stored once', async () => {
      await roundOnly();
      const reporter = owner().reporters![0]!.openId;
      const a = await w.cardAction({ operator: reporter, value: indicatorValue(), formValue: valueForm('18.2'), chatId: owner().chatId! });
      expect(a.status).toBe(200);
      expect(a.body.toast).toEqual({ type: 'success', content: '已提交指标数值：18.2' });
      await w.idle();
      const rows = await w.db.db.select().from(indicatorValues);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ indicatorId: indicator().id, roundId, value: 18.2, reporterOpenId: reporter });
    });

    const refused: [string, () => { operator: string; value: unknown }, RegExp][] = [
      ['an outsider', () => ({ operator: 'ou_outsider_0001', value: indicatorValue() }), /填报人/],
      ['a reporter of the department named on the card who does not own the indicator', () => ({ operator: YGS.openId, value: indicatorValue(deptId('运用促进司')) }), /不由/],
      ['a reporter of another department, on the owner’s card', () => ({ operator: YGS.openId, value: indicatorValue() }), /填报人/],
    ];
    for (const [who, make, message] of refused) {
      it(`a value submitted by ${who} is refused with a toast and nothing is stored`, async () => {
        await roundOnly();
        const id = eventId();
        const a = await w.cardAction({ ...make(), formValue: valueForm('18.2'), eventId: id });
        expect(a.status).toBe(200);
        expect(a.body.toast.type).toBe('error');
        expect(a.body.toast.content).toMatch(message);
        expect(a.body.card).toBeUndefined();
        expect(await w.inboundJob(id)).toBeUndefined();
        await w.idle();
        expect(await w.db.db.select().from(indicatorValues)).toEqual([]);
      });
    }
  });

  it('user text in the updated card is escaped: no @all, no live links', async () => {
    await roundOnly();
    const a = await w.cardAction({ operator: YGS.openId, value: reportValue(8), formValue: form(8, { status: 'on_track', progress: '20', note: '<at id=all></at> 请看 [链接](https://evil.example)' }) });
    expect(a.body.toast.type).toBe('success');
    // The note comes back as the input's value (never rendered), so the link stays inert text.
    const json = JSON.stringify(a.body.card, (k, v) => (k === 'default_value' ? undefined : v));
    expect(json).not.toContain('<at id=all>');
    expect(json).not.toContain('evil.example');
    expect(JSON.stringify(a.body.card)).toContain('"default_value":"<at id=all></at> 请看 [链接](https://evil.example)"');
  });

  it('reminders reach exactly the departments with gaps, and the second one @-mentions reporters', async () => {
    await openRound();
    // 人事司 reports all of its tasks (1, 11, 21, 22): it must not be reminded.
    const rsReporter = w.directory.departments.find((d) => d.name === '人事司')!.reporters![0]!.openId;
    for (const n of [1, 11, 21, 22]) {
      const a = await w.cardAction({ operator: rsReporter, value: reportValue(n, '人事司'), formValue: form(n, { status: 'on_track', progress: '50' }) });
      expect(a.body.toast.type).toBe('success');
    }
    await w.idle();
    expect(await w.db.db.select().from(reports).where(eq(reports.departmentId, deptId('人事司')))).toHaveLength(4);
    const rsChat = w.directory.departments.find((d) => d.name === '人事司')!.chatId!;
    const before = new Map(w.directory.departments.map((d) => [d.chatId!, newIn(d.chatId!).length]));
    const line = await w.step('remind');
    expect(line).not.toContain('人事司');
    await w.idle();
    const reminded = w.directory.departments.filter((d) => newIn(d.chatId!).length > before.get(d.chatId!)!);
    expect(reminded).toHaveLength(12);
    expect(newIn(rsChat).length).toBe(before.get(rsChat));
    const first = newIn(YGS.chat).at(-1)!;
    expect(JSON.stringify(first.card)).not.toContain('<at id=');

    await w.step('remind');
    await w.idle();
    expect(newIn(YGS.chat).length).toBe(before.get(YGS.chat)! + 2);
    const second = JSON.stringify(newIn(YGS.chat).at(-1)!.card);
    expect(second).toContain(`<at id=${YGS.openId}>`);
    expect(second).not.toContain('<at id=all>');
  });

  it('after close, submissions are still accepted, flagged late, and the toast says 逾期补报', async () => {
    await roundOnly();
    expect(await w.step('close_round')).toContain('duban round reopen');
    const a = await w.cardAction({ operator: YGS.openId, value: reportValue(12), formValue: form(12, { status: 'on_track', progress: '90' }) });
    expect(a.body.toast).toMatchObject({ type: 'success', content: '已提交（逾期补报）：正常推进 · 90%' });
    await w.idle();
    const [row] = await w.db.db.select().from(reports).where(and(eq(reports.taskId, taskId(12))));
    expect(row!.late).toBe(true);
    expect((await w.db.db.select().from(plans)).length).toBe(1);
  });

  it('opening a closed round says it is closed and how to reopen; reopening makes submissions on time again', async () => {
    await openRound();
    await w.step('close_round');
    await w.idle();
    const before = w.fake.messages.length;
    const line = await w.step('open_round');
    expect(line).toMatch(/已于 .* 关闭，未重新开启/);
    expect(line).toContain('duban round reopen');
    expect((await w.db.db.select().from(rounds))[0]!.closedAt).not.toBeNull();
    expect(await w.step('reopen_round')).toContain('已重新开启本周填报');
    expect((await w.db.db.select().from(rounds))[0]!.closedAt).toBeNull();
    expect(await w.step('reopen_round')).toContain('未关闭，无需重新开启');
    const a = await w.cardAction({ operator: YGS.openId, value: reportValue(14), formValue: form(14, { status: 'on_track', progress: '10' }) });
    expect(a.body.toast.content).toBe('已提交：正常推进 · 10%');
    await w.idle();
    const [row] = await w.db.db.select().from(reports).where(eq(reports.taskId, taskId(14)));
    expect(row!.late).toBe(false);
    expect(w.fake.messages.length).toBe(before);
  });

  it('asking "任务7" in a private chat replies with the stored status', async () => {
    await roundOnly();
    const stored = await w.cardAction({ operator: YGS.openId, value: reportValue(7), formValue: form(7, { status: 'at_risk', progress: '45', note: '经费未到位' }) });
    expect(stored.body.toast.type).toBe('success');
    await w.idle();
    const messageId = `om_question_task7_${randomBytes(4).toString('hex')}`;
    const chatId = w.fake.state.p2pChatFor(YGS.openId).chat_id;
    const a = await w.message({ sender: YGS.openId, text: '任务7进展？', chatId, chatType: 'p2p', messageId });
    expect(a.status).toBe(200);
    const reply = await waitFor('the answer', () => w.fake.messages.find((m) => m.parent_id === messageId));
    expect(JSON.stringify(reply.card)).toContain('存在风险');
  });

  it('a blank note on a card that showed a long note instead of prefilling it keeps that note', async () => {
    await roundOnly();
    const long = '长'.repeat(300);
    await w.cardAction({ operator: YGS.openId, value: reportValue(13), formValue: form(13, { status: 'on_track', progress: '10', note: long }) });
    await w.idle();
    const a = await w.cardAction({ operator: YGS.openId, value: { ...reportValue(13), keepNote: true }, formValue: form(13, { status: 'at_risk', progress: '20' }) });
    expect(a.body.toast.type).toBe('success');
    await w.idle();
    const rows = (await w.db.db.select().from(reports).where(eq(reports.taskId, taskId(13)))).sort((x, y) => x.version - y.version);
    expect(rows.map((r) => [r.status, r.note])).toEqual([['on_track', long], ['at_risk', long]]);
  });
});
