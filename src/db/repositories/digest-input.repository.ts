import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client.ts';
import {
  assignments,
  currentStatus,
  departments,
  indicators,
  indicatorValues,
  people,
  reports,
  rounds,
  sections,
  tasks,
} from '../schema/index.ts';
import { readTogether } from '../reads.ts';

/** One row per live task (department_id null) and one per responsible department (task_id null). */
export interface DigestSummaryRow {
  task_id: number | null;
  department_id: number | null;
  /** worst severity (5 blocked … 1 待审核, 0 done), a department with no report counting as not_started */
  worst: number;
  progress_sum: number;
  assigned: number;
  reported: number;
  explaining_department: number | null;
  /** assignments with any report ever (0: the task was never reported) */
  ever_reported: number;
  note: string | null;
  evidence_url: string | null;
  reporter: string | null;
  /** epoch milliseconds: a plain number from either driver */
  reported_at_ms: number | null;
}

/** Rows of a raw query from either driver (node-postgres gives {rows}, PGlite too; some give the array). */
async function rawRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] } | T[];
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Everything the digest reads about one plan and week, in one round trip of set-based queries
 * (never one per task). The 50,000 assignments of 1,000 tasks × 50 departments are reduced in
 * Postgres, in one pass, to one row per task and one per department: Node reads 1,050 rows.
 */
export async function readDigestRows(db: DbOrTx, planId: number, weekKey: string) {
  // the annex tasks; key points and the regions' part have their own views (docs/architecture.md)
  const liveTask = and(eq(tasks.planId, planId), isNull(tasks.removedAt), eq(tasks.kind, 'task'));
  // the round is found inside the summary query by its key, so nothing waits for it
  const [roundRows, sectionRows, taskRows, departmentRows, summaryRows, indicatorRows, latestValues] = await readTogether(db, [
    () => db.select().from(rounds).where(and(eq(rounds.planId, planId), eq(rounds.key, weekKey))).limit(1),
    () => db.select({ number: sections.number, title: sections.title }).from(sections).where(eq(sections.planId, planId)).orderBy(asc(sections.number)),
    () => db
      .select({ id: tasks.id, number: tasks.number, title: tasks.title, sectionNumber: tasks.sectionNumber, deadlineKind: tasks.deadlineKind, dueDate: sql<string | null>`coalesce(${tasks.extendedDueDate}, ${tasks.dueDate})::text` })
      .from(tasks)
      .where(liveTask)
      .orderBy(asc(tasks.number)),
    () => db.select({ id: departments.id, name: departments.name }).from(departments),
    () => rawRows<DigestSummaryRow>(db, summaryQuery(planId, weekKey)),
    () => db.select().from(indicators).where(eq(indicators.planId, planId)).orderBy(asc(indicators.position), asc(indicators.id)),
    () => db
      .selectDistinctOn([indicatorValues.indicatorId], {
        indicatorId: indicatorValues.indicatorId,
        value: indicatorValues.value,
        reportedAt: indicatorValues.reportedAt,
      })
      .from(indicatorValues)
      .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
      .where(eq(indicators.planId, planId))
      .orderBy(asc(indicatorValues.indicatorId), desc(indicatorValues.reportedAt), desc(indicatorValues.id)),
  ]);
  return { round: roundRows[0], sectionRows, taskRows, departmentRows, summaryRows, indicatorRows, latestValues };
}

// Table aliases for the raw summary query: `${a.taskId}` renders "a"."task_id", so a renamed
// column is a compile error here, and the SQL text (hence the plan) stays as written.
const a = alias(assignments, 'a');
const t = alias(tasks, 't');
const cs = alias(currentStatus, 'cs');
const r = alias(reports, 'r');
const p = alias(people, 'p');
const rp = alias(reports, 'rp');

/**
 * The per-task and per-department reduction (`summariseDigestInput` in src/domain/digest/summary.ts
 * is the same in TypeScript, and the tests hold the two together). Grouping sets let one scan of
 * assignments ⟕ current_status feed both groupings. The CTEs name their own columns; only
 * table columns come from the schema.
 */
function summaryQuery(planId: number, roundKey: string): SQL {
  // Reported this round: its current status is from this round, or (after a later edit of an
  // older round) some report of this round exists. Postgres runs the EXISTS as one hashed subplan.
  // Without a round of that key nothing counts as reported (the id compares as null).
  const roundId = sql`(select ${rounds.id} from ${rounds} where ${rounds.planId} = ${planId} and ${rounds.key} = ${roundKey})`;
  const reported = sql`(${cs.roundId} = ${roundId} or exists (select 1 from ${reports} as ${r} where ${r.taskId} = ${a.taskId} and ${r.departmentId} = ${a.departmentId} and ${r.roundId} = ${roundId}))`;
  // unknown statuses stay null, like a department that never reported (isStatus in the domain)
  return sql`
    with assigned as (
      select ${a.taskId} as task_id, ${a.departmentId} as department_id, ${cs.progress} as progress, ${cs.reportedAt} as reported_at,
             case ${cs.status} when 'blocked' then 5 when 'at_risk' then 4 when 'not_started' then 3 when 'on_track' then 2 when 'pending_review' then 1 when 'done' then 0 end as severity,
             ${reported} as reported
      from ${assignments} as ${a}
      join ${tasks} as ${t} on ${t.id} = ${a.taskId}
      left join ${currentStatus} as ${cs} on ${cs.taskId} = ${a.taskId} and ${cs.departmentId} = ${a.departmentId}
      where ${t.planId} = ${planId} and ${t.removedAt} is null and ${t.kind} = 'task' and ${a.role} <> 'region'
    ), grouped as (
      select task_id, department_id,
             max(coalesce(severity, 3))::int as worst,
             coalesce(sum(progress), 0)::int as progress_sum,
             count(*)::int as assigned,
             (count(*) filter (where reported))::int as reported,
             (count(*) filter (where severity is not null))::int as ever_reported,
             -- the explaining department: worst status, then latest report, then the lowest id
             -(max(array[severity, floor(date_part('epoch', reported_at) * 1000)::bigint, -department_id]) filter (where severity is not null))[3] as explaining_department
      from assigned
      group by grouping sets ((task_id), (department_id))
    )
    select g.task_id, g.department_id, g.worst, g.progress_sum, g.assigned, g.reported,
           g.explaining_department::int as explaining_department, g.ever_reported, ${cs.note} as note, ${rp.evidenceUrl} as evidence_url, ${p.name} as reporter,
           (extract(epoch from ${cs.reportedAt}) * 1000)::float8 as reported_at_ms
    from grouped g
    left join ${currentStatus} as ${cs} on ${cs.taskId} = g.task_id and ${cs.departmentId} = g.explaining_department
    left join ${reports} as ${rp} on ${rp.id} = ${cs.reportId}
    left join ${people} as ${p} on ${p.openId} = ${cs.reporterOpenId}`;
}
