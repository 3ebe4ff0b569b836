import type { Db } from '../../db/client.ts';
import type { Now } from '../../domain/clock.ts';
import type { InboundBatchHandlers } from '../../queue/workers/inbound.worker.ts';
import { storeReportJobs } from './store-report-batch.ts';

/** Kinds the inbound worker writes in batches: status reports, the bulk of every round. */
export function createInboundBatchHandlers(db: Db, now: Now): InboundBatchHandlers {
  return { status_report: (jobs) => storeReportJobs(db, jobs, now()) };
}
