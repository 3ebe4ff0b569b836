import type { Db } from '../../db/client.ts';
import { isRetryableFailure } from '../../db/errors.ts';
import { findRoundWindows, writeReportBatch, type BatchReport } from '../../db/repositories/report-batch.repository.ts';
import { isLate } from '../../domain/rounds.ts';
import { DubanError } from '../../errors.ts';
import type { InboundJob as InboundJobData } from '../../contracts/inbound.ts';
import type { ReportJobPayload } from '../../contracts/inbound.ts';

/** Per job: stored now, already stored earlier, or why not (see isRetryableFailure). */
export type ReportJobOutcome = 'processed' | 'duplicate' | Error;

/**
 * Stores queued status reports, as many as given, in one transaction. A job whose round is gone
 * is refused alone. If the transaction fails for a reason retrying cannot fix (a reply Postgres
 * rejects, a task deleted meanwhile), the batch is split until the bad job is alone, so only it fails;
 * if it fails because Postgres is unreachable, every job gets that error and is retried.
 */
export async function storeReportJobs(db: Db, jobs: InboundJobData[], now: Date): Promise<ReportJobOutcome[]> {
  try {
    return await storeInOneTransaction(db, jobs, now);
  } catch (e) {
    if (jobs.length === 1 || isRetryableFailure(e)) return jobs.map(() => e as Error);
  }
  // Halve until the bad job is alone: a few transactions instead of one per job. First half
  // first, so the replies of one key keep their order.
  const mid = Math.ceil(jobs.length / 2);
  return [...(await storeReportJobs(db, jobs.slice(0, mid), now)), ...(await storeReportJobs(db, jobs.slice(mid), now))];
}

async function storeInOneTransaction(db: Db, jobs: InboundJobData[], now: Date): Promise<ReportJobOutcome[]> {
  return db.transaction(async (tx) => {
    const roundIds = [...new Set(jobs.map((j) => (j.payload as ReportJobPayload).roundId).filter(Number.isInteger))];
    const roundOf = await findRoundWindows(tx, roundIds);
    const outcome = new Map<InboundJobData, ReportJobOutcome>();
    const items: { job: InboundJobData; item: BatchReport; at: number; seq: number }[] = [];
    jobs.forEach((job, seq) => {
      const p = job.payload as ReportJobPayload;
      const round = roundOf.get(p?.roundId);
      if (!round || round.planId !== p.planId) {
        outcome.set(job, new DubanError('ROUND_UNKNOWN', `填报轮次 ${p?.roundId} 不存在`, { retryable: false }));
        return;
      }
      const reportedAt = new Date(job.receivedAt);
      items.push({
        job,
        at: reportedAt.getTime(),
        seq,
        item: {
          eventId: job.eventId,
          eventType: job.eventType,
          taskId: p.taskId,
          departmentId: p.departmentId,
          roundId: p.roundId,
          status: p.status,
          progress: p.progress,
          note: p.note,
          evidenceUrl: p.evidenceUrl,
          reporterOpenId: p.reporterOpenId,
          reportedAt,
          late: isLate(reportedAt, round),
        },
      });
    });
    // Versions follow the webhook's receive time; equal times keep the order the jobs were queued.
    items.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const results = await writeReportBatch(
      tx,
      items.map((i) => i.item),
      now,
    );
    items.forEach((i, n) => outcome.set(i.job, results[n]!.stored ? 'processed' : 'duplicate'));
    return jobs.map((j) => outcome.get(j)!);
  });
}
