import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from './columns.ts';
import { departments } from './directory.tables.ts';
import { plans, tasks } from './plan.tables.ts';

/**
 * 办结佐证: a file a unit's reporter sent to the bot and attached to one of the unit's tasks as the
 * evidence of its 已完成 (docs/architecture.md#extensions-and-completion-review). A unit may attach
 * several; the latest counts for the next 已完成. One message is stored once per task and unit,
 * whatever clicks or redeliveries follow. The bytes live here, as 成效报送's do (result_files).
 */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
    taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id').notNull().references(() => departments.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    /** the type the content was recognised as (application/pdf, …), not the one Lark claimed */
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    messageId: text('message_id').notNull(),
    fileKey: text('file_key').notNull(),
    chatId: text('chat_id').notNull(),
    submittedBy: text('submitted_by').notNull(),
    /** when the reporter chose the task (the webhook's clock) */
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('evidence_files_message_task_dept').on(t.messageId, t.taskId, t.departmentId),
    index('evidence_files_task_dept').on(t.taskId, t.departmentId, t.submittedAt),
  ],
);
