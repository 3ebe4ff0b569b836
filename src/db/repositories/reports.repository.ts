import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { currentStatus, indicatorValues, reports } from '../schema/index.ts';

export interface NewReport {
  taskId: number;
  departmentId: number;
  roundId: number;
  status: string;
  progress: number;
  note: string;
  evidenceUrl: string | null;
  reporterOpenId: string;
  reportedAt: Date;
  late: boolean;
  eventId: string;
}

/** True when a report carried by this Lark event is already stored. */
export async function reportExistsForEvent(db: DbOrTx, eventId: string): Promise<boolean> {
  const rows = await db.select({ id: reports.id }).from(reports).where(eq(reports.eventId, eventId)).limit(1);
  return rows.length > 0;
}

/**
 * Appends a report version and moves the current status to it. Call inside a transaction: both
 * rows land together or not at all. The event-id unique key makes a duplicate insert fail loudly
 * rather than store twice.
 */
export async function appendReport(tx: DbOrTx, r: NewReport): Promise<{ id: number; version: number }> {
  const [last] = await tx
    .select({ v: sql<number>`coalesce(max(${reports.version}), 0)` })
    .from(reports)
    .where(and(eq(reports.taskId, r.taskId), eq(reports.departmentId, r.departmentId), eq(reports.roundId, r.roundId)));
  const version = Number(last?.v ?? 0) + 1;
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
