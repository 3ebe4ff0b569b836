import { describe, expect, it } from 'vitest';
import { buildEvidenceChoiceCard } from '../../src/cards/evidence-cards.ts';
import { CARD_MAX_BYTES, CARD_MAX_COMPONENTS, cardBytes, componentNames, countComponents } from '../../src/cards/limits.ts';
import { buildCompletionReviewCard } from '../../src/cards/review-cards.ts';
import { escapeMarkdown as md } from '../../src/domain/escape.ts';
import { EVIDENCE_TASKS_MAX } from '../../src/domain/evidence.ts';
import { validateCard } from '../../src/simulator/card-rules.ts';

// The 办结佐证 cards within Lark's limits and rules at their extremes: the longest file name the
// intake takes (200 characters), titles of any length, the most buttons, hostile text.

const NASTY = '<at id=all></at> **粗体** [链接](http://x) <font color=red>红</font>';
const LONGEST_NAME = `${'验'.repeat(196)}.pdf`;
const file = { messageId: `om_${'x'.repeat(60)}`, chatId: `oc_${'y'.repeat(60)}`, fileKey: `file_v3_${'k'.repeat(80)}`, fileName: LONGEST_NAME };
const tasks = (n: number) => Array.from({ length: n }, (_, i) => ({ id: 1_000_000 + i, kind: i % 2 ? 'key_point' : 'task', number: i + 1, title: NASTY.repeat(10), status: null }));

/** The visible text of a card: markdown and plain text contents, button labels. */
function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.content === 'string') out.push(o.content);
    for (const [k, v] of Object.entries(o)) if (k !== 'behaviors') texts(v, out);
  }
  return out;
}

describe('办结佐证 cards', () => {
  it('asks which task a file is for, one button per task, within 30 KB and 200 components at the most buttons and the longest name', () => {
    const card = buildEvidenceChoiceCard({ file, planId: 1, departmentId: 2, unitName: NASTY, tasks: tasks(EVIDENCE_TASKS_MAX), more: 7 });
    expect(validateCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(countComponents(card)).toBeLessThanOrEqual(CARD_MAX_COMPONENTS);
    const names = componentNames(card);
    expect(names).toHaveLength(EVIDENCE_TASKS_MAX);
    expect(new Set(names).size).toBe(names.length);
    const shown = texts(card).join('\n');
    expect(shown).toContain('作为哪项任务的办结佐证？');
    expect(shown).toContain('任务1 办结佐证');
    expect(shown).toContain('工作要点2 办结佐证');
    expect(shown).toContain('另有 7 项未办结的任务未列出');
    // user text in markdown is escaped (plain_text shows as typed anyway)
    const markdown = (card.body as { elements: { tag: string; content?: string }[] }).elements.filter((e) => e.tag === 'markdown').map((e) => e.content).join('\n');
    expect(markdown).not.toContain('<at id=all>');
    expect(markdown).not.toContain('**粗体**');
  });

  it('during 成效报送 leads with the confirmation, shown as typed, and offers 「同时作为任务N的办结佐证」', () => {
    const stored = `已收到运用促进司的成效报送电子版「${NASTY}.pdf」（PDF，12 KB），2021-11-20 10:00。纸质版寄出后请在成效报送卡片上确认。`;
    const card = buildEvidenceChoiceCard({ file, planId: 1, departmentId: 2, unitName: '运用促进司', tasks: tasks(3), more: 0, storedAsResults: stored });
    expect(validateCard(card)).toEqual([]);
    const body = (card.body as { elements: { tag: string; text?: { tag: string; content: string } }[] }).elements;
    expect(body[0]).toEqual({ tag: 'div', text: { tag: 'plain_text', content: stored } });
    expect(texts(card)).toContain('同时作为任务1的办结佐证');
    expect(texts(card).join('\n')).not.toContain('另有');
  });

  it('shows the reviewer the file (name, size, sender, time) with 查看佐证文件, decided or not', () => {
    const view = {
      reviewId: 9,
      task: { label: '任务6', title: NASTY },
      department: '运用促进司',
      requester: { name: '张三', at: new Date('2021-06-08T02:00:00Z') },
      progress: 100,
      note: '',
      evidenceUrl: null,
      evidenceFile: { name: LONGEST_NAME, sizeBytes: 12_345, by: '张三', at: new Date('2021-06-08T01:30:00Z') },
      reviewer: 'lead' as const,
    };
    for (const decided of [null, { approved: true, by: { name: '孙', at: new Date() }, comment: '' }]) {
      const card = buildCompletionReviewCard({ ...view, decided }, 'Asia/Shanghai');
      expect(validateCard(card)).toEqual([]);
      const shown = texts(card).join('\n');
      expect(shown).toMatch(/佐证文件：验+…（12 KB，张三，2021-06-08 09:30）/);
      expect(shown).not.toContain('佐证：无');
      expect(shown).toContain('查看佐证文件');
      expect(JSON.stringify(card)).toContain('{"kind":"evidence_view","reviewId":9}');
    }
    const none = buildCompletionReviewCard({ ...view, evidenceFile: null, evidenceUrl: 'https://a.cn/x' }, 'Asia/Shanghai');
    expect(texts(none).join('\n')).not.toContain('查看佐证文件');
  });
});

// The choice card whole, in each state: its header, summary, every line and every button's value.
describe('the 办结佐证 choice card, word for word', () => {
  const NOTE_END = '选择后，在任务卡片上报送「已完成」时可不填佐证链接；审核人可在审核卡片上查看这份文件。';
  const smallFile = () => ({ messageId: 'om_1', chatId: 'oc_1', fileKey: 'file_v3_k', fileName: '验收*报告*.pdf' });
  const open = (n: number) => Array.from({ length: n }, (_, i) => ({ id: 100 + i, kind: 'task', number: i + 1, title: `题${i + 1}`, status: null }));
  type El = { tag: string; content?: string; text?: { content: string }; behaviors?: { type: string; value: unknown }[] };
  const els = (c: unknown) => (c as { body: { elements: El[] } }).body.elements;

  it('one task: blue, the file named, one primary button carrying the file, the note without 另有', () => {
    const t = [{ id: 7, kind: 'key_point', number: 3, title: `${'长'.repeat(40)}*`, status: null }, { id: 8, kind: 'task', number: 5, title: '<b>短</b>', status: null }];
    const card = buildEvidenceChoiceCard({ file: smallFile(), planId: 1, departmentId: 2, unitName: '运用促进司', tasks: t.slice(0, 1), more: 0 });
    expect(card).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '办结佐证：请选择任务' } },
      header: { title: { tag: 'plain_text', content: '办结佐证：请选择任务' }, subtitle: { tag: 'plain_text', content: '运用促进司' }, template: 'blue' },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: `收到文件「${md('验收*报告*.pdf')}」。作为哪项任务的办结佐证？` },
          { tag: 'markdown', content: `**工作要点3** ${'长'.repeat(39)}…` },
          {
            tag: 'button',
            name: 'evidence_task_7',
            type: 'primary',
            width: 'fill',
            text: { tag: 'plain_text', content: '工作要点3 办结佐证' },
            behaviors: [
              {
                type: 'callback',
                value: { kind: 'evidence_attach', planId: 1, departmentId: 2, taskId: 7, messageId: 'om_1', chatId: 'oc_1', fileKey: 'file_v3_k', fileName: '验收*报告*.pdf' },
              },
            ],
          },
          { tag: 'markdown', text_size: 'notation', content: `<font color='grey'>${NOTE_END}</font>` },
        ],
      },
    });
    const two = buildEvidenceChoiceCard({ file: smallFile(), planId: 1, departmentId: 2, unitName: '运用促进司', tasks: t, more: 0 });
    expect(els(two)[1]).toEqual({ tag: 'markdown', content: `**工作要点3** ${'长'.repeat(39)}…\n**任务5** ${md('<b>短</b>')}` });
  });

  it('no tasks: no lines, no buttons, only the question and the note', () => {
    const card = buildEvidenceChoiceCard({ file: smallFile(), planId: 1, departmentId: 2, unitName: '运用促进司', tasks: [], more: 0 });
    expect(els(card)).toEqual([
      { tag: 'markdown', content: `收到文件「${md('验收*报告*.pdf')}」。作为哪项任务的办结佐证？` },
      { tag: 'markdown', content: '' },
      { tag: 'markdown', text_size: 'notation', content: `<font color='grey'>${NOTE_END}</font>` },
    ]);
  });

  it('20 tasks are all shown; of 21 given, the first 20, and the note says how many more', () => {
    const twenty = buildEvidenceChoiceCard({ file: smallFile(), planId: 1, departmentId: 2, unitName: '运用促进司', tasks: open(20), more: 0 });
    expect(els(twenty).filter((e) => e.tag === 'button')).toHaveLength(20);
    const lines = Array.from({ length: 20 }, (_, i) => `**任务${i + 1}** 题${i + 1}`).join('\n');
    expect(els(twenty)[1]!.content).toBe(lines);

    const card = buildEvidenceChoiceCard({ file: smallFile(), planId: 1, departmentId: 2, unitName: '运用促进司', tasks: open(21), more: 4 });
    const buttons = els(card).filter((e) => e.tag === 'button');
    expect(buttons.map((b) => b.text!.content)).toEqual(Array.from({ length: 20 }, (_, i) => `任务${i + 1} 办结佐证`));
    expect(buttons.map((b) => (b.behaviors![0]!.value as { taskId: number }).taskId)).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));
    expect(els(card)[1]!.content).toBe(lines);
    expect(els(card).at(-1)).toEqual({
      tag: 'markdown',
      text_size: 'notation',
      content: `<font color='grey'>另有 4 项未办结的任务未列出（最多列出 20 项），这些任务报送「已完成」时请附佐证链接。${NOTE_END}</font>`,
    });
  });

  it('during 成效报送: green, the stored note first as typed, 「同时作为…」 default buttons', () => {
    const stored = '已收到运用促进司的成效报送电子版「<b>x</b>.pdf」。';
    const card = buildEvidenceChoiceCard({ file: smallFile(), planId: 3, departmentId: 4, unitName: '运用*促进*司', tasks: open(2), more: 0, storedAsResults: stored });
    expect((card.config as { summary: unknown }).summary).toEqual({ content: '成效报送已收到 · 可同时作为办结佐证' });
    expect(card.header).toEqual({ title: { tag: 'plain_text', content: '成效报送已收到' }, subtitle: { tag: 'plain_text', content: '运用*促进*司' }, template: 'green' });
    const e = els(card);
    expect(e.slice(0, 3)).toEqual([
      { tag: 'div', text: { tag: 'plain_text', content: stored } },
      { tag: 'markdown', content: `「${md('验收*报告*.pdf')}」如也是${md('运用*促进*司')}某项任务的办结佐证，请选择任务：` },
      { tag: 'markdown', content: '**任务1** 题1\n**任务2** 题2' },
    ]);
    expect(e[3]).toEqual({
      tag: 'button',
      name: 'evidence_task_100',
      type: 'default',
      width: 'fill',
      text: { tag: 'plain_text', content: '同时作为任务1的办结佐证' },
      behaviors: [{ type: 'callback', value: { kind: 'evidence_attach', planId: 3, departmentId: 4, taskId: 100, messageId: 'om_1', chatId: 'oc_1', fileKey: 'file_v3_k', fileName: '验收*报告*.pdf' } }],
    });
    expect(e[4]!.text).toEqual({ tag: 'plain_text', content: '同时作为任务2的办结佐证' });
    expect(e).toHaveLength(6);
  });

  it('cuts a long unit name in the subtitle at 60 and a long file name at 60', () => {
    const card = buildEvidenceChoiceCard({ file: { ...smallFile(), fileName: `${'名'.repeat(61)}` }, planId: 1, departmentId: 2, unitName: '单'.repeat(61), tasks: [], more: 0 });
    expect((card.header as { subtitle: unknown }).subtitle).toEqual({ tag: 'plain_text', content: `${'单'.repeat(59)}…` });
    expect(els(card)[0]!.content).toBe(`收到文件「${'名'.repeat(59)}…」。作为哪项任务的办结佐证？`);
  });
});
