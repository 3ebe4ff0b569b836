import { escapeMarkdown } from '../../domain/escape.ts';
import { STATUS_LABEL } from '../../domain/vocabulary/status.ts';
import { askButtons } from './buttons.ts';
import { card, footnote, header, lineBlocks, markdown, taskLineMarkdown, type Element } from './common.ts';
import type { TaskLine } from './model.ts';

/**
 * The body's 工作要点 asked together (要点3、4) or all at once (工作要点): one line each with a
 * detail button, and the numbers the plan does not have. At most ten, so it always fits a card.
 */
const numbersText = (numbers: number[]): string => numbers.map((n) => `要点${n}`).join('、');

function missingText(missing: number[], count: number): string | null {
  if (missing.length === 0) return null;
  return count > 0 ? `没有${numbersText(missing)}：本计划共有 ${count} 项工作要点（要点1–${count}）。` : `没有${numbersText(missing)}：本计划没有导入工作要点。`;
}

const titleOf = (tasks: TaskLine[], missing: number[], all: boolean): string =>
  all ? '工作要点' : missing.length > 0 && tasks.length === 0 ? `没有${numbersText(missing)}` : numbersText([...tasks.map((t) => t.number), ...missing].sort((a, b) => a - b));

export function keyPointsCard(tasks: TaskLine[], missing: number[], count: number, all: boolean): Element {
  const elements: Element[] = [];
  if (tasks.length > 0) {
    elements.push(...lineBlocks(tasks.map(taskLineMarkdown)));
    elements.push(askButtons(tasks.slice(0, 10).map((t) => ({ label: `要点${t.number} 详情`, question: `要点${t.number}` })), 'detail', false));
  }
  const none = missingText(missing, count);
  if (none) elements.push(markdown(escapeMarkdown(none)));
  if (all && tasks.length === 0 && !none) elements.push(markdown('本计划没有导入工作要点。'));
  elements.push(footnote('工作要点与附件任务分别编号；点“详情”私信查看各责任单位的进展'));
  const title = titleOf(tasks, missing, all);
  return card(header(title, tasks.length > 0 ? 'blue' : 'grey', tasks.length > 0 ? `${tasks.length} 项工作要点的当前状态` : undefined), elements, title);
}

export function keyPointsText(tasks: TaskLine[], missing: number[], count: number, all: boolean): string {
  const lines = tasks.map((t) => `- 工作要点${t.number}：${t.title}｜${STATUS_LABEL[t.status]}，${t.progress}%${t.highlight ? `（${t.highlight}）` : ''}`);
  const none = missingText(missing, count);
  const head = all ? [`工作要点（共 ${tasks.length} 项）：`] : [];
  if (all && tasks.length === 0 && !none) return '本计划没有导入工作要点。';
  return [...head, ...lines, ...(none ? [none] : []), tasks.length > 0 ? `回复“要点${tasks[0]!.number}”查看单项详情。` : ''].filter((l) => l !== '').join('\n');
}
