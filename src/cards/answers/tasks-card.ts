import { escapeMarkdown } from '../../domain/escape.ts';
import { DEADLINE_LABEL, STATUS_LABEL } from '../../domain/vocabulary/status.ts';
import { askButtons, taskOffer } from './buttons.ts';
import { card, footnote, header, markdown, taskLineMarkdown, type Element } from './common.ts';
import type { PlanLine, TaskLine } from './model.ts';

const numbersText = (numbers: number[]): string => numbers.map((n) => `任务${n}`).join('、');

function missingText(missing: number[], taskCount: number): string | null {
  if (missing.length === 0) return null;
  return `没有${numbersText(missing)}：本计划共有 ${taskCount} 项任务（1–${taskCount}）。`;
}

/** Several tasks asked at once (任务1、2): one line each, a detail button each, and those that do not exist. */
export function tasksCard(tasks: TaskLine[], missing: number[], taskCount: number): Element {
  const asked = [...tasks.map((t) => t.number), ...missing].sort((a, b) => a - b);
  const elements: Element[] = [];
  if (tasks.length > 0) {
    elements.push(markdown(tasks.map(taskLineMarkdown).join('\n')));
    elements.push(askButtons(tasks.slice(0, 10).map((t) => ({ ...taskOffer(t.number, t.title), label: `任务${t.number} 详情` })), 'detail', false));
  }
  const none = missingText(missing, taskCount);
  if (none) elements.push(markdown(escapeMarkdown(none)));
  elements.push(footnote('点“详情”私信查看单项的各部门进展与备注'));
  const title = asked.length <= 6 ? numbersText(asked) : `${asked.length} 项任务`;
  return card(header(title, 'blue', `${tasks.length} 项任务的当前状态`), elements, title);
}

export function tasksText(tasks: TaskLine[], missing: number[], taskCount: number): string {
  const lines = tasks.map((t) => {
    const deadline = t.deadlineState === 'ok' ? '' : `，${DEADLINE_LABEL[t.deadlineState]}`;
    return `- 任务${t.number}：${t.title}｜${STATUS_LABEL[t.status]}，${t.progress}%${deadline}`;
  });
  const none = missingText(missing, taskCount);
  return [...lines, ...(none ? [none] : []), tasks.length > 0 ? `回复“任务${tasks[0]!.number}”查看单项详情。` : ''].filter((l) => l !== '').join('\n');
}

function otherPlanLines(year: number, plans: PlanLine[]): string[] {
  const active = plans.find((p) => p.active);
  const asked = plans.find((p) => p.year === year);
  const first = asked
    ? `${year} 年的计划《${asked.title}》已导入，但当前督办的是${active ? `《${active.title}》` : '另一份计划'}，问答只针对当前计划。`
    : `没有 ${year} 年的计划${active ? `；当前督办的是《${active.title}》（${active.year} 年）` : ''}。`;
  const list = plans.map((p) => `${p.year} 年：《${p.title}》${p.active ? '（当前）' : ''}`);
  return [first, '已导入的计划：', ...list];
}

/** A year that is not the active plan's: say so and which plans exist, instead of answering from the wrong plan. */
export function otherPlanCard(year: number, plans: PlanLine[]): Element {
  const [first, ...rest] = otherPlanLines(year, plans);
  return card(
    header(`不是当前计划的年份（${year}）`, 'grey'),
    [markdown(escapeMarkdown(first!)), markdown(rest.map((l, i) => (i === 0 ? `**${escapeMarkdown(l)}**` : `· ${escapeMarkdown(l)}`)).join('\n')), footnote('去掉年份再问，即按当前计划回答')],
    `没有 ${year} 年的计划`,
  );
}

export const otherPlanText = (year: number, plans: PlanLine[]): string => [...otherPlanLines(year, plans), '去掉年份再问，即按当前计划回答。'].join('\n');
