import type { ListFilter } from '../../domain/query/types.ts';
import type { DeadlineState } from '../../domain/deadlines.ts';
import type { Status } from '../../domain/status.ts';

/**
 * An answer as plain data, times already formatted in the organisation's timezone. User text
 * (titles, notes, names) is raw here; each renderer escapes it for its medium.
 */
export type Answer =
  | { kind: 'no_plan' }
  | { kind: 'task'; task: TaskDetail }
  | { kind: 'task_not_found'; number: number; taskCount: number }
  | { kind: 'tasks'; tasks: TaskLine[]; missing: number[]; taskCount: number }
  | { kind: 'candidates'; query: string; tasks: TaskLine[] }
  | { kind: 'department'; name: string; filter: ListFilter | null; tasks: TaskLine[] }
  | { kind: 'list'; filter: Exclude<ListFilter, 'not_reported'>; tasks: TaskLine[] }
  | { kind: 'not_reported'; round: string | null; departments: MissingDepartment[]; totalDepartments: number }
  | { kind: 'indicators'; query: string; indicators: IndicatorLine[] }
  | { kind: 'digest'; digest: DigestSummary }
  | { kind: 'help'; examples: HelpExample[] }
  | { kind: 'other_plan'; year: number; plans: PlanLine[] }
  | { kind: 'unknown'; text: string; suggestions: string[]; offers?: Offer[] }
  /** the read policy refused (domain/read-policy.ts); the message names whom to contact */
  | { kind: 'refused'; message: string; title?: string };

/** A question offered as a button: clicking it asks `question` (answered privately). */
export interface Offer {
  label: string;
  question: string;
}

export interface PlanLine {
  title: string;
  year: number;
  /** the plan questions are answered from */
  active: boolean;
}

export type AnswerKind = Answer['kind'];

export interface TaskDetail {
  number: number;
  title: string;
  /** e.g. 三、大力提升知识产权创造质量，推动高质量发展; null when the plan has no sections */
  section: string | null;
  /** e.g. 年内有阶段性成果（2021-12-31） */
  deadline: string;
  deadlineState: DeadlineState;
  status: Status;
  progress: number;
  /** keys of the rounds the trend covers, oldest first */
  trendRounds: string[];
  departments: DepartmentStatus[];
  /** the regional offices following its 各地区 measures, in counts; absent when none */
  regions?: RegionSummary | null;
}

/** A task's regions: how many follow it, reported this round, at risk, blocked, done, and a few names. */
export interface RegionSummary {
  total: number;
  reported: number;
  atRisk: number;
  blocked: number;
  done: number;
  attention: string[];
}

export interface DepartmentStatus {
  name: string;
  role: 'lead' | 'co' | string;
  /** null: never reported */
  status: Status | null;
  progress: number | null;
  reporter: string | null;
  reportedAt: string | null;
  note: string;
  /** the evidence link of the current report */
  evidenceUrl?: string | null;
  /** one entry per trend round, oldest first; null where it did not report */
  trend: (Status | null)[];
}

export interface TaskLine {
  number: number;
  title: string;
  status: Status;
  progress: number;
  deadlineState: DeadlineState;
  /** departments whose own status is worth naming next to the task, e.g. 受阻：保护司 */
  highlight: string | null;
}

export interface MissingDepartment {
  name: string;
  expected: number;
  reported: number;
  missing: number[];
}

export interface IndicatorLine {
  name: string;
  /** ≤ 18.5 个月 */
  target: string;
  owner: string | null;
  value: string | null;
  reporter: string | null;
  reportedAt: string | null;
  met: boolean | null;
}

export interface DigestSummary {
  round: string | null;
  taskCount: number;
  counts: Record<Status, number>;
  overdue: number;
  warning: number;
  departmentsExpected: number;
  departmentsReported: number;
  partial: string[];
  missing: string[];
  red: TaskLine[];
  indicators: IndicatorLine[];
}

export interface HelpExample {
  question: string;
  does: string;
}
