import { integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const departments = pgTable('departments', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  /** The chat its cards go to; null until bound. */
  chatId: text('chat_id'),
  /** department (a bureau unit of the plan) | region (a regional office, the directory's `regions:`) */
  kind: text('kind').notNull().default('department'),
  /** a region's opt-in to 有条件的地区/有关地区 measures: true (all) or the task numbers; null for none */
  conditional: jsonb('conditional').$type<true | number[] | null>(),
  /** Who decides the 延期申请 of the tasks it leads (the directory's `approver:`); null: the admins. */
  approverOpenId: text('approver_open_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const departmentAliases = pgTable('department_aliases', {
  alias: text('alias').primaryKey(),
  departmentId: integer('department_id')
    .notNull()
    .references(() => departments.id, { onDelete: 'cascade' }),
});

/** People known to duban, keyed by Lark open_id. */
export const people = pgTable('people', {
  openId: text('open_id').primaryKey(),
  name: text('name'),
});

export const reporters = pgTable(
  'reporters',
  {
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    openId: text('open_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.openId] })],
);

export const admins = pgTable('admins', {
  openId: text('open_id').primaryKey(),
});

/** Chats duban knows: a department's chat, a leadership chat, or any other. */
export const chats = pgTable('chats', {
  chatId: text('chat_id').primaryKey(),
  name: text('name'),
  kind: text('kind').notNull(), // department | leadership | other
  departmentId: integer('department_id').references(() => departments.id, { onDelete: 'set null' }),
  /** Whether the bot is in the chat, from Lark's bot added / removed events; null: not reported yet. */
  botStatus: text('bot_status'), // in | removed
  botStatusAt: timestamp('bot_status_at', { withTimezone: true }),
});

/** Leaders listed under a leadership chat: they read what admins read (the digest, who has not reported). */
export const leaders = pgTable(
  'leaders',
  {
    chatId: text('chat_id').notNull(),
    openId: text('open_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.openId] })],
);

/** Directory-wide settings by key; today only `visibility` (members | open | own). */
export const directorySettings = pgTable('directory_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** People given by email or mobile in the directory file, resolved once through Lark's contact API. */
export const personLookups = pgTable('person_lookups', {
  /** `email:…` (lower case) or `mobile:…` (digits and +). */
  key: text('key').primaryKey(),
  openId: text('open_id').notNull(),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }).notNull(),
});
