import { describe, expect, it } from 'vitest';
import { buildDepartmentCards } from '../../src/cards/department-card.ts';
import { CARD_MAX_BYTES, CARD_MAX_COMPONENTS, cardBytes, componentNames, countComponents } from '../../src/cards/limits.ts';
import { input, task } from './fixtures.ts';

type Json = Record<string, any>;
const forms = (card: Json): Json[] => card.body.elements.filter((e: Json) => e.tag === 'form');
const text = (card: unknown) => JSON.stringify(card);

describe('the department round card', () => {
  it('lists each task with number, title, role, deadline and its own form, in Card JSON 2.0', () => {
    const [card, ...rest] = buildDepartmentCards(
      input([task(12, { role: 'lead' }), task(8, { role: 'co', deadlineKind: 'milestone', deadlineState: 'warning' })]),
    ) as Json[];
    expect(rest).toEqual([]);
    expect(card!.schema).toBe('2.0');
    expect(card!.config.update_multi).toBe(true);
    expect(card!.header.title.content).toBe('运用促进司 · 本周任务填报');
    expect(card!.header.subtitle.content).toContain('2021-W23');
    const s = text(card);
    expect(s).toContain('**任务8** 任务标题8');
    expect(s.indexOf('任务8')).toBeLessThan(s.indexOf('任务12'));
    expect(s).toContain('牵头');
    expect(s).toContain('配合');
    expect(s).toContain('年内有阶段性成果 · 截止 2021-12-31');
    expect(s).toContain("<text_tag color='yellow'>预警</text_tag>");
    expect(card!.header.text_tag_list).toEqual([{ tag: 'text_tag', text: { tag: 'plain_text', content: '预警 1' }, color: 'yellow' }]);
    expect(s).not.toContain('${');

    const [form8] = forms(card!);
    expect(form8!.name).toBe('form_108');
    const fields = form8!.elements as Json[];
    expect(fields.map((f) => [f.tag, f.name])).toEqual([
      ['select_static', 'status_108'],
      ['input', 'progress_108'],
      ['input', 'note_108'],
      ['input', 'evidence_108'],
      ['button', 'submit_108'],
    ]);
    expect(fields[0]!.options.map((o: Json) => o.text.content)).toEqual(['未启动', '正常推进', '存在风险', '受阻', '已完成']);
    expect(fields[2]!.max_length).toBe(1000);
    expect(fields[4]!.form_action_type).toBe('submit');
    expect(fields[4]!.behaviors).toEqual([
      { type: 'callback', value: { kind: 'report', planId: 1, roundId: 4, departmentId: 6, taskId: 108 } },
    ]);
  });

  it('shows the bureau’s measures in a collapsed panel', () => {
    const [card] = buildDepartmentCards(input([task(1, { measuresForBureau: ['制定管理办法。', '推进试点。'] })])) as Json[];
    expect(card!.header).not.toHaveProperty('text_tag_list');
    const panel = card!.body.elements.find((e: Json) => e.tag === 'collapsible_panel');
    expect(panel.expanded).toBe(false);
    expect(panel.header.title.content).toBe('国家知识产权局落实举措');
    expect(panel.elements[0].content).toBe('制定管理办法。\n\n推进试点。');
  });

  it('shows the last status with its evidence as a link, and prefills every field with the last report', () => {
    const last = {
      status: 'at_risk' as const,
      progress: 40,
      note: '经费未到位',
      evidenceUrl: 'https://oa.example.cn/doc?id=7&x=(1)',
      reporterName: '张三',
      reportedAt: new Date('2021-06-01T02:00:00Z'),
    };
    const [card] = buildDepartmentCards(input([task(3, { last })])) as Json[];
    const s = text(card);
    expect(s).toContain(
      "上次填报：<font color='orange'>存在风险</font> · 40% · 张三 · 2021-06-01 10:00 · [佐证链接](https://oa.example.cn/doc?id=7&x=%281%29)",
    );
    // A short note is shown in its input only.
    expect(card!.body.elements.find((e: Json) => e.tag === 'div')).toBeUndefined();
    const [status, progress, noteInput, evidence] = forms(card!)[0]!.elements;
    expect(status.initial_option).toBe('at_risk');
    expect(progress.default_value).toBe('40');
    expect(noteInput.default_value).toBe('经费未到位');
    expect(evidence.default_value).toBe('https://oa.example.cn/doc?id=7&x=(1)');
  });

  it('leaves the note and evidence inputs empty when nothing was reported, and links only http(s) evidence', () => {
    const [empty] = buildDepartmentCards(input([task(3)])) as Json[];
    const [, , n, e] = forms(empty!)[0]!.elements;
    expect(n).not.toHaveProperty('default_value');
    expect(e).not.toHaveProperty('default_value');
    const last = { status: 'on_track' as const, progress: 5, note: '', evidenceUrl: 'javascript:alert(1)', reporterName: null, reportedAt: new Date() };
    const [card] = buildDepartmentCards(input([task(3, { last })])) as Json[];
    expect(text(card)).not.toContain('](javascript');
  });

  it('shows a note too long to prefill above the form, and its button asks to keep it when left blank', () => {
    const last = { status: 'on_track' as const, progress: 30, note: '长'.repeat(201), reporterName: null, reportedAt: new Date() };
    const [card] = buildDepartmentCards(input([task(3, { last })])) as Json[];
    const note = card!.body.elements.find((e: Json) => e.tag === 'div');
    expect(note.text.content).toMatch(/^说明：长+…$/);
    const [, , noteInput, , button] = forms(card!)[0]!.elements;
    expect(noteInput).not.toHaveProperty('default_value');
    expect(noteInput.placeholder.content).toContain('留空则保留');
    expect(button.behaviors[0].value.keepNote).toBe(true);
    const [short] = buildDepartmentCards(input([task(3, { last: { ...last, note: '长'.repeat(200) } })])) as Json[];
    expect(short!.body.elements.find((e: Json) => e.tag === 'div')).toBeUndefined();
    expect(forms(short!)[0]!.elements[4].behaviors[0].value).not.toHaveProperty('keepNote');
  });

  it('marks a task submitted in this round with who and when, in local time', () => {
    const [card] = buildDepartmentCards(input([task(3, { submitted: { by: '李四', at: new Date('2021-06-09T06:05:00Z') } })]));
    expect(text(card)).toContain('已提交 · 李四 · 2021-06-09 14:05');
  });

  it('shows 逾期 in red', () => {
    const [card] = buildDepartmentCards(input([task(3, { deadlineState: 'overdue' })])) as Json[];
    expect(text(card)).toContain("<text_tag color='red'>逾期</text_tag>");
    expect(card!.header.text_tag_list[0].text.content).toBe('逾期 1');
  });

  it('adds a row per indicator for its owner, with its own form', () => {
    const [card] = buildDepartmentCards(
      input([task(1)], {
        indicators: [{ id: 7, name: '发明专利审查周期', comparator: '<=', value: 18.5, unit: '个月', last: null }],
      }),
    ) as Json[];
    expect(text(card)).toContain('**指标** 发明专利审查周期　目标：不超过 18.5个月');
    const form = forms(card!).find((f) => f.name === 'indicator_form_7')!;
    expect(form.elements.map((e: Json) => e.name)).toEqual(['indicator_value_7', 'indicator_submit_7']);
    expect(form.elements[1].behaviors[0].value).toEqual({ kind: 'indicator', planId: 1, roundId: 4, departmentId: 6, indicatorId: 7 });
  });

  it('escapes user text: a note or name cannot mention everyone or add links', () => {
    const evil = '<at id=all></at>[点我](https://evil.example)**粗**';
    const last = { status: 'on_track' as const, progress: 10, note: evil, reporterName: evil, reportedAt: new Date() };
    const cards = buildDepartmentCards(
      input([task(1, { title: evil, last, submitted: { by: evil, at: new Date() }, measuresForBureau: [evil] })], {
        department: { id: 6, name: evil },
      }),
    );
    // Input values are what the user typed, given back to edit (never rendered); nothing else carries a tag.
    // plain_text (header, summary, the long note) is never rendered either; it shows as typed.
    const shown = JSON.stringify(cards, (k, v) =>
      k === 'default_value' || k === 'summary' || (v && typeof v === 'object' && (v as Json).tag === 'plain_text') ? undefined : v,
    );
    expect(shown).not.toMatch(/<at/i);
    const markdowns: string[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as Json;
        if (o.tag === 'markdown') markdowns.push(o.content);
        Object.values(o).forEach(walk);
      }
    };
    walk(cards);
    for (const m of markdowns) {
      expect(m).not.toMatch(/\]\(/); // no live link
      expect(m).not.toMatch(/\*\*粗/); // no live bold
    }
    // The note comes back in its input, never rendered.
    const noteInput = forms(cards[0] as Json)[0]!.elements[2];
    expect(noteInput.default_value).toBe(evil);
  });

  it('keeps a department with 60 long tasks and 1000-character notes within Lark limits, split into pages', () => {
    const long = '推进知识产权高质量发展相关工作并加强统筹协调'.repeat(8);
    const tasks = Array.from({ length: 60 }, (_, i) =>
      task(i + 1, {
        title: long,
        measuresForBureau: [long.repeat(3), long.repeat(2)],
        last: { status: 'on_track', progress: 50, note: '进'.repeat(1000), reporterName: '张三', reportedAt: new Date() },
        submitted: { by: '张三', at: new Date() },
        deadlineState: i % 3 === 0 ? 'warning' : 'ok',
      }),
    );
    const cards = buildDepartmentCards(input(tasks)) as Json[];
    expect(cards.length).toBeGreaterThan(1);
    const allNames: string[] = [];
    cards.forEach((card, i) => {
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
      expect(countComponents(card)).toBeLessThanOrEqual(CARD_MAX_COMPONENTS);
      expect(card.header.title.content).toContain(`第 ${i + 1}/${cards.length} 页`);
      for (const form of forms(card)) {
        for (const field of form.elements) expect(field.name, JSON.stringify(field)).toMatch(/^[a-z_]+_\d+$/);
      }
      const names = componentNames(card);
      expect(new Set(names).size).toBe(names.length);
      allNames.push(...names);
    });
    // Every task appears exactly once across the pages.
    const submits = allNames.filter((n) => n.startsWith('submit_'));
    expect(submits).toHaveLength(60);
    expect(new Set(submits).size).toBe(60);
  });

  it('splits on the component limit too when tasks are small', () => {
    const tasks = Array.from({ length: 60 }, (_, i) => task(i + 1));
    const cards = buildDepartmentCards(input(tasks));
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) expect(countComponents(card)).toBeLessThanOrEqual(190);
  });
});
