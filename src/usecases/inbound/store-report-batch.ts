import type { Db, DbOrTx } from '../../db/client.ts';
import { isRetryableFailure } from '../../db/errors.ts';
import { findRoundWindows, writeReportBatch, type BatchReport } from '../../db/repositories/report-batch.repository.ts';
import { lockedTaskFacts } from '../../db/repositories/submission-facts.repository.ts';
import { checkSubmission } from '../../domain/authorise.ts';
import { isLate } from '../../domain/rounds.ts';
import { DubanError } from '../../errors.ts';
import type { InboundJob as InboundJobData } from '../../contracts/inbound.ts';
import type { ReportJobPayload } from '../../contracts/inbound.ts';

/** Per job: stored now, already stored earlier, or why not (see isRetryableFailure). */
export type ReportJobOutcome = 'processed' | 'duplicate' | Error;

/**
 * Stores queued status reports, as many as given, in one transaction. A job whose round is gone,
 * or whose reporter may no longer report (removed from the directory since the webhook accepted it),
 * is refused alone and goes to the dead letters with the reason. If the transaction fails for a reason retrying cannot fix (a reply Postgres
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
          evidenceFileId: p.evidenceFileId ?? null,
          reporterOpenId: p.reporterOpenId,
          reportedAt,
          late: isLate(reportedAt, round),
        },
      });
    });
    await dropRevoked(tx, items, outcome);
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

/**
 * The webhook authorised each reply from memory; the directory may have changed while it was queued.
 * The same rule (src/domain/authorise.ts) again, on rows read and locked in this transaction: a
 * reply its reporter may no longer make is taken out of `items` and refused.
 */
async function dropRevoked(tx: DbOrTx, items: { job: InboundJobData; item: BatchReport }[], outcome: Map<InboundJobData, ReportJobOutcome>): Promise<void> {
  const facts = await lockedTaskFacts(
    tx,
    items.map(({ job }) => {
      const p = job.payload as ReportJobPayload;
      return { planId: p.planId, taskId: p.taskId, departmentId: p.departmentId, operatorOpenId: p.reporterOpenId };
    }),
  );
  const kept = items.filter((it, n) => {
    const decision = checkSubmission(facts[n]!);
    if (decision.ok) return true;
    outcome.set(it.job, revoked(decision));
    return false;
  });
  items.splice(0, items.length, ...kept);
}

/** Why a queued reply is not stored after all, for the dead-letter table. */
export function revoked(refusal: { code: string; message: string }): DubanError {
  return new DubanError(refusal.code, `入库前复核未通过（权限或任务在排队期间已变更）：${refusal.message}`, { retryable: false });
}
