import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { noPlanError } from '../../errors.ts';
import type { ParsedMeasure } from '../../plan/types.ts';
import type { DbOrTx } from '../client.ts';
import { assignments, departmentAliases, departments, indicators, indicatorValues, measures, plans, sections, tasks } from '../schema/index.ts';

/**
 * Reads and writes of imported plans. Writes are small and targeted so a re-import of an unchanged
 * document touches no row; `loadPlanView` (plan-view.repository.ts) is the read every other
 * feature builds on. The active plan is always the one `findActivePlan` returns.
 */

export type PlanRecord = typeof plans.$inferSelect;
export type PlanValues = Omit<typeof plans.$inferInsert, 'id' | 'active'>;
export type SectionRecord = typeof sections.$inferSelect;
export type TaskRecord = typeof tasks.$inferSelect;
export type TaskValues = Pick<TaskRecord, 'title' | 'sectionNumber' | 'deadlineKind' | 'dueDate' | 'contentHash'>;
export type IndicatorRecord = typeof indicators.$inferSelect;
export type IndicatorValues = Pick<IndicatorRecord, 'position' | 'name' | 'comparator' | 'value' | 'unit'>;

/** The plan people work on: the most recently imported active one. */
export async function findActivePlan(db: DbOrTx): Promise<PlanRecord | null> {
  const [row] = await db.select().from(plans).where(eq(plans.active, true)).orderBy(desc(plans.importedAt), desc(plans.id)).limit(1);
  return row ?? null;
}

/** The active plan, or the one "no plan" error (code NO_PLAN) when none has been imported. */
export async function requireActivePlan(db: DbOrTx): Promise<PlanRecord> {
  const plan = await findActivePlan(db);
  if (!plan) throw noPlanError();
  return plan;
}

export async function findPlanById(db: DbOrTx, id: number): Promise<PlanRecord | null> {
  const [row] = await db.select().from(plans).where(eq(plans.id, id)).limit(1);
  return row ?? null;
}

export async function findPlanByKey(db: DbOrTx, key: string): Promise<PlanRecord | null> {
  const [row] = await db.select().from(plans).where(eq(plans.key, key)).limit(1);
  return row ?? null;
}

// Two imports of the same plan at once would race on the unique keys; one waits for the other.
const IMPORT_LOCK = 727_001;

/** Serialises plan imports: held until the caller's transaction ends. */
export async function lockPlanImports(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
}

export async function insertPlan(db: DbOrTx, values: PlanValues): Promise<number> {
  const [row] = await db.insert(plans).values({ ...values, active: true }).returning({ id: plans.id });
  return row!.id;
}

export async function updatePlan(db: DbOrTx, id: number, values: PlanValues): Promise<void> {
  await db.update(plans).set(values).where(eq(plans.id, id));
}

/** Makes `planId` the only active plan, writing only the rows whose flag is wrong. */
export async function activateOnly(db: DbOrTx, planId: number): Promise<void> {
  await db.update(plans).set({ active: false }).where(and(ne(plans.id, planId), eq(plans.active, true)));
  await db.update(plans).set({ active: true }).where(and(eq(plans.id, planId), eq(plans.active, false)));
}

export const listSections = (db: DbOrTx, planId: number): Promise<SectionRecord[]> =>
  db.select().from(sections).where(eq(sections.planId, planId)).orderBy(asc(sections.number));

export async function insertSection(db: DbOrTx, planId: number, number: number, title: string): Promise<void> {
  await db.insert(sections).values({ planId, number, title });
}

export async function updateSectionTitle(db: DbOrTx, id: number, title: string): Promise<void> {
  await db.update(sections).set({ title }).where(eq(sections.id, id));
}

export async function deleteSections(db: DbOrTx, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.delete(sections).where(inArray(sections.id, ids));
}

export type TaskKind = 'task' | 'key_point';

/** Every task (or key point) of the plan, removed ones included (a task can come back in a later version). */
export const listTasks = (db: DbOrTx, planId: number, kind: TaskKind = 'task'): Promise<TaskRecord[]> =>
  db.select().from(tasks).where(and(eq(tasks.planId, planId), eq(tasks.kind, kind))).orderBy(asc(tasks.number));

export async function findTaskById(db: DbOrTx, id: number): Promise<TaskRecord | null> {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id)).limit(1);
  return row ?? null;
}

export async function insertTask(db: DbOrTx, planId: number, number: number, values: TaskValues, kind: TaskKind = 'task'): Promise<number> {
  const [row] = await db.insert(tasks).values({ planId, kind, number, ...values }).returning({ id: tasks.id });
  return row!.id;
}

/** Rewrites a task's content in place (its id, and so its reports, stay) and clears `removedAt`. */
export async function updateTask(db: DbOrTx, id: number, values: TaskValues): Promise<void> {
  await db.update(tasks).set({ ...values, removedAt: null }).where(eq(tasks.id, id));
}

/** Marks tasks gone from the document; rows and their reports are kept. */
export async function markTasksRemoved(db: DbOrTx, ids: number[], at: Date): Promise<void> {
  if (ids.length > 0) await db.update(tasks).set({ removedAt: at }).where(and(inArray(tasks.id, ids), isNull(tasks.removedAt)));
}

export async function replaceMeasures(db: DbOrTx, taskId: number, list: ParsedMeasure[]): Promise<void> {
  await db.delete(measures).where(eq(measures.taskId, taskId));
  if (list.length > 0) await db.insert(measures).values(list.map((m, position) => ({ taskId, position, actor: m.actor, text: m.text })));
}

/** Departments in order: position 0 leads, the rest are co-responsible. */
export async function replaceAssignments(db: DbOrTx, taskId: number, departmentIds: number[]): Promise<void> {
  // the regions' rows are the directory's and syncRegionAssignments' (region-assignments.repository.ts)
  await db.delete(assignments).where(and(eq(assignments.taskId, taskId), ne(assignments.role, 'region')));
  const rows = [...new Set(departmentIds)].map((departmentId, position) => ({ taskId, departmentId, position, role: position === 0 ? 'lead' : 'co' }));
  if (rows.length > 0) await db.insert(assignments).values(rows);
}

/**
 * Department ids for names: a known name or alias (from the directory) maps to its department;
 * an unknown name creates a department, so the directory can bind it to a chat later.
 */
export async function resolveDepartments(db: DbOrTx, names: string[]): Promise<Map<string, number>> {
  const wanted = [...new Set(names)];
  const result = new Map<string, number>();
  if (wanted.length === 0) return result;
  for (const d of await db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.name, wanted))) {
    result.set(d.name, d.id);
  }
  const rest = wanted.filter((n) => !result.has(n));
  if (rest.length > 0) {
    const aliases = await db.select().from(departmentAliases).where(inArray(departmentAliases.alias, rest));
    for (const a of aliases) result.set(a.alias, a.departmentId);
  }
  const missing = wanted.filter((n) => !result.has(n));
  if (missing.length > 0) {
    await db.insert(departments).values(missing.map((name) => ({ name }))).onConflictDoNothing();
    for (const d of await db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.name, missing))) {
      result.set(d.name, d.id);
    }
  }
  return result;
}

export const listIndicators = (db: DbOrTx, planId: number): Promise<IndicatorRecord[]> =>
  db.select().from(indicators).where(eq(indicators.planId, planId)).orderBy(asc(indicators.position), asc(indicators.id));

export async function insertIndicator(db: DbOrTx, planId: number, values: IndicatorValues): Promise<void> {
  await db.insert(indicators).values({ planId, ...values });
}

/** Updates the target itself; the owner department belongs to the directory and is left alone. */
export async function updateIndicator(db: DbOrTx, id: number, values: IndicatorValues): Promise<void> {
  await db.update(indicators).set(values).where(eq(indicators.id, id));
}

/** Deletes targets dropped from the document, except those with reported values (kept, not lost). */
export async function deleteUnreportedIndicators(db: DbOrTx, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const reported = new Set(
    (await db.selectDistinct({ id: indicatorValues.indicatorId }).from(indicatorValues).where(inArray(indicatorValues.indicatorId, ids))).map((r) => r.id),
  );
  const doomed = ids.filter((id) => !reported.has(id));
  if (doomed.length > 0) await db.delete(indicators).where(inArray(indicators.id, doomed));
  return doomed;
}

/** Sets the department that reports an indicator (the directory's indicator owners). */
export async function setIndicatorOwner(db: DbOrTx, indicatorId: number, planId: number, departmentId: number): Promise<void> {
  await db.update(indicators).set({ ownerDepartmentId: departmentId }).where(and(eq(indicators.id, indicatorId), eq(indicators.planId, planId)));
}
