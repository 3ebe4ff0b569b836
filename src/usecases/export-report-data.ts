import type { DbOrTx } from '../db/client.ts';
import { readReportRows } from '../db/repositories/export.repository.ts';
import { requireActivePlan } from '../db/repositories/plan.repository.ts';
import { isStatus } from '../domain/status.ts';
import type { ReportData, ReportDepartment, ReportTask } from '../export/types.ts';
import type { Comparator } from '../plan/types.ts';
import { reviewHistory } from '../db/repositories/review.repository.ts';
import type { ReviewHistoryEntry } from '../cards/answers/model.ts';
import { historyEntry } from './review/history.ts';
import { taskReports } from '../db/repositories/history.repository.ts';
import { taskTimeline } from '../domain/history.ts';
import type { HistoryRow } from '../export/history-sheet.ts';
import { loadResultsOverview } from './results/overview.ts';

/** The active plan with every task × department's latest report, in a few set-based queries. */
export async function loadReportData(db: DbOrTx, timezone = 'Asia/Shanghai'): Promise<ReportData> {
  const plan = await requireActivePlan(db);
  const { sectionRows, taskRows, assignmentRows, statusRows, indicatorRows, latestValues, keyPointRows, keyPointAssignmentRows, regionAssignmentRows } =
    await readReportRows(db, plan.id);
  const historyOf = new Map<number, ReviewHistoryEntry[]>();
  for (const h of await reviewHistory(db, { planId: plan.id })) {
    const list = historyOf.get(h.taskId) ?? [];
    list.push(historyEntry(h, timezone));
    historyOf.set(h.taskId, list);
  }

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
      evidenceFile: s?.evidenceFileName ?? null,
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
  const results = await loadResultsOverview(db, plan);
  const reportTasks: ReportTask[] = taskRows.map((t) => ({
    id: t.id,
    number: t.number,
    title: t.title,
    section: t.sectionNumber,
    deadlineKind: t.deadlineKind,
    // an approved 延期申请 moves the due date
    dueDate: t.extendedDueDate ?? t.dueDate,
    departments: byTask.get(t.id) ?? [],
    ...(historyOf.has(t.id) ? { history: historyOf.get(t.id) } : {}),
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

/** Every task's timeline (changes only), in task order then time: the xlsx 历史 sheet. */
export async function loadHistoryRows(db: DbOrTx, data: ReportData): Promise<HistoryRow[]> {
  const versions = await taskReports(db, data.tasks.map((t) => t.id));
  const byTask = new Map<number, typeof versions>();
  for (const v of versions) {
    const list = byTask.get(v.taskId) ?? [];
    list.push(v);
    byTask.set(v.taskId, list);
  }
  return data.tasks.flatMap((t) =>
    taskTimeline(byTask.get(t.id) ?? []).map((e) => ({
      taskNumber: t.number,
      taskTitle: t.title,
      roundKey: e.roundKey,
      reportedAt: e.reportedAt,
      department: e.department,
      status: e.status,
      progress: e.progress,
      note: e.note,
      reporter: e.reporter,
      late: e.late,
    })),
  );
}
