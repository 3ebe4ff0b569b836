import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Small facts about this database as a whole, by key. `clock_offset_ms`: the business clock of
 * every command that opens it (the demo stores one so the CLI lives in the demo's year).
 */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row: the version of what the webhook keeps in memory to authorise and answer card actions
 * (departments, reporters, people, admins, plan tasks, assignments, indicators, rounds). Database
 * triggers (hand-written SQL in the migration) bump it and NOTIFY `duban_access` in the writing
 * transaction, whoever writes: a command, a worker, another process or psql.
 */
export const accessVersion = pgTable('access_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});
