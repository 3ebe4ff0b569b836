import { DateTime } from 'luxon';
import { z } from 'zod';
import { codePointLength } from './escape.ts';
import { isStorableText } from './storable-text.ts';

// 延期申请 (deadline extensions): the request's fields and who decides it. Pure: today, the plan
// year and the due date in force are passed in.

export const EXTENSION_REASON_MAX = 500;
export const DECISION_COMMENT_MAX = 500;

export type ExtensionRefusalCode =
  | 'BAD_DATE'
  | 'DATE_IN_PAST'
  | 'DATE_BEYOND_LIMIT'
  | 'DATE_NOT_LATER'
  | 'REASON_REQUIRED'
  | 'REASON_TOO_LONG'
  | 'BAD_TEXT'
  | 'EXTENSION_PENDING';

export interface ExtensionRefusal {
  ok: false;
  code: ExtensionRefusalCode;
  message: string;
}

/** Names of the extension card's form fields (one task per card, so no suffix is needed). */
export const EXTENSION_FIELDS = { form: 'extension_form', date: 'extension_date', reason: 'extension_reason', submit: 'extension_submit' } as const;

/**
 * The last date an extension may reach: 31 December of the year after the plan year. Every task
 * of a yearly plan is due on 31 December of its year, so a cap at the plan year itself would
 * leave no date to extend to; a task that needs longer than the following year belongs in the
 * next plan, not in an extension.
 */
export const extensionLimit = (planYear: number): string => `${planYear + 1}-12-31`;

/** A date picker sends `2021-12-20 +0800`; a typed value may be `2021-12-20`. The local date, or null. */
export function parsePickedDate(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:[ T].*)?$/.exec(raw);
  if (!m) return null;
  return DateTime.fromISO(m[1]!).isValid ? m[1]! : null;
}

/** Today as a local date (YYYY-MM-DD) in the organisation's timezone. */
export const localDate = (now: Date, timezone: string): string => DateTime.fromJSDate(now, { zone: timezone }).toISODate()!;

const refuse = (code: ExtensionRefusalCode, message: string): ExtensionRefusal => ({ ok: false, code, message });

/**
 * Checks an extension request: a real date after today, after the due date in force, and no later
 * than extensionLimit; a reason, storable and at most EXTENSION_REASON_MAX characters.
 */
export function validateExtensionRequest(input: {
  date: unknown;
  reason: unknown;
  today: string;
  planYear: number;
  currentDueDate: string | null;
}): { ok: true; newDueDate: string; reason: string } | ExtensionRefusal {
  const date = parsePickedDate(input.date);
  if (!date) return refuse('BAD_DATE', '请选择新的完成时限（日期）');
  if (date <= input.today) return refuse('DATE_IN_PAST', `新的完成时限须晚于今天（${input.today}），不能选择过去的日期`);
  const limit = extensionLimit(input.planYear);
  if (date > limit) return refuse('DATE_BEYOND_LIMIT', `新的完成时限不能晚于 ${limit}（${input.planYear} 年度计划的延期上限）`);
  if (input.currentDueDate && date <= input.currentDueDate) {
    return refuse('DATE_NOT_LATER', `新的完成时限须晚于当前时限 ${input.currentDueDate}`);
  }
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason === '') return refuse('REASON_REQUIRED', '请填写延期理由');
  if (!isStorableText(reason)) return refuse('BAD_TEXT', '延期理由中含有无法保存的字符（如空字符或残缺的表情符号），请删除后重新提交');
  const length = codePointLength(reason);
  if (length > EXTENSION_REASON_MAX) return refuse('REASON_TOO_LONG', `延期理由不能超过 ${EXTENSION_REASON_MAX} 字（当前 ${length} 字）`);
  return { ok: true, newDueDate: date, reason };
}

const id = z.coerce.number().int().min(1).max(2_147_483_647);

/** The buttons of the 延期申请 and 办结审核 cards, as echoed back in `action.value`. */
export const reviewActionSchema = z.discriminatedUnion('kind', [
  /** 申请延期 on a task's block: sends the reporter the extension card privately */
  z.object({ kind: z.literal('extension_open'), planId: id, departmentId: id, taskId: id }),
  /** the extension card's submit */
  z.object({ kind: z.literal('extension_request'), planId: id, departmentId: id, taskId: id }),
  /** 同意 / 不同意 on the approver's card */
  z.object({ kind: z.literal('extension_decide'), extensionId: id, decision: z.enum(['approve', 'refuse']) }),
  /** 通过 / 退回 on the reviewer's card */
  z.object({ kind: z.literal('completion_decide'), reviewId: id, decision: z.enum(['approve', 'refuse']) }),
]);
export type ReviewAction = z.infer<typeof reviewActionSchema>;
export const REVIEW_ACTION_KINDS: readonly string[] = ['extension_open', 'extension_request', 'extension_decide', 'completion_decide'];

/** The decision cards' comment field. */
export const DECISION_FIELDS = { form: 'decision_form', comment: 'decision_comment', approve: 'decision_approve', refuse: 'decision_refuse' } as const;

/** A decision's comment: optional to approve, required to refuse (the unit is told why). */
export function validateDecisionComment(raw: unknown, decision: 'approve' | 'refuse'): { ok: true; comment: string } | { ok: false; code: string; message: string } {
  const comment = typeof raw === 'string' ? raw.trim() : '';
  if (!isStorableText(comment)) return { ok: false, code: 'BAD_TEXT', message: '意见中含有无法保存的字符，请删除后重新提交' };
  if (codePointLength(comment) > DECISION_COMMENT_MAX) return { ok: false, code: 'COMMENT_TOO_LONG', message: `意见不能超过 ${DECISION_COMMENT_MAX} 字` };
  if (decision === 'refuse' && comment === '') return { ok: false, code: 'REASON_REQUIRED', message: '不同意（退回）时请填写理由，申请单位会收到它' };
  return { ok: true, comment };
}
