// Who decides what in the 延期申请 and 办结审核 flows (docs/architecture.md#extensions-and-completion-review).
// Pure: the directory facts are passed in.

export interface Refused {
  ok: false;
  code: 'NOT_APPROVER' | 'OWN_REQUEST' | 'ALREADY_DECIDED' | 'NOT_REVIEWER';
  message: string;
}

/**
 * Who decides a task's 延期申请: the lead department's designated approver when the directory
 * names one (and it is not the requester), else the admins.
 */
export function extensionApprovers(f: { leadApprover: string | null; admins: readonly string[]; requester: string }): { to: 'approver' | 'admins'; openIds: string[] } {
  if (f.leadApprover && f.leadApprover !== f.requester) return { to: 'approver', openIds: [f.leadApprover] };
  return { to: 'admins', openIds: f.admins.filter((a) => a !== f.requester) };
}

/**
 * Who reviews a unit's 已完成: a co-responsible unit (or a region) is reviewed by the lead
 * department's reporters, the lead itself — or a task without a lead — by the admins.
 */
export function completionReviewer(f: { departmentId: number; leadDepartmentId: number | null }): 'lead' | 'admins' {
  return f.leadDepartmentId !== null && f.leadDepartmentId !== f.departmentId ? 'lead' : 'admins';
}

/** May this person decide? Admins always may (the approver may be away); nobody decides their own request. */
export function checkDecider(f: { operator: string; requester: string; allowed: readonly string[]; admins: readonly string[]; what: '延期申请' | '办结审核' }): { ok: true } | Refused {
  if (!f.allowed.includes(f.operator) && !f.admins.includes(f.operator)) {
    return f.what === '延期申请'
      ? { ok: false, code: 'NOT_APPROVER', message: '您不是该延期申请的审批人，无法审批' }
      : { ok: false, code: 'NOT_REVIEWER', message: '您不是该任务办结的审核人（牵头部门填报人或督办管理员），无法审核' };
  }
  if (f.operator === f.requester) return { ok: false, code: 'OWN_REQUEST', message: `不能审批自己提出的${f.what}，请由其他审批人处理` };
  return { ok: true };
}
