import type { TaskStatusRow } from '../db/repositories/status.repository.ts';
import { deadlineState, dueDateFor, type DeadlineState } from '../domain/deadlines.ts';
import { isStatus, overallStatus, type Status } from '../domain/status.ts';
import { STATUS_LABEL } from '../domain/vocabulary/status.ts';
import type { TaskLine } from '../cards/answers/index.ts';
import type { AskCache } from './ask-context.ts';

export interface AskOptions {
  now: Date;
  timezone: string;
  cache?: AskCache;
}

export interface TaskSummary extends TaskLine {
  departments: TaskStatusRow[];
}

export const statusOf = (s: string | null): Status | null => (isStatus(s) ? s : null);

/** A task's progress: the mean of its departments' (never reported counts as 0); done is 100. */
export function taskProgress(status: Status, progresses: (number | null)[]): number {
  if (status === 'done') return 100;
  if (progresses.length === 0) return 0;
  return Math.round(progresses.reduce<number>((s, p) => s + (p ?? 0), 0) / progresses.length);
}

export function taskDeadline(kind: string | null, dueDate: string | null, status: Status, year: number, o: AskOptions): DeadlineState {
  return deadlineState({ dueDate: dueDate ?? dueDateFor(kind, year), done: status === 'done', now: o.now, timezone: o.timezone });
}

/** Rows (one per task × department, tasks in order) → one summary per task with overall status and deadline. */
export function summariseTasks(rows: TaskStatusRow[], year: number, o: AskOptions): TaskSummary[] {
  // Time-zone arithmetic costs ~0.1 ms a call and a plan has only a few distinct deadlines: compute each once.
  const deadlines = new Map<string, DeadlineState>();
  const deadlineOf = (kind: string | null, due: string | null, status: Status): DeadlineState => {
    const key = `${kind}|${due}|${status === 'done'}`;
    let d = deadlines.get(key);
    if (d === undefined) {
      d = taskDeadline(kind, due, status, year, o);
      deadlines.set(key, d);
    }
    return d;
  };
  const byTask = new Map<number, TaskStatusRow[]>();
  for (const r of rows) {
    const list = byTask.get(r.taskId);
    if (list) list.push(r);
    else byTask.set(r.taskId, [r]);
  }
  return [...byTask.values()].map((deps) => {
    const first = deps[0]!;
    const status = overallStatus(deps.map((d) => statusOf(d.status)));
    return {
      number: first.number,
      title: first.title,
      status,
      progress: taskProgress(status, deps.map((d) => d.progress)),
      deadlineState: deadlineOf(first.deadlineKind, first.dueDate, status),
      highlight: null,
      departments: deps,
    };
  });
}

/** Names the departments in the given status, e.g. 受阻：保护司、国际合作司 (only when not every department is). */
export function highlightStatus(t: TaskSummary, status: Status): string | null {
  const names = t.departments.filter((d) => d.status === status).map((d) => d.name);
  if (names.length === 0 || t.departments.length === 1) return null;
  return `${STATUS_LABEL[status]}：${names.join('、')}`;
}

export const toLine = ({ departments: _d, ...line }: TaskSummary): TaskLine => line;
