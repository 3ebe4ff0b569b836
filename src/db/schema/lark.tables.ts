import { integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { plans } from './plan.tables.ts';
import { rounds } from './rounds.tables.ts';

/** Every Lark event id handled, so a redelivery hours later is still recognised. */
export const processedEvents = pgTable('processed_events', {
  eventId: text('event_id').primaryKey(),
  eventType: text('event_type').notNull(),
  processedAt: timestamp('processed_at', { withTimezone: true }).notNull(),
});

/** Every message sent, against what it was for, so cards can be patched later. */
export const sentMessages = pgTable(
  'sent_messages',
  {
    id: serial('id').primaryKey(),
    uuid: text('uuid').notNull(),
    purpose: text('purpose').notNull(), // round_card | reminder | digest | answer | …
    ref: text('ref').notNull(), // what it is about, e.g. round:12:dept:3:page:1
    chatId: text('chat_id'),
    messageId: text('message_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sent_messages_uuid').on(t.uuid)],
);

/** One weekly digest as sent; the next one's changes are computed against `model`. */
export const digests = pgTable(
  'digests',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
    roundId: integer('round_id').references(() => rounds.id, { onDelete: 'set null' }),
    weekKey: text('week_key').notNull(),
    model: jsonb('model').notNull(),
    card: jsonb('card').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('digests_plan_week').on(t.planId, t.weekKey)],
);
