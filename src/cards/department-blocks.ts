import template from '../../cards/department-round.json' with { type: 'json' };
import reviewTemplate from '../../cards/review.json' with { type: 'json' };
import { DEADLINE_KIND_LABEL } from '../domain/deadlines.ts';
import { escapeMarkdown as md, codePointLength, markdownLink, safeLinkTarget, truncate } from '../domain/escape.ts';
import { formatLocalTime } from '../domain/rounds.ts';
import { REPORTABLE_STATUSES } from '../domain/status.ts';
import { indicatorFieldNames, NOTE_PREFILL_MAX, taskFieldNames } from '../domain/submission.ts';
import { COMPARATOR_WORD } from '../domain/vocabulary/comparators.ts';
import { DEADLINE_COLOR, DEADLINE_LABEL, STATUS_COLOR, STATUS_LABEL } from '../domain/vocabulary/status.ts';
import { fill } from './template.ts';
import type { DepartmentCardIndicator, DepartmentCardInput, DepartmentCardTask, SubmittedMark } from './department-types.ts';

// What a card shows is capped so one task always fits a page; the full text stays in the DB.
const TITLE_MAX = 300;
const NOTE_SHOWN_MAX = 200;
const MEASURES_SHOWN_MAX = 2000;

const ROLE_LABEL = { lead: '牵头', co: '配合', region: '地方落实' } as const;

type Context = Pick<DepartmentCardInput, 'plan' | 'round' | 'department' | 'timezone'>;

const statusOptions = REPORTABLE_STATUSES.map((s) => fill(template.statusOption, { label: STATUS_LABEL[s], value: s }));

function submittedLine(s: SubmittedMark | null | undefined, tz: string): string {
  if (!s) return '';
  return `\n<font color='green'>已提交 · ${md(s.by)} · ${formatLocalTime(s.at, tz)}</font>`;
}

/** A refusal's reason is cut to this on the card (the full text is in the outcome message and the answer). */
export const REVIEW_REASON_SHOWN_MAX = 40;

function deadlineLine(t: DepartmentCardTask): string {
  const parts: string[] = [];
  if (t.deadlineKind) parts.push(DEADLINE_KIND_LABEL[t.deadlineKind]);
  // an approved 延期申请 moved the due date: both are shown
  if (t.dueDate) parts.push(`截止 ${t.dueDate}${t.plannedDueDate ? `（已延期，原 ${t.plannedDueDate}）` : ''}`);
  if (t.pendingExtension) parts.push(`延期申请待审批（至 ${t.pendingExtension}）`);
  let line = parts.length ? parts.join(' · ') : '未定完成时限';
  if (t.deadlineState !== 'ok') {
    line += ` <text_tag color='${DEADLINE_COLOR[t.deadlineState]}'>${DEADLINE_LABEL[t.deadlineState]}</text_tag>`;
  }
  return line;
}

function reviewLine(t: DepartmentCardTask): string {
  if (!t.review) return '';
  if (t.review.state === 'pending') return `\n<font color='${STATUS_COLOR.pending_review}'>已完成待审核</font>：审核通过前计为未完成`;
  return `\n<font color='red'>办结审核退回</font>：${md(truncate(t.review.reason ?? '', REVIEW_REASON_SHOWN_MAX))}`;
}

function lastLine(t: DepartmentCardTask, tz: string): string {
  if (!t.last) return '\n上次填报：<font color=\'grey\'>暂无</font>';
  const who = t.last.reporterName ? ` · ${md(t.last.reporterName)}` : '';
  const evidence = t.last.evidenceUrl ? ` · ${evidenceLink(t.last.evidenceUrl)}` : '';
  return `\n上次填报：<font color='${STATUS_COLOR[t.last.status]}'>${STATUS_LABEL[t.last.status]}</font> · ${t.last.progress}%${who} · ${formatLocalTime(t.last.reportedAt, tz)}${evidence}`;
}

// A link longer than this is left to the evidence input below, to keep the task's block small.
export const LINK_SHOWN_MAX = 300;

function evidenceLink(url: string): string {
  const target = safeLinkTarget(url);
  if (!target) return '佐证：' + md(truncate(url, 60));
  return target.length <= LINK_SHOWN_MAX ? markdownLink('佐证链接', target) : '佐证链接见下方输入框';
}

/** The elements for one task: its heading, last status, measures (collapsed) and its own form. */
export function taskBlock(t: DepartmentCardTask, ctx: Context): unknown[] {
  const names = taskFieldNames(t.id);
  const note = t.last?.note.trim() ?? '';
  // A note short enough comes back in its input to edit; a longer one is shown above the form and kept when left blank.
  const prefill = codePointLength(note) <= NOTE_PREFILL_MAX;
  const measures = t.measuresForBureau.map((m) => md(m.trim())).filter(Boolean);
  return fill<unknown[]>(template.task, {
    label: t.kind === 'key_point' ? `工作要点${t.number}` : `任务${t.number}`,
    title: md(truncate(t.title, TITLE_MAX)),
    role: ROLE_LABEL[t.role],
    role_color: t.role === 'lead' ? 'blue' : 'neutral',
    details: deadlineLine(t) + lastLine(t, ctx.timezone) + reviewLine(t) + submittedLine(t.submitted, ctx.timezone),
    // plain_text is never rendered: the note shows exactly as typed.
    last_note: note && !prefill ? fill(template.lastNote, { note: `说明：${truncate(note, NOTE_SHOWN_MAX)}` }) : null,
    measures: measures.length
      ? fill(template.measures, {
          title: t.measuresTitle ?? '国家知识产权局落实举措',
          content: truncate(measures.join('\n\n'), MEASURES_SHOWN_MAX),
        })
      : null,
    form_name: names.form,
    status_name: names.status,
    // 待审核 is not a choice: the form shows the 已完成 the unit reported
    initial_status: t.last ? (t.last.status === 'pending_review' ? 'done' : t.last.status) : null,
    status_options: statusOptions,
    progress_name: names.progress,
    initial_progress: t.last ? String(t.last.progress) : null,
    note_name: names.note,
    // Every field comes back as last reported, so a re-submission changing only the status keeps the note.
    initial_note: note && prefill ? note : null,
    note_placeholder: prefill ? `进展说明（≤1000 字）` : '留空则保留上方的上次说明；填写则替换',
    evidence_name: names.evidence,
    initial_evidence: t.last?.evidenceUrl || null,
    submit_name: names.submit,
    submit_text: t.submitted ? '修改并重新提交' : '提交',
    action: { kind: 'report', planId: ctx.plan.id, roundId: ctx.round.id, departmentId: ctx.department.id, taskId: t.id, ...(prefill ? {} : { keepNote: true }) },
  }).concat(extendButton(t, ctx));
}

/** 申请延期, under the task's form (a button outside it): a unit whose part is done has nothing to extend. */
function extendButton(t: DepartmentCardTask, ctx: Context): unknown[] {
  if (t.last?.status === 'done') return [];
  return [fill(reviewTemplate.extendButton, { name: `extend_${t.id}`, action: { kind: 'extension_open', planId: ctx.plan.id, departmentId: ctx.department.id, taskId: t.id } })];
}

const num = (v: number) => String(Number(v.toFixed(4)));

/** The elements for one indicator: its target, last value and a form to report the current value. */
export function indicatorBlock(i: DepartmentCardIndicator, ctx: Context): unknown[] {
  const names = indicatorFieldNames(i.id);
  const unit = md(i.unit);
  const last = i.last
    ? `最近填报：${num(i.last.value)}${unit}${i.last.reporterName ? ` · ${md(i.last.reporterName)}` : ''} · ${formatLocalTime(i.last.reportedAt, ctx.timezone)}`
    : "最近填报：<font color='grey'>暂无</font>";
  return fill<unknown[]>(template.indicator, {
    name: md(i.name),
    target: `${COMPARATOR_WORD[i.comparator]} ${num(i.value)}${unit}`,
    details: last + submittedLine(i.submitted, ctx.timezone),
    form_name: names.form,
    value_name: names.value,
    placeholder: `当前值（单位：${i.unit}）`,
    submit_name: names.submit,
    action: { kind: 'indicator', planId: ctx.plan.id, roundId: ctx.round.id, departmentId: ctx.department.id, indicatorId: i.id },
  });
}
