import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Small facts about this database as a whole, by key. `clock_offset_ms`: the business clock of
 * every command that opens it (the demo stores one so the CLI lives in the demo's year).
 */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
