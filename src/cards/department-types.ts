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
  role: 'lead' | 'co';
  deadlineKind: DeadlineKind | null;
  dueDate: string | null;
  deadlineState: DeadlineState;
  /** measures addressed to 国家知识产权局, shown collapsed */
  measuresForBureau: string[];
  last?: LastReport | null;
  submitted?: SubmittedMark | null;
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
