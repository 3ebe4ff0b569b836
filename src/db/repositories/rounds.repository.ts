import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { RoundWindow } from '../../domain/rounds.ts';
import type { DbOrTx } from '../client.ts';
import { currentStatus, indicatorValues, people, reports, rounds } from '../schema/index.ts';

export type RoundRecord = typeof rounds.$inferSelect;

/** Creates the round for this window unless it exists; `created` tells which. */
export async function ensureRound(db: DbOrTx, planId: number, w: RoundWindow, now: Date): Promise<{ round: RoundRecord; created: boolean }> {
  const inserted = await db
    .insert(rounds)
    .values({ planId, key: w.key, startsAt: w.startsAt, endsAt: w.endsAt, openedAt: now })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { round: inserted[0], created: true };
  const round = await findRound(db, planId, w.key);
  if (!round) throw new Error(`round ${w.key} vanished`);
  return { round, created: false };
}

export async function findRound(db: DbOrTx, planId: number, key: string): Promise<RoundRecord | null> {
  const [row] = await db.select().from(rounds).where(and(eq(rounds.planId, planId), eq(rounds.key, key))).limit(1);
  return row ?? null;
}

export async function findRoundById(db: DbOrTx, id: number): Promise<RoundRecord | null> {
  const [row] = await db.select().from(rounds).where(eq(rounds.id, id)).limit(1);
  return row ?? null;
}

/** Marks the round closed (first close wins); returns whether this call closed it. */
export async function markRoundClosed(db: DbOrTx, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(rounds)
    .set({ closedAt: now })
    .where(and(eq(rounds.id, id), sql`${rounds.closedAt} is null`))
    .returning({ id: rounds.id });
  return rows.length > 0;
}

/** Reopens a closed round; returns whether this call reopened it. */
export async function markRoundReopened(db: DbOrTx, id: number): Promise<boolean> {
  const rows = await db
    .update(rounds)
    .set({ closedAt: null })
    .where(and(eq(rounds.id, id), sql`${rounds.closedAt} is not null`))
    .returning({ id: rounds.id });
  return rows.length > 0;
}

/** Counts one more reminder for the round and returns its number (1 for the first). */
export async function nextReminderNumber(db: DbOrTx, id: number): Promise<number> {
  const [row] = await db
    .update(rounds)
    .set({ remindersSent: sql`${rounds.remindersSent} + 1` })
    .where(eq(rounds.id, id))
    .returning({ n: rounds.remindersSent });
  return row?.n ?? 1;
}

export interface CurrentRow {
  taskId: number;
  departmentId: number;
  status: string;
  progress: number;
  note: string;
  /** The evidence link of the report behind the current status. */
  evidenceUrl: string | null;
  reporterName: string | null;
  reporterOpenId: string;
  reportedAt: Date;
}

/** Current status of every department on the given tasks, with the reporter's name. */
export async function currentStatusFor(db: DbOrTx, taskIds: number[]): Promise<CurrentRow[]> {
  if (taskIds.length === 0) return [];
  return db
    .select({
      taskId: currentStatus.taskId,
      departmentId: currentStatus.departmentId,
      status: currentStatus.status,
      progress: currentStatus.progress,
      note: currentStatus.note,
      evidenceUrl: reports.evidenceUrl,
      reporterName: people.name,
      reporterOpenId: currentStatus.reporterOpenId,
      reportedAt: currentStatus.reportedAt,
    })
    .from(currentStatus)
    .leftJoin(reports, eq(reports.id, currentStatus.reportId))
    .leftJoin(people, eq(people.openId, currentStatus.reporterOpenId))
    .where(inArray(currentStatus.taskId, taskIds));
}

export interface SubmittedRow {
  taskId: number;
  departmentId: number;
  reporterOpenId: string;
  reporterName: string | null;
  reportedAt: Date;
}

/** The latest submission per task × department in one round (for "已提交 · who · when"). */
export async function submissionsInRound(db: DbOrTx, roundId: number, departmentIds?: number[]): Promise<SubmittedRow[]> {
  const where = departmentIds ? and(eq(reports.roundId, roundId), inArray(reports.departmentId, departmentIds)) : eq(reports.roundId, roundId);
  const rows = await db
    .selectDistinctOn([reports.taskId, reports.departmentId], {
      taskId: reports.taskId,
      departmentId: reports.departmentId,
      reporterOpenId: reports.reporterOpenId,
      reporterName: people.name,
      reportedAt: reports.reportedAt,
    })
    .from(reports)
    .leftJoin(people, eq(people.openId, reports.reporterOpenId))
    .where(where)
    .orderBy(reports.taskId, reports.departmentId, desc(reports.reportedAt));
  return rows;
}

export interface IndicatorLatestRow {
  indicatorId: number;
  value: number;
  roundId: number | null;
  reporterOpenId: string;
  reporterName: string | null;
  reportedAt: Date;
}

export async function latestIndicatorValues(db: DbOrTx, indicatorIds: number[]): Promise<IndicatorLatestRow[]> {
  if (indicatorIds.length === 0) return [];
  return db
    .selectDistinctOn([indicatorValues.indicatorId], {
      indicatorId: indicatorValues.indicatorId,
      value: indicatorValues.value,
      roundId: indicatorValues.roundId,
      reporterOpenId: indicatorValues.reporterOpenId,
      reporterName: people.name,
      reportedAt: indicatorValues.reportedAt,
    })
    .from(indicatorValues)
    .leftJoin(people, eq(people.openId, indicatorValues.reporterOpenId))
    .where(inArray(indicatorValues.indicatorId, indicatorIds))
    .orderBy(indicatorValues.indicatorId, desc(indicatorValues.reportedAt));
}
