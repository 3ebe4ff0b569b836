import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { currentStatus, indicatorValues, reports } from '../schema/index.ts';
import { rows } from './status-rows.ts';

export interface NewReport {
  taskId: number;
  departmentId: number;
  roundId: number;
  status: string;
  progress: number;
  note: string;
  evidenceUrl: string | null;
  /** 办结佐证: the attached file a 已完成 without a link rests on */
  evidenceFileId?: number | null;
  reporterOpenId: string;
  reportedAt: Date;
  late: boolean;
  eventId: string;
}

/** True when a report carried by this Lark event is already stored. */
export async function reportExistsForEvent(db: DbOrTx, eventId: string): Promise<boolean> {
  const found = await db.select({ id: reports.id }).from(reports).where(eq(reports.eventId, eventId)).limit(1);
  return found.length > 0;
}

/**
 * The next version of a task × department × round, from its report_versions row: the upsert holds
 * the row until the caller's transaction ends, so concurrent replies of one key get 1, 2, 3 … in
 * turn instead of colliding on reports_version (see report-batch.repository.ts for the batch form).
 */
async function nextVersion(tx: DbOrTx, r: Pick<NewReport, 'taskId' | 'departmentId' | 'roundId'>): Promise<number> {
  const [row] = await rows<{ last: number }>(
    tx,
    sql`insert into report_versions (task_id, department_id, round_id, last)
        values (${r.taskId}, ${r.departmentId}, ${r.roundId},
          coalesce((select max(version) from reports where task_id = ${r.taskId} and department_id = ${r.departmentId} and round_id = ${r.roundId}), 0) + 1)
        on conflict (task_id, department_id, round_id) do update set last = report_versions.last + 1
        returning last`,
  );
  if (!row) throw new Error('report version upsert returned no row');
  return Number(row.last);
}

/**
 * Appends a report version and moves the current status to it. Call inside a transaction: both
 * rows land together or not at all. The event-id unique key makes a duplicate insert fail loudly
 * rather than store twice.
 */
export async function appendReport(tx: DbOrTx, r: NewReport): Promise<{ id: number; version: number }> {
  const version = await nextVersion(tx, r);
  const [row] = await tx
    .insert(reports)
    .values({ ...r, version })
    .returning({ id: reports.id });
  if (!row) throw new Error('report insert returned no row');
  const current = {
    reportId: row.id,
    roundId: r.roundId,
    status: r.status,
    progress: r.progress,
    note: r.note,
    reporterOpenId: r.reporterOpenId,
    reportedAt: r.reportedAt,
  };
  await tx
    .insert(currentStatus)
    .values({ taskId: r.taskId, departmentId: r.departmentId, ...current })
    .onConflictDoUpdate({
      target: [currentStatus.taskId, currentStatus.departmentId],
      set: current,
      // A late-arriving older event must not move the current status backwards.
      setWhere: sql`${currentStatus.reportedAt} <= excluded.reported_at`,
    });
  return { id: row.id, version };
}

export interface NewIndicatorValue {
  indicatorId: number;
  roundId: number | null;
  value: number;
  reporterOpenId: string;
  reportedAt: Date;
  eventId: string;
}

export async function appendIndicatorValue(tx: DbOrTx, v: NewIndicatorValue): Promise<boolean> {
  const rows = await tx.insert(indicatorValues).values(v).onConflictDoNothing().returning({ id: indicatorValues.id });
  return rows.length > 0;
}
