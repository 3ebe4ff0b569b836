import { jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Admin operations asked in Lark (a chat command or the bot menu) and what became of them. The
 * confirmation card names its row; confirming moves it from `pending` once, so a double click
 * runs the operation once, and the row is the record of who asked, who decided and what ran.
 */
export const adminOperations = pgTable(
  'admin_operations',
  {
    id: serial('id').primaryKey(),
    /** The Lark event that asked: a redelivered request finds its row instead of adding one. */
    requestKey: text('request_key').notNull(),
    operation: text('operation').notNull(), // open_round | remind | close_round | digest | export_ledger | export_report
    source: text('source').notNull(), // message | menu
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** Where the confirmation card went (the chat the command was typed in, or the admin's private chat). */
    chatId: text('chat_id'),
    /** What the confirmation card said would happen (its lines), so the decided card says the same. */
    preview: jsonb('preview').$type<string[]>().notNull(),
    status: text('status').notNull(), // pending | confirmed | cancelled | done | failed
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The one-line outcome shown to the admin. */
    result: text('result'),
  },
  (t) => [uniqueIndex('admin_operations_request').on(t.requestKey)],
);
