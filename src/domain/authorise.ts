import type { Refusal } from './submission.ts';

/** Facts the worker or handler looked up about a submission, in plain data. */
export interface SubmissionFacts {
  operatorOpenId: string;
  departmentName: string;
  /** open_ids allowed to report for the department */
  reporters: readonly string[];
  /** the plan the card was built for is the plan the task (or indicator) belongs to */
  planMatches: boolean;
  /** the task exists (in any plan) */
  taskExists: boolean;
  /** the task was removed by a later import */
  taskRemoved: boolean;
  /** departments responsible for the task */
  taskDepartmentIds: readonly number[];
  departmentId: number;
}

/**
 * Who may report what: only the department's reporters, only for its own live tasks of this
 * plan. Checked in this order so a non-reporter learns nothing about the task.
 */
export function checkSubmission(f: SubmissionFacts): { ok: true } | Refusal {
  if (!f.reporters.includes(f.operatorOpenId)) {
    return { ok: false, code: 'NOT_REPORTER', message: `您不是「${f.departmentName}」的填报人，无法提交。如需开通请联系督办管理员` };
  }
  if (!f.taskExists || f.taskRemoved || !f.planMatches) {
    return { ok: false, code: 'TASK_UNKNOWN', message: '该任务已不存在或卡片已过期，请在最新的卡片上填报' };
  }
  if (!f.taskDepartmentIds.includes(f.departmentId)) {
    return { ok: false, code: 'TASK_NOT_DEPARTMENTS', message: `该任务不属于「${f.departmentName}」，无法提交` };
  }
  return { ok: true };
}

export interface IndicatorFacts {
  operatorOpenId: string;
  departmentName: string;
  reporters: readonly string[];
  planMatches: boolean;
  indicatorExists: boolean;
  ownerDepartmentId: number | null;
  departmentId: number;
}

/** The same rules for an indicator value: only the owner department's reporters. */
export function checkIndicatorSubmission(f: IndicatorFacts): { ok: true } | Refusal {
  if (!f.reporters.includes(f.operatorOpenId)) {
    return { ok: false, code: 'NOT_REPORTER', message: `您不是「${f.departmentName}」的填报人，无法提交。如需开通请联系督办管理员` };
  }
  if (!f.indicatorExists || !f.planMatches) {
    return { ok: false, code: 'INDICATOR_UNKNOWN', message: '该指标已不存在或卡片已过期，请在最新的卡片上填报' };
  }
  if (f.ownerDepartmentId !== f.departmentId) {
    return { ok: false, code: 'INDICATOR_NOT_DEPARTMENTS', message: `该指标不由「${f.departmentName}」填报，无法提交` };
  }
  return { ok: true };
}
