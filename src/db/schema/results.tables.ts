import { index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from './columns.ts';
import { departments } from './directory.tables.ts';
import { plans } from './plan.tables.ts';

/**
 * 成效报送: one electronic report a unit sent to the bot as a file, with its bytes. A unit may send
 * several (a corrected version); the latest counts. The bytes live here, not on disk, so every
 * worker on every machine stores into the one place that is backed up (docs/architecture.md).
 */
export const resultFiles = pgTable(
  'result_files',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id').notNull().references(() => departments.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    /** the type the content was recognised as (application/pdf, …), not the one Lark claimed */
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    /** the Lark file message: one stored file per message, whatever redeliveries follow */
    messageId: text('message_id').notNull(),
    fileKey: text('file_key').notNull(),
    chatId: text('chat_id').notNull(),
    submittedBy: text('submitted_by').notNull(),
    /** when duban accepted the message (the webhook's clock, as for status reports) */
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    storedAt: timestamp('stored_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('result_files_message').on(t.messageId), index('result_files_plan_department').on(t.planId, t.departmentId)],
);

/** 成效报送: a unit's reporter confirmed the paper copy was posted. The first confirmation counts. */
export const resultPaper = pgTable(
  'result_paper',
  {
    planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id').notNull().references(() => departments.id, { onDelete: 'cascade' }),
    confirmedBy: text('confirmed_by').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.departmentId] })],
);
