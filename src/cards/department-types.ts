import type { DeadlineState } from '../domain/deadlines.ts';
import type { Status } from '../domain/status.ts';
import type { Comparator, DeadlineKind } from '../plan/types.ts';

/** A report as last stored, for display. */
export interface LastReport {
  status: Status;
  progress: number;
  note: string;
  evidenceUrl?: string | null;
  reporterName: string | null;
  reportedAt: Date;
}

/** "已提交 · who · when", shown after a submission in this round. */
export interface SubmittedMark {
  by: string;
  at: Date;
}

export interface DepartmentCardTask {
  id: number;
  number: number;
  title: string;
  /** region: a regional office following the task's 各地区 measures (or a key point's 各地方 clause) */
  role: 'lead' | 'co' | 'region';
  /** task (default) | key_point: the body's 工作要点, shown after the tasks as 要点N */
  kind?: 'task' | 'key_point';
  deadlineKind: DeadlineKind | null;
  dueDate: string | null;
  deadlineState: DeadlineState;
  /** the measures this unit acts on (for a department those addressed to 国家知识产权局), shown collapsed */
  measuresForBureau: string[];
  /** the collapsed panel's title; 国家知识产权局落实举措 when absent */
  measuresTitle?: string;
  last?: LastReport | null;
  submitted?: SubmittedMark | null;
  /** the plan's own due date when an approved 延期申请 moved dueDate */
  plannedDueDate?: string | null;
  /** the new date of the unit's 延期申请 still waiting for its approver */
  pendingExtension?: string | null;
  /** 办结审核: the unit's 已完成 waits for its review, or was sent back with a reason */
  review?: { state: 'pending' | 'refused'; reason: string | null } | null;
}

export interface DepartmentCardIndicator {
  id: number;
  name: string;
  comparator: Comparator;
  value: number;
  unit: string;
  last?: { value: number; reporterName: string | null; reportedAt: Date } | null;
  submitted?: SubmittedMark | null;
}

export interface DepartmentCardInput {
  plan: { id: number; title: string; year: number };
  round: { id: number; key: string; startsAt: Date; endsAt: Date };
  department: { id: number; name: string };
  tasks: DepartmentCardTask[];
  indicators?: DepartmentCardIndicator[];
  timezone: string;
}
