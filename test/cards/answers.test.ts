import { describe, expect, it } from 'vitest';
import {
  answerCard, answerText, HELP_EXAMPLES,
  type Answer, type DepartmentStatus, type TaskLine,
} from '../../src/cards/answers/index.ts';
import { CARD_MAX_BYTES, CARD_MAX_COMPONENTS, cardBytes, countComponents } from '../../src/cards/limits.ts';

const NASTY = '<at id=all></at> **粗体** [链接](http://x) <font color=red>红</font> `code` # 标题';

function line(n: number, title = `任务标题${n}`.repeat(3)): TaskLine {
  return { number: n, title, status: n % 3 === 0 ? 'blocked' : 'on_track', progress: n % 100, deadlineState: n % 5 === 0 ? 'overdue' : 'ok', highlight: null };
}

function dept(i: number, note: string): DepartmentStatus {
  return { name: `部门${i}`, role: i === 0 ? 'lead' : 'co', status: 'at_risk', progress: 50, reporter: `填报人${i}`, reportedAt: '2021-06-08 10:30', note, trend: ['on_track', null, 'at_risk', 'blocked'] };
}

function markdownOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(markdownOf);
  if (node === null || typeof node !== 'object') return [];
  const obj = node as Record<string, unknown>;
  const own = obj.tag === 'markdown' && typeof obj.content === 'string' ? [obj.content] : [];
  return [...own, ...Object.values(obj).flatMap(markdownOf)];
}

function checkLimits(a: Answer): void {
  const card = answerCard(a);
  expect(card.schema).toBe('2.0');
  expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
  expect(countComponents(card)).toBeLessThanOrEqual(CARD_MAX_COMPONENTS);
}

describe('answer cards', () => {
  it('a task answer shows each department’s evidence as a link next to its note, in the card and the text', () => {
    const d = { ...dept(0, '已完成试点'), evidenceUrl: 'https://oa.example.cn/x?(1)' };
    const a: Answer = { kind: 'task', task: { number: 7, title: 't', section: null, deadline: 'x', deadlineState: 'ok', status: 'at_risk', progress: 50, trendRounds: [], departments: [d] } };
    expect(markdownOf(answerCard(a)).join('\n')).toContain('佐证：[https://oa.example.cn/x?&#40;1&#41;](https://oa.example.cn/x?%281%29)');
    expect(answerText(a)).toContain('佐证：https://oa.example.cn/x?(1)');
  });

  it('a department with 1,000 tasks still fits one card and says how many are not shown', () => {
    const a: Answer = { kind: 'department', name: '运用促进司', filter: null, tasks: Array.from({ length: 1000 }, (_, i) => line(i + 1)) };
    checkLimits(a);
    expect(JSON.stringify(answerCard(a))).toMatch(/另有 \d+ 项未显示/);
    // the text lists them all
    expect(answerText(a).split('\n').filter((l) => l.startsWith('- 任务'))).toHaveLength(1000);
  });

  it('a task with 60 departments and 1,000-character notes fits by shortening notes', () => {
    const a: Answer = {
      kind: 'task',
      task: {
        number: 1, title: '配合做好知识产权强国战略纲要', section: '一、顶层设计', deadline: '年底前完成（2021-12-31）', deadlineState: 'warning',
        status: 'at_risk', progress: 50, trendRounds: ['2021-W20', '2021-W21', '2021-W22', '2021-W23'],
        departments: Array.from({ length: 60 }, (_, i) => dept(i, '长'.repeat(1000))),
      },
    };
    checkLimits(a);
  });

  it('a list of 300 missing departments fits', () => {
    const a: Answer = {
      kind: 'not_reported', round: '2021-W23', totalDepartments: 300,
      departments: Array.from({ length: 300 }, (_, i) => ({ name: `部门${i}`, expected: 40, reported: 1, missing: Array.from({ length: 39 }, (_, k) => k + 1) })),
    };
    checkLimits(a);
  });

  it('escapes user text in every markdown of every card: notes, names, titles and the question', () => {
    const answers: Answer[] = [
      { kind: 'task', task: { number: 1, title: NASTY, section: NASTY, deadline: '未注明', deadlineState: 'ok', status: 'on_track', progress: 1, trendRounds: [], departments: [dept(0, NASTY)] } },
      { kind: 'department', name: NASTY, filter: null, tasks: [line(1, NASTY)] },
      { kind: 'candidates', query: NASTY, tasks: [line(1, NASTY)] },
      { kind: 'unknown', text: NASTY, suggestions: ['任务5'] },
      { kind: 'indicators', query: 'x', indicators: [{ name: NASTY, target: '≤ 1', owner: NASTY, value: '1', reporter: NASTY, reportedAt: 'x', met: true }] },
    ];
    for (const a of answers) {
      // plain_text (header titles) shows characters as they are; only markdown interprets tags
      const json = markdownOf(answerCard(a)).join('\n');
      expect(json, a.kind).toContain('&lt;at id=all&gt;');
      expect(json, a.kind).not.toContain('<at');
      expect(json, a.kind).not.toContain('<font color=red>');
      expect(json, a.kind).not.toContain('[链接](http');
      expect(answerText(a), a.kind).not.toMatch(/[<>]/);
    }
  });

  it('help lists every example, and an unknown question never gives an empty answer', () => {
    const help = answerText({ kind: 'help', examples: HELP_EXAMPLES });
    for (const e of HELP_EXAMPLES) expect(help).toContain(e.question);
    const unknown: Answer = { kind: 'unknown', text: '', suggestions: ['任务5进展？'] };
    expect(answerText(unknown)).toContain('任务5进展？');
    checkLimits(unknown);
  });

  it('an empty list says so instead of showing nothing', () => {
    expect(answerText({ kind: 'list', filter: 'overdue', tasks: [] })).toContain('目前没有逾期的任务');
    expect(answerText({ kind: 'not_reported', round: '2021-W23', departments: [], totalDepartments: 5 })).toContain('都已填报');
  });
});
