import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { assignments, departments, indicators, tasks } from '../schema/index.ts';
import { listReporters } from './directory.repository.ts';
import type { IndicatorFacts, SubmissionFacts } from '../../domain/authorise.ts';
import type { IndicatorReport, TaskReport } from '../../domain/submission.ts';

/**
 * What the authorisation checks (src/domain/authorise.ts) need to know about one submission,
 * read fresh for every card action (reads only).
 */

/** Facts for checkSubmission about one task submission. */
export async function taskSubmissionFacts(db: DbOrTx, s: TaskReport, operatorOpenId: string): Promise<SubmissionFacts> {
  const [dept] = await db.select({ name: departments.name }).from(departments).where(eq(departments.id, s.departmentId));
  const [task] = await db.select({ planId: tasks.planId, removedAt: tasks.removedAt }).from(tasks).where(eq(tasks.id, s.taskId));
  const owners = await db.select({ id: assignments.departmentId }).from(assignments).where(eq(assignments.taskId, s.taskId));
  return {
    operatorOpenId,
    departmentName: dept?.name ?? '未知部门',
    reporters: dept ? (await listReporters(db, s.departmentId)).map((r) => r.openId) : [],
    planMatches: task?.planId === s.planId,
    taskExists: task !== undefined,
    taskRemoved: task?.removedAt != null,
    taskDepartmentIds: owners.map((o) => o.id),
    departmentId: s.departmentId,
  };
}

/** Facts for checkIndicatorSubmission about one indicator submission. */
export async function indicatorSubmissionFacts(db: DbOrTx, s: IndicatorReport, operatorOpenId: string): Promise<IndicatorFacts> {
  const [dept] = await db.select({ name: departments.name }).from(departments).where(eq(departments.id, s.departmentId));
  const [ind] = await db
    .select({ planId: indicators.planId, owner: indicators.ownerDepartmentId })
    .from(indicators)
    .where(eq(indicators.id, s.indicatorId));
  return {
    operatorOpenId,
    departmentName: dept?.name ?? '未知部门',
    reporters: dept ? (await listReporters(db, s.departmentId)).map((r) => r.openId) : [],
    planMatches: ind?.planId === s.planId,
    indicatorExists: ind !== undefined,
    ownerDepartmentId: ind?.owner ?? null,
    departmentId: s.departmentId,
  };
}
