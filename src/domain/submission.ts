import { z } from 'zod';
import { REPORTABLE_STATUSES, type ReportableStatus } from './status.ts';
import { STATUS_LABEL } from './vocabulary/status.ts';
import { codePointLength } from './escape.ts';
import { parseJsonOrUndefined } from './json.ts';
import { isStorableText } from './storable-text.ts';

/** Longest note, in Unicode code points (issue 4). */
export const NOTE_MAX = 1000;

/** The card's evidence input takes at most this many characters (its max_length). */
export const EVIDENCE_INPUT_MAX = 300;

/**
 * Notes up to this long come back in the card's note input to edit; a longer one is shown above
 * the form instead and a blank note keeps it (the button carries keepNote), so the card stays
 * within its page budget.
 */
export const NOTE_PREFILL_MAX = 200;

/**
 * Names of a task's form fields. They carry the task id because Lark needs every component name
 * unique across the card (error 200530), and one card lists many tasks.
 */
export const taskFieldNames = (taskId: number) => ({
  form: `form_${taskId}`,
  status: `status_${taskId}`,
  progress: `progress_${taskId}`,
  note: `note_${taskId}`,
  evidence: `evidence_${taskId}`,
  submit: `submit_${taskId}`,
});

export const indicatorFieldNames = (indicatorId: number) => ({
  form: `indicator_form_${indicatorId}`,
  value: `indicator_value_${indicatorId}`,
  submit: `indicator_submit_${indicatorId}`,
});

/** Postgres `integer` (serial) ids: anything larger fails in the database, not in validation. */
export const MAX_DB_ID = 2_147_483_647;
const id = z.coerce.number().int().min(1).max(MAX_DB_ID);

/** The `behaviors[].value` of a submit button, echoed back as `action.value`. */
export const actionValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('report'), planId: id, roundId: id, departmentId: id, taskId: id, keepNote: z.literal(true).optional() }),
  z.object({ kind: z.literal('indicator'), planId: id, roundId: id, departmentId: id, indicatorId: id }),
]);

export type RefusalCode =
  | 'BAD_ACTION'
  | 'BAD_STATUS'
  | 'BAD_PROGRESS'
  | 'NOTE_TOO_LONG'
  | 'BAD_EVIDENCE'
  | 'EVIDENCE_REQUIRED'
  | 'BAD_INDICATOR_VALUE'
  | 'BAD_TEXT'
  | 'NOT_REPORTER'
  | 'TASK_NOT_DEPARTMENTS'
  | 'TASK_UNKNOWN'
  | 'INDICATOR_NOT_DEPARTMENTS'
  | 'INDICATOR_UNKNOWN';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** Chinese, shown to the operator as an error toast. */
  message: string;
}

export interface TaskReport {
  kind: 'report';
  planId: number;
  roundId: number;
  departmentId: number;
  taskId: number;
  status: ReportableStatus;
  progress: number;
  note: string;
  evidenceUrl: string | null;
  /** 办结佐证: a 已完成 without a link rests on this attached file (evidence_files.id). */
  evidenceFileId?: number;
  /** The note was left blank on a card that did not prefill it: keep the last one. */
  keepNote?: true;
}

/** The file a unit attached to the task as its 办结佐证 (the latest), as the route looked it up. */
export interface AttachedEvidence {
  id: number;
  fileName: string;
}

/** What EVIDENCE_REQUIRED tells the reporter: a link, or a file sent to the bot and attached. */
export const EVIDENCE_REQUIRED_MESSAGE = '报送「已完成」须附佐证链接，或先把佐证文件发给督办并选择该任务，供审核人核验';

export interface IndicatorReport {
  kind: 'indicator';
  planId: number;
  roundId: number;
  departmentId: number;
  indicatorId: number;
  value: number;
}

export type Submission = TaskReport | IndicatorReport;
export type SubmissionResult = { ok: true; value: Submission } | Refusal;

const refuse = (code: RefusalCode, message: string): Refusal => ({ ok: false, code, message });

export const STATUS_CHOICES = REPORTABLE_STATUSES.map((s) => STATUS_LABEL[s]).join('、');

const statusSchema = z.enum(REPORTABLE_STATUSES);
// Inputs arrive as strings; accept "60" and 60, nothing fractional or out of range.
const progressSchema = z
  .union([z.number(), z.string().trim().regex(/^[+]?\d+$/).transform(Number)])
  .pipe(z.number().int().min(0).max(100));
// An explicit host is required: `https:///x` parses as a URL but points nowhere.
const urlSchema = z
  .string()
  .trim()
  .max(EVIDENCE_INPUT_MAX)
  .regex(/^https?:\/\/[^\s/?#]+/i)
  .pipe(z.url({ protocol: /^https?$/i }))
  // Stored in its ASCII form (punycode host, percent-encoded path): the same address, and a card
  // can then budget it byte for byte.
  .transform((u) => new URL(u).href)
  .pipe(z.string().max(EVIDENCE_INPUT_MAX));
const numberSchema = z
  .union([z.number(), z.string().trim().regex(/^[+-]?\d+(\.\d+)?$/).transform(Number)])
  .pipe(z.number().finite());

/** A form value by its suffixed name, falling back to the bare name. */
function field(form: Record<string, unknown>, name: string): unknown {
  if (name in form) return form[name];
  const bare = name.replace(/_\d+$/, '');
  return form[bare];
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Validates a card submission: `action.value` says what it is for, `action.form_value` what was
 * entered. Every refusal carries a Chinese message for the toast. `attached` is the file the unit
 * attached to the task as its 办结佐证, when the caller looked one up: a 已完成 without a link is
 * then accepted on it (a link, when given, is the evidence and the file is not used).
 */
export function validateSubmission(input: { value: unknown; formValue: unknown; attached?: AttachedEvidence | null }): SubmissionResult {
  const rawValue = typeof input.value === 'string' ? parseJsonOrUndefined(input.value) : input.value;
  const action = actionValueSchema.safeParse(rawValue);
  if (!action.success) return refuse('BAD_ACTION', '无法识别的卡片操作，请使用最新的卡片填报');
  const form = (input.formValue && typeof input.formValue === 'object' ? input.formValue : {}) as Record<string, unknown>;
  if (action.data.kind === 'indicator') {
    const names = indicatorFieldNames(action.data.indicatorId);
    const value = numberSchema.safeParse(field(form, names.value));
    if (!value.success) return refuse('BAD_INDICATOR_VALUE', '指标数值须为数字');
    return { ok: true, value: { ...action.data, value: value.data } };
  }
  const names = taskFieldNames(action.data.taskId);
  const status = statusSchema.safeParse(field(form, names.status));
  if (!status.success) return refuse('BAD_STATUS', `状态须为以下之一：${STATUS_CHOICES}`);

  const rawProgress = field(form, names.progress);
  let progress: number;
  if (blank(rawProgress) && (status.data === 'not_started' || status.data === 'done')) {
    // The only two statuses whose progress goes without saying.
    progress = status.data === 'done' ? 100 : 0;
  } else {
    const parsed = progressSchema.safeParse(rawProgress);
    if (!parsed.success) return refuse('BAD_PROGRESS', '进度须为 0–100 的整数');
    progress = parsed.data;
  }

  const rawNote = field(form, names.note);
  const note = typeof rawNote === 'string' ? rawNote.trim() : blank(rawNote) ? '' : String(rawNote);
  const rawEvidence = field(form, names.evidence);
  if (!isStorableText(note) || (typeof rawEvidence === 'string' && !isStorableText(rawEvidence))) {
    return refuse('BAD_TEXT', '说明或佐证链接中含有无法保存的字符（如空字符或残缺的表情符号），请删除后重新提交');
  }
  const length = codePointLength(note);
  if (length > NOTE_MAX) return refuse('NOTE_TOO_LONG', `说明不能超过 ${NOTE_MAX} 字（当前 ${length} 字）`);

  let evidenceUrl: string | null = null;
  if (!blank(rawEvidence)) {
    const parsed = urlSchema.safeParse(rawEvidence);
    if (!parsed.success) return refuse('BAD_EVIDENCE', `佐证链接须为以 http:// 或 https:// 开头的网址（不超过 ${EVIDENCE_INPUT_MAX} 个字符）`);
    evidenceUrl = parsed.data;
  }
  // 办结审核: a completion is reviewed on its evidence, so it cannot be reported without one.
  const onFile = status.data === 'done' && evidenceUrl === null && input.attached ? { evidenceFileId: input.attached.id } : {};
  if (status.data === 'done' && evidenceUrl === null && !input.attached) return refuse('EVIDENCE_REQUIRED', EVIDENCE_REQUIRED_MESSAGE);
  const { keepNote, ...rest } = action.data;
  return { ok: true, value: { ...rest, status: status.data, progress, note, evidenceUrl, ...onFile, ...(keepNote && note === '' ? { keepNote } : {}) } };
}
