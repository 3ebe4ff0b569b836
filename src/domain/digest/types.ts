import type { Status } from '../status.ts';
import type { TrendPoint } from '../history.ts';
import type { DeadlineState } from '../deadlines.ts';
import type { Comparator, DeadlineKind } from '../../plan/types.ts';

/** Plain data the digest is built from; the use case loads it with a few set-based queries. */
export interface DigestInput {
  plan: { title: string; year: number; reportDeadline: string | null };
  round: { key: string; startsAt: Date; endsAt: Date } | null;
  sections: { number: number; title: string }[];
  tasks: DigestTaskInput[];
  indicators: DigestIndicatorInput[];
  /** the body's 工作要点 with their units' state (passed through to the summary input) */
  keyPoints?: DigestKeyPointInput[];
  now: Date;
  timezone: string;
}

export interface DigestTaskInput {
  id: number;
  number: number;
  title: string;
  section: number | null;
  deadlineKind: DeadlineKind | string | null;
  /** explicit due date (YYYY-MM-DD); null falls back to the deadline kind */
  dueDate: string | null;
  departments: DigestAssignmentInput[];
}

export interface DigestAssignmentInput {
  departmentId: number;
  name: string;
  role: 'lead' | 'co' | string;
  /** current (latest ever) status; null when the department never reported */
  status: Status | null;
  progress: number | null;
  note: string | null;
  evidenceUrl?: string | null;
  reporter: string | null;
  reportedAt: Date | null;
  /** whether it reported this task in the digest's round */
  reportedThisRound: boolean;
}

/**
 * A task reduced to what the digest shows. The use case computes it in SQL (50,000 assignments
 * become 1,000 rows); `summariseDigestInput` computes the same from per-department input.
 */
export interface DigestTaskSummary {
  id: number;
  number: number;
  title: string;
  section: number | null;
  deadlineKind: DeadlineKind | string | null;
  dueDate: string | null;
  /** overall status: the worst of its departments' (never reported counts as not_started) */
  status: Status;
  /** mean of its departments' progress, rounded (never reported counts as 0; 0 with no departments) */
  progress: number;
  /** whether any of its departments ever reported it; a task never reported is 未填报, not 未启动 */
  reported: boolean;
  /** the department whose report explains the task: the worst status, then the latest report */
  explaining: DigestExplaining | null;
}

export interface DigestExplaining {
  name: string;
  note: string | null;
  evidenceUrl?: string | null;
  reporter: string | null;
  reportedAt: Date | null;
}

/** One department's answers in the digest's round, over the live tasks it is responsible for. */
export interface DepartmentResponse {
  departmentId: number;
  name: string;
  /** its live tasks */
  expected: number;
  /** of those, the ones it reported this round */
  reported: number;
}

/** DigestInput with tasks summarised and departments' answers counted: what the model is built from. */
export interface DigestSummaryInput extends Omit<DigestInput, 'tasks'> {
  tasks: DigestTaskSummary[];
  /** every department responsible for at least one live task */
  responses: DepartmentResponse[];
  /** the same for the regional offices (over the tasks and key points each follows) */
  regionResponses?: DepartmentResponse[];
  /** the body's 工作要点, each with its units' current state; absent or empty when the plan has none */
  keyPoints?: DigestKeyPointInput[];
}

export interface DigestKeyPointInput {
  number: number;
  title: string;
  /** every unit responsible: the bureau's departments and the regional offices (region: true) */
  units: { region: boolean; status: Status | null; reportedThisRound: boolean }[];
}

/** The digest's part on the key points: counts, not one line per key point and unit. */
export interface KeyPointDigest {
  count: number;
  /** key points by state, over those someone reported */
  counts: Record<Status, number>;
  /** key points nobody reported yet (未填报) */
  notReported: number;
  /** key point × unit pairs expected this round, and those answered */
  unitsExpected: number;
  unitsReported: number;
  /** blocked, then at risk, by number */
  attention: { number: number; title: string; status: Status }[];
}

export interface DigestIndicatorInput {
  id: number;
  name: string;
  comparator: Comparator;
  target: number;
  unit: string;
  latest: { value: number; reportedAt: Date } | null;
}

/** The digest as stored (jsonb): only JSON-safe values, times as ISO strings. */
export interface DigestModel {
  version: 1;
  planTitle: string;
  year: number;
  generatedAt: string;
  timezone: string;
  round: { key: string; startsAt: string; endsAt: string } | null;
  health: 'red' | 'orange' | 'green';
  taskCount: number;
  response: ResponseRate;
  /** the regional offices' answers this round; absent when the directory has no regions (and in older digests) */
  regionResponse?: ResponseRate | null;
  /** the body's 工作要点 in counts; absent when the plan has none (and in older digests) */
  keyPoints?: KeyPointDigest | null;
  /** tasks by overall status, over the tasks someone reported */
  statusCounts: Record<Status, number>;
  /** tasks no department ever reported (未填报): not counted as 未启动 */
  notReportedCount: number;
  deadlineCounts: { overdue: number; warning: number };
  sections: SectionSummary[];
  redList: RedListEntry[];
  indicators: IndicatorSummary[];
  changes: DigestChanges;
  countdown: Countdown;
  /** the last four weeks, oldest first: response rate and tasks at risk or blocked (absent in older digests) */
  trend?: TrendPoint[];
  /** per task id: overall status and progress — what the next digest compares against */
  taskStates: Record<string, { number: number; status: Status; progress: number }>;
}

export interface ResponseRate {
  expected: number;
  /** departments that reported every one of their tasks this round */
  reported: number;
  /** departments that reported some but not all of their tasks */
  partial: { name: string; reported: number; expected: number }[];
  /** departments that reported nothing this round */
  missing: string[];
}

export interface SectionSummary {
  number: number | null;
  title: string;
  taskCount: number;
  avgProgress: number;
  counts: Record<Status, number>;
  /** its tasks no department ever reported */
  notReported: number;
}

export type RedReason = 'blocked' | 'at_risk' | 'overdue' | 'warning';

export interface RedListEntry {
  taskId: number;
  number: number;
  title: string;
  status: Status;
  deadline: DeadlineState;
  reasons: RedReason[];
  /** the department whose report explains it (the worst, latest), or null if none reported */
  department: string | null;
  /** raw user text, cut to a bounded length; escaped when rendered */
  note: string;
  /** the evidence link of that report (http(s) only when shown) */
  evidenceUrl: string | null;
  reporter: string | null;
  reportedAt: string | null;
  progress: number;
}

export interface IndicatorSummary {
  name: string;
  comparator: Comparator;
  target: number;
  unit: string;
  value: number | null;
  reportedAt: string | null;
  /** null when no value has been reported */
  met: boolean | null;
}

export interface StatusMove {
  taskId: number;
  number: number;
  title: string;
  from: Status;
  to: Status;
}

export interface DigestChanges {
  /** false on the first digest: nothing to compare against */
  hasPrevious: boolean;
  previousRoundKey: string | null;
  moves: StatusMove[];
  newBlockers: StatusMove[];
  completions: StatusMove[];
}

export interface Countdown {
  reportDeadline: string | null;
  daysToReportDeadline: number | null;
  yearEnd: string;
  daysToYearEnd: number;
}
