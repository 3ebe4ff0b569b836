import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { assignments, currentStatus, departments, indicators, indicatorValues, people, reports, sections, tasks } from '../db/schema/index.ts';
import { isStatus } from '../domain/status.ts';
import type { ReportData, ReportDepartment, ReportTask } from '../export/types.ts';
import type { Comparator } from '../plan/types.ts';
import { activePlan } from './digest-input.ts';

/** The active plan with every task × department's latest report, in a few set-based queries. */
export async function loadReportData(db: DbOrTx): Promise<ReportData> {
  const plan = await activePlan(db);
  const liveTask = and(eq(tasks.planId, plan.id), isNull(tasks.removedAt));
  const [sectionRows, taskRows, assignmentRows, statusRows, indicatorRows] = await Promise.all([
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
        reporterOpenId: currentStatus.reporterOpenId,
        reporterName: people.name,
        reportedAt: currentStatus.reportedAt,
        late: reports.late,
      })
      .from(currentStatus)
      .innerJoin(tasks, eq(tasks.id, currentStatus.taskId))
      .innerJoin(reports, eq(reports.id, currentStatus.reportId))
      .leftJoin(people, eq(people.openId, currentStatus.reporterOpenId))
      .where(liveTask),
    db
      .select({ i: indicators, owner: departments.name })
      .from(indicators)
      .leftJoin(departments, eq(departments.id, indicators.ownerDepartmentId))
      .where(eq(indicators.planId, plan.id))
      .orderBy(asc(indicators.position), asc(indicators.id)),
  ]);
  const ids = indicatorRows.map((r) => r.i.id);
  const latestValues = ids.length
    ? await db
        .selectDistinctOn([indicatorValues.indicatorId], { indicatorId: indicatorValues.indicatorId, value: indicatorValues.value, reportedAt: indicatorValues.reportedAt })
        .from(indicatorValues)
        .where(inArray(indicatorValues.indicatorId, ids))
        .orderBy(asc(indicatorValues.indicatorId), desc(indicatorValues.reportedAt), desc(indicatorValues.id))
    : [];

  const key = (t: number, d: number) => `${t}:${d}`;
  const statusOf = new Map(statusRows.map((s) => [key(s.taskId, s.departmentId), s]));
  const byTask = new Map<number, ReportDepartment[]>();
  for (const a of assignmentRows) {
    const s = statusOf.get(key(a.taskId, a.departmentId));
    const list = byTask.get(a.taskId) ?? [];
    list.push({
      name: a.name,
      role: a.role,
      status: s && isStatus(s.status) ? s.status : null,
      progress: s?.progress ?? null,
      note: s?.note ?? '',
      reporter: s ? (s.reporterName ?? s.reporterOpenId) : null,
      reportedAt: s?.reportedAt ?? null,
      late: s?.late ?? false,
    });
    byTask.set(a.taskId, list);
  }
  const latest = new Map(latestValues.map((v) => [v.indicatorId, v]));
  const reportTasks: ReportTask[] = taskRows.map((t) => ({
    id: t.id,
    number: t.number,
    title: t.title,
    section: t.sectionNumber,
    deadlineKind: t.deadlineKind,
    dueDate: t.dueDate,
    departments: byTask.get(t.id) ?? [],
  }));
  return {
    plan: { title: plan.title, docNumber: plan.docNumber, year: plan.year, reportDeadline: plan.reportDeadline, reportTo: plan.reportTo },
    sections: sectionRows,
    tasks: reportTasks,
    indicators: indicatorRows.map(({ i, owner }) => {
      const v = latest.get(i.id);
      return {
        name: i.name,
        comparator: i.comparator as Comparator,
        target: Number(i.value),
        unit: i.unit,
        owner,
        value: v ? Number(v.value) : null,
        reportedAt: v?.reportedAt ?? null,
      };
    }),
  };
}
