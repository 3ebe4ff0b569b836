import { beforeEach, describe, expect, it } from 'vitest';
import { answerCard, answerText, type Answer, type DepartmentStatus, type TaskDetail, type TaskLine } from '../../src/cards/answers/index.ts';
import { historyLine } from '../../src/cards/answers/review-history.ts';
import type { ReviewHistoryEntry } from '../../src/cards/answers/model.ts';
import { CARD_MAX_BYTES, cardBytes } from '../../src/cards/limits.ts';
import { escapeMarkdown as md, truncate } from '../../src/domain/escape.ts';
import { buttons, elements, header, summary, texts as shownTexts } from './card-parts.ts';

/** The card's top-level texts (markdown content, else the tag). */
const texts = (c: unknown): string[] => shownTexts(c) as string[];

// The answer to 「任务5进展？」, word for word: the header, the facts, one block per department, the
// regions, the 延期/办结 history and the trend footnote; and how it shrinks to stay within 30 KB.

const grey = (s: string) => `<font color='grey'>${s}</font>`;
const TREND_NOTE = grey('趋势轮次：2021-W21 → 2021-W22 → 2021-W23；“未填报”表示该轮没有填报');

let lead: DepartmentStatus;
let co: DepartmentStatus;
let task: TaskDetail;

const ask = (t: TaskDetail): Answer => ({ kind: 'task', task: t });
const cardOf = (t: TaskDetail) => answerCard(ask(t));
const textOf = (t: TaskDetail) => answerText(ask(t));
/** The markdown of the i-th department block (after the facts and the rule). */
const block = (t: TaskDetail, i = 0) => texts(cardOf(t))[2 + i];

beforeEach(() => {
  lead = {
    name: '保护司', role: 'lead', status: 'at_risk', progress: 60, reporter: '张三', reportedAt: '2021-06-08 10:30',
    note: '侵权判定标准修订稿已征求意见', trend: ['on_track', null, 'at_risk'],
  };
  co = {
    name: '北京市知识产权局', role: 'co', status: null, progress: null, reporter: null, reportedAt: null, note: '', trend: [null, null, null],
  };
  task = {
    number: 5, title: '加快推进知识产权保护体系建设', section: '二、全面加强知识产权保护', deadline: '年底前完成（2021-12-31）',
    deadlineState: 'ok', status: 'at_risk', progress: 60, trendRounds: ['2021-W21', '2021-W22', '2021-W23'], departments: [lead, co],
  };
});

describe('the task answer card', () => {
  it('shows the facts, each department and the trend rounds, in the status colour', () => {
    expect(cardOf(task)).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '任务5 存在风险' } },
      header: {
        title: { tag: 'plain_text', content: '任务5：加快推进知识产权保护体系建设' },
        subtitle: { tag: 'plain_text', content: '存在风险 · 2 个责任部门' },
        template: 'orange',
      },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: "**所属部分：**二、全面加强知识产权保护\n**完成时限：**年底前完成（2021-12-31）\n**总体状态：**<font color='orange'>存在风险</font> · 平均进度 60%" },
          { tag: 'hr' },
          { tag: 'markdown', content: "**保护司**（牵头） <font color='orange'>存在风险</font> · 进度 60%\n填报：张三 · 2021-06-08 10:30\n备注：侵权判定标准修订稿已征求意见\n近3轮：正常推进 → 未填报 → 存在风险" },
          { tag: 'markdown', content: "**北京市知识产权局**（配合） <font color='grey'>未填报</font>\n近3轮：未填报 → 未填报 → 未填报" },
          { tag: 'markdown', content: TREND_NOTE, text_size: 'notation' },
        ],
      },
    });
  });

  it('the plain text says the same, line by line', () => {
    expect(textOf(task)).toBe([
      '任务5：加快推进知识产权保护体系建设',
      '所属部分：二、全面加强知识产权保护',
      '完成时限：年底前完成（2021-12-31）',
      '总体状态：存在风险，平均进度 60%',
      '',
      '责任部门：',
      '- 保护司（牵头）：存在风险，进度 60%',
      '  填报：张三，2021-06-08 10:30',
      '  备注：侵权判定标准修订稿已征求意见',
      '  近3轮（2021-W21、2021-W22、2021-W23）：正常推进 → 未填报 → 存在风险',
      '- 北京市知识产权局（配合）：未填报',
      '  近3轮（2021-W21、2021-W22、2021-W23）：未填报 → 未填报 → 未填报',
    ].join('\n'));
  });

  it('tags a deadline warning or overdue in the header, the facts and the text', () => {
    const warning = cardOf({ ...task, deadlineState: 'warning' });
    expect(header(warning)).toMatchObject({ text_tag_list: [{ tag: 'text_tag', text: { tag: 'plain_text', content: '预警' }, color: 'yellow' }] });
    expect(texts(warning)[0]).toContain("**完成时限：**年底前完成（2021-12-31） <font color='yellow'>预警</font>\n");
    expect(textOf({ ...task, deadlineState: 'warning' })).toContain('\n完成时限：年底前完成（2021-12-31）（预警）\n');
    const overdue = cardOf({ ...task, deadlineState: 'overdue' });
    expect(header(overdue)).toMatchObject({ text_tag_list: [{ tag: 'text_tag', text: { tag: 'plain_text', content: '逾期' }, color: 'red' }] });
    expect(texts(overdue)[0]).toContain(" <font color='red'>逾期</font>");
    expect(textOf({ ...task, deadlineState: 'overdue' })).toContain('（逾期）');
    expect(header(cardOf(task))).not.toHaveProperty('text_tag_list');
  });

  it('leaves out the section, the trend and the department heading when there are none', () => {
    const bare = { ...task, section: null, trendRounds: [], departments: [{ ...lead, trend: [] }] };
    expect(texts(cardOf(bare))).toEqual([
      "**完成时限：**年底前完成（2021-12-31）\n**总体状态：**<font color='orange'>存在风险</font> · 平均进度 60%",
      '<hr>',
      "**保护司**（牵头） <font color='orange'>存在风险</font> · 进度 60%\n填报：张三 · 2021-06-08 10:30\n备注：侵权判定标准修订稿已征求意见",
    ]);
    expect(textOf(bare)).toBe([
      '任务5：加快推进知识产权保护体系建设',
      '完成时限：年底前完成（2021-12-31）',
      '总体状态：存在风险，平均进度 60%',
      '',
      '责任部门：',
      '- 保护司（牵头）：存在风险，进度 60%',
      '  填报：张三，2021-06-08 10:30',
      '  备注：侵权判定标准修订稿已征求意见',
    ].join('\n'));
    const none = { ...bare, departments: [] };
    expect(textOf(none)).toBe('任务5：加快推进知识产权保护体系建设\n完成时限：年底前完成（2021-12-31）\n总体状态：存在风险，平均进度 60%');
    // no department ever reported nothing: the task's own status stands
    expect(header(cardOf(none)).subtitle!.content).toBe('存在风险 · 0 个责任部门');
    expect(texts(cardOf(none))).toHaveLength(2);
  });

  it('says 未知 for a report without a reporter name and escapes names, notes and the section', () => {
    const d = { ...lead, name: '**保护司**', reporter: null, note: '见[通知](http://x)', trend: [] };
    const t = { ...task, section: '三、<b>', title: '<at id=all></at>', trendRounds: [], departments: [d] };
    expect(block(t)).toBe(`**${md('**保护司**')}**（牵头） <font color='orange'>存在风险</font> · 进度 60%\n填报：未知 · 2021-06-08 10:30\n备注：${md('见[通知](http://x)')}`);
    expect(texts(cardOf(t))[0]).toContain(`**所属部分：**${md('三、<b>')}\n`);
    expect(header(cardOf(t)).title.content).toBe('任务5：<at id=all></at>');
    expect(textOf(t)).toContain('\n  填报：未知，2021-06-08 10:30\n');
  });

  it('shows the overall status as 未填报 in grey when no department has ever reported', () => {
    const t = { ...task, departments: [co, { ...co, name: '运用促进司' }] };
    const c = cardOf(t);
    expect(header(c)).toMatchObject({ template: 'grey', subtitle: { content: '未填报 · 2 个责任部门' } });
    expect(summary(c)).toBe('任务5 未填报');
    expect(texts(c)[0]).toContain("**总体状态：**<font color='grey'>未填报</font> · 平均进度 60%");
    expect(textOf(t)).toContain('\n总体状态：未填报，平均进度 60%\n');
    // one report is enough for the task's own status
    expect(header(cardOf({ ...task, departments: [co, lead] })).template).toBe('orange');
  });

  it('gives a key point its own label and asks for it as 工作要点', () => {
    const kp = { ...task, kind: 'key_point' as const, number: 3 };
    expect(header(cardOf(kp)).title.content).toBe('工作要点3：加快推进知识产权保护体系建设');
    expect(summary(cardOf(kp))).toBe('工作要点3 存在风险');
    expect(textOf(kp).split('\n')[0]).toBe('工作要点3：加快推进知识产权保护体系建设');
  });
});

describe('evidence in the task answer', () => {
  it('links the evidence address, shortened to 60 characters, or names the file when there is no link', () => {
    const url = `https://oa.cnipa.gov.cn/${'a'.repeat(80)}`;
    const withUrl = { ...task, trendRounds: [], departments: [{ ...lead, note: '', trend: [], evidenceUrl: url, evidenceFile: '试点总结.pdf' }] };
    expect(block(withUrl)).toBe(`**保护司**（牵头） <font color='orange'>存在风险</font> · 进度 60%\n填报：张三 · 2021-06-08 10:30\n佐证：[${md(truncate(url, 60))}](${url})`);
    expect(textOf(withUrl)).toContain(`\n  佐证：${url}`);
    expect(textOf(withUrl)).not.toContain('佐证文件');
    const file = `${'专利导航试点工作总结'.repeat(7)}.pdf`;
    const withFile = { ...withUrl, departments: [{ ...lead, note: '', trend: [], evidenceUrl: null, evidenceFile: file }] };
    expect(block(withFile)).toBe(`**保护司**（牵头） <font color='orange'>存在风险</font> · 进度 60%\n填报：张三 · 2021-06-08 10:30\n佐证文件：${truncate(file, 60)}`);
    expect(truncate(file, 60)).toHaveLength(60);
    expect(textOf(withFile)).toContain(`\n  佐证文件：${file}`);
  });
});

describe('regions in the task answer', () => {
  const regions = { total: 34, reported: 3, atRisk: 1, blocked: 0, done: 0, attention: ['广东省知识产权局'] };

  it('an annex task with departments and regions counts both and adds the regions line', () => {
    const t = { ...task, trendRounds: [], departments: [{ ...lead, trend: [] }], regions };
    const c = cardOf(t);
    expect(header(c).subtitle!.content).toBe('存在风险 · 1 个责任部门、34 个地区');
    expect(texts(c)[3]).toBe('各地区：34 个，本轮已填报 3 个；存在风险 1、受阻 0、已完成 0（需关注：广东省知识产权局）');
    expect(textOf(t).endsWith('\n\n各地区：34 个，本轮已填报 3 个；存在风险 1、受阻 0、已完成 0（需关注：广东省知识产权局）')).toBe(true);
  });

  it('a key point only the regions carry names them as the plan does and is 未填报 until one of them reports', () => {
    const quiet = { total: 34, reported: 0, atRisk: 0, blocked: 0, done: 0, attention: [] };
    const kp = { ...task, kind: 'key_point' as const, number: 9, trendRounds: [], departments: [], regions: quiet };
    const c = cardOf(kp);
    expect(header(c)).toMatchObject({ template: 'grey', subtitle: { content: '未填报 · 各地方知识产权局负责（34 个）' } });
    expect(texts(c)).toEqual([
      "**所属部分：**二、全面加强知识产权保护\n**完成时限：**年底前完成（2021-12-31）\n**总体状态：**<font color='grey'>未填报</font> · 平均进度 60%",
      '<hr>',
      '各地方知识产权局：34 个，本轮已填报 0 个；存在风险 0、受阻 0、已完成 0',
    ]);
    expect(textOf(kp)).toBe([
      '工作要点9：加快推进知识产权保护体系建设', '所属部分：二、全面加强知识产权保护', '完成时限：年底前完成（2021-12-31）', '总体状态：未填报，平均进度 60%',
      '', '各地方知识产权局：34 个，本轮已填报 0 个；存在风险 0、受阻 0、已完成 0',
    ].join('\n'));
    // an annex task carried by regions alone says 各地区
    expect(header(cardOf({ ...kp, kind: undefined })).subtitle!.content).toBe('未填报 · 各地区负责（34 个）');
  });

  it('any region that reported, or any region counted at risk, blocked or done, shows the task status', () => {
    const kp = (r: Partial<typeof regions>) => ({ ...task, kind: 'key_point' as const, departments: [], regions: { ...regions, reported: 0, atRisk: 0, attention: [], ...r } });
    for (const r of [{ reported: 1 }, { done: 1 }, { atRisk: 1 }, { blocked: 1 }, { atRisk: 1, blocked: 1 }, { done: 1, atRisk: 1 }, { done: 1, blocked: 1 }]) {
      expect(header(cardOf(kp(r))).template, JSON.stringify(r)).toBe('orange');
    }
    expect(header(cardOf(kp({}))).template).toBe('grey');
  });

  it('a task its departments reported is not 未填报 because its regions have not reported yet', () => {
    const quiet = { total: 34, reported: 0, atRisk: 0, blocked: 0, done: 0, attention: [] };
    expect(header(cardOf({ ...task, regions: quiet })).template).toBe('orange');
  });

  it('names a few regions needing attention and says 等 when more are at risk or blocked', () => {
    const t = (r: Partial<typeof regions>) => texts(cardOf({ ...task, trendRounds: [], departments: [], regions: { ...regions, ...r } }))[2];
    expect(t({ atRisk: 1, blocked: 1, attention: ['广东省知识产权局'] })).toBe('各地区：34 个，本轮已填报 3 个；存在风险 1、受阻 1、已完成 0（需关注：广东省知识产权局 等）');
    expect(t({ atRisk: 2, blocked: 0, attention: ['广东省知识产权局', '江苏省知识产权局'] })).toBe('各地区：34 个，本轮已填报 3 个；存在风险 2、受阻 0、已完成 0（需关注：广东省知识产权局、江苏省知识产权局）');
    expect(t({ atRisk: 1, blocked: 1, done: 5, attention: ['广东省知识产权局', '江苏省知识产权局'] })).toBe('各地区：34 个，本轮已填报 3 个；存在风险 1、受阻 1、已完成 5（需关注：广东省知识产权局、江苏省知识产权局）');
    expect(t({ atRisk: 0, blocked: 2, attention: ['广东省知识产权局'] })).toBe('各地区：34 个，本轮已填报 3 个；存在风险 0、受阻 2、已完成 0（需关注：广东省知识产权局 等）');
  });
});

describe('延期与办结审核 history', () => {
  let ext: ReviewHistoryEntry;
  let done: ReviewHistoryEntry;
  beforeEach(() => {
    ext = {
      kind: 'extension', department: '运用促进司', requester: '张三', requestedAt: '2021-12-10 10:00', status: 'pending',
      previousDueDate: '2021-12-31', newDueDate: '2022-03-31', reason: '试点城市名单调整', evidenceUrl: null, decider: null, decidedAt: null, comment: null,
    };
    done = {
      kind: 'completion', department: '保护司', requester: '王五', requestedAt: '2021-12-20 09:00', status: 'pending',
      previousDueDate: null, newDueDate: null, reason: null, evidenceUrl: null, evidenceFile: null, decider: null, decidedAt: null, comment: null,
    };
  });

  it('writes an extension request, its outcome and the decider’s comment', () => {
    expect(historyLine(ext)).toBe('运用促进司 张三 2021-12-10 10:00 申请延期 2021-12-31 → 2022-03-31（理由：试点城市名单调整）；待审批');
    expect(historyLine({ ...ext, status: 'approved', decider: '李四', decidedAt: '2021-12-11 11:00', comment: '同意延期' })).toBe(
      '运用促进司 张三 2021-12-10 10:00 申请延期 2021-12-31 → 2022-03-31（理由：试点城市名单调整）；李四 2021-12-11 11:00 同意（意见：同意延期）',
    );
    expect(historyLine({ ...ext, status: 'refused', decider: '李四', decidedAt: null, comment: '请按期完成' })).toBe(
      '运用促进司 张三 2021-12-10 10:00 申请延期 2021-12-31 → 2022-03-31（理由：试点城市名单调整）；李四  不同意（意见：请按期完成）',
    );
    expect(historyLine({ ...ext, previousDueDate: null, newDueDate: null, reason: null, status: 'approved', decider: '李四', decidedAt: '2021-12-11 11:00' })).toBe(
      '运用促进司 张三 2021-12-10 10:00 申请延期 未定 → ；李四 2021-12-11 11:00 同意',
    );
  });

  it('writes a completion report with its evidence and the review outcome', () => {
    expect(historyLine(done)).toBe('保护司 王五 2021-12-20 09:00 报送已完成；待审核');
    expect(historyLine({ ...done, evidenceUrl: 'https://oa.cnipa.gov.cn/1', evidenceFile: '总结.pdf' })).toBe('保护司 王五 2021-12-20 09:00 报送已完成（佐证：https://oa.cnipa.gov.cn/1）；待审核');
    expect(historyLine({ ...done, evidenceFile: '总结.pdf' })).toBe('保护司 王五 2021-12-20 09:00 报送已完成（佐证文件：总结.pdf）；待审核');
    expect(historyLine({ ...done, status: 'approved', decider: '李四', decidedAt: '2021-12-21 10:00' })).toBe('保护司 王五 2021-12-20 09:00 报送已完成；李四 2021-12-21 10:00 通过');
    expect(historyLine({ ...done, status: 'approved', decider: '李四', decidedAt: '2021-12-21 10:00', comment: '材料齐全' })).toBe(
      '保护司 王五 2021-12-20 09:00 报送已完成；李四 2021-12-21 10:00 通过（意见：材料齐全）',
    );
    expect(historyLine({ ...done, status: 'refused', decider: '李四', decidedAt: '2021-12-21 10:00', comment: '缺少佐证' })).toBe(
      '保护司 王五 2021-12-20 09:00 报送已完成；李四 2021-12-21 10:00 退回（理由：缺少佐证）',
    );
    expect(historyLine({ ...done, status: 'refused' })).toBe('保护司 王五 2021-12-20 09:00 报送已完成；退回');
    // a status the wording does not know is shown as stored
    expect(historyLine({ ...done, status: 'withdrawn' })).toBe('保护司 王五 2021-12-20 09:00 报送已完成；withdrawn');
  });

  it('the card shows the history after the departments, escaped; the text lists it under a heading', () => {
    const t = { ...task, trendRounds: [], departments: [{ ...lead, trend: [] }], history: [ext, { ...done, evidenceUrl: 'https://oa.cnipa.gov.cn/x_(1)' }] };
    expect(texts(cardOf(t))[3]).toBe(`**延期与办结审核**\n· ${md(historyLine(ext))}\n· ${md('保护司 王五 2021-12-20 09:00 报送已完成（佐证：https://oa.cnipa.gov.cn/x_(1)）；待审核')}`);
    expect(textOf(t).endsWith(`\n\n延期与办结审核：\n- ${historyLine(ext)}\n- 保护司 王五 2021-12-20 09:00 报送已完成（佐证：https://oa.cnipa.gov.cn/x_(1)）；待审核`)).toBe(true);
    expect(texts(cardOf({ ...t, history: [] }))).toHaveLength(3);
    expect(textOf({ ...t, history: [] })).not.toContain('延期与办结审核');
  });

  it('shows the newest 20 entries, counts the older ones, and cuts each at 400 characters', () => {
    const entries = Array.from({ length: 22 }, (_, i) => ({ ...ext, requester: `填报人${i + 1}`, reason: i === 21 ? '理'.repeat(500) : '试点城市名单调整' }));
    const t = { ...task, trendRounds: [], departments: [{ ...lead, trend: [] }], history: entries };
    const shown = texts(cardOf(t))[3]!.split('\n');
    expect(shown[0]).toBe('**延期与办结审核**');
    expect(shown[1]).toBe(`· ${historyLine(entries[2]!)}`);
    expect(shown[20]).toBe(`· ${truncate(historyLine(entries[21]!), 400)}`);
    expect(shown[20]).toHaveLength(402);
    expect(shown[21]).toBe('（另有 2 条更早的记录）');
    expect(shown).toHaveLength(22);
    // exactly 20: nothing to count
    expect(texts(cardOf({ ...t, history: entries.slice(2) }))[3]).not.toContain('另有');
    // the text has them all
    expect(textOf(t).split('\n').filter((l) => l.startsWith('- 运用促进司'))).toHaveLength(22);
  });
});

describe('fitting the task answer into 30 KB', () => {
  const many = (n: number, over: Partial<DepartmentStatus> = {}): DepartmentStatus[] =>
    Array.from({ length: n }, (_, i) => ({ ...lead, name: `部门${i + 1}`, role: 'co', trend: [], ...over }));
  const longNote = () => '长'.repeat(1000);

  it('keeps notes up to 300 characters while they fit', () => {
    const t = { ...task, trendRounds: [], departments: many(20, { note: longNote() }) };
    const c = cardOf(t);
    expect(elements(c)).toHaveLength(22);
    expect(block(t)).toBe(`**部门1**（配合） <font color='orange'>存在风险</font> · 进度 60%\n填报：张三 · 2021-06-08 10:30\n备注：${truncate(longNote(), 300)}`);
    expect(cardBytes(c)).toBeLessThanOrEqual(CARD_MAX_BYTES);
  });

  it('uses the first step whose card is exactly 30 KB', () => {
    const base = { ...task, title: 'x', trendRounds: [], departments: many(20, { note: longNote() }) };
    const pad = CARD_MAX_BYTES - cardBytes(cardOf(base));
    const exact = { ...base, title: 'x'.repeat(1 + pad) };
    expect(cardBytes(cardOf(exact))).toBe(CARD_MAX_BYTES);
    expect(block(exact)).toContain(`备注：${truncate(longNote(), 300)}`);
    const over = { ...base, title: 'x'.repeat(2 + pad) };
    expect(block(over)).toContain(`备注：${truncate(longNote(), 80)}`);
  });

  it('cuts notes to 80 characters, keeping evidence and up to 20 history entries of 400 characters', () => {
    const history = Array.from({ length: 6 }, (_, i) => ({
      kind: 'extension' as const, department: '运用促进司', requester: `填报人${i}`, requestedAt: '2021-12-10 10:00', status: 'pending',
      previousDueDate: '2021-12-31', newDueDate: '2022-03-31', reason: i === 5 ? '因'.repeat(200) : '名单调整', evidenceUrl: null, decider: null, decidedAt: null, comment: null,
    }));
    const t = { ...task, trendRounds: [], departments: many(40, { note: longNote(), evidenceFile: '总结.pdf' }), history };
    const c = cardOf(t);
    expect(block(t)).toBe(`**部门1**（配合） <font color='orange'>存在风险</font> · 进度 60%\n填报：张三 · 2021-06-08 10:30\n备注：${truncate(longNote(), 80)}\n佐证文件：总结.pdf`);
    const last = texts(c).at(-1)!.split('\n');
    expect(last).toHaveLength(7);
    expect(last[6]).toBe(`· ${historyLine(history[5]!)}`);
    expect(cardBytes(c)).toBeLessThanOrEqual(CARD_MAX_BYTES);
  });

  it('drops notes and evidence, then keeps 5 history entries of 120 characters', () => {
    const history = Array.from({ length: 7 }, (_, i) => ({
      kind: 'extension' as const, department: '运用促进司', requester: `填报人${i}`, requestedAt: '2021-12-10 10:00', status: 'pending',
      previousDueDate: '2021-12-31', newDueDate: '2022-03-31', reason: '因'.repeat(200), evidenceUrl: null, decider: null, decidedAt: null, comment: null,
    }));
    const t = { ...task, trendRounds: [], departments: many(100, { note: longNote(), evidenceUrl: 'https://oa.cnipa.gov.cn/1' }), history };
    const c = cardOf(t);
    expect(elements(c)).toHaveLength(103);
    expect(block(t)).toBe(`**部门1**（配合） <font color='orange'>存在风险</font> · 进度 60%\n填报：张三 · 2021-06-08 10:30`);
    expect(texts(c)[102]).toBe(`**延期与办结审核**\n${history.slice(2).map((h) => `· ${truncate(historyLine(h), 120)}`).join('\n')}\n（另有 2 条更早的记录）`);
    // the evidence file is dropped the same way
    const withFile = { ...t, departments: many(100, { note: longNote(), evidenceFile: '总结.pdf' }) };
    expect(block(withFile)).not.toContain('佐证');
  });

  it('shows all 150 departments without a count while they fit', () => {
    const t = { ...task, trendRounds: [], departments: many(150) };
    const c = cardOf(t);
    expect(elements(c)).toHaveLength(152);
    expect(texts(c)[151]).toContain('**部门150**');
  });

  it('then shows 60 departments and counts the rest', () => {
    const t = { ...task, trendRounds: [], departments: many(150).map((d, i) => ({ ...d, name: `部门${i + 1}${'司'.repeat(30)}` })) };
    const c = cardOf(t);
    expect(elements(c)).toHaveLength(63);
    expect(texts(c)[61]).toContain(`**部门60${'司'.repeat(30)}**`);
    expect(elements(c)[62]).toEqual({ tag: 'markdown', content: grey('另有 90 个部门未显示'), text_size: 'notation' });
    expect(textOf(t).split('\n').filter((l) => l.startsWith('- 部门'))).toHaveLength(150);
  });

  it('then 20, and sends that when even 20 do not fit', () => {
    const fits = { ...task, trendRounds: [], departments: many(30).map((d, i) => ({ ...d, name: `部门${i + 1}${'司'.repeat(400)}` })) };
    expect(elements(cardOf(fits))).toHaveLength(23);
    expect(texts(cardOf(fits))[22]).toBe(grey('另有 10 个部门未显示'));
    const huge = { ...task, trendRounds: [], departments: many(30).map((d, i) => ({ ...d, name: `部门${i + 1}${'司'.repeat(1000)}` })) };
    const c = cardOf(huge);
    expect(cardBytes(c)).toBeGreaterThan(CARD_MAX_BYTES);
    expect(elements(c)).toHaveLength(23);
    expect(texts(c)[22]).toBe(grey('另有 10 个部门未显示'));
    expect(summary(c)).toBe('任务5 存在风险');
  });
});

describe('task not found and asking back', () => {
  const line = (n: number, title: string, over: Partial<TaskLine> = {}): TaskLine => ({ number: n, title, status: 'on_track', progress: 40, deadlineState: 'ok', highlight: null, ...over });

  it('a number the plan does not have says how many tasks there are', () => {
    const text = '没有找到任务30：本计划共有 22 项任务（1–22）。可以问“任务1”或用关键词查找，如“专利导航”。';
    expect(answerCard({ kind: 'task_not_found', number: 30, taskCount: 22 })).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '没有任务30' } },
      header: { title: { tag: 'plain_text', content: '没有任务30' }, template: 'grey' },
      body: { direction: 'vertical', elements: [{ tag: 'markdown', content: text }] },
    });
    expect(answerText({ kind: 'task_not_found', number: 30, taskCount: 22 })).toBe(text);
  });

  it('offers each candidate as a line and a button, the first one as the best guess', () => {
    const a: Answer = {
      kind: 'candidates', query: '专利导航那个进展咋样呢，我想知道一下具体的情况和安排啊',
      tasks: [line(8, '深化专利导航和专利奖评选工作，完善专利导航指南', { status: 'at_risk', deadlineState: 'warning' }), line(16, '专利导航服务基地建设', { progress: 100, status: 'done' })],
    };
    const c = answerCard(a);
    expect(header(c)).toEqual({ title: { tag: 'plain_text', content: '您是指哪一项？' }, template: 'blue', subtitle: { tag: 'plain_text', content: `“${truncate('专利导航那个进展咋样呢，我想知道一下具体的情况和安排啊', 30)}”可能指以下任务` } });
    expect(summary(c)).toBe('您是指：任务8／任务16？');
    expect(texts(c)).toEqual([
      "**任务8：**深化专利导航和专利奖评选工作，完善专利导航指南 · <font color='orange'>存在风险</font> 40% <font color='yellow'>预警</font>\n**任务16：**专利导航服务基地建设 · <font color='blue'>已完成</font> 100%",
      '<column_set>',
      grey('点按钮查看详情（私信发送），或回复“任务编号”'),
    ]);
    expect(buttons(c)).toEqual([
      { tag: 'button', name: 'ask_0', type: 'primary', size: 'small', text: { tag: 'plain_text', content: truncate('任务8 深化专利导航和专利奖评选工作，完善专利导航指南', 24) }, behaviors: [{ type: 'callback', value: { kind: 'ask', question: '任务8' } }] },
      { tag: 'button', name: 'ask_1', type: 'default', size: 'small', text: { tag: 'plain_text', content: '任务16 专利导航服务基地建设' }, behaviors: [{ type: 'callback', value: { kind: 'ask', question: '任务16' } }] },
    ]);
    expect(elements(c)[1]).toMatchObject({ tag: 'column_set', flex_mode: 'flow', columns: [{ tag: 'column', width: 'auto' }, { tag: 'column', width: 'auto' }] });
    expect(answerText(a)).toBe([
      '“专利导航那个进展咋样呢，我想知道一下具体的情况和安排啊”可能指以下任务，您是指：',
      '- 任务8：深化专利导航和专利奖评选工作，完善专利导航指南（存在风险，40%）',
      '- 任务16：专利导航服务基地建设（已完成，100%）',
      '回复“任务8”这样的编号查看详情。',
    ].join('\n'));
  });

  it('with no candidate the text still shows how to ask', () => {
    expect(answerText({ kind: 'candidates', query: '海牙', tasks: [] })).toBe('“海牙”可能指以下任务，您是指：\n回复“任务1”这样的编号查看详情。');
  });
});
