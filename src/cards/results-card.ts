import template from '../../cards/results.json' with { type: 'json' };
import { escapeMarkdown as md, truncate } from '../domain/escape.ts';
import { ACCEPTED_TEXT, formatBytes } from '../domain/results/files.ts';
import { chineseDate, countdownText } from '../domain/results/collection.ts';
import type { UnitResultStatus } from '../domain/results/status.ts';
import { assertWithinLimits, type Card } from './limits.ts';
import { fill } from './template.ts';

/** The value of the 纸质版已寄出 button, as Lark echoes it in card.action.trigger. */
export interface ResultsPaperValue {
  kind: 'results_paper';
  planId: number;
  departmentId: number;
}

export interface ResultsCardView {
  planId: number;
  status: UnitResultStatus;
  reportDeadline: string;
  daysLeft: number;
  /** 运用促进司, where the report goes (the plan's reportTo) */
  reportTo: string;
  maxBytes: number;
  /** times as shown, in the organisation's timezone */
  formatTime: (d: Date) => string;
  /** a reminder (催办) rather than the first card */
  reminder?: boolean;
}

const NAME_MAX = 60;

function statusLines(v: ResultsCardView): string {
  const s = v.status;
  const electronic = s.latest
    ? `✅ 电子版：已收到「${md(truncate(s.latest.fileName, NAME_MAX))}」（${formatBytes(s.latest.sizeBytes)}）· ${md(s.latest.submittedByName ?? s.latest.submittedBy)} · ${v.formatTime(s.latest.submittedAt)}${s.files > 1 ? `（共 ${s.files} 份，以最新一份为准）` : ''}`
    : '⬜ 电子版：未收到';
  const paper = s.paper
    ? `✅ 纸质版：已寄出 · ${md(s.paper.confirmedByName ?? s.paper.confirmedBy)} 确认于 ${v.formatTime(s.paper.confirmedAt)}`
    : '⬜ 纸质版：未确认寄出';
  return `${electronic}\n${paper}`;
}

/**
 * A unit's 成效报送 card: the deadline and its countdown, how to send the electronic report (a file
 * to the bot, in the unit's chat or privately), where it stands, and the button confirming the
 * paper copy was posted (gone once confirmed). The same card, orange, is the reminder.
 */
export function buildResultsCard(v: ResultsCardView): Card {
  const unit = v.status.unit.name;
  const deadline = chineseDate(v.reportDeadline);
  const countdown = countdownText(v.daysLeft);
  const done = Boolean(v.status.latest && v.status.paper);
  const value: ResultsPaperValue = { kind: 'results_paper', planId: v.planId, departmentId: v.status.unit.id };
  const card = fill<Card>(template.card, {
    summary: `${v.reminder ? '催办：' : ''}成效报送 · ${unit} · ${countdown}`,
    title: `${v.reminder ? '催办：' : ''}成效报送 · ${unit}`,
    subtitle: `截止 ${deadline} · ${countdown}`,
    color: done ? 'green' : v.reminder || v.daysLeft < 0 ? 'orange' : 'blue',
    intro: `请**${md(unit)}**于 **${deadline}** 前将本单位工作成效报送${md(v.reportTo)}，纸质版和电子版各一份。**${countdown}**。`,
    howto:
      `**电子版**：把文件直接发给督办机器人——在本群发送，或在与督办的单聊中发送，督办会回复是否收到。` +
      `格式 ${ACCEPTED_TEXT}，不超过 ${formatBytes(v.maxBytes)}；重新发送即以新文件为准。\n` +
      `**纸质版**：寄出后请点击下方「纸质版已寄出」。`,
    status: statusLines(v),
    paperButton: v.status.paper ? null : fill(template.paperButton, { value }),
    footnote: '仅本单位填报人发送的文件和确认有效。',
  });
  assertWithinLimits(card);
  return card;
}
