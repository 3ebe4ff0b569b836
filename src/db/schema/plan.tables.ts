
import { boolean, date, index, integer, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departments } from './directory.tables.ts';

/** One imported plan document. `key` identifies the document across re-imports (doc number, else title). */
export const plans = pgTable('plans', {
  id: serial('id').primaryKey(),
  key: text('key').notNull().unique(),
  title: text('title').notNull(),
  docNumber: text('doc_number'),
  year: integer('year').notNull(),
  reportDeadline: date('report_deadline', { mode: 'string' }),
  reportTo: text('report_to'),
  sourceHash: text('source_hash').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
  active: boolean('active').notNull().default(true),
});

export const sections = pgTable(
  'sections',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
  },
  (t) => [uniqueIndex('sections_plan_number').on(t.planId, t.number)],
);

/** A numbered task. Removed tasks keep their row (and reports) with `removedAt` set. */
export const tasks = pgTable(
  'tasks',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
    /** task (the annex list) | key_point (the body's 工作要点); each kind numbers from 1 */
    kind: text('kind').notNull().default('task'),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    sectionNumber: integer('section_number'),
    /** year_end (年底前完成) | milestone (年内有阶段性成果) | null when the document gives none */
    deadlineKind: text('deadline_kind'),
    dueDate: date('due_date', { mode: 'string' }),
    /** The due date of the last approved 延期申请 (deadline_extensions); wins over due_date, kept by re-imports. */
    extendedDueDate: date('extended_due_date', { mode: 'string' }),
    contentHash: text('content_hash').notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('tasks_plan_kind_number').on(t.planId, t.kind, t.number)],
);

export const measures = pgTable(
  'measures',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    actor: text('actor').notNull(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('measures_task_position').on(t.taskId, t.position)],
);

/**
 * task × department, ordered; position 0 is the lead (牵头), the rest co-responsible (配合).
 * Role `region`: a regional office following the task's 各地区 measures (written by the import
 * and the directory load from the measures and the directory's regions, docs/architecture.md).
 */
export const assignments = pgTable(
  'assignments',
  {
    taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id').notNull().references(() => departments.id),
    position: integer('position').notNull(),
    role: text('role').notNull(), // lead | co | region
  },
  (t) => [primaryKey({ columns: [t.taskId, t.departmentId] }), index('assignments_department').on(t.departmentId)],
);

/** A numeric target from 主要目标. comparator is one of <=, =, >=, >. */
export const indicators = pgTable(
  'indicators',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    name: text('name').notNull(),
    comparator: text('comparator').notNull(),
    value: numeric('value', { mode: 'number' }).notNull(),
    unit: text('unit').notNull(),
    ownerDepartmentId: integer('owner_department_id').references(() => departments.id),
  },
  (t) => [uniqueIndex('indicators_plan_name').on(t.planId, t.name)],
);

