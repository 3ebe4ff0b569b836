import { escapeMarkdown, truncate } from '../../domain/escape.ts';
import { STATUS_LABEL } from '../../domain/vocabulary/status.ts';
import { card, footnote, header, markdown, statusFont, type Element } from './common.ts';
import type { TaskHistoryAnswer, UnitHistoryAnswer } from './model.ts';

// Weeks and timeline entries shown in a card: the latest ones; the rest is counted, and the xlsx
// export's 历史 sheet has everything.
const WEEKS_SHOWN = 8;
const ENTRIES_SHOWN = 12;
const NOTE_MAX = 60;

const pct = (n: number | null) => (n === null ? '—' : `${n}%`);
const weekRate = (w: UnitHistoryAnswer['weeks'][number]) => (w.expected ? Math.round((w.reported / w.expected) * 100) : 0);

function weekLine(w: UnitHistoryAnswer['weeks'][number]): string {
  return `${w.key}：已填 ${w.reported}/${w.expected}（${weekRate(w)}%），按时 ${w.onTime}`;
}

const unitTitle = (h: UnitHistoryAnswer) => `${h.name}的填报率`;
const unitSummary = (h: UnitHistoryAnswer) =>
  h.weeks.length ? `共 ${h.weeks.length} 周：填报率 ${pct(h.rate)}，按时率 ${pct(h.timeliness)}` : '尚无填报轮次';

export function unitHistoryCard(h: UnitHistoryAnswer): Element {
  const shown = h.weeks.slice(-WEEKS_SHOWN);
  const elements: Element[] = [markdown(`**${unitSummary(h)}**`)];
  if (shown.length) elements.push(markdown(shown.map((w) => escapeMarkdown(weekLine(w))).join('\n')));
  if (h.weeks.length > shown.length) elements.push(footnote(`另有更早的 ${h.weeks.length - shown.length} 周；全部见导出台账的「历史」表`));
  elements.push(footnote('填报率：本周填报的任务 / 应填报的任务；按时：在关闭填报前提交'));
  return card(header(escapeMarkdown(unitTitle(h)), 'turquoise'), elements, unitTitle(h));
}

export function unitHistoryText(h: UnitHistoryAnswer): string {
  return [`${unitTitle(h)}：${unitSummary(h)}`, ...h.weeks.slice(-WEEKS_SHOWN).map((w) => `- ${weekLine(w)}`)].join('\n');
}

type Entry = TaskHistoryAnswer['entries'][number];

const who = (e: Entry) => `${e.department}${e.reporter ? `·${e.reporter}` : ''}`;
const late = (e: Entry) => (e.late ? '（逾期补报）' : '');

export function taskHistoryCard(h: TaskHistoryAnswer): Element {
  const title = `任务${h.number}的历史`;
  const shown = h.entries.slice(-ENTRIES_SHOWN);
  const lines = shown.map(
    (e) =>
      `${escapeMarkdown(e.at)} ${statusFont(e.status)} ${e.progress}%${late(e)} · ${escapeMarkdown(who(e))}${e.note ? `\n　${escapeMarkdown(truncate(e.note, NOTE_MAX))}` : ''}`,
  );
  const elements: Element[] = [markdown(escapeMarkdown(h.title))];
  elements.push(lines.length ? markdown(lines.join('\n')) : markdown('尚无填报记录。'));
  if (h.entries.length > shown.length) elements.push(footnote(`另有更早的 ${h.entries.length - shown.length} 条；全部见导出台账的「历史」表`));
  return card(header(title, 'turquoise'), elements, title);
}

export function taskHistoryText(h: TaskHistoryAnswer): string {
  const lines = h.entries
    .slice(-ENTRIES_SHOWN)
    .map((e) => `- ${e.at} ${e.status ? STATUS_LABEL[e.status] : '未知'} ${e.progress}%${late(e)} ${who(e)}${e.note ? `：${truncate(e.note, NOTE_MAX)}` : ''}`);
  return [`任务${h.number}的历史：${h.title}`, ...(lines.length ? lines : ['尚无填报记录。'])].join('\n');
}
