import type { DeadlineState } from '../../domain/deadlines.ts';
import { escapeMarkdown } from '../../domain/escape.ts';
import type { Status } from '../../domain/status.ts';
import { DEADLINE_COLOR, DEADLINE_LABEL, statusColor, statusLabel, type LarkColor } from '../../domain/vocabulary/status.ts';
import type { ListFilter } from '../../domain/query/types.ts';
import type { ItemKind, TaskLine } from './model.ts';

/** 任务3, or 工作要点3 for a key point (they number on their own, so the word always comes with the number). */
export const itemLabel = (kind: ItemKind | undefined, number: number): string => (kind === 'key_point' ? `工作要点${number}` : `任务${number}`);

export type Template = LarkColor | 'turquoise';
export type Element = Record<string, unknown>;

export const FILTER_TITLE: Record<ListFilter, string> = {
  at_risk: '存在风险的任务',
  blocked: '受阻的任务',
  overdue: '逾期的任务',
  warning: '临近截止（预警）的任务',
  not_reported: '本轮未填报的部门',
  done: '已完成的任务',
  red: '存在风险或受阻的任务',
  not_started: '未启动的任务',
  on_track: '正常推进的任务',
  not_done: '尚未完成的任务',
  year_end: '要求年底前完成的任务',
  all: '全部任务',
};

/** A coloured status word for markdown. */
export const statusFont = (s: Status | null): string =>
  `<font color='${statusColor(s)}'>${statusLabel(s)}</font>`;

export const deadlineFont = (d: DeadlineState): string =>
  d === 'ok' ? '' : ` <font color='${DEADLINE_COLOR[d]}'>${DEADLINE_LABEL[d]}</font>`;

export function header(title: string, template: Template, subtitle?: string, tags: { text: string; color: string }[] = []): Element {
  const h: Element = { title: { tag: 'plain_text', content: title }, template };
  if (subtitle) h.subtitle = { tag: 'plain_text', content: subtitle };
  if (tags.length > 0) {
    h.text_tag_list = tags.map((t) => ({ tag: 'text_tag', text: { tag: 'plain_text', content: t.text }, color: t.color }));
  }
  return h;
}

export const markdown = (content: string, size?: 'notation'): Element =>
  size ? { tag: 'markdown', content, text_size: size } : { tag: 'markdown', content };

export const hr = (): Element => ({ tag: 'hr' });

export const footnote = (content: string): Element => markdown(`<font color='grey'>${content}</font>`, 'notation');

/** A Card JSON 2.0 card; `summary` is what the chat list shows. */
export function card(head: Element, elements: Element[], summary: string): Element {
  return {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill', summary: { content: summary } },
    header: head,
    body: { direction: 'vertical', elements },
  };
}

/** One markdown line for a task in a list: number, title, status, progress, deadline state, highlight. */
export function taskLineMarkdown(t: TaskLine): string {
  const highlight = t.highlight ? `（${escapeMarkdown(t.highlight)}）` : '';
  return `**${t.kind === 'key_point' ? `要点${t.number}` : t.number}.** ${escapeMarkdown(t.title)} · ${statusFont(t.status)} ${t.progress}%${deadlineFont(t.deadlineState)}${highlight}`;
}

/** Lines grouped into markdown blocks so no single component gets huge. */
export function lineBlocks(lines: string[], perBlock = 25): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < lines.length; i += perBlock) out.push(markdown(lines.slice(i, i + perBlock).join('\n')));
  return out;
}
