import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
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
} from '../db/schema/index.ts';
import type { DepartmentResponse, DigestSummaryInput, DigestTaskSummary } from '../domain/digest/types.ts';
import { findActivePlan, type PlanRecord } from '../db/repositories/plan.repository.ts';
import { roundFor } from '../domain/rounds.ts';
import type { Status } from '../domain/status.ts';
import type { Comparator } from '../plan/types.ts';
import { DubanError } from '../errors.ts';

/** The plan duban follows (the most recently imported active one); refuses when there is none. */
export async function activePlan(db: DbOrTx): Promise<PlanRecord> {
  const plan = await findActivePlan(db);
  if (!plan) throw new DubanError('NO_ACTIVE_PLAN', '还没有导入工作计划：请先运行 duban import <文件>');
  return plan;
}

/** One row per live task (department_id null) and one per responsible department (task_id null). */
interface SummaryRow {
  task_id: number | null;
  department_id: number | null;
  /** worst severity (4 blocked … 0 done), a department with no report counting as not_started */
  worst: number;
  progress_sum: number;
  assigned: number;
  reported: number;
  explaining_department: number | null;
  note: string | null;
  reporter: string | null;
  /** epoch milliseconds: a plain number from either driver */
  reported_at_ms: number | null;
}

/** Severity codes of the summary query, as `overallStatus` ranks them (src/domain/status.ts). */
const STATUS_OF_SEVERITY: Status[] = ['done', 'on_track', 'not_started', 'at_risk', 'blocked'];

/** Rows of a raw query from either driver (node-postgres gives {rows}, PGlite too; some give the array). */
async function rawRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] } | T[];
  return Array.isArray(result) ? result : result.rows;
}

export interface LoadedDigestInput {
  planId: number;
  roundId: number | null;
  weekKey: string;
  input: DigestSummaryInput;
}

/**
 * Everything the digest needs in a handful of set-based queries (never one per task). The 50,000
 * assignments of 1,000 tasks × 50 departments are reduced in Postgres, in one pass, to one row per
 * task (worst status, progress sum, the department that explains it with its note, reporter and
 * time) and one per department (tasks answered for, reported this round): Node reads 1,050 rows.
 */
export async function loadDigestInput(
  db: DbOrTx,
  opts: { now: Date; timezone: string },
  knownPlan?: PlanRecord,
): Promise<LoadedDigestInput> {
  const plan = knownPlan ?? (await activePlan(db));
  const week = roundFor(opts.now, opts.timezone);
  const liveTask = and(eq(tasks.planId, plan.id), isNull(tasks.removedAt));
  // one round trip after the plan: the round is found inside the summary query by its key
  const [roundRows, sectionRows, taskRows, departmentRows, summaryRows, indicatorRows, latestValues] = await Promise.all([
    db.select().from(rounds).where(and(eq(rounds.planId, plan.id), eq(rounds.key, week.key))).limit(1),
    db.select({ number: sections.number, title: sections.title }).from(sections).where(eq(sections.planId, plan.id)).orderBy(asc(sections.number)),
    db
      .select({ id: tasks.id, number: tasks.number, title: tasks.title, sectionNumber: tasks.sectionNumber, deadlineKind: tasks.deadlineKind, dueDate: tasks.dueDate })
      .from(tasks)
      .where(liveTask)
      .orderBy(asc(tasks.number)),
    db.select({ id: departments.id, name: departments.name }).from(departments),
    rawRows<SummaryRow>(db, summaryQuery(plan.id, week.key)),
    db.select().from(indicators).where(eq(indicators.planId, plan.id)).orderBy(asc(indicators.position), asc(indicators.id)),
    db
      .selectDistinctOn([indicatorValues.indicatorId], {
        indicatorId: indicatorValues.indicatorId,
        value: indicatorValues.value,
        reportedAt: indicatorValues.reportedAt,
      })
      .from(indicatorValues)
      .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
      .where(eq(indicators.planId, plan.id))
      .orderBy(asc(indicatorValues.indicatorId), desc(indicatorValues.reportedAt), desc(indicatorValues.id)),
  ]);
  const round = roundRows[0];

  const nameOf = new Map(departmentRows.map((d) => [d.id, d.name]));
  const byTask = new Map<number, SummaryRow>();
  const responses: DepartmentResponse[] = [];
  for (const r of summaryRows) {
    if (r.task_id !== null) byTask.set(r.task_id, r);
    else if (r.department_id !== null) {
      responses.push({ departmentId: r.department_id, name: nameOf.get(r.department_id) ?? '', expected: r.assigned, reported: r.reported });
    }
  }
  const taskInputs: DigestTaskSummary[] = taskRows.map((t) => {
    const r = byTask.get(t.id);
    return {
      id: t.id,
      number: t.number,
      title: t.title,
      section: t.sectionNumber,
      deadlineKind: t.deadlineKind,
      dueDate: t.dueDate,
      // a task with no responsible department is not started, at 0 % (as overallStatus([]) says)
      status: r ? (STATUS_OF_SEVERITY[r.worst] ?? 'not_started') : 'not_started',
      progress: r && r.assigned > 0 ? Math.round(r.progress_sum / r.assigned) : 0,
      explaining:
        r && r.explaining_department !== null
          ? {
              name: nameOf.get(r.explaining_department) ?? '',
              note: r.note,
              reporter: r.reporter,
              reportedAt: r.reported_at_ms === null ? null : new Date(r.reported_at_ms),
            }
          : null,
    };
  });
  const latest = new Map(latestValues.map((v) => [v.indicatorId, v]));

  return {
    planId: plan.id,
    roundId: round?.id ?? null,
    weekKey: week.key,
    input: {
      plan: { title: plan.title, year: plan.year, reportDeadline: plan.reportDeadline },
      round: round ? { key: round.key, startsAt: round.startsAt, endsAt: round.endsAt } : null,
      sections: sectionRows,
      tasks: taskInputs,
      responses,
      indicators: indicatorRows.map((i) => {
        const v = latest.get(i.id);
        return {
          id: i.id,
          name: i.name,
          comparator: i.comparator as Comparator,
          target: Number(i.value),
          unit: i.unit,
          latest: v ? { value: Number(v.value), reportedAt: v.reportedAt } : null,
        };
      }),
      now: opts.now,
      timezone: opts.timezone,
    },
  };
}

/**
 * The per-task and per-department reduction (`summariseDigestInput` in src/domain/digest/summary.ts
 * is the same in TypeScript, and the tests hold the two together). Grouping sets let one scan of
 * assignments ⟕ current_status feed both groupings.
 */
function summaryQuery(planId: number, roundKey: string): SQL {
  // Reported this round: its current status is from this round, or (after a later edit of an
  // older round) some report of this round exists. Postgres runs the EXISTS as one hashed subplan.
  // Without a round of that key nothing counts as reported (the id compares as null).
  const roundId = sql`(select id from ${rounds} where plan_id = ${planId} and key = ${roundKey})`;
  const reported = sql`(cs.round_id = ${roundId} or exists (select 1 from ${reports} r where r.task_id = a.task_id and r.department_id = a.department_id and r.round_id = ${roundId}))`;
  // unknown statuses stay null, like a department that never reported (isStatus in the domain)
  return sql`
    with assigned as (
      select a.task_id, a.department_id, cs.progress, cs.reported_at,
             case cs.status when 'blocked' then 4 when 'at_risk' then 3 when 'not_started' then 2 when 'on_track' then 1 when 'done' then 0 end as severity,
             ${reported} as reported
      from ${assignments} a
      join ${tasks} t on t.id = a.task_id
      left join ${currentStatus} cs on cs.task_id = a.task_id and cs.department_id = a.department_id
      where t.plan_id = ${planId} and t.removed_at is null
    ), grouped as (
      select task_id, department_id,
             max(coalesce(severity, 2))::int as worst,
             coalesce(sum(progress), 0)::int as progress_sum,
             count(*)::int as assigned,
             (count(*) filter (where reported))::int as reported,
             -- the explaining department: worst status, then latest report, then the lowest id
             -(max(array[severity, floor(date_part('epoch', reported_at) * 1000)::bigint, -department_id]) filter (where severity is not null))[3] as explaining_department
      from assigned
      group by grouping sets ((task_id), (department_id))
    )
    select g.task_id, g.department_id, g.worst, g.progress_sum, g.assigned, g.reported,
           g.explaining_department::int as explaining_department, cs.note, p.name as reporter,
           (extract(epoch from cs.reported_at) * 1000)::float8 as reported_at_ms
    from grouped g
    left join ${currentStatus} cs on cs.task_id = g.task_id and cs.department_id = g.explaining_department
    left join ${people} p on p.open_id = cs.reporter_open_id`;
}
