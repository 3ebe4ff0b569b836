import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { admins, assignments, departments, directorySettings, indicators, leaders, people, reporters, tasks } from '../schema/index.ts';
import { readTogether } from '../reads.ts';
import type { TaskKind } from './plan.repository.ts';

/** Reads behind the read policy: who someone is in the directory, and who owns what. */

export interface ReaderRow {
  admin: boolean;
  leader: boolean;
  departments: { id: number; name: string }[];
}

export async function findReader(db: DbOrTx, openId: string): Promise<ReaderRow> {
  const [admin, leader, depts] = await readTogether(db, [
    () => db.select({ openId: admins.openId }).from(admins).where(eq(admins.openId, openId)).limit(1),
    () => db.select({ openId: leaders.openId }).from(leaders).where(eq(leaders.openId, openId)).limit(1),
    () => db
      .select({ id: departments.id, name: departments.name })
      .from(reporters)
      .innerJoin(departments, eq(departments.id, reporters.departmentId))
      .where(eq(reporters.openId, openId))
      .orderBy(asc(departments.id)),
  ]);
  return { admin: admin.length > 0, leader: leader.length > 0, departments: depts };
}

/** Admins' names (open_id when unnamed), for "please contact …". */
export async function adminContacts(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ openId: admins.openId, name: people.name })
    .from(admins)
    .leftJoin(people, eq(people.openId, admins.openId))
    .orderBy(asc(admins.openId));
  return rows.map((r) => r.name ?? r.openId);
}

export async function getSetting(db: DbOrTx, key: string): Promise<string | null> {
  const [row] = await db.select().from(directorySettings).where(eq(directorySettings.key, key));
  return row?.value ?? null;
}

export async function setSetting(db: DbOrTx, key: string, value: string): Promise<void> {
  await db.insert(directorySettings).values({ key, value }).onConflictDoUpdate({ target: directorySettings.key, set: { value } });
}

/** Replaces the leaders listed under one leadership chat; returns who was added and removed. */
export async function replaceLeaders(db: DbOrTx, chatId: string, openIds: readonly string[]): Promise<{ added: string[]; removed: string[] }> {
  const before = (await db.select().from(leaders).where(eq(leaders.chatId, chatId))).map((r) => r.openId);
  const wanted = [...new Set(openIds)];
  const removed = before.filter((id) => !wanted.includes(id));
  const added = wanted.filter((id) => !before.includes(id));
  if (removed.length) await db.delete(leaders).where(and(eq(leaders.chatId, chatId), inArray(leaders.openId, removed)));
  if (added.length) await db.insert(leaders).values(added.map((openId) => ({ chatId, openId })));
  return { added, removed };
}

/** Departments responsible for each of the plan's tasks with these numbers. */
export async function taskOwnersByNumber(db: DbOrTx, planId: number, numbers: readonly number[], kind: TaskKind = 'task'): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(numbers.map((n) => [n, []]));
  if (!numbers.length) return out;
  const rows = await db
    .select({ number: tasks.number, departmentId: assignments.departmentId })
    .from(tasks)
    .innerJoin(assignments, eq(assignments.taskId, tasks.id))
    // annex numbers (key points number on their own); a region following a task may read it
    .where(and(eq(tasks.planId, planId), eq(tasks.kind, kind), inArray(tasks.number, [...numbers])));
  for (const r of rows) out.get(r.number)?.push(r.departmentId);
  return out;
}

/** Units (departments and regions) responsible for each live key point of the plan, by its number. */
export async function keyPointOwners(db: DbOrTx, planId: number): Promise<Map<number, number[]>> {
  const rows = await db
    .select({ number: tasks.number, departmentId: assignments.departmentId })
    .from(tasks)
    .innerJoin(assignments, eq(assignments.taskId, tasks.id))
    .where(and(eq(tasks.planId, planId), eq(tasks.kind, 'key_point'), isNull(tasks.removedAt)));
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.number, [...(out.get(r.number) ?? []), r.departmentId]);
  return out;
}

export async function taskById(db: DbOrTx, taskId: number): Promise<{ planId: number; number: number; departmentIds: number[] } | null> {
  const [task] = await db.select({ planId: tasks.planId, number: tasks.number }).from(tasks).where(eq(tasks.id, taskId));
  if (!task) return null;
  const owners = await db.select({ id: assignments.departmentId }).from(assignments).where(eq(assignments.taskId, taskId));
  return { ...task, departmentIds: owners.map((o) => o.id) };
}

export async function indicatorOwners(db: DbOrTx, indicatorIds: readonly number[]): Promise<(number | null)[]> {
  if (!indicatorIds.length) return [];
  const rows = await db.select({ owner: indicators.ownerDepartmentId }).from(indicators).where(inArray(indicators.id, [...indicatorIds]));
  return rows.map((r) => r.owner);
}
