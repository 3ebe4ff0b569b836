import type { DbOrTx } from '../../db/client.ts';
import { findPersonName } from '../../db/repositories/directory.repository.ts';
import { departmentById, findCompletionReview, findExtension, reportById, taskForUnit, type CompletionReviewRecord, type ExtensionRecord } from '../../db/repositories/review.repository.ts';
import { evidenceFileInfo } from '../../db/repositories/evidence.repository.ts';
import type { CompletionView, DecidedView, EvidenceFileView, ExtensionView, TaskRef } from '../../cards/review-cards.ts';

// What the 延期申请 / 办结审核 cards show, read for the route (the decided card it answers with)
// and the handlers (the cards they send) alike.

export const nameOf = async (db: DbOrTx, openId: string): Promise<string> => (await findPersonName(db, openId)) ?? openId;

export function taskRef(t: { kind: string; number: number; title: string }): TaskRef {
  return { label: t.kind === 'key_point' ? `工作要点${t.number}` : `任务${t.number}`, title: t.title };
}

async function decidedView(db: DbOrTx, r: { status: string; decidedBy: string | null; decidedAt: Date | null }, comment: string | null): Promise<DecidedView | null> {
  if (r.status !== 'approved' && r.status !== 'refused') return null;
  return { approved: r.status === 'approved', by: { name: r.decidedBy ? await nameOf(db, r.decidedBy) : '—', at: r.decidedAt ?? new Date(0) }, comment: comment ?? '' };
}

export async function extensionView(db: DbOrTx, e: ExtensionRecord): Promise<ExtensionView & { extensionId: number; decided: DecidedView | null }> {
  // one after another: the handlers read through their transaction (one connection)
  const task = await taskForUnit(db, e.taskId, e.departmentId);
  const dept = await departmentById(db, e.departmentId);
  const requester = await nameOf(db, e.requestedBy);
  const decided = await decidedView(db, e, e.comment);
  return {
    extensionId: e.id,
    task: task ? taskRef(task) : { label: `任务`, title: '' },
    department: dept?.name ?? '',
    requester: { name: requester, at: e.requestedAt },
    previousDueDate: e.previousDueDate,
    newDueDate: e.newDueDate,
    reason: e.reason,
    decided,
  };
}

export async function completionView(db: DbOrTx, r: CompletionReviewRecord): Promise<CompletionView & { reviewId: number; decided: DecidedView | null }> {
  const task = await taskForUnit(db, r.taskId, r.departmentId);
  const dept = await departmentById(db, r.departmentId);
  const requester = await nameOf(db, r.requestedBy);
  const report = await reportById(db, r.reportId);
  const decided = await decidedView(db, r, r.reason);
  const file = report?.evidenceFileId ? await evidenceFileInfo(db, report.evidenceFileId) : null;
  const evidenceFile: EvidenceFileView | null = file ? { name: file.fileName, sizeBytes: file.sizeBytes, by: file.submittedByName ?? file.submittedBy, at: file.submittedAt } : null;
  return {
    reviewId: r.id,
    task: task ? taskRef(task) : { label: '任务', title: '' },
    department: dept?.name ?? '',
    requester: { name: requester, at: r.requestedAt },
    progress: report?.progress ?? 100,
    note: report?.note ?? '',
    evidenceUrl: r.evidenceUrl,
    evidenceFile,
    reviewer: r.reviewer === 'lead' ? 'lead' : 'admins',
    decided,
  };
}

export { findCompletionReview, findExtension };
