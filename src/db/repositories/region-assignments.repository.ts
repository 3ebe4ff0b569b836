import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { assignments, departments, measures, tasks } from '../schema/index.ts';

/** Reads and writes for the regional offices' part of a plan (role `region` assignments). */

export interface RegionRow {
  id: number;
  name: string;
  conditional: true | number[] | null;
}

export interface ScopedTaskRow {
  id: number;
  kind: 'task' | 'key_point';
  number: number;
  measures: { actor: string; text: string }[];
}

/** The directory's regions, in the order they were created (the file's order). */
export async function listRegions(db: DbOrTx): Promise<RegionRow[]> {
  const rows = await db
    .select({ id: departments.id, name: departments.name, conditional: departments.conditional })
    .from(departments)
    .where(eq(departments.kind, 'region'))
    .orderBy(asc(departments.id));
  return rows.map((r) => ({ ...r, conditional: r.conditional ?? null }));
}

/** The plan's live tasks and key points with their measures, for the region rule. */
export async function listScopedTasks(db: DbOrTx, planId: number): Promise<ScopedTaskRow[]> {
  const rows = await db
    .select({ id: tasks.id, kind: tasks.kind, number: tasks.number })
    .from(tasks)
    .where(and(eq(tasks.planId, planId), isNull(tasks.removedAt)));
  const ids = rows.map((r) => r.id);
  const ms = ids.length ? await db.select().from(measures).where(inArray(measures.taskId, ids)).orderBy(asc(measures.position)) : [];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind === 'key_point' ? 'key_point' : 'task',
    number: r.number,
    measures: ms.filter((m) => m.taskId === r.id).map((m) => ({ actor: m.actor, text: m.text })),
  }));
}

/** Replaces every region assignment of the plan's tasks by `wanted` (task id → region ids in order). */
export async function replaceRegionAssignments(db: DbOrTx, taskIds: number[], wanted: Map<number, number[]>): Promise<void> {
  if (taskIds.length === 0) return;
  await db.delete(assignments).where(and(inArray(assignments.taskId, taskIds), eq(assignments.role, 'region')));
  // Positions after any department's, so `order by position` keeps the bureau first.
  const rows = [...wanted].flatMap(([taskId, regionIds]) => regionIds.map((departmentId, i) => ({ taskId, departmentId, position: 1000 + i, role: 'region' })));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(assignments).values(rows.slice(i, i + 1000)).onConflictDoNothing();
}

/** Makes a unit a region with its opt-in to 有条件的地区/有关地区 measures. */
export async function setRegion(db: DbOrTx, id: number, conditional: true | number[] | null): Promise<void> {
  await db.update(departments).set({ kind: 'region', conditional }).where(eq(departments.id, id));
}
