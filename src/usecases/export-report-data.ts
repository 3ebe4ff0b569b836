import type { DbOrTx } from '../db/client.ts';
import { readReportRows } from '../db/repositories/export.repository.ts';
import { requireActivePlan } from '../db/repositories/plan.repository.ts';
import { isStatus } from '../domain/status.ts';
import type { ReportData, ReportDepartment, ReportTask } from '../export/types.ts';
import type { Comparator } from '../plan/types.ts';
import { loadResultsOverview } from './results/overview.ts';

/** The active plan with every task × department's latest report, in a few set-based queries. */
export async function loadReportData(db: DbOrTx): Promise<ReportData> {
  const plan = await requireActivePlan(db);
  const { sectionRows, taskRows, assignmentRows, statusRows, indicatorRows, latestValues } = await readReportRows(db, plan.id);

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
      evidenceUrl: s?.evidenceUrl ?? null,
      reporter: s ? (s.reporterName ?? s.reporterOpenId) : null,
      reportedAt: s?.reportedAt ?? null,
      late: s?.late ?? false,
    });
    byTask.set(a.taskId, list);
  }
  const latest = new Map(latestValues.map((v) => [v.indicatorId, v]));
  const results = await loadResultsOverview(db, plan);
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
    results: results.units.map((u) => ({
      unit: u.unit.name,
      kind: u.unit.kind,
      file: u.latest
        ? { name: u.latest.fileName, sizeBytes: u.latest.sizeBytes, mimeType: u.latest.mimeType, sha256: u.latest.sha256, by: u.latest.submittedByName ?? u.latest.submittedBy, at: u.latest.submittedAt, count: u.files }
        : null,
      paper: u.paper ? { by: u.paper.confirmedByName ?? u.paper.confirmedBy, at: u.paper.confirmedAt } : null,
    })),
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
