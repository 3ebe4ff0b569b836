import { overallStatus } from '../status.ts';
import { explainingDepartment } from './redlist.ts';
import type { DepartmentResponse, DigestInput, DigestSummaryInput, DigestTaskInput, DigestTaskSummary } from './types.ts';

/** A task's progress: the mean of its departments' (never reported counts as 0). */
export function taskProgress(progresses: (number | null)[]): number {
  if (progresses.length === 0) return 0;
  return Math.round(progresses.reduce<number>((s, p) => s + (p ?? 0), 0) / progresses.length);
}

export function summariseTask(task: DigestTaskInput): DigestTaskSummary {
  const who = explainingDepartment(task.departments);
  return {
    id: task.id,
    number: task.number,
    title: task.title,
    section: task.section,
    deadlineKind: task.deadlineKind,
    dueDate: task.dueDate,
    status: overallStatus(task.departments.map((d) => d.status)),
    progress: taskProgress(task.departments.map((d) => d.progress)),
    reported: task.departments.some((d) => d.status !== null),
    explaining: who ? { name: who.name, note: who.note, evidenceUrl: who.evidenceUrl ?? null, reporter: who.reporter, reportedAt: who.reportedAt } : null,
  };
}

/** Per department: how many live tasks it answers for, and how many of them it reported this round. */
export function departmentResponses(tasks: DigestTaskInput[]): DepartmentResponse[] {
  const byDept = new Map<number, DepartmentResponse>();
  for (const t of tasks) {
    for (const d of t.departments) {
      let entry = byDept.get(d.departmentId);
      if (!entry) {
        entry = { departmentId: d.departmentId, name: d.name, expected: 0, reported: 0 };
        byDept.set(d.departmentId, entry);
      }
      entry.expected++;
      if (d.reportedThisRound) entry.reported++;
    }
  }
  return [...byDept.values()];
}

/**
 * The reduction the use case does in SQL, done on per-department input: the reference the SQL is
 * tested against, and what `buildDigestModel` uses for input built by hand.
 */
export function summariseDigestInput(input: DigestInput): DigestSummaryInput {
  const { tasks, ...rest } = input;
  return { ...rest, tasks: tasks.map(summariseTask), responses: departmentResponses(tasks) };
}
