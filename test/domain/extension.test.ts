import { describe, expect, it } from 'vitest';
import {
  DECISION_COMMENT_MAX,
  EXTENSION_REASON_MAX,
  extensionLimit,
  localDate,
  parsePickedDate,
  reviewActionSchema,
  validateDecisionComment,
  validateExtensionRequest,
} from '../../src/domain/extension.ts';

// 延期申请 as a department's reporter fills it in: the picked date, the reason, and the approver's comment.

const TZ = 'Asia/Shanghai';

describe('parsePickedDate', () => {
  it('takes the local date from a picker value, a typed date or an ISO time, ignoring leading spaces', () => {
    expect(parsePickedDate('2022-03-31 +0800')).toBe('2022-03-31');
    expect(parsePickedDate('  2022-03-31')).toBe('2022-03-31');
    expect(parsePickedDate('2022-03-31T00:00:00+08:00')).toBe('2022-03-31');
    expect(parsePickedDate('2022-03-31 ')).toBe('2022-03-31');
  });

  it('refuses text around the date that is not a time, and anything that is not text', () => {
    for (const bad of ['x2022-03-31', '2022-03-31x', '2022-03-310', '2022-3-31', '22-03-31', '2022-03-31+0800', '第2022-03-31']) {
      expect(parsePickedDate(bad), bad).toBeNull();
    }
    // an array of one date would read as that date if it were turned into text
    expect(parsePickedDate(['2022-03-31'])).toBeNull();
    expect(parsePickedDate({ toString: () => '2022-03-31' })).toBeNull();
    expect(parsePickedDate(undefined)).toBeNull();
  });

  it('refuses a day the month does not have', () => {
    expect(parsePickedDate('2022-02-29 +0800')).toBeNull();
    expect(parsePickedDate('2024-02-29 +0800')).toBe('2024-02-29');
    expect(parsePickedDate('2022-13-01')).toBeNull();
  });
});

describe('localDate', () => {
  it('is the date in the organisation’s timezone, not in UTC', () => {
    expect(localDate(new Date('2021-12-05T16:30:00Z'), TZ)).toBe('2021-12-06');
    expect(localDate(new Date('2021-12-05T15:59:59Z'), TZ)).toBe('2021-12-05');
  });
});

describe('validateExtensionRequest', () => {
  const input = () => ({ today: '2021-12-06', planYear: 2021, currentDueDate: '2021-12-31' as string | null, reason: '等待国家知识产权局批复', date: '2022-03-31 +0800' as unknown });

  it('caps an extension at 31 December of the year after the plan year', () => {
    expect(extensionLimit(2021)).toBe('2022-12-31');
    expect(validateExtensionRequest({ ...input(), date: '2022-12-31' })).toEqual({ ok: true, newDueDate: '2022-12-31', reason: '等待国家知识产权局批复' });
    expect(validateExtensionRequest({ ...input(), date: '2023-01-01' })).toEqual({
      ok: false,
      code: 'DATE_BEYOND_LIMIT',
      message: '新的完成时限不能晚于 2022-12-31（2021 年度计划的延期上限）',
    });
  });

  it('says which date is missing, past or not later, in full', () => {
    expect(validateExtensionRequest({ ...input(), date: '' })).toEqual({ ok: false, code: 'BAD_DATE', message: '请选择新的完成时限（日期）' });
    expect(validateExtensionRequest({ ...input(), date: null })).toEqual({ ok: false, code: 'BAD_DATE', message: '请选择新的完成时限（日期）' });
    expect(validateExtensionRequest({ ...input(), date: '2021-12-06' })).toEqual({
      ok: false,
      code: 'DATE_IN_PAST',
      message: '新的完成时限须晚于今天（2021-12-06），不能选择过去的日期',
    });
    expect(validateExtensionRequest({ ...input(), date: '2021-12-31' })).toEqual({ ok: false, code: 'DATE_NOT_LATER', message: '新的完成时限须晚于当前时限 2021-12-31' });
  });

  it('accepts the day after today and the day after the due date', () => {
    expect(validateExtensionRequest({ ...input(), currentDueDate: null, date: '2021-12-07' })).toMatchObject({ ok: true, newDueDate: '2021-12-07' });
    expect(validateExtensionRequest({ ...input(), date: '2022-01-01' })).toMatchObject({ ok: true, newDueDate: '2022-01-01' });
  });

  it('with no due date in force, any date after today and within the cap will do', () => {
    expect(validateExtensionRequest({ ...input(), currentDueDate: null, date: '2021-12-20' })).toEqual({ ok: true, newDueDate: '2021-12-20', reason: '等待国家知识产权局批复' });
  });

  it('trims the reason and needs one that is text', () => {
    expect(validateExtensionRequest({ ...input(), reason: '  需与运用促进司会签  ' })).toMatchObject({ ok: true, reason: '需与运用促进司会签' });
    expect(validateExtensionRequest({ ...input(), reason: 42 })).toEqual({ ok: false, code: 'REASON_REQUIRED', message: '请填写延期理由' });
    expect(validateExtensionRequest({ ...input(), reason: undefined })).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
  });

  it('refuses a reason Postgres cannot store, and one over the limit with its length', () => {
    expect(validateExtensionRequest({ ...input(), reason: '等待\u0000批复' })).toEqual({
      ok: false,
      code: 'BAD_TEXT',
      message: '延期理由中含有无法保存的字符（如空字符或残缺的表情符号），请删除后重新提交',
    });
    expect(validateExtensionRequest({ ...input(), reason: '字'.repeat(EXTENSION_REASON_MAX) })).toMatchObject({ ok: true });
    // counted in characters: 500 emoji are 1000 UTF-16 units and still allowed
    expect(validateExtensionRequest({ ...input(), reason: '📄'.repeat(EXTENSION_REASON_MAX) })).toMatchObject({ ok: true });
    expect(validateExtensionRequest({ ...input(), reason: '字'.repeat(EXTENSION_REASON_MAX + 1) })).toEqual({
      ok: false,
      code: 'REASON_TOO_LONG',
      message: '延期理由不能超过 500 字（当前 501 字）',
    });
  });
});

describe('validateDecisionComment', () => {
  it('trims the comment; approving needs none, refusing needs one', () => {
    expect(validateDecisionComment('  同意延期  ', 'approve')).toEqual({ ok: true, comment: '同意延期' });
    expect(validateDecisionComment(undefined, 'approve')).toEqual({ ok: true, comment: '' });
    expect(validateDecisionComment(7, 'approve')).toEqual({ ok: true, comment: '' });
    expect(validateDecisionComment('材料不全，请补充', 'refuse')).toEqual({ ok: true, comment: '材料不全，请补充' });
    expect(validateDecisionComment(null, 'refuse')).toEqual({ ok: false, code: 'REASON_REQUIRED', message: '不同意（退回）时请填写理由，申请单位会收到它' });
  });

  it('refuses a comment it cannot store or over 500 characters, saying so', () => {
    expect(validateDecisionComment('同意\u0000', 'approve')).toEqual({ ok: false, code: 'BAD_TEXT', message: '意见中含有无法保存的字符，请删除后重新提交' });
    expect(validateDecisionComment('字'.repeat(DECISION_COMMENT_MAX), 'refuse')).toMatchObject({ ok: true });
    expect(validateDecisionComment('📄'.repeat(DECISION_COMMENT_MAX), 'refuse')).toMatchObject({ ok: true });
    expect(validateDecisionComment('字'.repeat(DECISION_COMMENT_MAX + 1), 'refuse')).toEqual({ ok: false, code: 'COMMENT_TOO_LONG', message: '意见不能超过 500 字' });
  });
});

describe('reviewActionSchema', () => {
  it('reads each button’s value, ids as sent in text', () => {
    expect(reviewActionSchema.parse({ kind: 'extension_open', planId: '1', departmentId: 2, taskId: 3 })).toEqual({ kind: 'extension_open', planId: 1, departmentId: 2, taskId: 3 });
    expect(reviewActionSchema.parse({ kind: 'extension_decide', extensionId: 9, decision: 'refuse' })).toEqual({ kind: 'extension_decide', extensionId: 9, decision: 'refuse' });
    expect(reviewActionSchema.parse({ kind: 'completion_decide', reviewId: 2_147_483_647, decision: 'approve' })).toMatchObject({ reviewId: 2_147_483_647 });
  });

  it('refuses ids out of range and unknown decisions', () => {
    for (const bad of [
      { kind: 'extension_request', planId: 0, departmentId: 2, taskId: 3 },
      { kind: 'extension_request', planId: 1.5, departmentId: 2, taskId: 3 },
      { kind: 'completion_decide', reviewId: 2_147_483_648, decision: 'approve' },
      { kind: 'extension_decide', extensionId: 1, decision: 'maybe' },
      { kind: 'other', extensionId: 1, decision: 'approve' },
    ]) {
      expect(reviewActionSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
