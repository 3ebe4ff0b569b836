import { describe, expect, it } from 'vitest';
import { answerCard, answerText, type Answer, type MissingDepartment, type TaskLine } from '../../src/cards/answers/index.ts';
import { FILTER_TITLE } from '../../src/cards/answers/common.ts';
import { LIST_FILTERS } from '../../src/domain/query/types.ts';
import { escapeMarkdown as md } from '../../src/domain/escape.ts';
import { elements, header, summary, texts as shownTexts } from './card-parts.ts';

/** The card's top-level texts (markdown content, else the tag). */
const texts = (c: unknown): string[] => shownTexts(c) as string[];

// Lists of tasks (「保护司的任务」「哪些任务有风险」) and of the units behind on reporting
// (「谁还没填报」), word for word.

const grey = (s: string) => `<font color='grey'>${s}</font>`;
const line = (n: number, over: Partial<TaskLine> = {}): TaskLine => ({
  number: n, title: `任务标题${n}`, status: 'on_track', progress: 40, deadlineState: 'ok', highlight: null, ...over,
});
const card = (a: Answer) => answerCard(a);

describe('a unit’s tasks', () => {
  it('counts the tasks by status and lists each with status, progress, deadline and highlight', () => {
    const tasks = [
      line(3, { title: '加快推进相关法律制度制修订工作', status: 'blocked', progress: 10, deadlineState: 'overdue', highlight: '受阻：保护司' }),
      line(5),
      line(8, { status: 'done', progress: 100 }),
      line(12, { deadlineState: 'warning', progress: 55 }),
    ];
    const c = card({ kind: 'department', name: '保护司', filter: null, tasks });
    expect(c).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '保护司负责的任务：4 项' } },
      header: { title: { tag: 'plain_text', content: '保护司负责的任务' }, template: 'blue' },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: '共 4 项：正常推进 2 · 受阻 1 · 已完成 1' },
          {
            tag: 'markdown',
            content: [
              "**3.** 加快推进相关法律制度制修订工作 · <font color='red'>受阻</font> 10% <font color='red'>逾期</font>（受阻：保护司）",
              "**5.** 任务标题5 · <font color='green'>正常推进</font> 40%",
              "**8.** 任务标题8 · <font color='blue'>已完成</font> 100%",
              "**12.** 任务标题12 · <font color='green'>正常推进</font> 55% <font color='yellow'>预警</font>",
            ].join('\n'),
          },
        ],
      },
    });
    expect(answerText({ kind: 'department', name: '保护司', filter: null, tasks })).toBe([
      '保护司负责的任务（共 4 项：正常推进 2 · 受阻 1 · 已完成 1）',
      '- 任务3：加快推进相关法律制度制修订工作｜受阻，10%，逾期（受阻：保护司）',
      '- 任务5：任务标题5｜正常推进，40%',
      '- 任务8：任务标题8｜已完成，100%',
      '- 任务12：任务标题12｜正常推进，55%，预警',
    ].join('\n'));
  });

  it('a region’s list says 落实 and counts key points apart from tasks', () => {
    const tasks = [line(4), line(3, { kind: 'key_point', status: 'at_risk', highlight: '存在风险：广东省知识产权局' })];
    const a: Answer = { kind: 'department', name: '广东省知识产权局', filter: null, tasks, unit: 'region' };
    expect(header(card(a)).title.content).toBe('广东省知识产权局需落实的任务和工作要点');
    expect(summary(card(a))).toBe('广东省知识产权局需落实的任务和工作要点：2 项');
    expect(texts(card(a))).toEqual([
      '共 1 项任务、1 项工作要点：正常推进 1 · 存在风险 1',
      "**4.** 任务标题4 · <font color='green'>正常推进</font> 40%\n**要点3.** 任务标题3 · <font color='orange'>存在风险</font> 40%（存在风险：广东省知识产权局）",
    ]);
    expect(answerText(a)).toBe([
      '广东省知识产权局需落实的任务和工作要点（共 1 项任务、1 项工作要点：正常推进 1 · 存在风险 1）',
      '- 任务4：任务标题4｜正常推进，40%',
      '- 工作要点3：任务标题3｜存在风险，40%（存在风险：广东省知识产权局）',
    ].join('\n'));
  });

  it('a filtered list is titled by the filter; an empty one says so in green', () => {
    const a: Answer = { kind: 'department', name: '运用促进司', filter: 'blocked', tasks: [line(7, { status: 'blocked' })] };
    expect(header(card(a)).title.content).toBe('运用促进司：受阻的任务');
    const empty = (filter: 'blocked' | null, unit?: 'region') => ({ kind: 'department' as const, name: '运用促进司', filter, tasks: [], unit });
    expect(card(empty('blocked'))).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '运用促进司：受阻的任务' } },
      header: { title: { tag: 'plain_text', content: '运用促进司：受阻的任务' }, template: 'green' },
      body: { direction: 'vertical', elements: [{ tag: 'markdown', content: '没有符合条件的任务。' }] },
    });
    expect(answerText(empty('blocked'))).toBe('运用促进司：受阻的任务\n没有符合条件的任务。');
    expect(answerText(empty(null))).toBe('运用促进司负责的任务\n该部门目前没有负责的任务。');
    expect(answerText(empty(null, 'region'))).toBe('运用促进司需落实的任务和工作要点\n该地区目前没有需落实的任务。');
    expect(answerText({ ...empty('blocked'), unit: 'region' })).toBe('运用促进司：受阻的任务\n没有符合条件的任务。');
    expect(texts(card(empty(null, 'region')))).toEqual(['该地区目前没有需落实的任务。']);
  });

  it('escapes titles and highlights in the card and keeps them as typed in the text', () => {
    const tasks = [line(1, { title: '**专利**_导航_', highlight: '受阻：[保护司](http://x)' })];
    const a: Answer = { kind: 'department', name: '<b>保护司</b>', filter: null, tasks };
    expect(texts(card(a))[1]).toBe(`**1.** ${md('**专利**_导航_')} · <font color='green'>正常推进</font> 40%（${md('受阻：[保护司](http://x)')}）`);
    expect(answerText(a)).toContain('- 任务1：**专利**_导航_｜正常推进，40%（受阻：[保护司](http://x)）');
  });

  it('splits long lists into blocks of 25 lines and counts what does not fit after 120', () => {
    const tasks = Array.from({ length: 130 }, (_, i) => line(i + 1));
    const c = card({ kind: 'department', name: '保护司', filter: null, tasks });
    const els = elements(c);
    expect(els).toHaveLength(1 + 5 + 1);
    expect(texts(c)[0]).toBe('共 130 项：正常推进 130');
    expect((els[1]!.content as string).split('\n')).toHaveLength(25);
    expect((els[1]!.content as string).split('\n')[24]).toBe("**25.** 任务标题25 · <font color='green'>正常推进</font> 40%");
    expect((els[2]!.content as string).split('\n')[0]).toBe("**26.** 任务标题26 · <font color='green'>正常推进</font> 40%");
    expect((els[5]!.content as string).split('\n')).toHaveLength(20);
    expect(els[6]).toEqual({ tag: 'markdown', content: grey('另有 10 项未显示，可用“任务编号”查看单项'), text_size: 'notation' });
    expect(summary(c)).toBe('保护司负责的任务：130 项');
    const exactly = card({ kind: 'department', name: '保护司', filter: null, tasks: tasks.slice(0, 120) });
    expect(elements(exactly)).toHaveLength(6);
    const full = card({ kind: 'department', name: '保护司', filter: null, tasks: tasks.slice(0, 25) });
    expect(texts(full).slice(1).map((t) => t.split('\n').length)).toEqual([25]);
    const few = card({ kind: 'department', name: '保护司', filter: null, tasks: tasks.slice(0, 26) });
    expect(texts(few).slice(1).map((t) => t.split('\n').length)).toEqual([25, 1]);
  });
});

describe('lists by status', () => {
  it('takes the colour of what it lists', () => {
    const expected: Record<string, string> = {
      at_risk: 'orange', blocked: 'red', red: 'red', overdue: 'red', warning: 'yellow', not_started: 'grey', on_track: 'green', not_done: 'blue', done: 'blue', year_end: 'blue', all: 'blue',
    };
    for (const filter of LIST_FILTERS) {
      if (filter === 'not_reported') continue;
      const c = card({ kind: 'list', filter, tasks: [line(1)] });
      expect(header(c), filter).toEqual({ title: { tag: 'plain_text', content: FILTER_TITLE[filter] }, template: expected[filter] });
      expect(summary(c)).toBe(`${FILTER_TITLE[filter]}：1 项`);
    }
  });

  it('an empty list says what is not there, in green', () => {
    const expected: Record<string, string> = {
      at_risk: '目前没有存在风险的任务。', blocked: '目前没有受阻的任务。', overdue: '目前没有逾期的任务。', warning: '目前没有临近截止的任务。',
      done: '目前还没有全部完成的任务。', red: '目前没有存在风险或受阻的任务。', not_started: '目前没有未启动的任务。', on_track: '目前没有正常推进的任务。',
      not_done: '所有任务都已完成。', year_end: '本计划没有要求年底前完成的任务。', all: '本计划还没有任务。',
    };
    for (const filter of LIST_FILTERS) {
      if (filter === 'not_reported') continue;
      const c = card({ kind: 'list', filter, tasks: [] });
      expect(header(c).template, filter).toBe('green');
      expect(texts(c)).toEqual([expected[filter]]);
      expect(answerText({ kind: 'list', filter, tasks: [] })).toBe(`${FILTER_TITLE[filter]}\n${expected[filter]}`);
    }
  });

  it('the text heads the list with the counts', () => {
    const a: Answer = { kind: 'list', filter: 'red', tasks: [line(2, { status: 'at_risk' }), line(9, { status: 'blocked', deadlineState: 'overdue' })] };
    expect(answerText(a)).toBe('存在风险或受阻的任务（共 2 项：存在风险 1 · 受阻 1）\n- 任务2：任务标题2｜存在风险，40%\n- 任务9：任务标题9｜受阻，40%，逾期');
  });
});

describe('units behind on reporting', () => {
  const missing = (name: string, over: Partial<MissingDepartment> = {}): MissingDepartment => ({ name, expected: 5, reported: 0, missing: [1, 2, 3, 4, 5], ...over });

  it('names each unit with what it has not filled in, in orange', () => {
    const departments = [
      missing('保护司'),
      missing('运用促进司', { reported: 2, missing: [3, 4, 5], missingKeyPoints: [2] }),
      missing('公共服务司', { expected: 2, reported: 1, missing: [], missingKeyPoints: [6] }),
      missing('条法司', { expected: 3, reported: 3, missing: [] }),
    ];
    const a: Answer = { kind: 'not_reported', round: '2021-W23', departments, totalDepartments: 12 };
    expect(card(a)).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '4 个部门未填完' } },
      header: { title: { tag: 'plain_text', content: '本轮未填报的部门（2021-W23）' }, template: 'orange' },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: '12 个部门中有 4 个尚未填完：' },
          {
            tag: 'markdown',
            content: [
              '**保护司**：全部 5 项未填报（缺：任务 1、2、3、4、5）',
              '**运用促进司**：已填 2/5 项（缺：任务 3、4、5；工作要点 2）',
              '**公共服务司**：已填 1/2 项（缺：工作要点 6）',
              '**条法司**：已填 3/3 项',
            ].join('\n'),
          },
        ],
      },
    });
    expect(answerText(a)).toBe([
      '本轮（2021-W23）12 个部门中有 4 个尚未填完：',
      '- 保护司：全部 5 项未填报（缺：任务 1、2、3、4、5）',
      '- 运用促进司：已填 2/5 项（缺：任务 3、4、5；工作要点 2）',
      '- 公共服务司：已填 1/2 项（缺：工作要点 6）',
      '- 条法司：已填 3/3 项',
    ].join('\n'));
  });

  it('lists at most 12 numbers of each kind', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => i + 1);
    const thirteen = [...twelve, 13];
    const a: Answer = {
      kind: 'not_reported', round: '2021-W23', totalDepartments: 2,
      departments: [missing('保护司', { expected: 12, missing: twelve, missingKeyPoints: thirteen }), missing('运用促进司', { expected: 13, missing: thirteen })],
    };
    expect(texts(card(a))[1]).toBe(
      '**保护司**：全部 12 项未填报（缺：任务 1、2、3、4、5、6、7、8、9、10、11、12；工作要点 1、2、3、4、5、6、7、8、9、10、11、12 等）\n' +
        '**运用促进司**：全部 13 项未填报（缺：任务 1、2、3、4、5、6、7、8、9、10、11、12 等）',
    );
  });

  it('regions are called 地区 in every line, and the unit names are escaped in the card', () => {
    const a: Answer = { kind: 'not_reported', round: '2021-W23', departments: [missing('广东省知识产权局*')], totalDepartments: 34, unit: 'region' };
    const c = card(a);
    expect(header(c).title.content).toBe('本轮未填报的地区（2021-W23）');
    expect(summary(c)).toBe('1 个地区未填完');
    expect(texts(c)).toEqual(['34 个地区中有 1 个尚未填完：', `**${md('广东省知识产权局*')}**：全部 5 项未填报（缺：任务 1、2、3、4、5）`]);
    expect(answerText(a)).toBe('本轮（2021-W23）34 个地区中有 1 个尚未填完：\n- 广东省知识产权局*：全部 5 项未填报（缺：任务 1、2、3、4、5）');
  });

  it('before the round opens, and once everyone has reported', () => {
    const closed = (unit?: 'region'): Answer => ({ kind: 'not_reported', round: null, departments: [missing('保护司')], totalDepartments: 12, unit });
    expect(card(closed())).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '本周尚未开启填报。' } },
      header: { title: { tag: 'plain_text', content: '本轮未填报的部门' }, template: 'grey' },
      body: { direction: 'vertical', elements: [{ tag: 'markdown', content: '本周尚未开启填报。' }] },
    });
    expect(header(card(closed('region'))).title.content).toBe('本轮未填报的地区');
    expect(answerText(closed())).toBe('本周尚未开启填报。');
    const done = (unit?: 'region'): Answer => ({ kind: 'not_reported', round: '2021-W23', departments: [], totalDepartments: 12, unit });
    expect(card(done())).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '本轮所有部门都已填报。' } },
      header: { title: { tag: 'plain_text', content: '本轮未填报的部门（2021-W23）' }, template: 'green' },
      body: { direction: 'vertical', elements: [{ tag: 'markdown', content: '本轮所有部门都已填报。' }] },
    });
    expect(texts(card(done('region')))).toEqual(['本轮所有地区都已填报。']);
    expect(summary(card(done('region')))).toBe('本轮所有地区都已填报。');
    expect(answerText(done())).toBe('本轮（2021-W23）：本轮所有部门都已填报。');
    expect(answerText(done('region'))).toBe('本轮（2021-W23）：本轮所有地区都已填报。');
  });

  it('counts the units that do not fit after 120 lines', () => {
    const departments = Array.from({ length: 130 }, (_, i) => missing(`部门${i + 1}`, { missing: [1] }));
    const c = card({ kind: 'not_reported', round: '2021-W23', departments, totalDepartments: 130 });
    expect(elements(c)).toHaveLength(1 + 5 + 1);
    expect(texts(c)[6]).toBe(grey('另有 10 个部门未显示'));
    expect(elements(card({ kind: 'not_reported', round: '2021-W23', departments: departments.slice(0, 120), totalDepartments: 130 }))).toHaveLength(6);
  });
});
