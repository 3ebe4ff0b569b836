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
  /** key points asked together or all of them (工作要点); `missing` are numbers the plan does not have (要点11) */
  | { kind: 'key_points'; tasks: TaskLine[]; missing: number[]; count: number; all: boolean }
  | { kind: 'candidates'; query: string; tasks: TaskLine[] }
  /** a unit's items; `unit: 'region'` for a regional office (its wording is 地区, not 部门) */
  | { kind: 'department'; name: string; filter: ListFilter | null; tasks: TaskLine[]; unit?: UnitKind }
  | { kind: 'list'; filter: Exclude<ListFilter, 'not_reported'>; tasks: TaskLine[] }
  | { kind: 'not_reported'; round: string | null; departments: MissingDepartment[]; totalDepartments: number; unit?: UnitKind }
  | { kind: 'indicators'; query: string; indicators: IndicatorLine[] }
  | { kind: 'digest'; digest: DigestSummary }
  | { kind: 'help'; examples: HelpExample[] }
  | { kind: 'other_plan'; year: number; plans: PlanLine[] }
  | { kind: 'unknown'; text: string; suggestions: string[]; offers?: Offer[] }
  | { kind: 'unit_history'; history: UnitHistoryAnswer }
  | { kind: 'task_history'; history: TaskHistoryAnswer }
  | { kind: 'results'; results: ResultsSummary }
  /** the read policy refused (domain/read-policy.ts); the message names whom to contact */
  | { kind: 'refused'; message: string; title?: string };

/** 成效报送情况: one line per unit that sent its report, the others by name (compact for 47 units). */
export interface ResultsSummary {
  /** null when the plan gives no report deadline */
  deadline: string | null;
  countdown: string | null;
  /** the day cards go out, when collection has not begun */
  startsOn: string | null;
  totalUnits: number;
  submitted: { unit: string; fileName: string; size: string; at: string; by: string; files: number; paperAt: string | null }[];
  /** no electronic report yet */
  missing: string[];
  /** sent the file but the paper copy is not confirmed */
  paperMissing: string[];
  /** confirmed the paper copy without sending the file */
  paperOnly: string[];
}

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

/** Who reports: a department of the bureau (default) or a regional office (地区). */
export type UnitKind = 'department' | 'region';

/** What a numbered item is: an annex task (任务3) or a key point of the body (工作要点3), which number on their own. */
export type ItemKind = 'task' | 'key_point';

export interface TaskDetail {
  /** absent: an annex task */
  kind?: ItemKind;
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
  /** the regional offices following its 各地区 measures (a key point's 各地方知识产权局), in counts; absent when none */
  regions?: RegionSummary | null;
  /** 延期申请 and 办结审核, oldest first (who asked, who decided, when, why); absent when none */
  history?: ReviewHistoryEntry[];
}

/** One 延期申请 or 办结审核 of a task, as shown (times already local). */
export interface ReviewHistoryEntry {
  kind: 'extension' | 'completion';
  department: string;
  requester: string;
  requestedAt: string;
  /** pending | approved | refused */
  status: string;
  previousDueDate: string | null;
  newDueDate: string | null;
  reason: string | null;
  evidenceUrl: string | null;
  /** completion: the attached file's name, when it was reported on a file */
  evidenceFile?: string | null;
  decider: string | null;
  decidedAt: string | null;
  comment: string | null;
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
  /** 办结佐证: the name of the attached file the current report rests on (shown when there is no link) */
  evidenceFile?: string | null;
  /** one entry per trend round, oldest first; null where it did not report */
  trend: (Status | null)[];
}

export interface TaskLine {
  /** absent: an annex task */
  kind?: ItemKind;
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
  /** key points (工作要点) not reported, by their own numbers */
  missingKeyPoints?: number[];
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

/** 「运用促进司的填报率」: the unit's weeks, latest last, with the rates over all of them. */
export interface UnitHistoryAnswer {
  name: string;
  weeks: { key: string; expected: number; reported: number; onTime: number }[];
  /** percent over every week; null when nothing was expected */
  rate: number | null;
  timeliness: number | null;
}

/** 「任务7的历史」: the task's changes, oldest first, times formatted. */
export interface TaskHistoryAnswer {
  number: number;
  title: string;
  entries: { at: string; roundKey: string; department: string; status: Status | null; progress: number; note: string; late: boolean; reporter: string | null }[];
}
