import type { Db } from '../db/client.ts';
import {
  findTaskByNumber, listRecentRounds, listTaskDepartments, listTaskTrend, type PlanRow,
} from '../db/repositories/status.repository.ts';
import { DEADLINE_KIND_LABEL, dueDateFor } from '../domain/deadlines.ts';
import { toChineseNumeral } from '../domain/query/numerals.ts';
import { formatLocalTime } from '../domain/rounds.ts';
import { overallStatus, type Status } from '../domain/status.ts';
import type { Answer, DepartmentStatus } from '../cards/answers/index.ts';
import { regionSummaryFor } from './ask-regions.ts';
import { statusOf, taskDeadline, taskProgress, type AskOptions } from './ask-tasks.ts';
import { readTogether } from '../db/reads.ts';
import { reviewHistory } from '../db/repositories/review.repository.ts';
import { historyEntry } from './review/history.ts';

const TREND_ROUNDS = 4;

type DepartmentRow = Awaited<ReturnType<typeof listTaskDepartments>>[number];
type RoundRow = Awaited<ReturnType<typeof listRecentRounds>>[number];
type TrendRow = Awaited<ReturnType<typeof listTaskTrend>>[number];

/** Each responsible unit's last report with its trend over the recent rounds (oldest first): a task's or a key point's answer. */
export function departmentStatuses(deps: readonly DepartmentRow[], rounds: readonly RoundRow[], trendRows: readonly TrendRow[], timezone: string): DepartmentStatus[] {
  const oldestFirst = [...rounds].reverse();
  const trend = new Map<string, Status | null>(trendRows.map((r) => [`${r.departmentId}:${r.roundId}`, statusOf(r.status)]));
  return deps.map((d) => ({
    name: d.name,
    role: d.role,
    status: statusOf(d.status),
    progress: d.progress,
    reporter: d.reporterName ?? d.reporterOpenId,
    reportedAt: d.reportedAt ? formatLocalTime(d.reportedAt, timezone) : null,
    note: d.note ?? '',
    evidenceUrl: d.evidenceUrl ?? null,
    evidenceFile: d.evidenceFileName ?? null,
    trend: oldestFirst.map((r) => trend.get(`${d.departmentId}:${r.id}`) ?? null),
  }));
}

function deadlineText(kind: string | null, dueDate: string | null, year: number): string {
  const due = dueDate ?? dueDateFor(kind, year);
  const label = kind === 'year_end' || kind === 'milestone' ? DEADLINE_KIND_LABEL[kind] : null;
  if (label && due) return `${label}（${due}）`;
  return label ?? (due ? `${due} 前` : '未注明');
}

function sectionHeading(number: number | null, title: string | null): string | null {
  if (number === null) return title;
  if (title && /^[一二三四五六七八九十百]+、/.test(title)) return title;
  return `${toChineseNumeral(number)}、${title ?? ''}`;
}

/** One task in full: every responsible department's current status and its last four rounds. */
export async function answerTask(db: Db, plan: PlanRow, number: number, taskCount: number, o: AskOptions): Promise<Answer> {
  // Everything about the task in one parallel batch: each read finds the task by number itself.
  const [task, rounds, deps, trendRows, regions] = await readTogether(db, [
    () => findTaskByNumber(db, plan.id, number),
    () => listRecentRounds(db, plan.id, o.now, TREND_ROUNDS),
    () => listTaskDepartments(db, plan.id, number),
    () => listTaskTrend(db, plan.id, number, o.now, TREND_ROUNDS),
    () => regionSummaryFor(db, plan, number, o),
  ]);
  if (!task) return { kind: 'task_not_found', number, taskCount };
  const history = (await reviewHistory(db, { taskIds: [task.id] })).map((h) => historyEntry(h, o.timezone));
  const departments = departmentStatuses(deps, rounds, trendRows, o.timezone);
  const status = overallStatus(departments.map((d) => d.status));
  return {
    kind: 'task',
    task: {
      number: task.number,
      title: task.title,
      section: sectionHeading(task.sectionNumber, task.sectionTitle),
      deadline: deadlineText(task.deadlineKind, task.dueDate, plan.year),
      deadlineState: taskDeadline(task.deadlineKind, task.dueDate, status, plan.year, o),
      status,
      progress: taskProgress(status, departments.map((d) => d.progress)),
      trendRounds: [...rounds].reverse().map((r) => r.key),
      departments,
      ...(regions ? { regions } : {}),
      ...(history.length ? { history } : {}),
    },
  };
}
