import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client.ts';
import { assignments, departments, digests, people, reports, rounds, tasks } from '../schema/index.ts';

/** Rows of a raw query from either driver (node-postgres and PGlite give {rows}). */
async function rawRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] } | T[];
  return Array.isArray(result) ? result : result.rows;
}

/** One unit's answers in one round: of its live tasks, how many it reported, and how many on time. */
export interface UnitWeekRow {
  key: string;
  expected: number;
  reported: number;
  on_time: number;
}

const a = alias(assignments, 'a');
const t = alias(tasks, 't');
const r = alias(rounds, 'r');
const rep = alias(reports, 'rep');

/**
 * A unit's response, round by round, for the rounds that started before `before`: one pass over
 * the unit's reports (index reports_dept_round, read without the table), grouped by round.
 * Its tasks are those it answers for today (tasks and key points, as its card lists them).
 */
export function unitWeeklyResponse(db: DbOrTx, planId: number, departmentId: number, before: Date): Promise<UnitWeekRow[]> {
  return rawRows<UnitWeekRow>(
    db,
    sql`
    with mine as (
      select ${a.taskId} as task_id from ${assignments} as ${a} join ${tasks} as ${t} on ${t.id} = ${a.taskId}
      where ${t.planId} = ${planId} and ${t.removedAt} is null and ${a.departmentId} = ${departmentId}
    ), answered as (
      -- index-only over reports_dept_round: the unit's reports, then only its live tasks
      select ${rep.roundId} as round_id, ${rep.taskId} as task_id, bool_or(not ${rep.late}) as on_time
      from ${reports} as ${rep}
      where ${rep.departmentId} = ${departmentId} and ${rep.taskId} in (select task_id from mine)
      group by ${rep.roundId}, ${rep.taskId}
    )
    select ${r.key} as key, (select count(*) from mine)::int as expected,
           count(answered.task_id)::int as reported, (count(answered.task_id) filter (where answered.on_time))::int as on_time
    from ${rounds} as ${r} left join answered on answered.round_id = ${r.id}
    where ${r.planId} = ${planId} and ${r.startsAt} < ${before.toISOString()}
    group by ${r.id}, ${r.key}, ${r.startsAt}
    order by ${r.startsAt}`,
  );
}

export interface TaskHistoryRow {
  reportedAt: Date;
  roundKey: string;
  department: string;
  status: string;
  progress: number;
  note: string;
  late: boolean;
  reporter: string | null;
}

/** Every report of the tasks, oldest first (edits included: the timeline keeps the changes). */
export function taskReports(db: DbOrTx, taskIds: readonly number[]): Promise<(TaskHistoryRow & { taskId: number })[]> {
  if (taskIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      taskId: reports.taskId,
      reportedAt: reports.reportedAt,
      roundKey: rounds.key,
      department: departments.name,
      status: reports.status,
      progress: reports.progress,
      note: reports.note,
      late: reports.late,
      reporter: sql<string | null>`coalesce(${people.name}, ${reports.reporterOpenId})`,
    })
    .from(reports)
    .innerJoin(rounds, eq(rounds.id, reports.roundId))
    .innerJoin(departments, eq(departments.id, reports.departmentId))
    .leftJoin(people, eq(people.openId, reports.reporterOpenId))
    .where(inArray(reports.taskId, [...taskIds]))
    .orderBy(asc(reports.taskId), asc(reports.reportedAt), asc(reports.id));
}

/** The live task of the plan with this number (tasks of the annex, not key points). */
export async function findTaskByNumber(db: DbOrTx, planId: number, number: number): Promise<{ id: number; number: number; title: string } | undefined> {
  const [row] = await db
    .select({ id: tasks.id, number: tasks.number, title: tasks.title })
    .from(tasks)
    .where(and(eq(tasks.planId, planId), eq(tasks.number, number), eq(tasks.kind, 'task'), isNull(tasks.removedAt)))
    .limit(1);
  return row;
}

/** The figures a digest showed for its week, read from the stored model (small jsonb paths, not the model). */
export interface DigestFigures {
  weekKey: string;
  expected: number | null;
  reported: number | null;
  atRisk: number | null;
  blocked: number | null;
}

export function digestFigures(db: DbOrTx, planId: number, weekKeys: readonly string[]): Promise<DigestFigures[]> {
  if (weekKeys.length === 0) return Promise.resolve([]);
  return db
    .select({
      weekKey: digests.weekKey,
      expected: sql<number | null>`(${digests.model} #>> '{response,expected}')::int`,
      reported: sql<number | null>`(${digests.model} #>> '{response,reported}')::int`,
      atRisk: sql<number | null>`(${digests.model} #>> '{statusCounts,at_risk}')::int`,
      blocked: sql<number | null>`(${digests.model} #>> '{statusCounts,blocked}')::int`,
    })
    .from(digests)
    .where(and(eq(digests.planId, planId), inArray(digests.weekKey, [...weekKeys])));
}
