import type { DbOrTx } from '../db/client.ts';
import { appendReport, reportExistsForEvent } from '../db/repositories/reports.repository.ts';
import { findRoundById } from '../db/repositories/rounds.repository.ts';
import { isLate } from '../domain/rounds.ts';
import { DubanError } from '../errors.ts';

/** What the webhook accepted and queued for one card submission. */
export interface ReportSubmission {
  eventId: string;
  planId: number;
  roundId: number;
  taskId: number;
  departmentId: number;
  status: string;
  progress: number;
  note: string;
  evidenceUrl: string | null;
  evidenceFileId?: number | null;
  reporterOpenId: string;
  /** When Lark delivered it (the webhook's clock), not when the worker got to it. */
  receivedAt: string;
}

export type StoreResult = { stored: true; reportId: number; version: number; late: boolean } | { stored: false; reason: 'duplicate' };

/**
 * Persists one accepted submission inside the caller's transaction: a new report version and the
 * current status. Submissions after the round closed (or after its week) are kept and flagged late.
 */
export async function storeReport(tx: DbOrTx, s: ReportSubmission): Promise<StoreResult> {
  if (await reportExistsForEvent(tx, s.eventId)) return { stored: false, reason: 'duplicate' };
  const round = await findRoundById(tx, s.roundId);
  if (!round || round.planId !== s.planId) {
    throw new DubanError('ROUND_UNKNOWN', `填报轮次 ${s.roundId} 不存在`, { retryable: false });
  }
  const reportedAt = new Date(s.receivedAt);
  const late = isLate(reportedAt, round);
  const { id, version } = await appendReport(tx, {
    taskId: s.taskId,
    departmentId: s.departmentId,
    roundId: s.roundId,
    status: s.status,
    progress: s.progress,
    note: s.note,
    evidenceUrl: s.evidenceUrl,
    evidenceFileId: s.evidenceFileId ?? null,
    reporterOpenId: s.reporterOpenId,
    reportedAt,
    late,
    eventId: s.eventId,
  });
  return { stored: true, reportId: id, version, late };
}
