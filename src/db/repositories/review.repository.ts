import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client.ts';
import { readTogether } from '../reads.ts';
import { assignments, completionReviews, currentStatus, deadlineExtensions, departments, evidenceFiles, people, plans, reports, tasks } from '../schema/index.ts';

// Every query of the 延期申请 and 办结审核 flows (src/usecases/review/).

export type ExtensionRecord = typeof deadlineExtensions.$inferSelect;
export type CompletionReviewRecord = typeof completionReviews.$inferSelect;

/** The task with its plan year and due date in force, and the unit's assignment (null when it has none). */
export async function taskForUnit(db: DbOrTx, taskId: number, departmentId: number) {
  const [row] = await db
    .select({
      id: tasks.id,
      planId: tasks.planId,
      kind: tasks.kind,
      number: tasks.number,
      title: tasks.title,
      removedAt: tasks.removedAt,
      dueDate: tasks.dueDate,
      extendedDueDate: tasks.extendedDueDate,
      planYear: plans.year,
      role: assignments.role,
    })
    .from(tasks)
    .innerJoin(plans, eq(plans.id, tasks.planId))
    .leftJoin(assignments, and(eq(assignments.taskId, tasks.id), eq(assignments.departmentId, departmentId)))
    .where(eq(tasks.id, taskId));
  if (!row) return null;
  return { ...row, effectiveDueDate: row.extendedDueDate ?? row.dueDate };
}

/** The task's lead department (position 0, role lead), with its chat and designated approver. */
export async function leadDepartmentOf(db: DbOrTx, taskId: number): Promise<{ id: number; name: string; chatId: string | null; approverOpenId: string | null } | null> {
  const [row] = await db
    .select({ id: departments.id, name: departments.name, chatId: departments.chatId, approverOpenId: departments.approverOpenId })
    .from(assignments)
    .innerJoin(departments, eq(departments.id, assignments.departmentId))
    .where(and(eq(assignments.taskId, taskId), eq(assignments.role, 'lead')))
    .orderBy(asc(assignments.position))
    .limit(1);
  return row ?? null;
}

export async function departmentById(db: DbOrTx, id: number): Promise<{ id: number; name: string; chatId: string | null } | null> {
  const [row] = await db.select({ id: departments.id, name: departments.name, chatId: departments.chatId }).from(departments).where(eq(departments.id, id));
  return row ?? null;
}

export async function findPendingExtension(db: DbOrTx, taskId: number, departmentId: number): Promise<ExtensionRecord | null> {
  const [row] = await db
    .select()
    .from(deadlineExtensions)
    .where(and(eq(deadlineExtensions.taskId, taskId), eq(deadlineExtensions.departmentId, departmentId), eq(deadlineExtensions.status, 'pending')))
    .limit(1);
  return row ?? null;
}

/** Stores a request once per Lark event; null when this event stored one already. */
export async function insertExtension(tx: DbOrTx, v: typeof deadlineExtensions.$inferInsert): Promise<ExtensionRecord | null> {
  const [row] = await tx.insert(deadlineExtensions).values(v).onConflictDoNothing({ target: deadlineExtensions.eventId }).returning();
  return row ?? null;
}

export async function findExtension(db: DbOrTx, id: number): Promise<ExtensionRecord | null> {
  const [row] = await db.select().from(deadlineExtensions).where(eq(deadlineExtensions.id, id));
  return row ?? null;
}

/** Decides a pending request; null when it was decided already (a second click, a redelivery). */
export async function decideExtension(
  tx: DbOrTx,
  id: number,
  d: { status: 'approved' | 'refused'; decidedBy: string; decidedAt: Date; comment: string },
): Promise<ExtensionRecord | null> {
  const [row] = await tx
    .update(deadlineExtensions)
    .set(d)
    .where(and(eq(deadlineExtensions.id, id), eq(deadlineExtensions.status, 'pending')))
    .returning();
  return row ?? null;
}

/** An approved extension moves the task's due date in force (tasks.extended_due_date). */
export async function setExtendedDueDate(tx: DbOrTx, taskId: number, date: string): Promise<void> {
  await tx.update(tasks).set({ extendedDueDate: date }).where(eq(tasks.id, taskId));
}

/** The unit's current status row for one task (null before its first report). */
export async function currentOf(db: DbOrTx, taskId: number, departmentId: number) {
  const [row] = await db
    .select({ status: currentStatus.status, progress: currentStatus.progress, reportId: currentStatus.reportId, note: currentStatus.note })
    .from(currentStatus)
    .where(and(eq(currentStatus.taskId, taskId), eq(currentStatus.departmentId, departmentId)));
  return row ?? null;
}

export async function insertCompletionReview(tx: DbOrTx, v: typeof completionReviews.$inferInsert): Promise<CompletionReviewRecord> {
  const [row] = await tx.insert(completionReviews).values(v).returning();
  if (!row) throw new Error('completion review insert returned no row');
  return row;
}

/** A newer report of the unit replaces a completion still waiting for its decision. */
export async function supersedePendingReviews(tx: DbOrTx, taskId: number, departmentId: number): Promise<void> {
  await tx
    .update(completionReviews)
    .set({ status: 'superseded' })
    .where(and(eq(completionReviews.taskId, taskId), eq(completionReviews.departmentId, departmentId), eq(completionReviews.status, 'pending')));
}

export async function findCompletionReview(db: DbOrTx, id: number): Promise<CompletionReviewRecord | null> {
  const [row] = await db.select().from(completionReviews).where(eq(completionReviews.id, id));
  return row ?? null;
}

export async function decideCompletionReview(
  tx: DbOrTx,
  id: number,
  d: { status: 'approved' | 'refused' | 'superseded'; decidedBy: string | null; decidedAt: Date; reason: string | null },
): Promise<CompletionReviewRecord | null> {
  const [row] = await tx
    .update(completionReviews)
    .set(d)
    .where(and(eq(completionReviews.id, id), eq(completionReviews.status, 'pending')))
    .returning();
  return row ?? null;
}

/** The report a review is about (its note, progress and evidence). */
export async function reportById(db: DbOrTx, id: number) {
  const [row] = await db.select().from(reports).where(eq(reports.id, id));
  return row ?? null;
}

const requester = alias(people, 'requester');
const decider = alias(people, 'decider');

/** One line of a task's 延期 / 审核 history, for the answer, the cards and the exports. */
export interface ReviewHistoryRow {
  kind: 'extension' | 'completion';
  taskId: number;
  departmentId: number;
  departmentName: string;
  status: string;
  requestedBy: string;
  requesterName: string | null;
  requestedAt: Date;
  /** extension: previous → new due date; completion: the evidence link */
  previousDueDate: string | null;
  newDueDate: string | null;
  reason: string | null;
  evidenceUrl: string | null;
  /** completion: the name of the attached file it was reported on */
  evidenceFileName: string | null;
  decidedBy: string | null;
  deciderName: string | null;
  decidedAt: Date | null;
  comment: string | null;
}

/** Every extension and completion review of these tasks (or of the whole plan), oldest first. */
export async function reviewHistory(db: DbOrTx, scope: { taskIds: number[] } | { planId: number }): Promise<ReviewHistoryRow[]> {
  const whereExt = 'planId' in scope ? eq(tasks.planId, scope.planId) : scope.taskIds.length ? inArray(deadlineExtensions.taskId, scope.taskIds) : sql`false`;
  const whereRev = 'planId' in scope ? eq(tasks.planId, scope.planId) : scope.taskIds.length ? inArray(completionReviews.taskId, scope.taskIds) : sql`false`;
  const [ext, rev] = await readTogether(db, [
    () =>
    db
      .select({ e: deadlineExtensions, departmentName: departments.name, requesterName: requester.name, deciderName: decider.name })
      .from(deadlineExtensions)
      .innerJoin(tasks, eq(tasks.id, deadlineExtensions.taskId))
      .innerJoin(departments, eq(departments.id, deadlineExtensions.departmentId))
      .leftJoin(requester, eq(requester.openId, deadlineExtensions.requestedBy))
      .leftJoin(decider, eq(decider.openId, deadlineExtensions.decidedBy))
      .where(whereExt),
    () =>
    db
      .select({ r: completionReviews, departmentName: departments.name, requesterName: requester.name, deciderName: decider.name, evidenceFileName: evidenceFiles.fileName })
      .from(completionReviews)
      .innerJoin(tasks, eq(tasks.id, completionReviews.taskId))
      .innerJoin(departments, eq(departments.id, completionReviews.departmentId))
      .leftJoin(reports, eq(reports.id, completionReviews.reportId))
      .leftJoin(evidenceFiles, eq(evidenceFiles.id, reports.evidenceFileId))
      .leftJoin(requester, eq(requester.openId, completionReviews.requestedBy))
      .leftJoin(decider, eq(decider.openId, completionReviews.decidedBy))
      .where(and(whereRev, sql`${completionReviews.status} <> 'superseded'`))
      .orderBy(desc(completionReviews.requestedAt)),
  ]);
  const out: ReviewHistoryRow[] = [
    ...ext.map(({ e, departmentName, requesterName, deciderName }) => ({
      kind: 'extension' as const,
      taskId: e.taskId,
      departmentId: e.departmentId,
      departmentName,
      status: e.status,
      requestedBy: e.requestedBy,
      requesterName,
      requestedAt: e.requestedAt,
      previousDueDate: e.previousDueDate,
      newDueDate: e.newDueDate,
      reason: e.reason,
      evidenceUrl: null,
      evidenceFileName: null,
      decidedBy: e.decidedBy,
      deciderName,
      decidedAt: e.decidedAt,
      comment: e.comment,
    })),
    ...rev.map(({ r, departmentName, requesterName, deciderName, evidenceFileName }) => ({
      kind: 'completion' as const,
      taskId: r.taskId,
      departmentId: r.departmentId,
      departmentName,
      status: r.status,
      requestedBy: r.requestedBy,
      requesterName,
      requestedAt: r.requestedAt,
      previousDueDate: null,
      newDueDate: null,
      reason: null,
      evidenceUrl: r.evidenceUrl,
      evidenceFileName,
      decidedBy: r.decidedBy,
      deciderName,
      decidedAt: r.decidedAt,
      comment: r.reason,
    })),
  ];
  return out.sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
}

/** The unit's completion still waiting for its decision, if any. */
export async function pendingReviewOf(db: DbOrTx, taskId: number, departmentId: number): Promise<CompletionReviewRecord | null> {
  const [row] = await db
    .select()
    .from(completionReviews)
    .where(and(eq(completionReviews.taskId, taskId), eq(completionReviews.departmentId, departmentId), eq(completionReviews.status, 'pending')))
    .orderBy(desc(completionReviews.id))
    .limit(1);
  return row ?? null;
}

/**
 * For the round cards: per task × unit, its latest completion review (not superseded) and its
 * pending extension request, if any.
 */
export async function reviewStateFor(db: DbOrTx, taskIds: number[]) {
  if (taskIds.length === 0) return { reviews: [], extensions: [] };
  const [reviews, extensions] = await readTogether(db, [
    () =>
    db
      .selectDistinctOn([completionReviews.taskId, completionReviews.departmentId], {
        taskId: completionReviews.taskId,
        departmentId: completionReviews.departmentId,
        status: completionReviews.status,
        reason: completionReviews.reason,
      })
      .from(completionReviews)
      .where(and(inArray(completionReviews.taskId, taskIds), sql`${completionReviews.status} <> 'superseded'`))
      .orderBy(completionReviews.taskId, completionReviews.departmentId, desc(completionReviews.id)),
    () =>
    db
      .select({ taskId: deadlineExtensions.taskId, departmentId: deadlineExtensions.departmentId, newDueDate: deadlineExtensions.newDueDate })
      .from(deadlineExtensions)
      .where(and(inArray(deadlineExtensions.taskId, taskIds), eq(deadlineExtensions.status, 'pending'))),
  ]);
  return { reviews, extensions };
}
