import type { Queue } from 'bullmq';
import { larkCodeMeaning } from '../lark/error-meanings.ts';
import type { OutboxJobData } from './outbox.ts';

// The outbox's failed jobs, as `duban outbox failed` lists them and `duban outbox retry` re-sends
// them. They live in Redis only (kept 7 days), so these commands need no database.

export interface FailedSend {
  id: string;
  purpose: string;
  ref: string;
  /** chat_id or open_id the call was going to, when it names one. */
  target: string | null;
  code?: number;
  meaning: string;
  fix: string;
  reason: string;
  failedAt: Date | null;
}

function targetOf(data: OutboxJobData): string | null {
  const op = data.op;
  if (op.kind === 'send' || op.kind === 'file') return 'chatId' in op.to ? op.to.chatId : op.to.openId;
  if (op.kind === 'reply' || op.kind === 'patch') return op.chatId ?? null;
  return null;
}

/** Codes written by older workers only in the reason text: "…code 230002…". */
const codeOf = (data: OutboxJobData, reason: string): number | undefined => {
  if (data.failure?.code !== undefined) return data.failure.code;
  const m = /code (\d+)/.exec(reason);
  return m ? Number(m[1]) : undefined;
};

export async function listFailedSends(queue: Queue<OutboxJobData>, limit = 1000): Promise<FailedSend[]> {
  const jobs = await queue.getFailed(0, limit - 1);
  return jobs
    .filter((j) => j?.id && j.data)
    .map((j) => {
      const reason = j.failedReason ?? '';
      const code = codeOf(j.data, reason);
      const { meaning, fix } = larkCodeMeaning(code);
      return {
        id: j.id!,
        purpose: j.data.purpose,
        ref: j.data.ref,
        target: targetOf(j.data),
        code,
        meaning,
        fix,
        reason,
        failedAt: j.finishedOn ? new Date(j.finishedOn) : null,
      };
    });
}

/** Re-queues failed sends (all, or the given ids) with fresh attempts; returns the ids re-queued and those not found. */
export async function retryFailedSends(queue: Queue<OutboxJobData>, ids: string[] | 'all'): Promise<{ retried: string[]; missing: string[] }> {
  const wanted = ids === 'all' ? (await queue.getFailed(0, -1)).filter((j) => j?.id).map((j) => j.id!) : ids;
  const retried: string[] = [];
  const missing: string[] = [];
  for (const id of wanted) {
    const job = await queue.getJob(id);
    if (!job || (await job.getState()) !== 'failed') {
      missing.push(id);
      continue;
    }
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    retried.push(id);
  }
  return { retried, missing };
}
