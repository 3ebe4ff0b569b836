import { describe, expect, it } from 'vitest';
import { buildEvidenceChoiceCard } from '../../src/cards/evidence-cards.ts';
import { CARD_MAX_BYTES, CARD_MAX_COMPONENTS, cardBytes, componentNames, countComponents } from '../../src/cards/limits.ts';
import { buildCompletionReviewCard } from '../../src/cards/review-cards.ts';
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
