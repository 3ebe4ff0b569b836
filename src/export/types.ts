import type { Comparator } from '../plan/types.ts';
import type { Status } from '../domain/status.ts';
import type { ReviewHistoryEntry } from '../cards/answers/model.ts';

/** Everything the year-end exports show, loaded once (src/usecases/export-report.ts). */
export interface ReportData {
  plan: { title: string; docNumber: string | null; year: number; reportDeadline: string | null; reportTo: string | null };
  sections: { number: number; title: string }[];
  /** document order */
  tasks: ReportTask[];
  /**
   * the body's 工作要点 by their own numbers, after the tasks; `departments` holds every unit,
   * the bureau's (lead/co) first, then the regions (role `region`). Absent in older callers.
   */
  keyPoints?: ReportTask[];
  /** the annex tasks with a 各地区 measure, `departments` holding the regions following it (role `region`) */
  regionTasks?: ReportTask[];
  indicators: ReportIndicator[];
  /** 成效报送: every reporting unit, departments then regions; absent in exports that do not load it */
  results?: ReportResult[];
}

/** One unit's 成效报送: its latest electronic report and its paper copy. */
export interface ReportResult {
  unit: string;
  /** department | region */
  kind: string;
  file: { name: string; sizeBytes: number; mimeType: string; sha256: string; by: string; at: Date; count: number } | null;
  paper: { by: string; at: Date } | null;
}

export interface ReportTask {
  id: number;
  number: number;
  title: string;
  section: number | null;
  deadlineKind: string | null;
  dueDate: string | null;
  /** lead first */
  departments: ReportDepartment[];
  /** 延期申请 and 办结审核, oldest first; absent when none */
  history?: ReviewHistoryEntry[];
}

export interface ReportDepartment {
  name: string;
  role: string;
  /** latest reported status; null when the department never reported */
  status: Status | null;
  progress: number | null;
  note: string;
  /** the evidence link of the latest report */
  evidenceUrl?: string | null;
  /** 办结佐证: the attached file's name the latest report rests on (no link then) */
  evidenceFile?: string | null;
  /** the reporter's name when known, else their open_id */
  reporter: string | null;
  reportedAt: Date | null;
  late: boolean;
}

export interface ReportIndicator {
  name: string;
  comparator: Comparator;
  target: number;
  unit: string;
  owner: string | null;
  value: number | null;
  reportedAt: Date | null;
}

/** Called as an export goes, so a long one can show 已处理 300/1000. */
export type ExportProgress = (done: number, total: number) => void;

/** Reports every `step` items and at the end. */
export function progressTicker(total: number, onProgress: ExportProgress | undefined, step = 100): (done: number) => void {
  return (done) => {
    if (onProgress && (done % step === 0 || done === total)) onProgress(done, total);
  };
}
