import { describe, expect, it } from 'vitest';
import { answerCard, answerText, type Answer, type TaskLine } from '../../src/cards/answers/index.ts';
import { CARD_MAX_BYTES, CARD_MAX_COMPONENTS, cardBytes, countComponents } from '../../src/cards/limits.ts';

const NASTY = '<at id=all></at> **粗体** [链接](http://x)';
const line = (n: number, title = `知识产权任务标题${n}`.repeat(4)): TaskLine => ({ number: n, title, status: 'on_track', progress: 40, deadlineState: 'ok', highlight: null });

function buttonsOf(node: unknown): { text: string; value: unknown }[] {
  if (Array.isArray(node)) return node.flatMap(buttonsOf);
  if (node === null || typeof node !== 'object') return [];
  const obj = node as Record<string, unknown>;
  const own = obj.tag === 'button'
    ? [{ text: (obj.text as { content: string }).content, value: (obj.behaviors as { value: unknown }[])[0]!.value }]
    : [];
  return [...own, ...Object.values(obj).flatMap(buttonsOf)];
}

function withinLimits(a: Answer): void {
  const card = answerCard(a);
  expect(card.schema).toBe('2.0');
  expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
  expect(countComponents(card)).toBeLessThanOrEqual(CARD_MAX_COMPONENTS);
}

describe('ask-back and several-task cards', () => {
  it('asking back offers one button per candidate that asks for that task, with a short label', () => {
    const a: Answer = { kind: 'candidates', query: '公共服务那个', tasks: [line(16), line(17)] };
    withinLimits(a);
    const buttons = buttonsOf(answerCard(a));
    expect(buttons.map((b) => b.value)).toEqual([{ kind: 'ask', question: '任务16' }, { kind: 'ask', question: '任务17' }]);
    for (const b of buttons) expect([...b.text].length).toBeLessThanOrEqual(24);
    expect(answerText(a)).toContain('您是指');
  });

  it('several tasks list each with a detail button, name the missing ones, and stay within limits at thirty', () => {
    const a: Answer = { kind: 'tasks', tasks: Array.from({ length: 29 }, (_, i) => line(i + 1, NASTY.repeat(3))), missing: [99], taskCount: 29 };
    withinLimits(a);
    const card = JSON.stringify(answerCard(a));
    expect(card).not.toContain('<at id=all>');
    expect(buttonsOf(answerCard(a))).toHaveLength(10);
    expect(answerText(a)).toContain('没有任务99：本计划共有 29 项任务');
  });

  it('another year says there is no such plan and lists the plans that exist', () => {
    const a: Answer = { kind: 'other_plan', year: 2022, plans: [{ title: '推动知识产权高质量发展年度工作指引（2021）', year: 2021, active: true }] };
    withinLimits(a);
    expect(answerText(a)).toContain('没有 2022 年的计划；当前督办的是《推动知识产权高质量发展年度工作指引（2021）》（2021 年）');
    const imported: Answer = { kind: 'other_plan', year: 2020, plans: [{ title: '指引（2021）', year: 2021, active: true }, { title: '指引（2020）', year: 2020, active: false }] };
    expect(answerText(imported)).toContain('2020 年的计划《指引（2020）》已导入，但当前督办的是《指引（2021）》');
  });

  it('a question not understood offers its guesses as buttons, escaped', () => {
    const a: Answer = { kind: 'unknown', text: NASTY, suggestions: ['任务5进展？'], offers: [{ label: '任务8 深化专利导航和专利奖评选工作', question: '任务8' }, { label: '本周汇总', question: '本周汇总' }] };
    withinLimits(a);
    expect(buttonsOf(answerCard(a)).map((b) => b.value)).toEqual([{ kind: 'ask', question: '任务8' }, { kind: 'ask', question: '本周汇总' }]);
    expect(JSON.stringify(answerCard(a))).not.toContain('<at id=all>');
  });
});
