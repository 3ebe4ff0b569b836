import { describe, expect, it } from 'vitest';
import { deadlineState } from '../../src/domain/deadlines.ts';
import { extensionLimit, parsePickedDate, validateDecisionComment, validateExtensionRequest } from '../../src/domain/extension.ts';
import { checkDecider, completionReviewer, extensionApprovers } from '../../src/domain/review.ts';
import { overallStatus } from '../../src/domain/status.ts';

const base = { today: '2021-12-06', planYear: 2021, currentDueDate: '2021-12-31', reason: '等待批复' };

describe('延期申请: the request', () => {
  it('reads a date picker value with its offset, or a bare date; nothing else', () => {
    expect(parsePickedDate('2022-03-31 +0800')).toBe('2022-03-31');
    expect(parsePickedDate('2022-03-31')).toBe('2022-03-31');
    for (const bad of ['2022-02-30', '31/03/2022', '', 20220331, null, 'tomorrow']) expect(parsePickedDate(bad)).toBeNull();
  });

  it('accepts a later date within the year after the plan year, with a reason', () => {
    expect(validateExtensionRequest({ ...base, date: '2022-03-31 +0800' })).toEqual({ ok: true, newDueDate: '2022-03-31', reason: '等待批复' });
    expect(validateExtensionRequest({ ...base, date: extensionLimit(2021) })).toMatchObject({ ok: true });
  });

  it.each([
    ['2021-12-05', 'DATE_IN_PAST'],
    ['2021-12-06', 'DATE_IN_PAST'],
    ['2023-01-01', 'DATE_BEYOND_LIMIT'],
    ['2021-12-31', 'DATE_NOT_LATER'],
    ['2021-12-20', 'DATE_NOT_LATER'],
    ['not a date', 'BAD_DATE'],
  ])('refuses %s (%s)', (date, code) => {
    expect(validateExtensionRequest({ ...base, date })).toMatchObject({ ok: false, code });
  });

  it('needs a reason Postgres can store, at most 500 characters', () => {
    expect(validateExtensionRequest({ ...base, date: '2022-01-31', reason: '  ' })).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(validateExtensionRequest({ ...base, date: '2022-01-31', reason: '字'.repeat(501) })).toMatchObject({ ok: false, code: 'REASON_TOO_LONG' });
    expect(validateExtensionRequest({ ...base, date: '2022-01-31', reason: 'a\u0000b' })).toMatchObject({ ok: false, code: 'BAD_TEXT' });
  });

  it('an extended due date decides 预警 and 逾期', () => {
    const at = (iso: string) => new Date(`${iso}T02:00:00Z`);
    const tz = 'Asia/Shanghai';
    expect(deadlineState({ dueDate: '2021-12-31', done: false, now: at('2022-01-10'), timezone: tz })).toBe('overdue');
    expect(deadlineState({ dueDate: '2022-03-31', done: false, now: at('2022-01-10'), timezone: tz })).toBe('ok');
    expect(deadlineState({ dueDate: '2022-03-31', done: false, now: at('2022-03-15'), timezone: tz })).toBe('warning');
    expect(deadlineState({ dueDate: '2022-03-31', done: false, now: at('2022-04-01'), timezone: tz })).toBe('overdue');
  });
});

describe('延期申请 and 办结审核: who decides', () => {
  it('sends an extension to the lead department’s approver, or to the admins when there is none or the approver asked', () => {
    expect(extensionApprovers({ leadApprover: 'ou_a', admins: ['ou_x'], requester: 'ou_r' })).toEqual({ to: 'approver', openIds: ['ou_a'] });
    expect(extensionApprovers({ leadApprover: null, admins: ['ou_x', 'ou_r'], requester: 'ou_r' })).toEqual({ to: 'admins', openIds: ['ou_x'] });
    expect(extensionApprovers({ leadApprover: 'ou_a', admins: ['ou_x'], requester: 'ou_a' })).toEqual({ to: 'admins', openIds: ['ou_x'] });
  });

  it('reviews a co-responsible unit by the lead, the lead (or a task without one) by the admins', () => {
    expect(completionReviewer({ departmentId: 2, leadDepartmentId: 1 })).toBe('lead');
    expect(completionReviewer({ departmentId: 1, leadDepartmentId: 1 })).toBe('admins');
    expect(completionReviewer({ departmentId: 1, leadDepartmentId: null })).toBe('admins');
  });

  it('lets approvers and admins decide, never their own request', () => {
    const f = { requester: 'ou_r', allowed: ['ou_a'], admins: ['ou_x'], what: '延期申请' as const };
    expect(checkDecider({ ...f, operator: 'ou_a' })).toEqual({ ok: true });
    expect(checkDecider({ ...f, operator: 'ou_x' })).toEqual({ ok: true });
    expect(checkDecider({ ...f, operator: 'ou_o' })).toMatchObject({ ok: false, code: 'NOT_APPROVER' });
    expect(checkDecider({ ...f, operator: 'ou_r', allowed: ['ou_r'] })).toMatchObject({ ok: false, code: 'OWN_REQUEST' });
    expect(checkDecider({ ...f, what: '办结审核', operator: 'ou_o' })).toMatchObject({ ok: false, code: 'NOT_REVIEWER' });
  });

  it('needs a reason to refuse, not to approve', () => {
    expect(validateDecisionComment('', 'approve')).toEqual({ ok: true, comment: '' });
    expect(validateDecisionComment(' ', 'refuse')).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(validateDecisionComment('字'.repeat(501), 'approve')).toMatchObject({ ok: false, code: 'COMMENT_TOO_LONG' });
  });
});

describe('待审核 in aggregation', () => {
  it('is not done: a task is done only when every unit’s completion is approved', () => {
    expect(overallStatus(['done', 'pending_review'])).toBe('pending_review');
    expect(overallStatus(['done', 'done'])).toBe('done');
    expect(overallStatus(['pending_review', 'on_track'])).toBe('on_track');
    expect(overallStatus(['pending_review', null])).toBe('not_started');
  });
});
