import type { CompletionDecisionJobPayload, ReportJobPayload } from '../../contracts/inbound.ts';
import { listAdmins, listReporters } from '../../db/repositories/directory.repository.ts';
import { appendReport } from '../../db/repositories/reports.repository.ts';
import {
  currentOf,
  decideCompletionReview,
  departmentById,
  findCompletionReview,
  insertCompletionReview,
  leadDepartmentOf,
  pendingReviewOf,
  reportById,
  supersedePendingReviews,
  taskForUnit,
} from '../../db/repositories/review.repository.ts';
import { buildCompletionReviewCard, buildOutcomeCard } from '../../cards/review-cards.ts';
import { completionReviewer } from '../../domain/review.ts';
import { storeReport } from '../store-report.ts';
import type { ReviewDeps } from './extension.ts';
import { completionView, nameOf, taskRef } from './views.ts';

/**
 * A reported 已完成: stored as 待审核 (the report version and the current status), a review row
 * remembering the status it replaces, and the review card sent — to the lead department's chat
 * for a co-responsible unit, to each admin privately for the lead.
 */
export async function storeCompletion(deps: ReviewDeps, p: ReportJobPayload, eventId: string, receivedAt: string): Promise<void> {
  const before = await currentOf(deps.db, p.taskId, p.departmentId);
  // A completion resubmitted while waiting keeps what the unit had before its first one.
  const waiting = before?.status === 'pending_review' ? await pendingReviewOf(deps.db, p.taskId, p.departmentId) : null;
  const previous = waiting ? { status: waiting.previousStatus, progress: waiting.previousProgress } : { status: before?.status ?? null, progress: before?.progress ?? null };
  const stored = await storeReport(deps.db, { ...p, status: 'pending_review', eventId, receivedAt });
  if (!stored.stored) return;
  await supersedePendingReviews(deps.db, p.taskId, p.departmentId);
  const lead = await leadDepartmentOf(deps.db, p.taskId);
  const reviewer = completionReviewer({ departmentId: p.departmentId, leadDepartmentId: lead?.id ?? null });
  const review = await insertCompletionReview(deps.db, {
    taskId: p.taskId,
    departmentId: p.departmentId,
    roundId: p.roundId,
    reportId: stored.reportId,
    evidenceUrl: p.evidenceUrl,
    previousStatus: previous.status,
    previousProgress: previous.progress,
    reviewer,
    requestedBy: p.reporterOpenId,
    requestedAt: new Date(receivedAt),
    eventId,
  });
  const card = buildCompletionReviewCard(await completionView(deps.db, review), deps.timezone);
  const meta = (to: string) => ({ purpose: 'completion_review', ref: `review:${review.id}:to:${to}` });
  if (reviewer === 'lead' && lead?.chatId) {
    await deps.send({ kind: 'send', to: { chatId: lead.chatId }, content: { card } }, meta(lead.chatId));
    return;
  }
  const people = reviewer === 'lead' && lead ? (await listReporters(deps.db, lead.id)).map((r) => r.openId) : await listAdmins(deps.db);
  for (const openId of people.filter((o) => o !== p.reporterOpenId)) {
    await deps.send({ kind: 'send', to: { openId }, content: { card } }, meta(openId));
  }
}

/**
 * 通过 / 退回. Approval appends the 已完成 version; a refusal appends the status the unit had
 * before, and the unit is told why. Decided once; a completion the unit has since replaced by
 * another report is not decided at all (the decision would undo the unit's newer report).
 */
export async function decideCompletion(deps: ReviewDeps, p: CompletionDecisionJobPayload, eventId: string): Promise<void> {
  const review = await findCompletionReview(deps.db, p.reviewId);
  if (!review || review.status !== 'pending') return;
  const current = await currentOf(deps.db, review.taskId, review.departmentId);
  if (!current || current.reportId !== review.reportId) {
    await decideCompletionReview(deps.db, review.id, { status: 'superseded', decidedBy: null, decidedAt: deps.now, reason: null });
    deps.logger?.info({ reviewId: review.id }, 'completion replaced by a newer report; decision ignored');
    return;
  }
  const approved = p.decision === 'approve';
  const decided = await decideCompletionReview(deps.db, review.id, {
    status: approved ? 'approved' : 'refused',
    decidedBy: p.deciderOpenId,
    decidedAt: deps.now,
    reason: p.comment,
  });
  if (!decided) return;
  const report = await reportById(deps.db, review.reportId);
  if (!report) return;
  const restored = review.previousStatus && review.previousStatus !== 'pending_review' && review.previousStatus !== 'done' ? review.previousStatus : 'on_track';
  await appendReport(deps.db, {
    taskId: review.taskId,
    departmentId: review.departmentId,
    roundId: review.roundId,
    status: approved ? 'done' : restored,
    progress: approved ? 100 : (review.previousProgress ?? report.progress),
    note: report.note,
    evidenceUrl: report.evidenceUrl,
    evidenceFileId: report.evidenceFileId,
    reporterOpenId: report.reporterOpenId,
    reportedAt: deps.now,
    late: false,
    eventId,
  });
  const task = await taskForUnit(deps.db, review.taskId, review.departmentId);
  const dept = await departmentById(deps.db, review.departmentId);
  if (!task || !dept) return;
  const card = buildOutcomeCard(
    {
      what: '办结审核',
      task: taskRef(task),
      department: dept.name,
      approved,
      by: { name: await nameOf(deps.db, p.deciderOpenId), at: deps.now },
      comment: p.comment,
      detail: approved ? '报送的「已完成」已审核通过。' : `报送的「已完成」被退回，状态恢复为原状态，请补充后重新报送。`,
    },
    deps.timezone,
  );
  const to = dept.chatId ? { chatId: dept.chatId } : { openId: review.requestedBy };
  await deps.send({ kind: 'send', to, content: { card } }, { purpose: 'completion_outcome', ref: `review:${review.id}:outcome` });
}

