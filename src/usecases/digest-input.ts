import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import {
  assignments,
  currentStatus,
  departments,
  indicators,
  indicatorValues,
  people,
  plans,
  reports,
  rounds,
  sections,
  tasks,
} from '../db/schema/index.ts';
import type { DigestAssignmentInput, DigestInput, DigestTaskInput } from '../domain/digest/types.ts';
import { roundFor } from '../domain/rounds.ts';
import { isStatus } from '../domain/status.ts';
import type { Comparator } from '../plan/types.ts';
import { DubanError } from '../errors.ts';

export type PlanRow = typeof plans.$inferSelect;

/** The plan duban follows: the most recently imported active one. */
export async function activePlan(db: DbOrTx): Promise<PlanRow> {
  const [plan] = await db.select().from(plans).where(eq(plans.active, true)).orderBy(desc(plans.importedAt), desc(plans.id)).limit(1);
  if (!plan) throw new DubanError('NO_ACTIVE_PLAN', '还没有导入工作计划：请先运行 duban import <文件>');
  return plan;
}

export interface LoadedDigestInput {
  planId: number;
  roundId: number | null;
  weekKey: string;
  input: DigestInput;
}

/**
 * Everything the digest needs in a handful of set-based queries (never one per task): the plan,
 * its sections, tasks, assignments, current statuses, who reported this round and indicators.
 */
export async function loadDigestInput(db: DbOrTx, opts: { now: Date; timezone: string }): Promise<LoadedDigestInput> {
  const plan = await activePlan(db);
  const week = roundFor(opts.now, opts.timezone);
  const [round] = await db.select().from(rounds).where(and(eq(rounds.planId, plan.id), eq(rounds.key, week.key))).limit(1);

  const liveTask = and(eq(tasks.planId, plan.id), isNull(tasks.removedAt));
  const [sectionRows, taskRows, assignmentRows, statusRows, reportedRows, indicatorRows] = await Promise.all([
    db.select({ number: sections.number, title: sections.title }).from(sections).where(eq(sections.planId, plan.id)).orderBy(asc(sections.number)),
    db.select().from(tasks).where(liveTask).orderBy(asc(tasks.number)),
    db
      .select({ taskId: assignments.taskId, departmentId: assignments.departmentId, role: assignments.role, name: departments.name })
      .from(assignments)
      .innerJoin(tasks, eq(tasks.id, assignments.taskId))
      .innerJoin(departments, eq(departments.id, assignments.departmentId))
      .where(liveTask)
      .orderBy(asc(assignments.taskId), asc(assignments.position)),
    db
      .select({
        taskId: currentStatus.taskId,
        departmentId: currentStatus.departmentId,
        status: currentStatus.status,
        progress: currentStatus.progress,
        note: currentStatus.note,
        reporterName: people.name,
        reportedAt: currentStatus.reportedAt,
      })
      .from(currentStatus)
      .innerJoin(tasks, eq(tasks.id, currentStatus.taskId))
      .leftJoin(people, eq(people.openId, currentStatus.reporterOpenId))
      .where(liveTask),
    round
      ? db.selectDistinct({ taskId: reports.taskId, departmentId: reports.departmentId }).from(reports).where(eq(reports.roundId, round.id))
      : Promise.resolve([]),
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

  const key = (t: number, d: number) => t * 1_000_003 + d;
  const statusOf = new Map(statusRows.map((s) => [key(s.taskId, s.departmentId), s]));
  const reported = new Set(reportedRows.map((r) => key(r.taskId, r.departmentId)));
  const byTask = new Map<number, DigestAssignmentInput[]>();
  for (const a of assignmentRows) {
    const s = statusOf.get(key(a.taskId, a.departmentId));
    const list = byTask.get(a.taskId) ?? [];
    list.push({
      departmentId: a.departmentId,
      name: a.name,
      role: a.role,
      status: s && isStatus(s.status) ? s.status : null,
      progress: s?.progress ?? null,
      note: s?.note ?? null,
      reporter: s?.reporterName ?? null,
      reportedAt: s?.reportedAt ?? null,
      reportedThisRound: reported.has(key(a.taskId, a.departmentId)),
    });
    byTask.set(a.taskId, list);
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
