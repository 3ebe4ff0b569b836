import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminOperations, rounds } from '../../src/db/schema/index.ts';
import { botMenuEvent, postCallback, type FakeMessage } from '../../src/simulator/index.ts';
import { APP_ID, ENCRYPT_KEY, startWorld, VERIFICATION_TOKEN, waitFor, type World } from '../support/world.ts';
import ExcelJS from 'exceljs';
import { docxParagraphs, readZipEntry } from '../export/zip.ts';

// Issue 18, item 4: admins run the weekly steps and the exports from Lark — a chat command or
// the bot menu asks, a card says what will happen, 确认 runs it once, 取消 runs nothing; exports
// arrive as files in the admin's private chat. Everything through the webhook, the workers,
// the outbox and the fake Lark.

const ADMIN = 'ou_admin_0001'; // 周督办
const ADMIN2 = 'ou_admin_0002'; // 吴督办
const REPORTER = 'ou_yycjs_0001'; // 张三, 运用促进司
const OUTSIDER = 'ou_outsider_0001';

let w: World;
let seq = 0;
const p2p = (openId: string) => w.fake.state.p2pChatFor(openId).chat_id;
const titleOf = (m: FakeMessage) => (m.card as { header?: { title?: { content?: string } } } | undefined)?.header?.title?.content;
const after = (n: number) => w.fake.messages.slice(n);

/** The confirmation card's button values: the operation's id and the decision. */
function buttonValue(m: FakeMessage, name: 'operation_confirm' | 'operation_cancel'): unknown {
  let found: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as { name?: unknown; behaviors?: { value?: unknown }[] };
      if (o.name === name) found = o.behaviors?.[0]?.value;
      Object.values(node).forEach(walk);
    }
  };
  walk(m.card);
  if (!found) throw new Error(`no ${name} button on the card`);
  return found;
}

async function command(sender: string, text: string, where: { chatId: string; chatType: 'p2p' | 'group' }) {
  const messageId = `om_cmd_${++seq}`;
  const r = await w.message({ sender, text, chatId: where.chatId, chatType: where.chatType, mentionBot: where.chatType === 'group', messageId });
  expect(r.status).toBe(200);
  return messageId;
}

async function menu(operator: string, eventKey: string) {
  const payload = botMenuEvent({ eventId: `ev_menu_${++seq}`, appId: APP_ID, verificationToken: VERIFICATION_TOKEN, createTime: new Date(), operatorOpenId: operator, eventKey });
  const r = await postCallback(`${w.app.url}/lark/events`, payload, { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, now: () => new Date() });
  expect(r.status).toBe(200);
}

const confirmCardIn = (chatId: string, label: string, since: number) =>
  waitFor(`the confirmation card for ${label}`, () => after(since).find((m) => m.chat_id === chatId && titleOf(m) === `请确认：${label}`), 30_000);

/** The buttons as sent: a click replaces the card (buttons gone), yet a second click may still arrive. */
const buttonsOf = new Map<string, Record<string, unknown>>();
function click(card: FakeMessage, operator: string, decision: 'operation_confirm' | 'operation_cancel', eventId?: string) {
  const key = `${card.message_id}:${decision}`;
  if (!buttonsOf.has(key)) {
    buttonsOf.set(`${card.message_id}:operation_confirm`, buttonValue(card, 'operation_confirm') as Record<string, unknown>);
    buttonsOf.set(`${card.message_id}:operation_cancel`, buttonValue(card, 'operation_cancel') as Record<string, unknown>);
  }
  return w.cardAction({ operator, value: buttonsOf.get(key), messageId: card.message_id, chatId: card.chat_id, eventId });
}

const resultReply = (card: FakeMessage) => w.fake.messages.filter((m) => m.parent_id === card.message_id && m.msg_type === 'text');
const operationRows = () => w.db.db.select().from(adminOperations);

beforeAll(async () => {
  w = await startWorld('operations');
}, 60_000);
afterAll(async () => {
  await w?.close();
});

describe('admin operations in Lark', () => {
  it('a reporter typing 开启填报 @-mentioning the bot is refused in Chinese, and nothing is run or stored', async () => {
    const since = w.fake.messages.length;
    const messageId = await command(REPORTER, '开启填报', { chatId: 'oc_dept_yycjs', chatType: 'group' });
    const reply = await waitFor('the refusal', () => w.fake.messages.find((m) => m.parent_id === messageId));
    expect(reply.text).toBe('抱歉，只有督办管理员可以执行「开启填报」。未执行任何操作；如需执行，请联系督办管理员。');
    await w.idle();
    expect(await operationRows()).toEqual([]);
    expect(await w.db.db.select().from(rounds)).toEqual([]);
    expect(after(since).filter((m) => m.msg_type === 'interactive')).toEqual([]);
  });

  it('an outsider clicking a menu item is refused privately, and nothing is run or stored', async () => {
    const since = w.fake.messages.length;
    await menu(OUTSIDER, 'open_round');
    const reply = await waitFor('the private refusal', () => after(since).find((m) => m.chat_id === p2p(OUTSIDER)));
    expect(reply.text).toContain('只有督办管理员可以执行「开启填报」');
    await w.idle();
    expect(await operationRows()).toEqual([]);
    expect(await w.db.db.select().from(rounds)).toEqual([]);
    expect(after(since)).toHaveLength(1);
  });

  it('催办 before the round is open: the admin is told why, no card, nothing stored', async () => {
    const since = w.fake.messages.length;
    const messageId = await command(ADMIN, '催办', { chatId: p2p(ADMIN), chatType: 'p2p' });
    const reply = await waitFor('the answer', () => w.fake.messages.find((m) => m.parent_id === messageId));
    expect(reply.text).toBe('暂不能「催办」：本周（2021-W23）的填报尚未开启，请先发送「开启填报」');
    await w.idle();
    expect(await operationRows()).toEqual([]);
    expect(await w.db.db.select().from(rounds)).toEqual([]);
    expect(after(since).filter((m) => m.msg_type === 'interactive')).toEqual([]);
  });

  it('开启填报 in the private chat: the card says which round and how many units, nothing is sent before 确认; 确认 opens the round and sends the cards', async () => {
    const since = w.fake.messages.length;
    await command(ADMIN, '开启填报', { chatId: p2p(ADMIN), chatType: 'p2p' });
    const card = await confirmCardIn(p2p(ADMIN), '开启填报', since);
    const text = JSON.stringify(card.card);
    expect(text).toContain('2021-W23（06-07 至 06-13）');
    expect(text).toContain('13 个部门、34 个地区的工作群（共 47 个群）');
    await w.idle();
    expect(await w.db.db.select().from(rounds)).toEqual([]);
    expect(after(since).filter((m) => m.chat_id !== p2p(ADMIN))).toEqual([]);

    const a = await click(card, ADMIN, 'operation_confirm');
    expect(a.body.toast).toEqual({ type: 'success', content: '已确认「开启填报」，正在执行' });
    expect(JSON.stringify(w.fake.state.messages.get(card.message_id)!.card)).not.toContain('operation_confirm');
    // 47 cards go out first (≤ 40/s app-wide): the outcome follows them
    const result = await waitFor('the outcome', () => resultReply(card)[0], 60_000);
    expect(result.text).toMatch(/^【开启填报】已执行：已开启本周填报（2021-W23），13 个部门、34 个地区的卡片已排队发送/);
    await w.idle();
    expect(await w.db.db.select().from(rounds)).toHaveLength(1);
    const roundCards = after(since).filter((m) => m.msg_type === 'interactive' && String(titleOf(m)).includes('本周任务填报'));
    expect(new Set(roundCards.map((m) => m.chat_id)).size).toBe(47);
    expect((await operationRows())[0]).toMatchObject({ operation: 'open_round', source: 'message', status: 'done', requestedBy: ADMIN, decidedBy: ADMIN });
  });

  it('催办 from the menu, 确认 clicked twice at once (two admins): the reminders go out once', async () => {
    const since = w.fake.messages.length;
    await menu(ADMIN, 'remind');
    const card = await confirmCardIn(p2p(ADMIN), '催办', since);
    expect(JSON.stringify(card.card)).toMatch(/第 1 次催办/);
    expect(JSON.stringify(card.card)).toMatch(/催办 47 个单位的工作群/);
    // two clicks Lark delivers at once, as two events: both queued, one runs
    const [a, b] = await Promise.all([click(card, ADMIN, 'operation_confirm'), click(card, ADMIN2, 'operation_confirm')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await waitFor('the outcome', () => resultReply(card)[0], 60_000);
    await w.idle();
    const reminders = after(since).filter((m) => String(titleOf(m)).startsWith('催办：') || String(titleOf(m)).startsWith('再次催办：'));
    expect(reminders).toHaveLength(47);
    expect(reminders.filter((m) => !titleOf(m)!.startsWith('催办：')).map(titleOf)).toEqual([]);
    expect(resultReply(card)).toHaveLength(1);

    // a third click, later, says what happened and queues nothing
    const c = await click(card, ADMIN, 'operation_confirm', 'ev_third_click');
    expect(c.body.toast.type).toBe('info');
    expect(c.body.toast.content).toMatch(/「催办」已由 .+ 确认执行，不再重复执行/);
    expect(await w.inboundJob('ev_third_click')).toBeUndefined();
  });

  it('取消 runs nothing, and a 确认 on the cancelled card afterwards runs nothing either', async () => {
    const since = w.fake.messages.length;
    await command(ADMIN, '/关闭填报', { chatId: p2p(ADMIN), chatType: 'p2p' });
    const card = await confirmCardIn(p2p(ADMIN), '关闭填报', since);
    const a = await click(card, ADMIN, 'operation_cancel');
    expect(a.body.toast).toEqual({ type: 'info', content: '已取消「关闭填报」，未执行任何操作' });
    await w.idle();
    const b = await click(card, ADMIN, 'operation_confirm', 'ev_confirm_after_cancel');
    expect(b.body.toast.content).toMatch(/已由 .+ 取消，不再重复执行/);
    await w.idle();
    expect((await w.db.db.select().from(rounds))[0]!.closedAt).toBeNull();
    expect(resultReply(card)).toEqual([]);
    expect((await operationRows()).find((r) => r.operation === 'close_round')).toMatchObject({ status: 'cancelled', result: null });
  });

  it('a reporter clicking 确认 on an admin’s card is refused with a toast, and nothing runs', async () => {
    const since = w.fake.messages.length;
    await command(ADMIN, '关闭填报', { chatId: 'oc_dept_yycjs', chatType: 'group' });
    const card = await confirmCardIn('oc_dept_yycjs', '关闭填报', since);
    const a = await click(card, REPORTER, 'operation_confirm', 'ev_reporter_confirm');
    expect(a.body.toast).toEqual({ type: 'error', content: '只有督办管理员可以确认或取消「关闭填报」，未执行任何操作' });
    expect(await w.inboundJob('ev_reporter_confirm')).toBeUndefined();
    await w.idle();
    expect((await w.db.db.select().from(rounds))[0]!.closedAt).toBeNull();
    // the admin then confirms in the group: the round closes and the outcome is replied there
    await click(card, ADMIN, 'operation_confirm');
    const result = await waitFor('the outcome', () => resultReply(card)[0]);
    expect(result.text).toContain('已关闭本周填报（2021-W23）');
    await w.idle(); // the reply may reach Lark before the job's transaction commits
    expect((await w.db.db.select().from(rounds))[0]!.closedAt).not.toBeNull();
  });

  it('发送周汇总 @-mentioning the bot in the leadership chat: the card names the chat, 确认 sends the digest there', async () => {
    const since = w.fake.messages.length;
    await command(ADMIN, '发送周汇总', { chatId: 'oc_leadership_0001', chatType: 'group' });
    const card = await confirmCardIn('oc_leadership_0001', '发送周汇总', since);
    expect(JSON.stringify(card.card)).toContain('周汇总发往 1 个领导群：局领导');
    await click(card, ADMIN, 'operation_confirm');
    await waitFor('the digest', () => after(since).find((m) => m.chat_id === 'oc_leadership_0001' && String(titleOf(m)).includes('督办周报')));
    expect((await waitFor('the outcome', () => resultReply(card)[0])).text).toContain('已提交本周汇总（2021-W23）到 1 个领导群');
  });

  it('导出台账 from the menu: the xlsx arrives as a file in the admin’s private chat', async () => {
    const since = w.fake.messages.length;
    await menu(ADMIN2, 'export_ledger');
    const card = await confirmCardIn(p2p(ADMIN2), '导出台账', since);
    expect(JSON.stringify(card.card)).toContain('确认后文件发送到您与督办机器人的私聊');
    await click(card, ADMIN2, 'operation_confirm');
    const file = await waitFor('the file', () => after(since).find((m) => m.chat_id === p2p(ADMIN2) && m.msg_type === 'file'));
    const { file_key } = JSON.parse(file.content) as { file_key: string };
    const stored = w.fake.state.files.get(file_key)!;
    expect(stored).toMatchObject({ file_type: 'xls', file_name: '督办台账_2021-06-08.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(stored.bytes as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String).join('\n');
    expect(cells).toContain('推动知识产权高质量发展年度工作指引');
    expect(cells).toContain('运用促进司');
    expect((await waitFor('the outcome', () => resultReply(card)[0])).text).toMatch(/已导出「督办台账_2021-06-08\.xlsx」（22 项任务，\d+ 行，\d+ KB），文件已发送到您与督办机器人的私聊/);
  });

  it('导出成效报送 typed in a group: the docx goes to the admin’s private chat, not to the group', async () => {
    const since = w.fake.messages.length;
    await command(ADMIN, '导出成效报送', { chatId: 'oc_dept_yycjs', chatType: 'group' });
    const card = await confirmCardIn('oc_dept_yycjs', '导出成效报送', since);
    await click(card, ADMIN, 'operation_confirm');
    const file = await waitFor('the file', () => after(since).find((m) => m.msg_type === 'file'));
    expect(file.chat_id).toBe(p2p(ADMIN));
    const stored = w.fake.state.files.get((JSON.parse(file.content) as { file_key: string }).file_key)!;
    expect(stored).toMatchObject({ file_type: 'doc', file_name: '成效报送_2021-06-08.docx' });
    const paragraphs = docxParagraphs(readZipEntry(stored.bytes, 'word/document.xml'));
    expect(paragraphs.some((p) => p.includes('运用促进司'))).toBe(true);
    await waitFor('the outcome', () => resultReply(card)[0]);
    expect(after(since).filter((m) => m.chat_id === 'oc_dept_yycjs' && m.msg_type === 'file')).toEqual([]);
  });

  it('a menu key duban does not know is answered privately and stores nothing', async () => {
    const before = (await operationRows()).length;
    const since = w.fake.messages.length;
    await menu(ADMIN, 'drop_everything');
    const reply = await waitFor('the answer', () => after(since).find((m) => m.chat_id === p2p(ADMIN)));
    expect(reply.text).toContain('未知的菜单项「drop_everything」，未执行任何操作');
    await w.idle();
    expect(await operationRows()).toHaveLength(before);
  });

  it('found no call the fake does not know', () => {
    expect(w.fake.unknownCalls).toEqual([]);
  });
});
