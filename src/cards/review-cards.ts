import template from '../../cards/review.json' with { type: 'json' };
import { escapeMarkdown as md, markdownLink, safeLinkTarget, truncate } from '../domain/escape.ts';
import { DECISION_FIELDS, EXTENSION_FIELDS } from '../domain/extension.ts';
import { formatBytes } from '../domain/results/files.ts';
import { formatLocalTime } from '../domain/rounds.ts';
import type { EvidenceViewValue } from './evidence-cards.ts';
import { assertWithinLimits, type Card } from './limits.ts';
import { fill } from './template.ts';

// The cards of the 延期申请 and 办结审核 flows: the reporter's extension form, the approver's and
// the reviewer's decision cards, and those cards once decided. User text (reasons, comments,
// notes, names) is escaped or shown as plain_text.

const TITLE_MAX = 120;

export interface TaskRef {
  label: string; // 任务7 / 工作要点3
  title: string;
}

export interface Person {
  name: string;
  at: Date;
}

function card(v: { summary: string; title: string; subtitle: string; color: string; elements: unknown[] }): Card {
  const c = fill<Card>(template.card, v);
  assertWithinLimits(c);
  return c;
}

const text = (content: string) => fill(template.text, { content });
const plain = (content: string) => fill(template.plain, { content });
const note = (content: string) => fill(template.note, { content });
const taskLine = (t: TaskRef) => `**${t.label}** ${md(truncate(t.title, TITLE_MAX))}`;

/** The extension card sent privately to the reporter who clicked 申请延期. */
export function buildExtensionFormCard(v: { task: TaskRef; department: string; currentDueDate: string | null; limit: string; action: unknown }): Card {
  return card({
    summary: `延期申请：${v.task.label}`,
    title: `延期申请 · ${v.task.label}`,
    subtitle: v.department,
    color: 'orange',
    elements: [
      text(`${taskLine(v.task)}\n当前完成时限：${v.currentDueDate ?? '未定'}`),
      fill(template.extensionForm, {
        form_name: EXTENSION_FIELDS.form,
        date_name: EXTENSION_FIELDS.date,
        reason_name: EXTENSION_FIELDS.reason,
        submit_name: EXTENSION_FIELDS.submit,
        action: v.action,
      }),
      note(`新的时限须晚于今天和当前时限，且不晚于 ${v.limit}。申请由审批人同意后生效，预警和逾期按新时限计算。`),
    ],
  });
}

export interface ExtensionView {
  task: TaskRef;
  department: string;
  requester: Person;
  previousDueDate: string | null;
  newDueDate: string;
  reason: string;
}

export interface DecidedView {
  approved: boolean;
  by: Person;
  comment: string;
}

function extensionDetails(v: ExtensionView, tz: string): unknown[] {
  return [
    text(`${taskLine(v.task)}\n申请单位：${md(v.department)}\n申请人：${md(v.requester.name)} · ${formatLocalTime(v.requester.at, tz)}\n完成时限：${v.previousDueDate ?? '未定'} → **${v.newDueDate}**`),
    plain(`延期理由：${v.reason}`),
  ];
}

function decisionForm(v: { commentPlaceholder: string; approveText: string; refuseText: string; approve: unknown; refuse: unknown }): unknown {
  return fill(template.decisionForm, {
    form_name: DECISION_FIELDS.form,
    comment_name: DECISION_FIELDS.comment,
    comment_placeholder: v.commentPlaceholder,
    approve_name: DECISION_FIELDS.approve,
    approve_text: v.approveText,
    approve_action: v.approve,
    refuse_name: DECISION_FIELDS.refuse,
    refuse_text: v.refuseText,
    refuse_action: v.refuse,
  });
}

function decidedLine(d: DecidedView, yes: string, no: string, tz: string): unknown[] {
  const colour = d.approved ? 'green' : 'red';
  return [
    text(`<font color='${colour}'>**${d.approved ? yes : no}**</font> · ${md(d.by.name)} · ${formatLocalTime(d.by.at, tz)}`),
    ...(d.comment ? [plain(`意见：${d.comment}`)] : []),
  ];
}

/** The approver's card: the request, a comment, 同意 / 不同意; once decided, the decision instead of the form. */
export function buildExtensionDecisionCard(v: ExtensionView & { extensionId: number; decided?: DecidedView | null }, tz: string): Card {
  const act = (decision: 'approve' | 'refuse') => ({ kind: 'extension_decide', extensionId: v.extensionId, decision });
  return card({
    summary: `延期申请待审批：${v.department} · ${v.task.label}`,
    title: `延期申请审批 · ${v.task.label}`,
    subtitle: v.department,
    color: v.decided ? (v.decided.approved ? 'green' : 'red') : 'orange',
    elements: [
      ...extensionDetails(v, tz),
      ...(v.decided
        ? decidedLine(v.decided, '已同意', '不同意', tz)
        : [decisionForm({ commentPlaceholder: '审批意见（不同意时必填，申请单位会收到）', approveText: '同意', refuseText: '不同意', approve: act('approve'), refuse: act('refuse') })]),
    ],
  });
}

export interface CompletionView {
  task: TaskRef;
  department: string;
  requester: Person;
  progress: number;
  note: string;
  evidenceUrl: string | null;
  /** 办结佐证: the file the completion rests on (attached to the task, sent to the bot) */
  evidenceFile?: EvidenceFileView | null;
  /** lead: reviewed by the lead department's reporters; admins */
  reviewer: 'lead' | 'admins';
}

export interface EvidenceFileView {
  name: string;
  sizeBytes: number;
  /** who sent it, and when it was attached */
  by: string;
  at: Date;
}

/** 「佐证文件：X（大小，发送人，时间）」 */
export function evidenceFileLine(f: EvidenceFileView, tz: string): string {
  return `佐证文件：${md(truncate(f.name, 80))}（${formatBytes(f.sizeBytes)}，${md(truncate(f.by, 40))}，${formatLocalTime(f.at, tz)}）`;
}

function evidenceLine(url: string | null, file: EvidenceFileView | null | undefined, tz: string): string {
  const target = safeLinkTarget(url);
  const link = !url ? null : target ? `佐证：${markdownLink(truncate(target, 80), target)}` : `佐证：${md(truncate(url, 80))}`;
  if (file) return [link, evidenceFileLine(file, tz)].filter(Boolean).join('\n');
  return link ?? '佐证：无';
}

/** The reviewer's card for a unit's 已完成: its evidence, a reason, 通过 / 退回; once decided, the decision. */
export function buildCompletionReviewCard(v: CompletionView & { reviewId: number; decided?: DecidedView | null }, tz: string): Card {
  const act = (decision: 'approve' | 'refuse') => ({ kind: 'completion_decide', reviewId: v.reviewId, decision });
  const who = v.reviewer === 'lead' ? '牵头部门审核' : '督办管理员审核';
  return card({
    summary: `办结审核：${v.department} · ${v.task.label}`,
    title: `办结审核 · ${v.task.label}`,
    subtitle: `${v.department} 报送已完成 · ${who}`,
    color: v.decided ? (v.decided.approved ? 'green' : 'red') : 'purple',
    elements: [
      text(`${taskLine(v.task)}\n报送单位：${md(v.department)}\n报送人：${md(v.requester.name)} · ${formatLocalTime(v.requester.at, tz)} · 进度 ${v.progress}%\n${evidenceLine(v.evidenceUrl, v.evidenceFile, tz)}`),
      // the file is sent to the clicker's private chat (src/usecases/evidence/card-actions.ts)
      ...(v.evidenceFile ? [fill(template.fileButton, { action: { kind: 'evidence_view', reviewId: v.reviewId } satisfies EvidenceViewValue })] : []),
      ...(v.note ? [plain(`说明：${truncate(v.note, 500)}`)] : []),
      ...(v.decided
        ? decidedLine(v.decided, '审核通过', '已退回', tz)
        : [decisionForm({ commentPlaceholder: '审核意见（退回时必填，报送单位会收到）', approveText: '通过', refuseText: '退回', approve: act('approve'), refuse: act('refuse') })]),
    ],
  });
}

/** What the unit is told once its extension or completion was decided (a card in its chat). */
export function buildOutcomeCard(v: { what: '延期申请' | '办结审核'; task: TaskRef; department: string; approved: boolean; by: Person; comment: string; detail: string }, tz: string): Card {
  const verdict = v.what === '延期申请' ? (v.approved ? '已同意' : '未同意') : v.approved ? '审核通过' : '已退回';
  return card({
    summary: `${v.what}${verdict}：${v.task.label}`,
    title: `${v.what}${verdict} · ${v.task.label}`,
    subtitle: v.department,
    color: v.approved ? 'green' : 'red',
    elements: [
      text(`${taskLine(v.task)}\n${v.detail}\n${v.approved ? '审批人' : '处理人'}：${md(v.by.name)} · ${formatLocalTime(v.by.at, tz)}`),
      ...(v.comment ? [plain(`${v.approved ? '意见' : '理由'}：${v.comment}`)] : []),
      ...(v.approved ? [] : [note(v.what === '延期申请' ? '如仍需延期，可修改后重新申请。' : '请按理由补充后，在本周的任务填报卡片上重新报送。')]),
    ],
  });
}
