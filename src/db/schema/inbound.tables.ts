import { integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The last report version handed out per task × department × round. Allocating through an upsert
 * of this row (`last = last + n … returning last`) takes its row lock, so concurrent writers of one
 * key queue up on it instead of colliding on reports_version; other keys do not wait.
 */
export const reportVersions = pgTable(
  'report_versions',
  {
    taskId: integer('task_id').notNull(),
    departmentId: integer('department_id').notNull(),
    roundId: integer('round_id').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.departmentId, t.roundId] })],
);

/**
 * Inbound jobs that failed for a reason retrying cannot fix (bad data, a round that no longer
 * exists). Kept with their whole job so `duban inbound retry` can re-drive them once fixed.
 */
export const inboundDeadLetters = pgTable('inbound_dead_letters', {
  id: serial('id').primaryKey(),
  eventId: text('event_id'),
  kind: text('kind').notNull(),
  /** The job, made storable (characters Postgres rejects replaced by U+FFFD). */
  payload: jsonb('payload').notNull(),
  /** The job exactly as queued, as escaped JSON text: what a retry re-drives. */
  job: text('job').notNull(),
  errorCode: text('error_code').notNull(),
  errorMessage: text('error_message').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  retriedAt: timestamp('retried_at', { withTimezone: true }),
});
