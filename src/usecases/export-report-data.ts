import type { DbOrTx } from '../db/client.ts';
import { readReportRows } from '../db/repositories/export.repository.ts';
import { requireActivePlan } from '../db/repositories/plan.repository.ts';
import { isStatus } from '../domain/status.ts';
import type { ReportData, ReportDepartment, ReportTask } from '../export/types.ts';
import type { Comparator } from '../plan/types.ts';

/** The active plan with every task × department's latest report, in a few set-based queries. */
export async function loadReportData(db: DbOrTx): Promise<ReportData> {
  const plan = await requireActivePlan(db);
  const { sectionRows, taskRows, assignmentRows, statusRows, indicatorRows, latestValues, keyPointRows, keyPointAssignmentRows, regionAssignmentRows } =
    await readReportRows(db, plan.id);

  const key = (t: number, d: number) => `${t}:${d}`;
  const statusOf = new Map(statusRows.map((s) => [key(s.taskId, s.departmentId), s]));
  const unit = (a: (typeof assignmentRows)[number]): ReportDepartment => {
    const s = statusOf.get(key(a.taskId, a.departmentId));
    return {
      name: a.name,
      role: a.role,
      status: s && isStatus(s.status) ? s.status : null,
      progress: s?.progress ?? null,
      note: s?.note ?? '',
      evidenceUrl: s?.evidenceUrl ?? null,
      reporter: s ? (s.reporterName ?? s.reporterOpenId) : null,
      reportedAt: s?.reportedAt ?? null,
      late: s?.late ?? false,
    };
  };
  const group = (rows: typeof assignmentRows) => {
    const out = new Map<number, ReportDepartment[]>();
    for (const a of rows) out.set(a.taskId, [...(out.get(a.taskId) ?? []), unit(a)]);
    return out;
  };
  const byTask = group([...assignmentRows, ...keyPointAssignmentRows]);
  const regionsOf = group(regionAssignmentRows);
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
  const reportKeyPoints: ReportTask[] = keyPointRows.map((k) => ({
    id: k.id,
    number: k.number,
    title: k.title,
    section: null,
    deadlineKind: null,
    dueDate: null,
    departments: byTask.get(k.id) ?? [],
  }));
  return {
    keyPoints: reportKeyPoints,
    // the annex tasks the regions follow, each with its regions only (the 各地区 sheet)
    regionTasks: reportTasks.filter((t) => regionsOf.has(t.id)).map((t) => ({ ...t, departments: regionsOf.get(t.id)! })),
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
