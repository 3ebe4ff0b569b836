import { describe, expect, it } from 'vitest';
import { indicatorBlock, LINK_SHOWN_MAX, REVIEW_REASON_SHOWN_MAX, taskBlock } from '../../src/cards/department-blocks.ts';
import type { DepartmentCardIndicator, DepartmentCardTask, LastReport } from '../../src/cards/department-types.ts';
import { input, task } from './fixtures.ts';

// One task's (or indicator's) elements on the department card, pinned as the unit sees them:
// heading, details, collapsed measures, the form with its prefilled fields and what its buttons send.

type Json = Record<string, any>;
const ctx = () => {
  const { plan, round, department, timezone } = input([]);
  return { plan, round, department, timezone };
};
const block = (t: DepartmentCardTask) => taskBlock(t, ctx()) as Json[];
const heading = (t: DepartmentCardTask) => block(t)[1]!.content as string;
const details = (t: DepartmentCardTask) => heading(t).split('\n').slice(1).join('\n');
const form = (t: DepartmentCardTask) => block(t).find((e) => e.tag === 'form')!;
const fields = (t: DepartmentCardTask) => form(t).elements as Json[];
const submitValue = (t: DepartmentCardTask) => fields(t)[4]!.behaviors[0].value;

function last(extra: Partial<LastReport> = {}): LastReport {
  return { status: 'at_risk', progress: 40, note: '经费未到位', evidenceUrl: null, reporterName: '张三', reportedAt: new Date('2021-06-01T02:00:00Z'), ...extra };
}

const STATUS_OPTIONS = [
  ['未启动', 'not_started'],
  ['正常推进', 'on_track'],
  ['存在风险', 'at_risk'],
  ['受阻', 'blocked'],
  ['已完成', 'done'],
].map(([label, value]) => ({ text: { tag: 'plain_text', content: label }, value }));

describe('a task’s block on the department card', () => {
  it('is a rule, the heading with its details, the collapsed measures, the form and 申请延期', () => {
    expect(block(task(3))).toEqual([
      { tag: 'hr' },
      {
        tag: 'markdown',
        content: "**任务3** 任务标题3　<text_tag color='blue'>牵头</text_tag>\n年底前完成 · 截止 2021-12-31\n上次填报：<font color='grey'>暂无</font>",
      },
      {
        tag: 'collapsible_panel',
        expanded: false,
        header: { title: { tag: 'plain_text', content: '国家知识产权局落实举措' } },
        border: { color: 'grey' },
        elements: [{ tag: 'markdown', content: '国家知识产权局举措3' }],
      },
      {
        tag: 'form',
        name: 'form_103',
        elements: [
          {
            tag: 'select_static',
            name: 'status_103',
            required: true,
            width: 'fill',
            placeholder: { tag: 'plain_text', content: '选择状态' },
            options: STATUS_OPTIONS,
          },
          { tag: 'input', name: 'progress_103', width: 'fill', max_length: 3, placeholder: { tag: 'plain_text', content: '进度 %（0–100）' } },
          {
            tag: 'input',
            name: 'note_103',
            width: 'fill',
            input_type: 'multiline_text',
            rows: 2,
            max_length: 1000,
            placeholder: { tag: 'plain_text', content: '进展说明（≤1000 字）' },
          },
          {
            tag: 'input',
            name: 'evidence_103',
            width: 'fill',
            max_length: 300,
            placeholder: { tag: 'plain_text', content: '佐证链接（已完成须附链接，或先把佐证文件发给督办）' },
          },
          {
            tag: 'button',
            name: 'submit_103',
            type: 'primary_filled',
            form_action_type: 'submit',
            text: { tag: 'plain_text', content: '提交' },
            behaviors: [{ type: 'callback', value: { kind: 'report', planId: 1, roundId: 4, departmentId: 6, taskId: 103 } }],
          },
        ],
      },
      {
        tag: 'button',
        name: 'extend_103',
        type: 'default',
        size: 'small',
        text: { tag: 'plain_text', content: '申请延期' },
        behaviors: [{ type: 'callback', value: { kind: 'extension_open', planId: 1, departmentId: 6, taskId: 103 } }],
      },
    ]);
  });

  it('labels a key point 工作要点N and tags a co-operating or regional unit’s role in neutral', () => {
    expect(heading(task(2, { kind: 'key_point', role: 'co' })).split('\n')[0]).toBe("**工作要点2** 任务标题2　<text_tag color='neutral'>配合</text_tag>");
    expect(heading(task(5, { role: 'region' })).split('\n')[0]).toBe("**任务5** 任务标题5　<text_tag color='neutral'>地方落实</text_tag>");
    expect(heading(task(5, { kind: 'task', role: 'lead' })).split('\n')[0]).toBe("**任务5** 任务标题5　<text_tag color='blue'>牵头</text_tag>");
  });

  it('escapes the title and cuts it at 300 characters', () => {
    const title = `**加强**${'知'.repeat(400)}`;
    const first = heading(task(1, { title })).split('\n')[0]!;
    expect(first).toBe(`**任务1** &#42;&#42;加强&#42;&#42;${'知'.repeat(293)}…　<text_tag color='blue'>牵头</text_tag>`);
  });

  describe('the deadline line', () => {
    it('says when no time limit is set, and marks the deadline state in its colour', () => {
      expect(details(task(1, { deadlineKind: null, dueDate: null })).split('\n')[0]).toBe('未定完成时限');
      expect(details(task(1, { deadlineKind: null, dueDate: null, deadlineState: 'overdue' })).split('\n')[0]).toBe(
        "未定完成时限 <text_tag color='red'>逾期</text_tag>",
      );
      expect(details(task(1, { deadlineKind: 'milestone', deadlineState: 'warning' })).split('\n')[0]).toBe(
        "年内有阶段性成果 · 截止 2021-12-31 <text_tag color='yellow'>预警</text_tag>",
      );
      expect(details(task(1, { deadlineKind: null })).split('\n')[0]).toBe('截止 2021-12-31');
      expect(details(task(1, { dueDate: null })).split('\n')[0]).toBe('年底前完成');
    });

    it('shows an extended date with the plan’s own, and a request still waiting for its approver', () => {
      expect(details(task(1, { dueDate: '2022-03-31', plannedDueDate: '2021-12-31', pendingExtension: '2022-06-30' })).split('\n')[0]).toBe(
        '年底前完成 · 截止 2022-03-31（已延期，原 2021-12-31） · 延期申请待审批（至 2022-06-30）',
      );
      expect(details(task(1, { deadlineKind: null, dueDate: null, pendingExtension: '2022-06-30' })).split('\n')[0]).toBe('延期申请待审批（至 2022-06-30）');
    });
  });

  describe('the last report', () => {
    it('shows status in its colour, progress, reporter, local time and the evidence link', () => {
      const t = task(3, { last: last({ evidenceUrl: 'https://oa.example.cn/doc?id=7' }) });
      expect(details(t)).toBe(
        "年底前完成 · 截止 2021-12-31\n上次填报：<font color='orange'>存在风险</font> · 40% · 张三 · 2021-06-01 10:00 · [佐证链接](https://oa.example.cn/doc?id=7)",
      );
    });

    it('leaves out an unknown reporter and missing evidence, and escapes the reporter’s name', () => {
      expect(details(task(3, { last: last({ status: 'done', progress: 100, reporterName: null }) })).split('\n')[1]).toBe(
        "上次填报：<font color='blue'>已完成</font> · 100% · 2021-06-01 10:00",
      );
      expect(details(task(3, { last: last({ reporterName: '<at id=all></at>' }) })).split('\n')[1]).toBe(
        "上次填报：<font color='orange'>存在风险</font> · 40% · &lt;at id=all&gt;&lt;/at&gt; · 2021-06-01 10:00",
      );
    });

    it('links evidence up to 300 characters, points to the input past that, and shows a non-http address as cut text', () => {
      const url = (n: number) => `https://e.cn/${'a'.repeat(n - 13)}`;
      expect(url(LINK_SHOWN_MAX)).toHaveLength(300);
      expect(details(task(3, { last: last({ evidenceUrl: url(300) }) }))).toMatch(new RegExp(`· \\[佐证链接\\]\\(${url(300)}\\)$`));
      expect(details(task(3, { last: last({ evidenceUrl: url(301) }) }))).toMatch(/ · 佐证链接见下方输入框$/);
      expect(details(task(3, { last: last({ evidenceUrl: `ftp://${'x'.repeat(70)}` }) }))).toMatch(new RegExp(`· 佐证：ftp://${'x'.repeat(53)}…$`));
      expect(details(task(3, { last: last({ evidenceUrl: 'javascript:alert(1)' }) }))).toMatch(/ · 佐证：javascript:alert&#40;1&#41;$/);
    });

    it('prefills the form with the last report, showing 待审核 as the 已完成 the unit chose', () => {
      const t = task(3, { last: last({ status: 'pending_review', progress: 100, evidenceUrl: 'https://oa.example.cn/x' }) });
      const [status, progress, note, evidence] = fields(t);
      expect(status!.initial_option).toBe('done');
      expect(progress!.default_value).toBe('100');
      expect(note!.default_value).toBe('经费未到位');
      expect(evidence!.default_value).toBe('https://oa.example.cn/x');
      expect(fields(task(3, { last: last({ progress: 0 }) }))[1]!.default_value).toBe('0');
      expect(fields(task(3, { last: last({ status: 'blocked' }) }))[0]!.initial_option).toBe('blocked');
    });

    it('leaves an empty note and empty evidence unfilled, trims the note and keeps the usual placeholder', () => {
      const [, , note, evidence, submit] = fields(task(3, { last: last({ note: '  ', evidenceUrl: '' }) }));
      expect(note).not.toHaveProperty('default_value');
      expect(note!.placeholder.content).toBe('进展说明（≤1000 字）');
      expect(evidence).not.toHaveProperty('default_value');
      expect(submit!.behaviors[0].value).toEqual({ kind: 'report', planId: 1, roundId: 4, departmentId: 6, taskId: 103 });
      expect(fields(task(3, { last: last({ note: '  经费未到位\n' }) }))[2]!.default_value).toBe('经费未到位');
      expect(block(task(3, { last: last({ note: '  ' }) })).some((e) => e.tag === 'div')).toBe(false);
    });

    it('prefills a note of 200 characters, and shows a longer one above the form, cut at 200, kept when left blank', () => {
      const at200 = task(3, { last: last({ note: '长'.repeat(200) }) });
      expect(fields(at200)[2]!.default_value).toBe('长'.repeat(200));
      expect(block(at200).some((e) => e.tag === 'div')).toBe(false);
      expect(submitValue(at200)).not.toHaveProperty('keepNote');

      const long = task(3, { last: last({ note: `<b>${'长'.repeat(298)}` }) });
      const els = block(long);
      expect(els[2]).toEqual({
        tag: 'div',
        text: { tag: 'plain_text', content: `说明：<b>${'长'.repeat(196)}…`, text_size: 'notation', text_color: 'grey' },
      });
      const [, , note] = fields(long);
      expect(note).not.toHaveProperty('default_value');
      expect(note!.placeholder.content).toBe('留空则保留上方的上次说明；填写则替换');
      expect(submitValue(long)).toEqual({ kind: 'report', planId: 1, roundId: 4, departmentId: 6, taskId: 103, keepNote: true });
    });
  });

  describe('the 办结审核 and submitted marks', () => {
    it('says a 已完成 waits for its review in purple', () => {
      expect(details(task(3, { review: { state: 'pending', reason: null } }))).toBe(
        "年底前完成 · 截止 2021-12-31\n上次填报：<font color='grey'>暂无</font>\n<font color='purple'>已完成待审核</font>：审核通过前计为未完成",
      );
    });

    it('shows a refusal in red with its reason escaped and cut at 40 characters', () => {
      const reason = `[链接](x)${'缺'.repeat(50)}`;
      expect(REVIEW_REASON_SHOWN_MAX).toBe(40);
      expect(details(task(3, { review: { state: 'refused', reason } })).split('\n')[2]).toBe(
        `<font color='red'>办结审核退回</font>：&#91;链接&#93;&#40;x&#41;${'缺'.repeat(32)}…`,
      );
      expect(details(task(3, { review: { state: 'refused', reason: null } })).split('\n')[2]).toBe("<font color='red'>办结审核退回</font>：");
    });

    it('marks a task submitted in this round with who and when, and offers to change it', () => {
      const t = task(3, { review: { state: 'pending', reason: null }, submitted: { by: '李*四', at: new Date('2021-06-09T06:05:00Z') } });
      expect(details(t).split('\n').slice(2)).toEqual([
        "<font color='purple'>已完成待审核</font>：审核通过前计为未完成",
        "<font color='green'>已提交 · 李&#42;四 · 2021-06-09 14:05</font>",
      ]);
      expect(fields(t)[4]!.text.content).toBe('修改并重新提交');
    });
  });

  describe('the measures panel', () => {
    it('escapes and trims each measure, drops empty ones, and takes the unit’s own title', () => {
      const t = task(3, { measuresForBureau: ['  制定*管理*办法。 ', '   ', '推进试点。'], measuresTitle: '各地区落实举措' });
      expect(block(t)[2]).toEqual({
        tag: 'collapsible_panel',
        expanded: false,
        header: { title: { tag: 'plain_text', content: '各地区落实举措' } },
        border: { color: 'grey' },
        elements: [{ tag: 'markdown', content: '制定&#42;管理&#42;办法。\n\n推进试点。' }],
      });
    });

    it('is left out when there are no measures, and cut at 2000 characters', () => {
      expect(block(task(3, { measuresForBureau: [' '] })).some((e) => e.tag === 'collapsible_panel')).toBe(false);
      expect(block(task(3, { measuresForBureau: [] })).map((e) => e.tag)).toEqual(['hr', 'markdown', 'form', 'button']);
      const content = block(task(3, { measuresForBureau: ['举'.repeat(1500), '措'.repeat(1500)] }))[2]!.elements[0].content as string;
      expect(content).toBe(`${'举'.repeat(1500)}\n\n${'措'.repeat(497)}…`);
    });
  });

  it('offers 申请延期 unless the unit’s part is done', () => {
    expect(block(task(3, { last: last({ status: 'done' }) })).at(-1)!.tag).toBe('form');
    expect(block(task(3, { last: last({ status: 'pending_review' }) })).at(-1)!.name).toBe('extend_103');
    expect(block(task(3, { last: last({ status: 'blocked' }) })).at(-1)!.name).toBe('extend_103');
  });
});

describe('an indicator’s block on the department card', () => {
  function indicator(extra: Partial<DepartmentCardIndicator> = {}): DepartmentCardIndicator {
    return { id: 7, name: '发明专利审查周期', comparator: '<=', value: 18.5, unit: '个月', last: null, ...extra };
  }
  const ind = (i: DepartmentCardIndicator) => indicatorBlock(i, ctx()) as Json[];

  it('is a rule, its target and last value, and a form to report the current value', () => {
    expect(ind(indicator())).toEqual([
      { tag: 'hr' },
      { tag: 'markdown', content: "**指标** 发明专利审查周期　目标：不超过 18.5个月\n最近填报：<font color='grey'>暂无</font>" },
      {
        tag: 'form',
        name: 'indicator_form_7',
        elements: [
          {
            tag: 'input',
            name: 'indicator_value_7',
            required: true,
            width: 'fill',
            max_length: 30,
            placeholder: { tag: 'plain_text', content: '当前值（单位：个月）' },
          },
          {
            tag: 'button',
            name: 'indicator_submit_7',
            type: 'primary_filled',
            form_action_type: 'submit',
            text: { tag: 'plain_text', content: '提交指标值' },
            behaviors: [{ type: 'callback', value: { kind: 'indicator', planId: 1, roundId: 4, departmentId: 6, indicatorId: 7 } }],
          },
        ],
      },
    ]);
  });

  it('shows the last value rounded to four places, who reported it and when, and the submitted mark', () => {
    const i = indicator({
      name: '专利*质押*融资',
      comparator: '>=',
      value: 2400,
      unit: '亿元',
      last: { value: 2123.456789, reporterName: '张三', reportedAt: new Date('2021-06-08T03:00:00Z') },
      submitted: { by: '李四', at: new Date('2021-06-09T06:05:00Z') },
    });
    expect(ind(i)[1]!.content).toBe(
      "**指标** 专利&#42;质押&#42;融资　目标：不低于 2400亿元\n最近填报：2123.4568亿元 · 张三 · 2021-06-08 11:00\n<font color='green'>已提交 · 李四 · 2021-06-09 14:05</font>",
    );
    const anon = indicator({ comparator: '>', value: 10.00001, unit: '%', last: { value: -0.5, reporterName: null, reportedAt: new Date('2021-06-08T03:00:00Z') } });
    expect(ind(anon)[1]!.content).toBe('**指标** 发明专利审查周期　目标：超过 10%\n最近填报：-0.5% · 2021-06-08 11:00');
  });
});
