import { date, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { departments } from './directory.tables.ts';
import { reports, rounds } from './rounds.tables.ts';
import { tasks } from './plan.tables.ts';

/**
 * 延期申请: one request per row, asked by a unit's reporter for a task it answers for, decided
 * once by an approver (docs/architecture.md#extensions-and-completion-review). An approved one
 * sets tasks.extended_due_date in the same transaction; the rows are the history.
 */
export const deadlineExtensions = pgTable(
  'deadline_extensions',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id').notNull().references(() => departments.id),
    /** the due date in force when it was asked */
    previousDueDate: date('previous_due_date', { mode: 'string' }),
    newDueDate: date('new_due_date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** pending | approved | refused */
    status: text('status').notNull().default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment'),
    /** The Lark event that asked: a redelivery stores nothing more. */
    eventId: text('event_id').unique(),
  },
  (t) => [index('deadline_extensions_task').on(t.taskId)],
);

/**
 * 办结审核: a unit's reported 已完成, waiting for (or given) its reviewer's decision. The report
 * itself is stored as 待审核 (pending_review); approval appends the 已完成 version, a refusal the
 * status the unit had before, with the reason.
 */
export const completionReviews = pgTable(
  'completion_reviews',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id').notNull().references(() => departments.id),
    roundId: integer('round_id').notNull().references(() => rounds.id, { onDelete: 'cascade' }),
    reportId: integer('report_id').notNull().references(() => reports.id, { onDelete: 'cascade' }),
    evidenceUrl: text('evidence_url'),
    /** the unit's status and progress before it reported 已完成, restored by a refusal */
    previousStatus: text('previous_status'),
    previousProgress: integer('previous_progress'),
    /** lead (the lead department's reporters review a co-responsible unit) | admins (they review the lead) */
    reviewer: text('reviewer').notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** pending | approved | refused | superseded (a later report replaced it before a decision) */
    status: text('status').notNull().default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
    eventId: text('event_id').unique(),
  },
  (t) => [index('completion_reviews_task_dept').on(t.taskId, t.departmentId)],
);
