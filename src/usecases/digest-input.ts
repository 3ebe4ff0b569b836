import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
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
import type { DigestAssignmentInput, DigestInput, DigestTaskInput } from '../domain/digest/types.ts';
import { findActivePlan, type PlanRecord } from '../db/repositories/plan.repository.ts';
import { roundFor } from '../domain/rounds.ts';
import { isStatus } from '../domain/status.ts';
import type { Comparator } from '../plan/types.ts';
import { DubanError } from '../errors.ts';

/** The plan duban follows (the most recently imported active one); refuses when there is none. */
export async function activePlan(db: DbOrTx): Promise<PlanRecord> {
  const plan = await findActivePlan(db);
  if (!plan) throw new DubanError('NO_ACTIVE_PLAN', '还没有导入工作计划：请先运行 duban import <文件>');
  return plan;
}

interface AssignmentRow {
  task_id: number;
  department_id: number;
  role: string;
  status: string | null;
  progress: number | null;
  reported: boolean;
}

/** Rows of a raw query from either driver (node-postgres gives {rows}, PGlite too; some give the array). */
async function rawRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] } | T[];
  return Array.isArray(result) ? result : result.rows;
}

export interface LoadedDigestInput {
  planId: number;
  roundId: number | null;
  weekKey: string;
  input: DigestInput;
}

/**
 * Everything the digest needs in a handful of set-based queries (never one per task): the plan,
 * its sections, tasks, assignments with current statuses and who reported this round, the
 * explaining note per task, and indicators. Notes, reporters and times are loaded only for the
 * department that explains each task (worst status, then latest report) — the only ones the
 * digest shows — so 50,000 assignments stay cheap to read.
 */
export async function loadDigestInput(db: DbOrTx, opts: { now: Date; timezone: string }): Promise<LoadedDigestInput> {
  const plan = await activePlan(db);
  const week = roundFor(opts.now, opts.timezone);
  const [round] = await db.select().from(rounds).where(and(eq(rounds.planId, plan.id), eq(rounds.key, week.key))).limit(1);

  const liveTask = and(eq(tasks.planId, plan.id), isNull(tasks.removedAt));
  // Reported this round: its current status is from this round, or (after a later edit of an
  // older round) some report of this round exists. Postgres runs the EXISTS as one hashed subplan.
  const reportedThisRound = round
    ? sql<boolean>`(${currentStatus.roundId} = ${round.id} or exists (select 1 from ${reports} r where r.task_id = ${assignments.taskId} and r.department_id = ${assignments.departmentId} and r.round_id = ${round.id}))`
    : sql<boolean>`false`;
  // What a department is ranked by when it explains its task: worst status, then latest report.
  const severity = sql`case ${currentStatus.status} when 'blocked' then 4 when 'at_risk' then 3 when 'not_started' then 2 when 'on_track' then 1 else 0 end`;
  const explaining = db
    .selectDistinctOn([currentStatus.taskId], { taskId: currentStatus.taskId, departmentId: currentStatus.departmentId })
    .from(currentStatus)
    .innerJoin(tasks, eq(tasks.id, currentStatus.taskId))
    .innerJoin(assignments, and(eq(assignments.taskId, currentStatus.taskId), eq(assignments.departmentId, currentStatus.departmentId)))
    .where(liveTask)
    .orderBy(asc(currentStatus.taskId), desc(severity), desc(currentStatus.reportedAt))
    .as('explaining');
  const [sectionRows, taskRows, departmentRows, assignmentRows, explainRows, indicatorRows] = await Promise.all([
    db.select({ number: sections.number, title: sections.title }).from(sections).where(eq(sections.planId, plan.id)).orderBy(asc(sections.number)),
    db.select().from(tasks).where(liveTask).orderBy(asc(tasks.number)),
    db.select({ id: departments.id, name: departments.name }).from(departments),
    // 50,000 rows at 1,000 tasks × 50 departments: narrow columns, read raw (without drizzle's
    // per-row mapping, which was the largest cost on the Node side)
    rawRows<AssignmentRow>(
      db,
      sql`select ${assignments.taskId} as task_id, ${assignments.departmentId} as department_id, ${assignments.role} as role,
            ${currentStatus.status} as status, ${currentStatus.progress} as progress, ${reportedThisRound} as reported
          from ${assignments}
          join ${tasks} on ${tasks.id} = ${assignments.taskId}
          left join ${currentStatus} on ${currentStatus.taskId} = ${assignments.taskId} and ${currentStatus.departmentId} = ${assignments.departmentId}
          where ${liveTask}`,
    ),
    // notes, reporters and times only for the department that explains each task: all the digest
    // shows. Picked on narrow rows first, then joined back for the text (a cheaper sort).
    db
      .select({
        taskId: explaining.taskId,
        departmentId: explaining.departmentId,
        note: currentStatus.note,
        reporterName: people.name,
        reportedAt: currentStatus.reportedAt,
      })
      .from(explaining)
      .innerJoin(currentStatus, and(eq(currentStatus.taskId, explaining.taskId), eq(currentStatus.departmentId, explaining.departmentId)))
      .leftJoin(people, eq(people.openId, currentStatus.reporterOpenId)),
    db.select().from(indicators).where(eq(indicators.planId, plan.id)).orderBy(asc(indicators.position), asc(indicators.id)),
  ]);

  const indicatorIds = indicatorRows.map((i) => i.id);
  const latestValues = indicatorIds.length
    ? await db
        .selectDistinctOn([indicatorValues.indicatorId], {
          indicatorId: indicatorValues.indicatorId,
          value: indicatorValues.value,
          reportedAt: indicatorValues.reportedAt,
        })
        .from(indicatorValues)
        .where(inArray(indicatorValues.indicatorId, indicatorIds))
        .orderBy(asc(indicatorValues.indicatorId), desc(indicatorValues.reportedAt), desc(indicatorValues.id))
    : [];

  const nameOf = new Map(departmentRows.map((d) => [d.id, d.name]));
  const explains = new Map(explainRows.map((e) => [e.taskId, e]));
  const byTask = new Map<number, DigestAssignmentInput[]>();
  for (const a of assignmentRows) {
    const e = explains.get(a.task_id);
    const explaining = e?.departmentId === a.department_id ? e : undefined;
    const list = byTask.get(a.task_id) ?? [];
    list.push({
      departmentId: a.department_id,
      name: nameOf.get(a.department_id) ?? '',
      role: a.role,
      status: isStatus(a.status) ? a.status : null,
      progress: a.progress,
      note: explaining?.note ?? null,
      reporter: explaining?.reporterName ?? null,
      reportedAt: explaining?.reportedAt ?? null,
      reportedThisRound: a.reported === true,
    });
    byTask.set(a.task_id, list);
  }
  const taskInputs: DigestTaskInput[] = taskRows.map((t) => ({
    id: t.id,
    number: t.number,
    title: t.title,
    section: t.sectionNumber,
    deadlineKind: t.deadlineKind,
    dueDate: t.dueDate,
    departments: byTask.get(t.id) ?? [],
  }));
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
