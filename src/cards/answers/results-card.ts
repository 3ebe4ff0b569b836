import { escapeMarkdown as md, truncate } from '../../domain/escape.ts';
import { fitLines } from '../limits.ts';
import { card, footnote, header, hr, markdown, type Element } from './common.ts';
import type { ResultsSummary } from './model.ts';

// 47 units fit: one line per unit that sent its report, the others as one run of names each.
const LINES_MAX = 60;
const NAME_MAX = 40;

function submittedLine(s: ResultsSummary['submitted'][number], escape: (t: string) => string): string {
  const more = s.files > 1 ? `（共 ${s.files} 份）` : '';
  const paper = s.paperAt ? `纸质版 ${s.paperAt}` : '纸质版未确认';
  return `${escape(s.unit)}：「${escape(truncate(s.fileName, NAME_MAX))}」${s.size} · ${s.at} · ${escape(s.by)}${more} · ${paper}`;
}

function subtitle(r: ResultsSummary): string | undefined {
  if (!r.deadline) return undefined;
  return r.startsOn ? `截止 ${r.deadline} · 自 ${r.startsOn} 开始收集` : `截止 ${r.deadline} · ${r.countdown}`;
}

/** 成效报送情况 as a card: counts, who sent what and when, then who has not (names only). */
export function resultsCard(r: ResultsSummary): Element {
  const paperDone = r.submitted.filter((s) => s.paperAt).length + r.paperOnly.length;
  const head = header('成效报送情况', r.missing.length ? 'orange' : 'green', subtitle(r));
  const elements: Element[] = [
    markdown(`电子版已报送 **${r.submitted.length}/${r.totalUnits}** 个单位 · 纸质版已确认寄出 **${paperDone}/${r.totalUnits}**`),
  ];
  if (r.submitted.length) {
    const { shown, hidden } = fitLines(r.submitted.map((s) => `· ${submittedLine(s, md)}`), LINES_MAX, 16 * 1024);
    elements.push(hr(), markdown(`**已报送电子版（${r.submitted.length}）**\n${shown.join('\n')}${hidden ? `\n……另有 ${hidden} 个单位` : ''}`));
  }
  const names = (list: string[]) => fitLines(list.map(md), 60, 4 * 1024).shown.join('、') + (list.length > 60 ? ` 等 ${list.length} 个` : '');
  if (r.missing.length) elements.push(hr(), markdown(`**未报送电子版（${r.missing.length}）**：${names(r.missing)}`));
  if (r.paperMissing.length) elements.push(markdown(`**已报送电子版、纸质版未确认（${r.paperMissing.length}）**：${names(r.paperMissing)}`));
  if (r.paperOnly.length) elements.push(markdown(`**仅确认纸质版、未收到电子版（${r.paperOnly.length}）**：${names(r.paperOnly)}`));
  elements.push(footnote('电子版以各单位最新发送的文件为准；导出：duban export --format xlsx（成效报送 工作表）。'));
  return card(head, elements, `成效报送：${r.submitted.length}/${r.totalUnits} 个单位已报送电子版`);
}

export function resultsText(r: ResultsSummary): string {
  const paperDone = r.submitted.filter((s) => s.paperAt).length + r.paperOnly.length;
  const lines = [`成效报送情况${r.deadline ? `（${subtitle(r)}）` : ''}：电子版已报送 ${r.submitted.length}/${r.totalUnits}，纸质版已确认 ${paperDone}/${r.totalUnits}`];
  if (r.submitted.length) lines.push('已报送电子版：', ...r.submitted.map((s) => `  ${submittedLine(s, (t) => t)}`));
  if (r.missing.length) lines.push(`未报送电子版（${r.missing.length}）：${r.missing.join('、')}`);
  if (r.paperMissing.length) lines.push(`纸质版未确认（${r.paperMissing.length}）：${r.paperMissing.join('、')}`);
  if (r.paperOnly.length) lines.push(`仅确认纸质版（${r.paperOnly.length}）：${r.paperOnly.join('、')}`);
  return lines.join('\n');
}
