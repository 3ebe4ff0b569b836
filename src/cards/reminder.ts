import template from '../../cards/reminder.json' with { type: 'json' };
import { escapeMarkdown as md, escapeMessageText as txt, truncate } from '../domain/escape.ts';
import { isMentionableOpenId, type Reminder } from '../domain/reminders.ts';
import { assertWithinLimits, type Card } from './limits.ts';
import { fill } from './template.ts';

export interface ReminderView {
  reminder: Reminder;
  round: { key: string };
  /** local time the round closes, as shown, e.g. 周五 17:00 */
  closesAt?: string;
}

// A reminder names tasks; beyond this many it says how many more, to stay one short message.
const LIST_MAX = 40;
const TITLE_MAX = 60;

function taskLines(r: Reminder, escape: (s: string) => string): string[] {
  const shown = r.missing.slice(0, LIST_MAX).map((t) => `· ${t.kind === 'key_point' ? '工作要点' : '任务'}${t.number} ${escape(truncate(t.title, TITLE_MAX))}`);
  if (r.missing.length > LIST_MAX) shown.push(`……另有 ${r.missing.length - LIST_MAX} 项`);
  return shown;
}

function intro(v: ReminderView): string {
  const when = v.closesAt ? `，请于${v.closesAt}前填报` : '，请尽快填报';
  return `以下 ${v.reminder.missing.length} 项${v.reminder.missing.some((t) => t.kind === 'key_point') ? '' : '任务'}本周（${v.round.key}）尚未填报${when}：`;
}

/** The 催办 as a card; the second reminder @-mentions the reporters (`<at id=ou_…>`), never all. */
export function buildReminderCard(v: ReminderView): Card {
  const r = v.reminder;
  const mentionable = r.mention.filter((p) => isMentionableOpenId(p.openId));
  const card = fill<Card>(template.card, {
    // summary and header are plain_text: shown as typed.
    summary: `催办：${r.departmentName} 有 ${r.missing.length} 项${r.missing.some((t) => t.kind === 'key_point') ? '' : '任务'}未填报`,
    title: `${r.reminderNumber >= 2 ? '再次催办' : '催办'}：${r.departmentName}`,
    subtitle: `本周 ${v.round.key} · 第 ${r.reminderNumber} 次提醒`,
    color: r.reminderNumber >= 2 ? 'red' : 'orange',
    intro: `**${md(r.departmentName)}**：${intro(v)}`,
    list: taskLines(r, md).join('\n'),
    mentions: mentionable.length
      ? fill(template.mentions, { content: `请填报人 ${mentionable.map((p) => `<at id=${p.openId}></at>`).join(' ')} 尽快处理。` })
      : null,
  });
  assertWithinLimits(card);
  return card;
}

/**
 * The 催办 as a text message (`msg_type: text`): `{ text }` with `<at user_id="ou_…">name</at>`
 * mentions on the second reminder. Names and titles are escaped so they cannot mention anyone.
 */
export function buildReminderText(v: ReminderView): { text: string } {
  const r = v.reminder;
  const lines = [`【${r.reminderNumber >= 2 ? '再次催办' : '催办'}】${txt(r.departmentName)}：${intro(v)}`, ...taskLines(r, txt)];
  const mentionable = r.mention.filter((p) => isMentionableOpenId(p.openId));
  if (mentionable.length) {
    lines.push(`请 ${mentionable.map((p) => `<at user_id="${p.openId}">${txt(p.name ?? '填报人')}</at>`).join(' ')} 尽快填报。`);
  }
  return { text: lines.join('\n') };
}
