import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { cardBytes, countComponents } from '../../src/cards/limits.ts';
import { evidenceFiles, resultFiles, resultPaper } from '../../src/db/schema/index.ts';
import { exportReport } from '../../src/usecases/export-report.ts';
import { samplePdf } from '../../src/simulator/sample-file.ts';
import type { FakeMessage } from '../../src/simulator/index.ts';
import { readFile } from 'node:fs/promises';
import { startWorld, waitFor, type World } from '../support/world.ts';
import { docxParagraphs, readZipEntry } from '../export/zip.ts';

// Issue 15, 成效报送 against the fake Lark: every unit's card, a reporter sends the file in the
// unit's chat, duban downloads and stores it, the paper copy is confirmed on the card, the admins'
// 成效报送情况 and the xlsx list it, and the reminder goes only to the units without a report.
describe('成效报送 collection', () => {
  let w: World;
  const YY = { chat: 'oc_dept_yycjs', reporter: 'ou_yycjs_0001', name: '运用促进司' };
  const ADMIN = 'ou_admin_0001';
  const cardsIn = (chat: string, title: string) => w.fake.state.messagesIn(chat).filter((m) => m.msg_type === 'interactive' && JSON.stringify(m.card).includes(title));
  const units = () => [...w.directory.departments, ...w.directory.regions];
  const replyTo = (messageId: string) => w.fake.messages.find((m) => m.parent_id === messageId);
  /** The confirmation's text: a text reply, or the plain text leading the card that also offers 办结佐证. */
  const confirmationOf = (m: FakeMessage) => m.text ?? (m.card as { body: { elements: { tag: string; text?: { content: string } }[] } }).body.elements.find((e) => e.tag === 'div')?.text?.content;

  beforeAll(async () => {
    // 25 days before the seed's report deadline (2021-12-15): collection has begun
    w = await startWorld('results', { start: '2021-11-20T10:00:00' });
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it('sends every unit (13 departments, 34 regions) one 成效报送 card within Lark’s limits, and a second run sends none', async () => {
    const line = await w.step('results_cards');
    expect(line).toContain('47 个单位的卡片已排队发送');
    expect(line).toContain('距截止还有 25 天');
    await w.idle();
    for (const u of units()) {
      const cards = cardsIn(u.chatId!, '成效报送');
      expect(cards, u.name).toHaveLength(1);
      expect(cardBytes(cards[0]!.card)).toBeLessThanOrEqual(30 * 1024);
      expect(countComponents(cards[0]!.card)).toBeLessThanOrEqual(200);
    }
    const card = JSON.stringify(cardsIn(YY.chat, '成效报送')[0]!.card);
    expect(card).toContain('2021年12月15日');
    expect(card).toContain('纸质版已寄出');
    expect(card).toContain('在本群发送，或在与督办的单聊中发送');
    expect(await w.step('results_cards')).toContain('0 个单位的卡片已排队发送，47 个单位此前已发送');
    await w.idle();
    expect(cardsIn(YY.chat, '成效报送')).toHaveLength(1);
  }, 60_000);

  it('a reporter’s file in the unit’s chat is downloaded through the resource API, stored with who, when, size, type and sha256, and answered', async () => {
    const bytes = samplePdf('Results 2021');
    const sent = await w.sendFile({ sender: YY.reporter, chatId: YY.chat, chatType: 'group', fileName: '运用促进司2021年成效.pdf', bytes });
    expect(sent.status).toBe(200);
    await w.idle();
    const reply = await waitFor('the answer', () => replyTo(sent.messageId));
    // 运用促进司 has tasks not yet done: the confirmation is a card that also offers them as 办结佐证
    expect(reply.msg_type).toBe('interactive');
    expect(confirmationOf(reply)).toMatch(/^已收到运用促进司的成效报送电子版「运用促进司2021年成效\.pdf」（PDF，/);
    expect(JSON.stringify(reply.card)).toContain('同时作为任务2的办结佐证');
    const download = w.fake.calls.filter((c) => c.route === 'resource');
    expect(download).toHaveLength(1);
    expect(download[0]!.path).toBe(`/open-apis/im/v1/messages/${sent.messageId}/resources/${JSON.parse(w.fake.state.messages.get(sent.messageId)!.content).file_key}`);
    expect(download[0]!.query).toEqual({ type: 'file' });
    const [row] = await w.db.db.select().from(resultFiles);
    expect(row).toMatchObject({
      fileName: '运用促进司2021年成效.pdf',
      mimeType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      messageId: sent.messageId,
      chatId: YY.chat,
      submittedBy: YY.reporter,
    });
    expect(Buffer.compare(row!.content, bytes)).toBe(0);
    expect(row!.submittedAt.getUTCFullYear()).toBe(2021);
  });

  it('the same file, chosen on the confirmation as a task’s 办结佐证, is attached from the stored bytes without a second download', async () => {
    const [stored] = await w.db.db.select().from(resultFiles);
    const reply = replyTo(stored!.messageId)!;
    const value = JSON.parse(JSON.stringify(reply.card).match(/"value":(\{"kind":"evidence_attach"[^}]*\})/)![1]!);
    const downloads = w.fake.calls.filter((c) => c.route === 'resource').length;
    const click = await w.cardAction({ operator: YY.reporter, value, messageId: reply.message_id, chatId: YY.chat });
    expect(click.body.toast.type).toBe('info');
    await w.idle();
    const [evidence] = await w.db.db.select().from(evidenceFiles);
    expect(evidence).toMatchObject({ taskId: value.taskId, departmentId: stored!.departmentId, fileName: stored!.fileName, sha256: stored!.sha256, messageId: stored!.messageId });
    expect(w.fake.calls.filter((c) => c.route === 'resource')).toHaveLength(downloads);
    expect(w.fake.messages.some((m) => m.parent_id === stored!.messageId && m.text?.startsWith(`已将「${stored!.fileName}」作为任务`))).toBe(true);
  });

  it('纸质版已寄出 on the card, by the unit’s reporter, is stored once and the card shows it', async () => {
    const card = cardsIn(YY.chat, '成效报送')[0]!;
    const button = JSON.stringify(card.card).match(/"value":(\{"kind":"results_paper"[^}]*\})/)!;
    const value = JSON.parse(button[1]!);
    const res = await w.cardAction({ operator: YY.reporter, value, messageId: card.message_id, chatId: YY.chat });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '已确认：运用促进司纸质版已寄出' });
    expect(JSON.stringify(res.body.card.data)).toContain('纸质版：已寄出');
    await w.idle();
    const again = await w.cardAction({ operator: YY.reporter, value, messageId: card.message_id, chatId: YY.chat });
    expect(again.body.toast.content).toContain('此前已于');
    await w.idle();
    const rows = await w.db.db.select().from(resultPaper);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ confirmedBy: YY.reporter });
  });

  it('an admin asking 「成效报送情况」 sees who sent what and when, and who has not, compactly for 47 units', async () => {
    const p2p = w.fake.state.p2pChatFor(ADMIN).chat_id;
    await w.message({ sender: ADMIN, text: '成效报送情况', chatId: p2p, chatType: 'p2p', messageId: 'om_results_admin' });
    const reply = await waitFor('the overview', () => replyTo('om_results_admin'));
    const text = JSON.stringify(reply.card);
    expect(text).toContain('电子版已报送 **1/47**');
    expect(text).toContain('运用促进司：「运用促进司2021年成效.pdf」');
    expect(text).toContain('未报送电子版（46）');
    expect(text).toContain('广东省知识产权局');
    expect(cardBytes(reply.card)).toBeLessThanOrEqual(30 * 1024);
    // a reporter is not shown it
    const mine = w.fake.state.p2pChatFor(YY.reporter).chat_id;
    await w.message({ sender: YY.reporter, text: '成效报送情况', chatId: mine, chatType: 'p2p', messageId: 'om_results_reporter' });
    const refused = await waitFor('the refusal', () => replyTo('om_results_reporter'));
    expect(JSON.stringify(refused.card)).toContain('成效报送情况仅向督办管理员和领导开放');
  });

  it('the xlsx (成效报送 sheet) and the docx list who sent what and when', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'duban-results-'));
    try {
      const file = path.join(dir, 'ledger.xlsx');
      await exportReport(w.db.db, { format: 'xlsx', out: file, timezone: 'Asia/Shanghai', now: w.now() });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet('成效报送')!;
      const rows: string[][] = [];
      ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      const yy = rows.find((r) => r[0] === '运用促进司')!;
      expect(yy.slice(0, 3)).toEqual(['运用促进司', '部门', '运用促进司2021年成效.pdf']);
      expect(yy).toContain('已寄出');
      expect(rows.find((r) => r[0] === '广东省知识产权局')!.slice(1, 3)).toEqual(['地区', '未报送']);
      expect(rows.filter((r) => r[1] === '部门' || r[1] === '地区')).toHaveLength(47);
      // and the docx ends with each unit's 成效报送
      const doc = path.join(dir, 'report.docx');
      await exportReport(w.db.db, { format: 'docx', out: doc, timezone: 'Asia/Shanghai', now: w.now() });
      const paragraphs = docxParagraphs(readZipEntry(await readFile(doc), 'word/document.xml'));
      expect(paragraphs.some((p) => p.endsWith('、各单位成效报送情况'))).toBe(true);
      expect(paragraphs).toContain('共47个单位，已报送电子版1个，已确认寄出纸质版1个。');
      expect(paragraphs.find((p) => p.startsWith('运用促进司：电子版《运用促进司2021年成效.pdf》'))).toMatch(/张三于\d+月\d+日 \d\d:\d\d报送；纸质版张三于/);
      expect(paragraphs.find((p) => p.startsWith('尚未报送电子版的单位（46个）'))).toContain('广东省知识产权局');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the reminder goes to the 46 units without a report and not to 运用促进司', async () => {
    const line = await w.step('results_remind');
    expect(line).toContain('已催办 46 个未报送电子版的单位，1 个单位已报送');
    await w.idle();
    expect(cardsIn(YY.chat, '催办：成效报送')).toHaveLength(0);
    for (const u of units().filter((x) => x.name !== YY.name)) expect(cardsIn(u.chatId!, '催办：成效报送'), u.name).toHaveLength(1);
    // once a day: a second run the same day sends nothing new
    await w.step('results_remind');
    await w.idle();
    expect(cardsIn('oc_dept_bgs', '催办：成效报送')).toHaveLength(1);
  }, 60_000);
});
