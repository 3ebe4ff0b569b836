import { DateTime } from 'luxon';
import { escapeMarkdown, truncate } from '../domain/escape.ts';
import type { RedReason } from '../domain/digest/types.ts';
import type { Status } from '../domain/status.ts';
import { DEADLINE_COLOR, DEADLINE_LABEL, STATUS_COLOR, STATUS_LABEL, statusChartColor, type LarkColor } from '../domain/vocabulary/status.ts';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 21 → 二十一: how the document numbers its sections. */
export function chineseNumber(n: number): string {
  if (n <= 0 || n >= 100 || !Number.isInteger(n)) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

export function sectionLabel(number: number | null, title: string, max: number): string {
  const head = number === null ? '' : `${chineseNumber(number)}、`;
  return `${head}${truncate(title, max)}`;
}

/** User or document text for a markdown slot: one line, bounded, escaped. */
export const md = (text: string, max: number): string => escapeMarkdown(truncate(text.replace(/\s+/g, ' ').trim(), max));

export const font = (color: string, text: string): string => `<font color='${color}'>${text}</font>`;

// A red-list reason is a status (受阻, 存在风险) or a deadline state (逾期, 预警): shown as that vocabulary shows it.
export const REASON_LABEL: Record<RedReason, string> = {
  blocked: STATUS_LABEL.blocked,
  at_risk: STATUS_LABEL.at_risk,
  overdue: DEADLINE_LABEL.overdue,
  warning: DEADLINE_LABEL.warning,
};
export const REASON_COLOR: Record<RedReason, LarkColor> = {
  blocked: STATUS_COLOR.blocked,
  at_risk: STATUS_COLOR.at_risk,
  overdue: DEADLINE_COLOR.overdue,
  warning: DEADLINE_COLOR.warning,
};

/** Chart colours per status, worst drawn last so it sits at the end of each stacked bar. */
export const STATUS_CHART_ORDER: Status[] = ['done', 'pending_review', 'on_track', 'not_started', 'at_risk', 'blocked'];
export const STATUS_CHART_COLOR = Object.fromEntries(STATUS_CHART_ORDER.map((s) => [s, statusChartColor(s)])) as Record<Status, string>;

export const localTime = (iso: string, timezone: string, format = 'MM-dd HH:mm'): string =>
  DateTime.fromISO(iso, { zone: timezone }).toFormat(format);

/** "A、B、C 等 12 个" — never a silent cut. */
export function nameList(names: string[], max: number, unit: string): string {
  const shown = names.slice(0, max).map((n) => md(n, 16));
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join('、')} 等 ${names.length} ${unit}` : shown.join('、');
}
