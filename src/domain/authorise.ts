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

/** A round as authorisation and the card's answer need it. */
export interface AccessRound {
  id: number;
  planId: number;
  key: string;
  startsAt: Date;
  endsAt: Date;
  closedAt: Date | null;
}

/** The rows the webhook keeps in memory (read by src/db/repositories/access-snapshot.repository.ts). */
export interface AccessRows {
  version: number;
  departments: { id: number; name: string; kind: string }[];
  reporters: { departmentId: number; openId: string }[];
  people: { openId: string; name: string | null }[];
  tasks: { id: number; planId: number; removed: boolean }[];
  assignments: { taskId: number; departmentId: number }[];
  indicators: { id: number; planId: number; ownerDepartmentId: number | null }[];
  rounds: AccessRound[];
}

/** The same rows indexed for one lookup per fact. */
export interface AccessDirectory {
  version: number;
  departments: ReadonlyMap<number, { id: number; name: string; kind: string }>;
  reporters: ReadonlyMap<number, ReadonlySet<string>>;
  names: ReadonlyMap<string, string>;
  tasks: ReadonlyMap<number, { planId: number; removed: boolean; departmentIds: number[] }>;
  indicators: ReadonlyMap<number, { planId: number; ownerDepartmentId: number | null }>;
  rounds: ReadonlyMap<number, AccessRound>;
}

export function indexAccess(rows: AccessRows): AccessDirectory {
  const reporters = new Map<number, Set<string>>();
  for (const r of rows.reporters) {
    const set = reporters.get(r.departmentId) ?? new Set<string>();
    set.add(r.openId);
    reporters.set(r.departmentId, set);
  }
  const tasks = new Map(rows.tasks.map((t) => [t.id, { planId: t.planId, removed: t.removed, departmentIds: [] as number[] }]));
  for (const a of rows.assignments) tasks.get(a.taskId)?.departmentIds.push(a.departmentId);
  return {
    version: rows.version,
    departments: new Map(rows.departments.map((d) => [d.id, d])),
    reporters,
    names: new Map(rows.people.filter((p) => p.name).map((p) => [p.openId, p.name!])),
    tasks,
    indicators: new Map(rows.indicators.map((i) => [i.id, { planId: i.planId, ownerDepartmentId: i.ownerDepartmentId }])),
    rounds: new Map(rows.rounds.map((r) => [r.id, r])),
  };
}

const NO_ONE: readonly string[] = [];

/** checkSubmission's facts about a task submission, from memory. */
export function taskFactsFrom(dir: AccessDirectory, s: { planId: number; taskId: number; departmentId: number }, operatorOpenId: string): SubmissionFacts {
  const dept = dir.departments.get(s.departmentId);
  const task = dir.tasks.get(s.taskId);
  return {
    operatorOpenId,
    departmentName: dept?.name ?? '未知部门',
    reporters: dept ? [...(dir.reporters.get(s.departmentId) ?? NO_ONE)] : NO_ONE,
    planMatches: task?.planId === s.planId,
    taskExists: task !== undefined,
    taskRemoved: task?.removed ?? false,
    taskDepartmentIds: task?.departmentIds ?? [],
    departmentId: s.departmentId,
  };
}

/** checkIndicatorSubmission's facts about an indicator value, from memory. */
export function indicatorFactsFrom(dir: AccessDirectory, s: { planId: number; indicatorId: number; departmentId: number }, operatorOpenId: string): IndicatorFacts {
  const dept = dir.departments.get(s.departmentId);
  const ind = dir.indicators.get(s.indicatorId);
  return {
    operatorOpenId,
    departmentName: dept?.name ?? '未知部门',
    reporters: dept ? [...(dir.reporters.get(s.departmentId) ?? NO_ONE)] : NO_ONE,
    planMatches: ind?.planId === s.planId,
    indicatorExists: ind !== undefined,
    ownerDepartmentId: ind?.ownerDepartmentId ?? null,
    departmentId: s.departmentId,
  };
}
