import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addReporter, findDepartmentByNameOrAlias } from '../../src/db/repositories/directory.repository.ts';
import { resultFiles, resultPaper } from '../../src/db/schema/index.ts';
import { samplePdf } from '../../src/simulator/sample-file.ts';
import { startWorld, waitFor, type World } from '../support/world.ts';

// Bad input for 成效报送 (issue 15): every refusal is answered in the chat with its reason and
// writes nothing; files that are not documents are refused before or after the download.
describe('成效报送 file intake refuses bad input and writes nothing', () => {
  let w: World;
  const YY = { chat: 'oc_dept_yycjs', reporter: 'ou_yycjs_0001' };
  const TFS = { chat: 'oc_dept_tfs', reporter: 'ou_tfs_0001' };
  const OUTSIDER = 'ou_outsider_0001';
  const replyTo = (messageId: string) => w.fake.messages.find((m) => m.parent_id === messageId);
  const downloads = () => w.fake.calls.filter((c) => c.route === 'resource').length;
  const stored = async () => ({ files: (await w.db.db.select().from(resultFiles)).length, paper: (await w.db.db.select().from(resultPaper)).length });

  /** Sends the file, waits until duban handled it and answered; returns the answer's text. */
  async function send(i: { sender: string; chatId: string; chatType?: 'p2p' | 'group'; fileName: string; bytes?: Buffer }): Promise<string> {
    const r = await w.sendFile({ chatType: 'group', bytes: samplePdf('x'), ...i });
    expect(r.status).toBe(200);
    await w.idle();
    const reply = await waitFor('the answer', () => replyTo(r.messageId));
    return reply.text ?? JSON.stringify(reply.card);
  }

  beforeAll(async () => {
    w = await startWorld('results-bad', { start: '2021-11-20T10:00:00' });
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });
  beforeEach(async () => {
    await w.db.db.execute(sql`truncate result_files, result_paper`);
  });

  it('refuses a program, a picture or a file without extension by its name, without downloading it', async () => {
    const before = downloads();
    for (const fileName of ['setup.exe', '照片.jpg', '成效']) {
      const answer = await send({ sender: YY.reporter, chatId: YY.chat, fileName });
      expect(answer, fileName).toContain('不能作为成效报送材料');
      expect(answer).toContain('pdf、ofd、doc、docx、wps、xls、xlsx、et');
    }
    expect(downloads()).toBe(before);
    expect(await stored()).toEqual({ files: 0, paper: 0 });
  });

  it('refuses a file named .pdf that is not a PDF, an empty one and one over RESULTS_MAX_BYTES, after the download', async () => {
    expect(await send({ sender: YY.reporter, chatId: YY.chat, fileName: '成效.pdf', bytes: Buffer.from('MZ\x90\x00 this is a program') })).toContain('不是有效的 PDF 文档');
    expect(await send({ sender: YY.reporter, chatId: YY.chat, fileName: '成效.docx', bytes: Buffer.alloc(0) })).toContain('文件是空的');
    const big = Buffer.concat([samplePdf('x'), Buffer.alloc(w.config.results.maxBytes)]);
    expect(await send({ sender: YY.reporter, chatId: YY.chat, fileName: '成效.pdf', bytes: big })).toContain('文件过大（超过 20 MB）');
    expect(await stored()).toEqual({ files: 0, paper: 0 });
  });

  it('refuses a file from someone who is not the unit’s reporter: an outsider, or another unit’s reporter in this unit’s chat', async () => {
    const before = downloads();
    expect(await send({ sender: OUTSIDER, chatId: YY.chat, fileName: '成效.pdf' })).toContain('您不是运用促进司的填报人');
    expect(await send({ sender: TFS.reporter, chatId: YY.chat, fileName: '成效.pdf' })).toContain('您不是运用促进司的填报人');
    const p2p = w.fake.state.p2pChatFor(OUTSIDER).chat_id;
    expect(await send({ sender: OUTSIDER, chatId: p2p, chatType: 'p2p', fileName: '成效.pdf' })).toContain('您不是任何单位的填报人');
    expect(downloads()).toBe(before);
    expect(await stored()).toEqual({ files: 0, paper: 0 });
  });

  it('answers Lark’s refusal to serve a file that is not the message’s own (234003) and stores nothing', async () => {
    const other = await w.sendFile({ sender: TFS.reporter, chatId: 'oc_leadership_0001', chatType: 'group', fileName: '别人的.pdf', bytes: samplePdf('y') });
    await w.idle();
    const foreignKey = JSON.parse(w.fake.state.messages.get(other.messageId)!.content).file_key as string;
    await w.message({ sender: YY.reporter, text: '', chatId: YY.chat, chatType: 'group', body: { type: 'file', fileKey: foreignKey, fileName: '成效.pdf' }, messageId: 'om_foreign_key' });
    await w.idle();
    expect((await waitFor('the answer', () => replyTo('om_foreign_key'))).text).toContain('无法从飞书取得这份文件（错误码 234003）');
    expect(w.fake.calls.filter((c) => c.route === 'resource').at(-1)).toMatchObject({ status: 400, code: 234003 });
    expect(await stored()).toEqual({ files: 0, paper: 0 });
  });

  it('leaves a file in a chat that is no unit’s (the leadership chat) alone: no answer, nothing stored', async () => {
    const r = await w.sendFile({ sender: 'ou_leader_0001', chatId: 'oc_leadership_0001', chatType: 'group', fileName: '讲话稿.pdf', bytes: samplePdf('z') });
    await w.idle();
    expect(replyTo(r.messageId)).toBeUndefined();
    expect(await stored()).toEqual({ files: 0, paper: 0 });
  });

  it('refuses 纸质版已寄出 from someone who is not the unit’s reporter, and writes nothing', async () => {
    const yy = (await findDepartmentByNameOrAlias(w.db.db, '运用促进司'))!;
    const planId = Number(((await w.db.db.execute(sql`select id from plans limit 1`)) as unknown as { rows: { id: number }[] }).rows[0]!.id);
    const res = await w.cardAction({ operator: OUTSIDER, value: { kind: 'results_paper', planId, departmentId: yy.id }, chatId: YY.chat });
    expect(res.body.toast).toMatchObject({ type: 'error', content: '您不是该单位的填报人，不能确认纸质版寄出' });
    const stale = await w.cardAction({ operator: YY.reporter, value: { kind: 'results_paper', planId: planId + 1, departmentId: yy.id }, chatId: YY.chat });
    expect(stale.body.toast.type).toBe('error');
    await w.idle();
    expect(await stored()).toEqual({ files: 0, paper: 0 });
  });

  it('asks someone who reports for two units which one a private file is for, and stores it for the unit clicked', async () => {
    const tfs = (await findDepartmentByNameOrAlias(w.db.db, '条法司'))!;
    await addReporter(w.db.db, tfs.id, YY.reporter);
    try {
      const p2p = w.fake.state.p2pChatFor(YY.reporter).chat_id;
      const r = await w.sendFile({ sender: YY.reporter, chatId: p2p, chatType: 'p2p', fileName: '条法司成效.pdf', bytes: samplePdf('t') });
      await w.idle();
      const ask = await waitFor('the question', () => replyTo(r.messageId));
      const text = JSON.stringify(ask.card);
      expect(text).toContain('这份文件属于哪个单位');
      expect(await stored()).toEqual({ files: 0, paper: 0 });
      const value = JSON.parse(text.match(/"value":(\{"kind":"results_file_unit"[^}]*"departmentId":\d+\})/g)!.map((m) => m.slice(8)).find((v) => JSON.parse(v).departmentId === tfs.id)!);
      // someone else clicking the button (a forwarded card) is refused
      expect((await w.cardAction({ operator: OUTSIDER, value, messageId: ask.message_id, chatId: p2p })).body.toast.type).toBe('error');
      const click = await w.cardAction({ operator: YY.reporter, value, messageId: ask.message_id, chatId: p2p });
      expect(click.body.toast.type).toBe('info');
      await w.idle();
      const rows = await w.db.db.select().from(resultFiles);
      expect(rows.map((f) => [f.departmentId, f.fileName, f.submittedBy])).toEqual([[tfs.id, '条法司成效.pdf', YY.reporter]]);
      // 条法司 has open tasks: the confirmation is a card offering them as 办结佐证 too
      expect(w.fake.state.messagesIn(p2p).some((m) => JSON.stringify(m.card ?? null).includes('已收到条法司的成效报送电子版'))).toBe(true);
    } finally {
      await w.db.db.execute(sql`delete from reporters where department_id = ${tfs.id} and open_id = ${YY.reporter}`);
    }
  });
});
