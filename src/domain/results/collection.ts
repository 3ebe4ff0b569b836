import { DateTime } from 'luxon';
import { daysUntil } from '../digest/countdown.ts';

/**
 * 成效报送 collection (section 五 of the seed: every regional office and the bureau's departments
 * send their 成效 to 运用促进司 by the plan's report deadline, on paper and electronically).
 * Pure: dates, now and the directory facts are passed in.
 */

/** Default lead time: cards go out this many days before the report deadline. */
export const DEFAULT_RESULTS_LEAD_DAYS = 30;

/** The first local day cards go out: the deadline minus the lead days. */
export function collectionStart(reportDeadline: string, leadDays: number): string {
  return DateTime.fromISO(reportDeadline).minus({ days: leadDays }).toISODate()!;
}

export type CollectionPhase = { phase: 'no_deadline' } | { phase: 'not_yet'; start: string; daysToStart: number } | { phase: 'open'; start: string; daysLeft: number };

/** Whether collection has begun: from the start day on it stays open (late reports are still taken). */
export function collectionPhase(reportDeadline: string | null, leadDays: number, now: Date, timezone: string): CollectionPhase {
  if (!reportDeadline) return { phase: 'no_deadline' };
  const start = collectionStart(reportDeadline, leadDays);
  const daysToStart = daysUntil(start, now, timezone);
  if (daysToStart > 0) return { phase: 'not_yet', start, daysToStart };
  return { phase: 'open', start, daysLeft: daysUntil(reportDeadline, now, timezone) };
}

/** 「距截止还有 5 天」「今天截止」「已逾期 3 天」 */
export function countdownText(daysLeft: number): string {
  if (daysLeft > 0) return `距截止还有 ${daysLeft} 天`;
  if (daysLeft === 0) return '今天截止';
  return `已逾期 ${-daysLeft} 天`;
}

/** 2021-12-15 → 2021年12月15日 */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export interface UnitRef {
  id: number;
  name: string;
}

/** Which unit a file is for, or why it is not taken. */
export type UnitChoice =
  | { kind: 'unit'; unit: UnitRef }
  | { kind: 'ask'; units: UnitRef[] }
  | { kind: 'ignore' }
  | { kind: 'refuse'; code: 'NOT_REPORTER'; message: string };

/**
 * In a unit's chat the file is that unit's, and only its reporters may send it. In a private chat
 * it is the sender's unit; someone reporting for several is asked which. A file in any other group
 * (a leadership chat, a chat duban does not know) is not a report and is left alone.
 */
export function chooseUnit(input: { chatType: string; chatUnit: UnitRef | null; senderUnits: readonly UnitRef[] }): UnitChoice {
  const { chatType, chatUnit, senderUnits } = input;
  if (chatType !== 'p2p') {
    if (!chatUnit) return { kind: 'ignore' };
    if (senderUnits.some((u) => u.id === chatUnit.id)) return { kind: 'unit', unit: chatUnit };
    return { kind: 'refuse', code: 'NOT_REPORTER', message: `您不是${chatUnit.name}的填报人，文件未作为成效报送保存。请由本单位填报人发送，或联系督办管理员添加填报人。` };
  }
  if (senderUnits.length === 0) {
    return { kind: 'refuse', code: 'NOT_REPORTER', message: '您不是任何单位的填报人，文件未作为成效报送保存。如需报送，请联系督办管理员添加填报人。' };
  }
  if (senderUnits.length === 1) return { kind: 'unit', unit: senderUnits[0]! };
  return { kind: 'ask', units: [...senderUnits] };
}
