import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { readTogether } from '../reads.ts';
import { assignments, currentStatus, departments, evidenceFiles, indicators, indicatorValues, people, reports, sections, tasks } from '../schema/index.ts';

/**
 * Everything the report export reads about one plan: sections, live tasks, their departments in
 * order, the key points with every unit (regions included), every current status, and the
 * indicators with their latest values, in a few set-based queries (together on a pool, one after
 * another in a transaction).
 */
export async function readReportRows(db: DbOrTx, planId: number) {
  const liveTask = and(eq(tasks.planId, planId), isNull(tasks.removedAt), eq(tasks.kind, 'task'));
  // the body's key points, with every unit responsible: the bureau's departments and the regions
  const liveKeyPoint = and(eq(tasks.planId, planId), isNull(tasks.removedAt), eq(tasks.kind, 'key_point'));
  const [sectionRows, taskRows, assignmentRows, statusRows, indicatorRows, keyPointRows, keyPointAssignmentRows, regionAssignmentRows] = await readTogether(db, [
    () => db.select({ number: sections.number, title: sections.title }).from(sections).where(eq(sections.planId, planId)).orderBy(asc(sections.number)),
    () => db.select().from(tasks).where(liveTask).orderBy(asc(tasks.number)),
    () => db
      .select({ taskId: assignments.taskId, departmentId: assignments.departmentId, role: assignments.role, name: departments.name })
      .from(assignments)
      .innerJoin(tasks, eq(tasks.id, assignments.taskId))
      .innerJoin(departments, eq(departments.id, assignments.departmentId))
      .where(and(liveTask, ne(assignments.role, 'region')))
      .orderBy(asc(assignments.taskId), asc(assignments.position)),
    () => db
      .select({
        taskId: currentStatus.taskId,
        departmentId: currentStatus.departmentId,
        status: currentStatus.status,
        progress: currentStatus.progress,
        note: currentStatus.note,
        evidenceUrl: reports.evidenceUrl,
        evidenceFileName: evidenceFiles.fileName,
        reporterOpenId: currentStatus.reporterOpenId,
        reporterName: people.name,
        reportedAt: currentStatus.reportedAt,
        late: reports.late,
      })
      .from(currentStatus)
      .innerJoin(tasks, eq(tasks.id, currentStatus.taskId))
      .innerJoin(reports, eq(reports.id, currentStatus.reportId))
      .leftJoin(evidenceFiles, eq(evidenceFiles.id, reports.evidenceFileId))
      .leftJoin(people, eq(people.openId, currentStatus.reporterOpenId))
      .where(and(eq(tasks.planId, planId), isNull(tasks.removedAt))),
    () => db
      .select({ i: indicators, owner: departments.name })
      .from(indicators)
      .leftJoin(departments, eq(departments.id, indicators.ownerDepartmentId))
      .where(eq(indicators.planId, planId))
      .orderBy(asc(indicators.position), asc(indicators.id)),
    () => db.select().from(tasks).where(liveKeyPoint).orderBy(asc(tasks.number)),
    () => db
      .select({ taskId: assignments.taskId, departmentId: assignments.departmentId, role: assignments.role, name: departments.name })
      .from(assignments)
      .innerJoin(tasks, eq(tasks.id, assignments.taskId))
      .innerJoin(departments, eq(departments.id, assignments.departmentId))
      .where(liveKeyPoint)
      // the bureau's departments in document order, then the regions in the directory's order
      .orderBy(asc(assignments.taskId), sql`${assignments.role} = 'region'`, asc(assignments.position), asc(departments.id)),
    // the regions following the annex tasks' 各地区 measures, in the directory's order
    () => db
      .select({ taskId: assignments.taskId, departmentId: assignments.departmentId, role: assignments.role, name: departments.name })
      .from(assignments)
      .innerJoin(tasks, eq(tasks.id, assignments.taskId))
      .innerJoin(departments, eq(departments.id, assignments.departmentId))
      .where(and(liveTask, eq(assignments.role, 'region')))
      .orderBy(asc(assignments.taskId), asc(departments.id)),
  ]);
  const ids = indicatorRows.map((r) => r.i.id);
  const latestValues = ids.length
    ? await db
        .selectDistinctOn([indicatorValues.indicatorId], { indicatorId: indicatorValues.indicatorId, value: indicatorValues.value, reportedAt: indicatorValues.reportedAt })
        .from(indicatorValues)
        .where(inArray(indicatorValues.indicatorId, ids))
        .orderBy(asc(indicatorValues.indicatorId), desc(indicatorValues.reportedAt), desc(indicatorValues.id))
    : [];
  return { sectionRows, taskRows, assignmentRows, statusRows, indicatorRows, latestValues, keyPointRows, keyPointAssignmentRows, regionAssignmentRows };
}
