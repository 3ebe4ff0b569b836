import { beforeEach, describe, expect, it } from 'vitest';
import { answerCard, answerText, HELP_EXAMPLES, type Answer, type ResultsSummary, type TaskLine, type UnitHistoryAnswer, type TaskHistoryAnswer } from '../../src/cards/answers/index.ts';
import { escapeMarkdown as md, truncate } from '../../src/domain/escape.ts';
import { buttons, callbackValues, elements, header, summary, texts as shownTexts } from './card-parts.ts';

/** The card's top-level texts (markdown content, else the tag). */
const texts = (c: unknown): string[] => shownTexts(c) as string[];

// The smaller answers word for word: several tasks, key points, another year's plan, help, a question
// not understood, no plan, a refused read, a unit's reporting rate, a task's history and 成效报送情况.

const grey = (s: string) => `<font color='grey'>${s}</font>`;
const line = (n: number, over: Partial<TaskLine> = {}): TaskLine => ({
  number: n, title: `任务标题${n}`, status: 'on_track', progress: 40, deadlineState: 'ok', highlight: null, ...over,
});
const card = (a: Answer) => answerCard(a);
const detailButton = (i: number, question: string, label = `${question} 详情`) => ({
  tag: 'button', name: `detail_${i}`, type: 'default', size: 'small', text: { tag: 'plain_text', content: label }, behaviors: [{ type: 'callback', value: { kind: 'ask', question } }],
});

describe('several tasks asked at once', () => {
  it('lists each, offers a detail button each and names the numbers the plan does not have', () => {
    const a: Answer = { kind: 'tasks', tasks: [line(12, { status: 'blocked', deadlineState: 'overdue' }), line(3)], missing: [30], taskCount: 22 };
    expect(card(a)).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '任务3、任务12、任务30' } },
      header: { title: { tag: 'plain_text', content: '任务3、任务12、任务30' }, template: 'blue', subtitle: { tag: 'plain_text', content: '2 项任务的当前状态' } },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: "**12.** 任务标题12 · <font color='red'>受阻</font> 40% <font color='red'>逾期</font>\n**3.** 任务标题3 · <font color='green'>正常推进</font> 40%" },
          {
            tag: 'column_set', flex_mode: 'flow',
            columns: [
              { tag: 'column', width: 'auto', elements: [detailButton(0, '任务12')] },
              { tag: 'column', width: 'auto', elements: [detailButton(1, '任务3')] },
            ],
          },
          { tag: 'markdown', content: '没有任务30：本计划共有 22 项任务（1–22）。' },
          { tag: 'markdown', content: grey('点“详情”私信查看单项的各部门进展与备注'), text_size: 'notation' },
        ],
      },
    });
    expect(answerText(a)).toBe('- 任务12：任务标题12｜受阻，40%，逾期\n- 任务3：任务标题3｜正常推进，40%\n没有任务30：本计划共有 22 项任务（1–22）。\n回复“任务12”查看单项详情。');
  });

  it('names up to six tasks in the title, counts more, and offers at most ten buttons', () => {
    const six = Array.from({ length: 6 }, (_, i) => line(i + 1));
    expect(header(card({ kind: 'tasks', tasks: six, missing: [], taskCount: 22 })).title.content).toBe('任务1、任务2、任务3、任务4、任务5、任务6');
    expect(header(card({ kind: 'tasks', tasks: six, missing: [7], taskCount: 6 })).title.content).toBe('7 项任务');
    const twelve = Array.from({ length: 12 }, (_, i) => line(i + 1));
    const c = card({ kind: 'tasks', tasks: twelve, missing: [], taskCount: 22 });
    expect(callbackValues(c)).toEqual(twelve.slice(0, 10).map((t) => ({ kind: 'ask', question: `任务${t.number}` })));
    expect(texts(c)).toHaveLength(3);
  });

  it('only missing numbers: no list, no buttons, and the text only says they do not exist', () => {
    const a: Answer = { kind: 'tasks', tasks: [], missing: [31, 30], taskCount: 22 };
    const c = card(a);
    expect(texts(c)).toEqual(['没有任务31、任务30：本计划共有 22 项任务（1–22）。', grey('点“详情”私信查看单项的各部门进展与备注')]);
    expect(buttons(c)).toEqual([]);
    expect(header(c)).toMatchObject({ title: { content: '任务30、任务31' }, subtitle: { content: '0 项任务的当前状态' } });
    expect(answerText(a)).toBe('没有任务31、任务30：本计划共有 22 项任务（1–22）。');
    expect(answerText({ kind: 'tasks', tasks: [line(4, { deadlineState: 'warning' })], missing: [], taskCount: 22 })).toBe('- 任务4：任务标题4｜正常推进，40%，预警\n回复“任务4”查看单项详情。');
  });
});

describe('key points (工作要点)', () => {
  const kp = (n: number, over: Partial<TaskLine> = {}) => line(n, { kind: 'key_point', title: `工作要点标题${n}`, ...over });

  it('lists the key points asked, with a detail button each', () => {
    const a: Answer = { kind: 'key_points', tasks: [kp(4, { highlight: '受阻：保护司', status: 'blocked' }), kp(3)], missing: [], count: 10, all: false };
    expect(card(a)).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '要点3、要点4' } },
      header: { title: { tag: 'plain_text', content: '要点3、要点4' }, template: 'blue', subtitle: { tag: 'plain_text', content: '2 项工作要点的当前状态' } },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: "**要点4.** 工作要点标题4 · <font color='red'>受阻</font> 40%（受阻：保护司）\n**要点3.** 工作要点标题3 · <font color='green'>正常推进</font> 40%" },
          {
            tag: 'column_set', flex_mode: 'flow',
            columns: [
              { tag: 'column', width: 'auto', elements: [detailButton(0, '要点4')] },
              { tag: 'column', width: 'auto', elements: [detailButton(1, '要点3')] },
            ],
          },
          { tag: 'markdown', content: grey('工作要点与附件任务分别编号；点“详情”私信查看各责任单位的进展'), text_size: 'notation' },
        ],
      },
    });
    expect(answerText(a)).toBe('- 工作要点4：工作要点标题4｜受阻，40%（受阻：保护司）\n- 工作要点3：工作要点标题3｜正常推进，40%\n回复“要点4”查看单项详情。');
  });

  it('all of them: titled 工作要点, counted in the text, at most ten buttons', () => {
    const tasks = Array.from({ length: 11 }, (_, i) => kp(i + 1));
    const a: Answer = { kind: 'key_points', tasks, missing: [], count: 11, all: true };
    expect(header(card(a)).title.content).toBe('工作要点');
    expect(callbackValues(card(a))).toHaveLength(10);
    expect(texts(card(a))).toEqual([...texts(card(a)).slice(0, 2), grey('工作要点与附件任务分别编号；点“详情”私信查看各责任单位的进展')]);
    expect(texts(card(a))).not.toContain('本计划没有导入工作要点。');
    expect(answerText(a).split('\n')[0]).toBe('工作要点（共 11 项）：');
    expect(answerText(a).split('\n')).toHaveLength(13);
  });

  it('numbers the plan does not have, and a plan without key points', () => {
    const none: Answer = { kind: 'key_points', tasks: [], missing: [11], count: 10, all: false };
    expect(card(none)).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '没有要点11' } },
      header: { title: { tag: 'plain_text', content: '没有要点11' }, template: 'grey' },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: '没有要点11：本计划共有 10 项工作要点（要点1–10）。' },
          { tag: 'markdown', content: grey('工作要点与附件任务分别编号；点“详情”私信查看各责任单位的进展'), text_size: 'notation' },
        ],
      },
    });
    expect(answerText(none)).toBe('没有要点11：本计划共有 10 项工作要点（要点1–10）。');
    expect(answerText({ ...none, count: 0 } as Answer)).toBe('没有要点11：本计划没有导入工作要点。');
    const mixed: Answer = { kind: 'key_points', tasks: [kp(12)], missing: [11], count: 0, all: false };
    expect(header(card(mixed)).title.content).toBe('要点11、要点12');
    expect(texts(card(mixed))[2]).toBe('没有要点11：本计划没有导入工作要点。');
    const empty: Answer = { kind: 'key_points', tasks: [], missing: [], count: 0, all: true };
    expect(texts(card(empty))).toEqual(['本计划没有导入工作要点。', grey('工作要点与附件任务分别编号；点“详情”私信查看各责任单位的进展')]);
    expect(header(card(empty))).toEqual({ title: { tag: 'plain_text', content: '工作要点' }, template: 'grey' });
    expect(answerText(empty)).toBe('本计划没有导入工作要点。');
    // asked, not all: no such line
    expect(texts(card({ kind: 'key_points', tasks: [], missing: [], count: 0, all: false }))).toEqual([grey('工作要点与附件任务分别编号；点“详情”私信查看各责任单位的进展')]);
    expect(answerText({ kind: 'key_points', tasks: [], missing: [11], count: 10, all: true })).toBe('工作要点（共 0 项）：\n没有要点11：本计划共有 10 项工作要点（要点1–10）。');
  });

  it('sorts the numbers in the title as numbers', () => {
    expect(header(card({ kind: 'key_points', tasks: [kp(10), kp(2)], missing: [9], count: 10, all: false })).title.content).toBe('要点2、要点9、要点10');
  });
});

describe('another year’s plan', () => {
  it('says the plan of that year is imported but not the one followed, and lists the plans', () => {
    const a: Answer = { kind: 'other_plan', year: 2020, plans: [{ title: '指引（2021）', year: 2021, active: true }, { title: '指引（2020）', year: 2020, active: false }] };
    expect(card(a)).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '没有 2020 年的计划' } },
      header: { title: { tag: 'plain_text', content: '不是当前计划的年份（2020）' }, template: 'grey' },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: '2020 年的计划《指引（2020）》已导入，但当前督办的是《指引（2021）》，问答只针对当前计划。' },
          { tag: 'markdown', content: '**已导入的计划：**\n· 2021 年：《指引（2021）》（当前）\n· 2020 年：《指引（2020）》' },
          { tag: 'markdown', content: grey('去掉年份再问，即按当前计划回答'), text_size: 'notation' },
        ],
      },
    });
    expect(answerText(a)).toBe('2020 年的计划《指引（2020）》已导入，但当前督办的是《指引（2021）》，问答只针对当前计划。\n已导入的计划：\n2021 年：《指引（2021）》（当前）\n2020 年：《指引（2020）》\n去掉年份再问，即按当前计划回答。');
  });

  it('without an active plan says so', () => {
    const plans = [{ title: '指引（2020）', year: 2020, active: false }];
    expect(answerText({ kind: 'other_plan', year: 2020, plans }).split('\n')[0]).toBe('2020 年的计划《指引（2020）》已导入，但当前督办的是另一份计划，问答只针对当前计划。');
    expect(answerText({ kind: 'other_plan', year: 2022, plans }).split('\n')[0]).toBe('没有 2022 年的计划。');
    expect(texts(card({ kind: 'other_plan', year: 2022, plans: [{ title: '*指引*', year: 2021, active: true }] }))[0]).toBe(`没有 2022 年的计划；当前督办的是《${md('*指引*')}》（2021 年）。`);
  });
});

describe('help, not understood, no plan, refused', () => {
  it('help lists every example with what it does', () => {
    const examples = HELP_EXAMPLES.slice(0, 2);
    expect(card({ kind: 'help', examples })).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '使用帮助' } },
      header: { title: { tag: 'plain_text', content: '我能回答这些问题' }, template: 'blue', subtitle: { tag: 'plain_text', content: '私聊我，或在群里 @我 提问' } },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: `**任务5进展？**　${md(examples[0]!.does)}\n**任务1、2**　${md(examples[1]!.does)}` },
          { tag: 'markdown', content: grey('发送“帮助”随时查看本说明'), text_size: 'notation' },
        ],
      },
    });
    expect(answerText({ kind: 'help', examples })).toBe(`我能回答这些问题（私聊我，或在群里 @我）：\n- 任务5进展？  ${examples[0]!.does}\n- 任务1、2  ${examples[1]!.does}`);
  });

  it('a question not understood suggests how to ask', () => {
    const a: Answer = { kind: 'unknown', text: '那个*东西*', suggestions: ['任务5进展？', '保护司的任务'] };
    expect(card(a)).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '没有完全理解这个问题' } },
      header: { title: { tag: 'plain_text', content: '您是想问……' }, template: 'grey' },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: `没有完全理解“${md('那个*东西*')}”。可以这样问：\n· 任务5进展？\n· 保护司的任务` },
          { tag: 'markdown', content: grey('发送“帮助”查看全部用法'), text_size: 'notation' },
        ],
      },
    });
    expect(answerText(a)).toBe('没有完全理解“那个*东西*”。可以这样问：\n- 任务5进展？\n- 保护司的任务\n发送“帮助”查看全部用法。');
    expect(texts(card({ ...a, text: '' } as Answer))[0]).toBe('没有理解这个问题。可以这样问：\n· 任务5进展？\n· 保护司的任务');
    const long = '请问'.repeat(40);
    expect(texts(card({ ...a, text: long } as Answer))[0]).toContain(`没有完全理解“${truncate(long, 60)}”。`);
    expect(answerText({ ...a, text: long } as Answer)).toContain(`没有完全理解“${truncate(long, 60)}”。`);
  });

  it('with guesses offers them as buttons, the first as the best, and four suggestions', () => {
    const offers = [{ label: '任务8 深化专利导航和专利奖评选工作', question: '任务8' }, { label: '本周汇总', question: '本周汇总' }];
    const a: Answer = { kind: 'unknown', text: '导航', suggestions: ['任务5进展？', '保护司的任务', '谁还没填报', '本周汇总', '审查周期'], offers };
    const c = card(a);
    expect(texts(c)).toEqual(['没有完全理解“导航”。您是想问：', '<column_set>', grey('也可以这样问：任务5进展？、保护司的任务、谁还没填报、本周汇总；发送“帮助”查看全部用法')]);
    expect(buttons(c).map((b) => [b.name, b.type, (b.text as { content: string }).content])).toEqual([
      ['ask_0', 'primary', '任务8 深化专利导航和专利奖评选工作'],
      ['ask_1', 'default', '本周汇总'],
    ]);
    expect(answerText(a)).toBe(
      '没有完全理解“导航”。您是想问：\n- 任务8 深化专利导航和专利奖评选工作（回复“任务8”）\n- 本周汇总（回复“本周汇总”）\n也可以这样问：任务5进展？、保护司的任务、谁还没填报、本周汇总\n发送“帮助”查看全部用法。',
    );
  });

  it('no plan yet', () => {
    const text = '还没有导入工作计划，暂时无法回答。请管理员先用 duban import 命令导入计划文件。';
    expect(card({ kind: 'no_plan' })).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '尚未导入工作计划' } },
      header: { title: { tag: 'plain_text', content: '尚未导入工作计划' }, template: 'grey' },
      body: { direction: 'vertical', elements: [{ tag: 'markdown', content: text }] },
    });
    expect(answerText({ kind: 'no_plan' })).toBe(text);
  });

  it('a refused read names whom to contact, under its own or the default title', () => {
    const message = '仅管理员、领导和本部门填报人可查看运用促进司的填报率，请联系<办公室>。';
    expect(card({ kind: 'refused', message })).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '暂无查看权限' } },
      header: { title: { tag: 'plain_text', content: '暂无查看权限' }, template: 'grey' },
      body: { direction: 'vertical', elements: [{ tag: 'markdown', content: md(message) }] },
    });
    expect(header(card({ kind: 'refused', message, title: '无权查看' })).title.content).toBe('无权查看');
    expect(summary(card({ kind: 'refused', message, title: '无权查看' }))).toBe('无权查看');
    expect(answerText({ kind: 'refused', message })).toBe('仅管理员、领导和本部门填报人可查看运用促进司的填报率，请联系＜办公室＞。');
  });
});

describe('a unit’s reporting rate (填报率)', () => {
  let h: UnitHistoryAnswer;
  beforeEach(() => {
    h = { name: '运用促进司', weeks: [{ key: '2021-W22', expected: 8, reported: 6, onTime: 5 }, { key: '2021-W23', expected: 3, reported: 2, onTime: 2 }], rate: 73, timeliness: 64 };
  });
  const FOOT = grey('填报率：本周填报的任务 / 应填报的任务；按时：在关闭填报前提交');

  it('sums up the rates and lists each week', () => {
    expect(card({ kind: 'unit_history', history: h })).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '运用促进司的填报率' } },
      header: { title: { tag: 'plain_text', content: '运用促进司的填报率' }, template: 'turquoise' },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: '**共 2 周：填报率 73%，按时率 64%**' },
          { tag: 'markdown', content: '2021-W22：已填 6/8（75%），按时 5\n2021-W23：已填 2/3（67%），按时 2' },
          { tag: 'markdown', content: FOOT, text_size: 'notation' },
        ],
      },
    });
    expect(answerText({ kind: 'unit_history', history: h })).toBe('运用促进司的填报率：共 2 周：填报率 73%，按时率 64%\n- 2021-W22：已填 6/8（75%），按时 5\n- 2021-W23：已填 2/3（67%），按时 2');
  });

  it('no weeks yet, rates unknown, and a week with nothing expected', () => {
    const none = { ...h, weeks: [], rate: null, timeliness: null };
    expect(texts(card({ kind: 'unit_history', history: none }))).toEqual(['**尚无填报轮次**', FOOT]);
    expect(answerText({ kind: 'unit_history', history: none })).toBe('运用促进司的填报率：尚无填报轮次');
    const open = { ...h, weeks: [{ key: '2021-W24', expected: 0, reported: 0, onTime: 0 }], rate: null, timeliness: null };
    expect(texts(card({ kind: 'unit_history', history: open })).slice(0, 2)).toEqual(['**共 1 周：填报率 —，按时率 —**', '2021-W24：已填 0/0（0%），按时 0']);
  });

  it('shows the latest eight weeks and counts the earlier ones', () => {
    const weeks = Array.from({ length: 10 }, (_, i) => ({ key: `2021-W${String(i + 14)}`, expected: 4, reported: 4, onTime: 4 }));
    const c = card({ kind: 'unit_history', history: { ...h, weeks } });
    const t = texts(c);
    expect(t[1]!.split('\n')).toHaveLength(8);
    expect(t[1]!.split('\n')[0]).toBe('2021-W16：已填 4/4（100%），按时 4');
    expect(t[2]).toBe(grey('另有更早的 2 周；全部见导出台账的「历史」表'));
    expect(answerText({ kind: 'unit_history', history: { ...h, weeks } }).split('\n')).toHaveLength(9);
    expect(texts(card({ kind: 'unit_history', history: { ...h, weeks: weeks.slice(2) } }))).toHaveLength(3);
  });

  it('escapes the unit name in the header', () => {
    expect(header(card({ kind: 'unit_history', history: { ...h, name: '*司*' } })).title.content).toBe(`${md('*司*')}的填报率`);
    expect(summary(card({ kind: 'unit_history', history: { ...h, name: '*司*' } }))).toBe('*司*的填报率');
  });
});

describe('a task’s history (任务7的历史)', () => {
  let h: TaskHistoryAnswer;
  beforeEach(() => {
    h = {
      number: 7, title: '深化专利导航和专利奖评选工作',
      entries: [
        { at: '06-01 10:00', roundKey: '2021-W22', department: '运用促进司', status: 'on_track', progress: 30, note: '', late: false, reporter: '张三' },
        { at: '06-09 09:00', roundKey: '2021-W23', department: '保护司', status: null, progress: 40, note: '*试点*已启动', late: true, reporter: null },
      ],
    };
  });

  it('lists each change with status, progress, who and the note', () => {
    expect(card({ kind: 'task_history', history: h })).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '任务7的历史' } },
      header: { title: { tag: 'plain_text', content: '任务7的历史' }, template: 'turquoise' },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: '深化专利导航和专利奖评选工作' },
          { tag: 'markdown', content: `06-01 10:00 <font color='green'>正常推进</font> 30% · 运用促进司·张三\n06-09 09:00 <font color='grey'>未填报</font> 40%（逾期补报） · 保护司\n　${md('*试点*已启动')}` },
        ],
      },
    });
    expect(answerText({ kind: 'task_history', history: h })).toBe('任务7的历史：深化专利导航和专利奖评选工作\n- 06-01 10:00 正常推进 30% 运用促进司·张三\n- 06-09 09:00 未知 40%（逾期补报） 保护司：*试点*已启动');
  });

  it('says when there is nothing yet', () => {
    const empty = { ...h, entries: [] };
    expect(texts(card({ kind: 'task_history', history: empty }))).toEqual(['深化专利导航和专利奖评选工作', '尚无填报记录。']);
    expect(answerText({ kind: 'task_history', history: empty })).toBe('任务7的历史：深化专利导航和专利奖评选工作\n尚无填报记录。');
  });

  it('shows the latest twelve, counts the earlier ones, and cuts notes at 60 characters', () => {
    const note = '说'.repeat(80);
    const entries = Array.from({ length: 14 }, (_, i) => ({ ...h.entries[0]!, at: `06-${String(i + 1).padStart(2, '0')} 10:00`, note }));
    const c = card({ kind: 'task_history', history: { ...h, entries } });
    const lines = texts(c)[1]!.split('\n');
    expect(lines).toHaveLength(24);
    expect(lines[0]).toBe("06-03 10:00 <font color='green'>正常推进</font> 30% · 运用促进司·张三");
    expect(lines[1]).toBe(`　${truncate(note, 60)}`);
    expect(texts(c)[2]).toBe(grey('另有更早的 2 条；全部见导出台账的「历史」表'));
    const text = answerText({ kind: 'task_history', history: { ...h, entries } }).split('\n');
    expect(text).toHaveLength(13);
    expect(text[1]).toBe(`- 06-03 10:00 正常推进 30% 运用促进司·张三：${truncate(note, 60)}`);
    expect(texts(card({ kind: 'task_history', history: { ...h, entries: entries.slice(2) } }))).toHaveLength(2);
  });

  it('escapes the title', () => {
    expect(texts(card({ kind: 'task_history', history: { ...h, title: '**导航**' } }))[0]).toBe(md('**导航**'));
  });
});

describe('成效报送情况', () => {
  let r: ResultsSummary;
  const FOOT = grey('电子版以各单位最新发送的文件为准；导出：duban export --format xlsx（成效报送 工作表）。');
  beforeEach(() => {
    r = {
      deadline: '2021年12月15日', countdown: '距截止还有 25 天', startsOn: null, totalUnits: 5,
      submitted: [
        { unit: '运用促进司', fileName: '成效报告.pdf', size: '1.5 MB', at: '11-20 10:00', by: '张三', files: 1, paperAt: '11-22 11:00' },
        { unit: '保护司', fileName: '保护司_成效.docx', size: '800 KB', at: '11-21 09:00', by: '李四', files: 2, paperAt: null },
      ],
      missing: ['条法司', '北京市知识产权局'], paperMissing: ['保护司'], paperOnly: ['公共服务司'],
    };
  });

  it('counts both copies, lists who sent what, and names the others', () => {
    expect(card({ kind: 'results', results: r })).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '成效报送：2/5 个单位已报送电子版' } },
      header: { title: { tag: 'plain_text', content: '成效报送情况' }, template: 'orange', subtitle: { tag: 'plain_text', content: '截止 2021年12月15日 · 距截止还有 25 天' } },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: '电子版已报送 **2/5** 个单位 · 纸质版已确认寄出 **2/5**' },
          { tag: 'hr' },
          { tag: 'markdown', content: `**已报送电子版（2）**\n· 运用促进司：「成效报告.pdf」1.5 MB · 11-20 10:00 · 张三 · 纸质版 11-22 11:00\n· 保护司：「${md('保护司_成效.docx')}」800 KB · 11-21 09:00 · 李四（共 2 份） · 纸质版未确认` },
          { tag: 'hr' },
          { tag: 'markdown', content: '**未报送电子版（2）**：条法司、北京市知识产权局' },
          { tag: 'markdown', content: '**已报送电子版、纸质版未确认（1）**：保护司' },
          { tag: 'markdown', content: '**仅确认纸质版、未收到电子版（1）**：公共服务司' },
          { tag: 'markdown', content: FOOT, text_size: 'notation' },
        ],
      },
    });
    expect(answerText({ kind: 'results', results: r })).toBe([
      '成效报送情况（截止 2021年12月15日 · 距截止还有 25 天）：电子版已报送 2/5，纸质版已确认 2/5',
      '已报送电子版：',
      '  运用促进司：「成效报告.pdf」1.5 MB · 11-20 10:00 · 张三 · 纸质版 11-22 11:00',
      '  保护司：「保护司_成效.docx」800 KB · 11-21 09:00 · 李四（共 2 份） · 纸质版未确认',
      '未报送电子版（2）：条法司、北京市知识产权局',
      '纸质版未确认（1）：保护司',
      '仅确认纸质版（1）：公共服务司',
    ].join('\n'));
  });

  it('separates the names of each kind by 、', () => {
    const two = { ...r, paperMissing: ['保护司', '条法司'], paperOnly: ['公共服务司', '北京市知识产权局'] };
    expect(answerText({ kind: 'results', results: two }).split('\n').slice(-2)).toEqual(['纸质版未确认（2）：保护司、条法司', '仅确认纸质版（2）：公共服务司、北京市知识产权局']);
    expect(texts(card({ kind: 'results', results: two })).slice(5, 7)).toEqual(['**已报送电子版、纸质版未确认（2）**：保护司、条法司', '**仅确认纸质版、未收到电子版（2）**：公共服务司、北京市知识产权局']);
  });

  it('green once everyone sent it; before collection starts; without a deadline', () => {
    const all = { ...r, missing: [], paperMissing: [], paperOnly: [] };
    const c = card({ kind: 'results', results: all });
    expect(header(c).template).toBe('green');
    expect(texts(c)).toHaveLength(4);
    expect(answerText({ kind: 'results', results: all }).split('\n')).toHaveLength(4);
    const early = { ...r, startsOn: '2021年11月15日' };
    expect(header(card({ kind: 'results', results: early })).subtitle!.content).toBe('截止 2021年12月15日 · 自 2021年11月15日 开始收集');
    expect(answerText({ kind: 'results', results: early }).split('\n')[0]).toBe('成效报送情况（截止 2021年12月15日 · 自 2021年11月15日 开始收集）：电子版已报送 2/5，纸质版已确认 2/5');
    const open = { ...r, deadline: null, submitted: [], paperOnly: [] };
    expect(header(card({ kind: 'results', results: open }))).toEqual({ title: { tag: 'plain_text', content: '成效报送情况' }, template: 'orange' });
    expect(texts(card({ kind: 'results', results: open })).slice(0, 3)).toEqual(['电子版已报送 **0/5** 个单位 · 纸质版已确认寄出 **0/5**', '<hr>', '**未报送电子版（2）**：条法司、北京市知识产权局']);
    expect(answerText({ kind: 'results', results: open })).toBe('成效报送情况：电子版已报送 0/5，纸质版已确认 0/5\n未报送电子版（2）：条法司、北京市知识产权局\n纸质版未确认（1）：保护司');
  });

  it('shortens file names to 40 characters and escapes units and senders in the card only', () => {
    const fileName = `${'各单位成效报送材料'.repeat(6)}.pdf`;
    const s = { unit: '*司*', fileName, size: '2 MB', at: '11-20 10:00', by: '[王五]', files: 1, paperAt: null };
    const one = { ...r, submitted: [s], missing: [], paperMissing: [], paperOnly: [] };
    expect(texts(card({ kind: 'results', results: one }))[2]).toBe(`**已报送电子版（1）**\n· ${md('*司*')}：「${truncate(fileName, 40)}」2 MB · 11-20 10:00 · ${md('[王五]')} · 纸质版未确认`);
    expect(answerText({ kind: 'results', results: one })).toContain(`  *司*：「${truncate(fileName, 40)}」2 MB · 11-20 10:00 · [王五] · 纸质版未确认`);
  });

  it('shows 60 senders and 60 names of each kind, and counts the rest', () => {
    const units = Array.from({ length: 61 }, (_, i) => `单位${i + 1}`);
    const submitted = units.map((unit) => ({ ...r.submitted[0]!, unit }));
    const many = { ...r, totalUnits: 122, submitted, missing: units, paperMissing: units, paperOnly: units };
    const t = texts(card({ kind: 'results', results: many }));
    expect(t[2]!.split('\n')).toHaveLength(62);
    expect(t[2]!.split('\n')[61]).toBe('……另有 1 个单位');
    const sixty = units.slice(0, 60).join('、');
    expect(t[4]).toBe(`**未报送电子版（61）**：${sixty} 等 61 个`);
    expect(t[5]).toBe(`**已报送电子版、纸质版未确认（61）**：${sixty} 等 61 个`);
    expect(t[6]).toBe(`**仅确认纸质版、未收到电子版（61）**：${sixty} 等 61 个`);
    expect(t[0]).toBe('电子版已报送 **61/122** 个单位 · 纸质版已确认寄出 **122/122**');
    const exact = { ...many, submitted: submitted.slice(0, 60), missing: units.slice(0, 60) };
    const e = texts(card({ kind: 'results', results: exact }));
    expect(e[2]!.split('\n')).toHaveLength(61);
    expect(e[4]).toBe(`**未报送电子版（60）**：${sixty}`);
    expect(elements(card({ kind: 'results', results: exact }))).toHaveLength(8);
  });
});
