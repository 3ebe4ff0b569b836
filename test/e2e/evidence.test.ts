import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { cardBytes, componentNames, countComponents } from '../../src/cards/limits.ts';
import { loadPlanView, type PlanView } from '../../src/db/repositories/plan-view.repository.ts';
import { assignments, completionReviews, currentStatus, evidenceFiles, reports, resultFiles, rounds } from '../../src/db/schema/index.ts';
import { appendReport } from '../../src/db/repositories/reports.repository.ts';
import type { FakeMessage } from '../../src/simulator/index.ts';
import { samplePdf } from '../../src/simulator/sample-file.ts';
import { answerQuestion } from '../../src/usecases/ask.ts';
import { exportReport } from '../../src/usecases/export-report.ts';
import { validateCard } from '../../src/simulator/card-rules.ts';
import { TIMEZONE } from '../support/seeded-round.ts';
import { startWorld, waitFor, type World } from '../support/world.ts';
import { docxParagraphs, readZipEntry } from '../export/zip.ts';

// 办结佐证 as a file (issue 18, item 2: "a link, or a file sent to the bot and attached") end to end
// against the fake Lark: a reporter sends a PDF, chooses the task on the bot's card, duban downloads
// and stores it; 已完成 without a link is accepted on it and goes to 待审核; the reviewer sees the
// file on the review card and has it sent privately; approval makes the task done; the answer and
// the exports name the file. 2021-06-08 is outside 成效报送 (from 2021-11-15).
describe('办结佐证 files end to end', () => {
  let w: World;
  let view: PlanView;
  let roundId: number;
  let earlier: Set<string>;
  const ZHANG = 'ou_yycjs_0001'; // 运用促进司 reporter
  const SUN = 'ou_zlghs_0001'; // 战略规划司 reporter (lead of task 6)
  const ZHOU = 'ou_bhs_0001'; // 保护司 reporter (co-unit of task 6)
  const ADMIN = 'ou_admin_0001';
  const OUTSIDER = 'ou_outsider_0001';
  const YGS_CHAT = 'oc_dept_yycjs';
  const ZLGHS_CHAT = 'oc_dept_zlghs';

  const task = (n: number) => view.tasks.find((t) => t.number === n)!;
  const deptId = (name: string) => view.tasks.flatMap((t) => t.departments).find((d) => d.name === name)!.departmentId;
  const p2p = (openId: string) => w.fake.state.p2pChatFor(openId).chat_id;
  const newIn = (chatId: string): FakeMessage[] => w.fake.state.messagesIn(chatId).filter((m) => !earlier.has(m.message_id));
  const replyTo = (messageId: string) => w.fake.messages.filter((m) => m.parent_id === messageId);
  const cardText = (m: FakeMessage | undefined) => JSON.stringify(m?.card ?? null);
  const downloads = () => w.fake.calls.filter((c) => c.route === 'resource').length;
  const counts = async () => ({
    evidence: (await w.db.db.select({ id: evidenceFiles.id }).from(evidenceFiles)).length,
    results: (await w.db.db.select({ id: resultFiles.id }).from(resultFiles)).length,
    reports: (await w.db.db.select({ id: reports.id }).from(reports)).length,
    reviews: (await w.db.db.select({ id: completionReviews.id }).from(completionReviews)).length,
  });
  const statusOf = async (n: number, dept: string) =>
    (await w.db.db.select().from(currentStatus).where(and(eq(currentStatus.taskId, task(n).id), eq(currentStatus.departmentId, deptId(dept)))))[0]?.status;
  const report = (n: number, dept: string) => ({ kind: 'report', planId: view.plan.id, roundId, departmentId: deptId(dept), taskId: task(n).id });
  const form = (n: number, f: Record<string, string>) => Object.fromEntries(Object.entries(f).map(([k, v]) => [`${k}_${task(n).id}`, v]));

  /** Every callback value of kind `kind` on a card. */
  function values(card: unknown, kind: string): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) return n.forEach(walk);
      if (!n || typeof n !== 'object') return;
      const o = n as Record<string, unknown>;
      if (o.type === 'callback' && (o.value as { kind?: string } | undefined)?.kind === kind) out.push(o.value as Record<string, unknown>);
      Object.values(o).forEach(walk);
    };
    walk(card);
    return out;
  }

  /** Sends a file in the unit's chat and waits for duban's answer to it. */
  async function sendFile(fileName: string, bytes: Buffer, sender = ZHANG, chatId = YGS_CHAT) {
    const sent = await w.sendFile({ sender, chatId, chatType: chatId.startsWith('oc_dept') ? 'group' : 'p2p', fileName, bytes });
    expect(sent.status).toBe(200);
    await w.idle();
    const answer = await waitFor('the answer', () => replyTo(sent.messageId)[0]);
    return { sent, answer };
  }

  /** A card action that must be refused: an error toast, nothing queued, nothing written. */
  async function refused(input: Parameters<World['cardAction']>[0], message: RegExp) {
    const before = await counts();
    const id = `ev_${randomBytes(6).toString('hex')}`;
    const answer = await w.cardAction({ ...input, eventId: id });
    expect(answer.status).toBe(200);
    expect(answer.body.toast).toMatchObject({ type: 'error', content: expect.stringMatching(message) });
    expect(await w.inboundJob(id)).toBeUndefined();
    await w.idle();
    expect(await counts()).toEqual(before);
  }

  beforeAll(async () => {
    w = await startWorld('evidence', { start: '2021-06-08T10:00:00' });
    view = (await loadPlanView(w.db.db))!;
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });
  beforeEach(async () => {
    await w.idle();
    await w.resetRounds();
    await w.step('open_round');
    [{ id: roundId }] = (await w.db.db.select({ id: rounds.id }).from(rounds)) as [{ id: number }];
    earlier = new Set(w.fake.messages.map((m) => m.message_id));
  });

  it('a PDF sent to the bot → task chosen on its card → stored → 已完成 without a link is 待审核 → the reviewer sees and receives the file → approved → done; the answer and the exports name the file', async () => {
    const bytes = samplePdf('Acceptance report, task 6');
    const name = '任务6验收报告.pdf';
    const { sent, answer } = await sendFile(name, bytes);

    // the card: the question, one button per open task of 运用促进司, within Lark's limits; nothing stored yet
    expect(answer.msg_type).toBe('interactive');
    expect(cardText(answer)).toContain(`收到文件「${name}」。作为哪项任务的办结佐证？`);
    expect(cardText(answer)).toContain('任务6 办结佐证');
    expect(validateCard(answer.card)).toEqual([]);
    expect(cardBytes(answer.card)).toBeLessThanOrEqual(30 * 1024);
    expect(countComponents(answer.card)).toBeLessThanOrEqual(200);
    const buttons = values(answer.card, 'evidence_attach');
    expect(buttons.map((b) => b.taskId)).toContain(task(6).id);
    expect(buttons.map((b) => b.taskId)).toContain(task(2).id);
    expect(await counts()).toMatchObject({ evidence: 0, results: 0 });
    const before = downloads();

    // the click: queued, downloaded through the message resource API, stored with its sha256, answered
    const six = buttons.find((b) => b.taskId === task(6).id)!;
    const click = await w.cardAction({ operator: ZHANG, value: six, messageId: answer.message_id, chatId: YGS_CHAT });
    expect(click.body.toast).toMatchObject({ type: 'info', content: expect.stringContaining('任务6') });
    await w.idle();
    expect(downloads()).toBe(before + 1);
    const [file] = await w.db.db.select().from(evidenceFiles);
    expect(file).toMatchObject({
      planId: view.plan.id,
      taskId: task(6).id,
      departmentId: deptId('运用促进司'),
      fileName: name,
      mimeType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      messageId: sent.messageId,
      submittedBy: ZHANG,
    });
    expect(Buffer.compare(file!.content, bytes)).toBe(0);
    expect(replyTo(sent.messageId).map((m) => m.text)).toContain(`已将「${name}」作为任务6的办结佐证。在任务卡片上报送「已完成」时可不填佐证链接。`);

    // clicking twice stores once
    await w.cardAction({ operator: ZHANG, value: six, messageId: answer.message_id, chatId: YGS_CHAT });
    await w.idle();
    expect(await w.db.db.select({ id: evidenceFiles.id }).from(evidenceFiles)).toHaveLength(1);
    expect(replyTo(sent.messageId).map((m) => m.text)).toContain(`「${name}」已是任务6的办结佐证，无需重复选择。`);

    // 已完成 without a link: accepted on the file, 待审核, the version records the file
    const done = await w.cardAction({ operator: ZHANG, value: report(6, '运用促进司'), formValue: form(6, { status: 'done', note: '已通过验收' }), chatId: YGS_CHAT });
    expect(done.body.toast).toMatchObject({ type: 'success', content: expect.stringContaining('待审核') });
    await w.idle();
    expect(await statusOf(6, '运用促进司')).toBe('pending_review');
    const [stored] = await w.db.db.select().from(reports).where(eq(reports.taskId, task(6).id));
    expect(stored).toMatchObject({ status: 'pending_review', evidenceUrl: null, evidenceFileId: file!.id });

    // the lead's reviewer card shows the file and offers it
    const reviewCard = await waitFor('the review card', () => newIn(ZLGHS_CHAT).find((m) => cardText(m).includes('办结审核 · 任务6')));
    expect(cardText(reviewCard)).toMatch(new RegExp(`佐证文件：${name.replace('.', '\\.')}（\\d+ (KB|字节)，张三，2021-06-08 \\d\\d:\\d\\d）`));
    expect(cardText(reviewCard)).toContain('查看佐证文件');
    expect(componentNames(reviewCard.card)).toContain('evidence_view');
    expect(validateCard(reviewCard.card)).toEqual([]);
    const [review] = await w.db.db.select().from(completionReviews);
    const viewValue = values(reviewCard.card, 'evidence_view')[0]!;

    // 查看佐证文件: neither a co-unit nor an outsider; the lead's reporter gets the file privately
    await refused({ operator: ZHOU, value: viewValue, chatId: ZLGHS_CHAT }, /只有该任务办结的审核人/);
    await refused({ operator: OUTSIDER, value: viewValue, chatId: ZLGHS_CHAT }, /只有该任务办结的审核人/);
    const look = await w.cardAction({ operator: SUN, value: viewValue, messageId: reviewCard.message_id, chatId: ZLGHS_CHAT });
    expect(look.body.toast).toMatchObject({ type: 'info', content: expect.stringContaining('私信发送佐证文件') });
    await w.idle();
    const fileMessage = await waitFor('the file message', () => newIn(p2p(SUN)).find((m) => m.msg_type === 'file'));
    const uploaded = w.fake.state.files.get((JSON.parse(fileMessage.content) as { file_key: string }).file_key)!;
    expect(uploaded).toMatchObject({ file_type: 'pdf', file_name: name });
    expect(Buffer.compare(uploaded.bytes, bytes)).toBe(0);
    const call = w.fake.calls.find((c) => c.route === 'create' && (c.body as { msg_type?: string; receive_id?: string }).msg_type === 'file' && (c.body as { receive_id?: string }).receive_id === SUN);
    expect(call?.query).toMatchObject({ receive_id_type: 'open_id' });
    // an admin may look too
    await w.cardAction({ operator: ADMIN, value: viewValue, messageId: reviewCard.message_id, chatId: ZLGHS_CHAT });
    await w.idle();
    expect(newIn(p2p(ADMIN)).filter((m) => m.msg_type === 'file')).toHaveLength(1);

    // approval: done
    const ok = await w.cardAction({ operator: SUN, value: { kind: 'completion_decide', reviewId: review!.id, decision: 'approve' }, formValue: { decision_comment: '' } });
    expect(ok.body.toast.type).toBe('success');
    await w.idle();
    expect(await statusOf(6, '运用促进司')).toBe('done');

    // once approved the task takes no more evidence: refused, nothing written
    await refused({ operator: ZHANG, value: six, messageId: answer.message_id, chatId: YGS_CHAT }, /任务6已审核办结，无需再附佐证文件/);

    // the task's answer and the exports name the file (no link)
    const text = (await answerQuestion(w.db.db, '任务6', { now: w.now(), timezone: TIMEZONE, asker: { openId: ADMIN } })).text;
    expect(text).toContain(`佐证文件：${name}`);
    expect(text).toMatch(/运用促进司 张三 .* 报送已完成（佐证文件：任务6验收报告\.pdf）；.* 通过/);
    const dir = mkdtempSync(path.join(tmpdir(), 'duban-evidence-'));
    try {
      const xlsx = path.join(dir, 'ledger.xlsx');
      await exportReport(w.db.db, { format: 'xlsx', out: xlsx, now: w.now(), timezone: TIMEZONE });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      const ledger = wb.getWorksheet('台账')!;
      const evidenceCol = (ledger.getRow(3).values as unknown[]).indexOf('佐证');
      expect(evidenceCol).toBeGreaterThan(0);
      let cell: ExcelJS.Cell | undefined;
      ledger.eachRow((r) => {
        if (r.getCell(1).value === 6 && (r.values as unknown[]).includes('运用促进司')) cell = r.getCell(evidenceCol);
      });
      expect(cell?.value).toBe(`佐证文件：${name}`);
      expect(cell?.hyperlink).toBeUndefined();
      const history: string[] = [];
      wb.getWorksheet('延期与审核')!.eachRow((r) => history.push(JSON.stringify(r.values)));
      expect(history.join('\n')).toContain(`佐证文件：${name}`);
      const docx = path.join(dir, 'report.docx');
      await exportReport(w.db.db, { format: 'docx', out: docx, now: w.now(), timezone: TIMEZONE });
      const paragraphs = docxParagraphs(readZipEntry(readFileSync(docx), 'word/document.xml'));
      expect(paragraphs.find((p) => p.startsWith('运用促进司（配合）：已完成'))).toContain(`（佐证文件：${name}）`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad attachments — an outsider’s click, a forged task of another unit, a program, a .pdf that is not one — with a clear answer, and writes nothing', async () => {
    const fetched = downloads();
    const { answer } = await sendFile('佐证.pdf', samplePdf('evidence'));
    const two = values(answer.card, 'evidence_attach').find((b) => b.taskId === task(2).id)!;
    // not a reporter of 运用促进司
    await refused({ operator: OUTSIDER, value: two, messageId: answer.message_id, chatId: YGS_CHAT }, /不是「运用促进司」的填报人，不能附办结佐证/);
    await refused({ operator: SUN, value: two, messageId: answer.message_id, chatId: YGS_CHAT }, /不是「运用促进司」的填报人/);
    // task 3 is 条法司's: a forged button value
    await refused({ operator: ZHANG, value: { ...two, taskId: task(3).id }, messageId: answer.message_id, chatId: YGS_CHAT }, /该任务不属于「运用促进司」，不能附办结佐证/);
    // a malformed value
    await refused({ operator: ZHANG, value: { ...two, fileKey: '' }, chatId: YGS_CHAT }, /无法识别的办结佐证操作/);
    expect(downloads()).toBe(fetched);

    // a program: refused by its name, before any download, no card
    const before = await counts();
    const exe = await sendFile('setup.exe', Buffer.from('MZ\x90\x00 program'));
    expect(exe.answer.msg_type).toBe('text');
    expect(exe.answer.text).toContain('不能作为办结佐证：.exe 文件不是文档');
    expect(downloads()).toBe(fetched);
    expect(await counts()).toEqual(before);

    // a .pdf that is not a PDF: the card comes, the click is refused after the download
    const fake = await sendFile('验收报告.pdf', Buffer.from('MZ\x90\x00 this is a program'));
    const value = values(fake.answer.card, 'evidence_attach').find((b) => b.taskId === task(2).id)!;
    const click = await w.cardAction({ operator: ZHANG, value, messageId: fake.answer.message_id, chatId: YGS_CHAT });
    expect(click.body.toast.type).toBe('info');
    await w.idle();
    expect(downloads()).toBe(fetched + 1);
    const refusal = await waitFor('the refusal', () => replyTo(fake.sent.messageId).find((m) => m.msg_type === 'text'));
    expect(refusal.text).toContain('文件内容不是有效的 PDF 文档');
    expect(refusal.text).toContain('文件未保存');
    expect(await counts()).toEqual(before);
  });

  it('outside 成效报送, a unit whose tasks are all approved done is refused as before (NOT_YET): no card, nothing written', async () => {
    // 办公室's tasks, every one approved as done
    const bgs = deptId('办公室');
    const own = (await w.db.db.select({ taskId: assignments.taskId }).from(assignments).where(eq(assignments.departmentId, bgs))).map((a) => a.taskId);
    expect(own.length).toBeGreaterThan(0);
    for (const taskId of own) {
      await appendReport(w.db.db, { taskId, departmentId: bgs, roundId, status: 'done', progress: 100, note: '', evidenceUrl: 'https://a.cn/x', reporterOpenId: 'ou_bgs_0001', reportedAt: w.now(), late: false, eventId: `ev_done_${taskId}` });
    }
    const before = { ...(await counts()), downloads: downloads() };
    const { answer } = await sendFile('佐证.pdf', samplePdf('bgs'), 'ou_bgs_0001', 'oc_dept_bgs');
    expect(answer.msg_type).toBe('text');
    expect(answer.text).toMatch(/^成效报送自 2021年11月15日 开始（截止 2021年12月15日），届时督办会发送报送卡片；文件未保存。$/);
    expect({ ...(await counts()), downloads: downloads() }).toEqual(before);
  });

  it('still refuses 已完成 with neither a link nor an attached file (EVIDENCE_REQUIRED), saying how to attach one, and writes nothing', async () => {
    await refused({ operator: ZHANG, value: report(2, '运用促进司'), formValue: form(2, { status: 'done' }), chatId: YGS_CHAT }, /须附佐证链接，或先把佐证文件发给督办并选择该任务/);
    // a file attached to another task does not count for this one
    const { answer } = await sendFile('任务6佐证.pdf', samplePdf('six'));
    await w.cardAction({ operator: ZHANG, value: values(answer.card, 'evidence_attach').find((b) => b.taskId === task(6).id)!, chatId: YGS_CHAT });
    await w.idle();
    expect(await w.db.db.select({ id: evidenceFiles.id }).from(evidenceFiles)).toHaveLength(1);
    await refused({ operator: ZHANG, value: report(2, '运用促进司'), formValue: form(2, { status: 'done' }), chatId: YGS_CHAT }, /须附佐证链接/);
  });
});
