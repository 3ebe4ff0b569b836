import { describe, expect, it } from 'vitest';
import { checkDecider, completionReviewer, extensionApprovers } from '../../src/domain/review.ts';

// 延期申请 and 办结审核: 保护司 (ou_bh_lead approves its extensions) leads 任务5, 运用促进司 co-reports it;
// 周督办 and 吴督办 are the admins.
describe('who decides a 延期申请 or an 办结审核, and what the others are told', () => {
  it('sends an extension to the lead department’s approver alone, even when the approver is an admin too', () => {
    expect(extensionApprovers({ leadApprover: 'ou_zhou', admins: ['ou_zhou', 'ou_wu'], requester: 'ou_yy' })).toEqual({ to: 'approver', openIds: ['ou_zhou'] });
  });

  it('sends it to every admin but the requester when there is no approver, and to none when the requester is the only admin', () => {
    expect(extensionApprovers({ leadApprover: null, admins: ['ou_zhou', 'ou_wu'], requester: 'ou_yy' })).toEqual({ to: 'admins', openIds: ['ou_zhou', 'ou_wu'] });
    expect(extensionApprovers({ leadApprover: '', admins: ['ou_zhou'], requester: 'ou_yy' })).toEqual({ to: 'admins', openIds: ['ou_zhou'] });
    expect(extensionApprovers({ leadApprover: 'ou_zhou', admins: ['ou_zhou'], requester: 'ou_zhou' })).toEqual({ to: 'admins', openIds: [] });
  });

  it('has a region reviewed by the lead department, and the lead department by the admins', () => {
    expect(completionReviewer({ departmentId: 11, leadDepartmentId: 3 })).toBe('lead');
    expect(completionReviewer({ departmentId: 3, leadDepartmentId: 3 })).toBe('admins');
    expect(completionReviewer({ departmentId: 11, leadDepartmentId: null })).toBe('admins');
  });

  it('tells someone who may not decide why, in the words of the flow', () => {
    const f = { requester: 'ou_yy', allowed: ['ou_bh_lead'], admins: ['ou_zhou'], operator: 'ou_gd' };
    expect(checkDecider({ ...f, what: '延期申请' })).toEqual({ ok: false, code: 'NOT_APPROVER', message: '您不是该延期申请的审批人，无法审批' });
    expect(checkDecider({ ...f, what: '办结审核' })).toEqual({
      ok: false,
      code: 'NOT_REVIEWER',
      message: '您不是该任务办结的审核人（牵头部门填报人或督办管理员），无法审核',
    });
  });

  it('lets an allowed decider who is not an admin decide, and an admin who is not among the allowed', () => {
    const f = { requester: 'ou_yy', allowed: ['ou_bh_lead'], admins: ['ou_zhou'], what: '办结审核' as const };
    expect(checkDecider({ ...f, operator: 'ou_bh_lead' })).toEqual({ ok: true });
    expect(checkDecider({ ...f, operator: 'ou_zhou' })).toEqual({ ok: true });
  });

  it('never lets anyone decide their own request, not even an admin', () => {
    expect(checkDecider({ requester: 'ou_zhou', allowed: [], admins: ['ou_zhou'], what: '延期申请', operator: 'ou_zhou' })).toEqual({
      ok: false,
      code: 'OWN_REQUEST',
      message: '不能审批自己提出的延期申请，请由其他审批人处理',
    });
    expect(checkDecider({ requester: 'ou_bh_lead', allowed: ['ou_bh_lead'], admins: [], what: '办结审核', operator: 'ou_bh_lead' })).toEqual({
      ok: false,
      code: 'OWN_REQUEST',
      message: '不能审批自己提出的办结审核，请由其他审批人处理',
    });
  });
});
