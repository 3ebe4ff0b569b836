import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { readTogether } from '../reads.ts';
import { accessVersion, assignments, departments, indicators, people, reporters, rounds, tasks } from '../schema/index.ts';
import type { AccessRows } from '../../domain/authorise.ts';

/** The channel the database triggers of migration 0006 notify, with the new version as payload. */
export const ACCESS_CHANNEL = 'duban_access';

/** The version of what the webhook keeps in memory; every write to it bumps it (migration 0006). */
export async function readAccessVersion(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ version: accessVersion.version }).from(accessVersion).where(eq(accessVersion.id, 1));
  return Number(row?.version ?? 0);
}

/**
 * Everything a card action is authorised and answered from, for every unit and plan at once:
 * a few thousand small rows even for a large plan. The version is read first, so the rows are at
 * least as new as it: a write landing in between only makes the next check reload once more.
 */
export async function loadAccessRows(db: DbOrTx): Promise<AccessRows> {
  const version = await readAccessVersion(db);
  const [deps, reps, names, taskRows, owners, inds, roundRows] = await readTogether(db, [
    () => db.select({ id: departments.id, name: departments.name, kind: departments.kind }).from(departments),
    () => db.select({ departmentId: reporters.departmentId, openId: reporters.openId }).from(reporters),
    () => db.select({ openId: people.openId, name: people.name }).from(people),
    () => db.select({ id: tasks.id, planId: tasks.planId, removed: sql<boolean>`${tasks.removedAt} is not null` }).from(tasks),
    () => db.select({ taskId: assignments.taskId, departmentId: assignments.departmentId }).from(assignments),
    () => db.select({ id: indicators.id, planId: indicators.planId, ownerDepartmentId: indicators.ownerDepartmentId }).from(indicators),
    () => db.select().from(rounds),
  ]);
  return { version, departments: deps, reporters: reps, people: names, tasks: taskRows, assignments: owners, indicators: inds, rounds: roundRows };
}
