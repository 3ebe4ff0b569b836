import { boolean, index, integer, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departments } from './directory.tables.ts';
import { evidenceFiles } from './evidence.tables.ts';
import { indicators, plans, tasks } from './plan.tables.ts';

/** One reporting period, by default an ISO week in DUBAN_TIMEZONE (key like 2021-W23). */
export const rounds = pgTable(
  'rounds',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    remindersSent: integer('reminders_sent').notNull().default(0),
  },
  (t) => [uniqueIndex('rounds_plan_key').on(t.planId, t.key)],
);

/** Append-only: every submission, including edits, is a new version. */
export const reports = pgTable(
  'reports',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id').notNull().references(() => departments.id),
    roundId: integer('round_id').notNull().references(() => rounds.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    progress: integer('progress').notNull(),
    note: text('note').notNull().default(''),
    evidenceUrl: text('evidence_url'),
    /** 办结佐证: the file attached to the task that a 已完成 without a link was reported on */
    evidenceFileId: integer('evidence_file_id').references(() => evidenceFiles.id, { onDelete: 'set null' }),
    reporterOpenId: text('reporter_open_id').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    late: boolean('late').notNull().default(false),
    /** The Lark event that carried it: a redelivery of the same event stores nothing more. */
    eventId: text('event_id').unique(),
  },
  (t) => [
    uniqueIndex('reports_version').on(t.taskId, t.departmentId, t.roundId, t.version),
    index('reports_round').on(t.roundId),
    index('reports_task_dept_time').on(t.taskId, t.departmentId, t.reportedAt),
    // 「XX的填报率」: one unit's answers round by round, read from the index alone (src/db/repositories/history.repository.ts)
    index('reports_dept_round').on(t.departmentId, t.roundId, t.taskId, t.late),
  ],
);

/** The latest report per task × department, kept in the same transaction as the report. */
export const currentStatus = pgTable(
  'current_status',
  {
    taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id').notNull().references(() => departments.id),
    reportId: integer('report_id').notNull().references(() => reports.id),
    roundId: integer('round_id').notNull().references(() => rounds.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    progress: integer('progress').notNull(),
    note: text('note').notNull().default(''),
    reporterOpenId: text('reporter_open_id').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.departmentId] }), index('current_status_status').on(t.status)],
);

/** Reported indicator values, append-only. */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: serial('id').primaryKey(),
    indicatorId: integer('indicator_id').notNull().references(() => indicators.id, { onDelete: 'cascade' }),
    roundId: integer('round_id').references(() => rounds.id, { onDelete: 'set null' }),
    value: numeric('value', { mode: 'number' }).notNull(),
    reporterOpenId: text('reporter_open_id').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    eventId: text('event_id').unique(),
  },
  (t) => [index('indicator_values_indicator_time').on(t.indicatorId, t.reportedAt)],
);
