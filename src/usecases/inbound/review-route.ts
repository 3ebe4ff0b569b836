import type { CardActionOutcome, LarkCardAction, RouteContext } from '../../contracts/inbound.ts';
import type { Db } from '../../db/client.ts';
import { listAdmins, listReporters } from '../../db/repositories/directory.repository.ts';
import { findPendingExtension, leadDepartmentOf, taskForUnit } from '../../db/repositories/review.repository.ts';
import { buildCompletionReviewCard, buildExtensionDecisionCard } from '../../cards/review-cards.ts';
import { checkSubmission, taskFactsFrom, type AccessDirectory } from '../../domain/authorise.ts';
import { DECISION_FIELDS, EXTENSION_FIELDS, localDate, reviewActionSchema, validateExtensionRequest, validateDecisionComment, type ReviewAction } from '../../domain/extension.ts';
import { checkDecider } from '../../domain/review.ts';
import { formatLocalTime } from '../../domain/rounds.ts';
import { completionView, extensionView, findCompletionReview, findExtension, nameOf } from '../review/views.ts';

const error = (content: string): CardActionOutcome => ({ toast: { type: 'error', content } });
const info = (content: string): CardActionOutcome => ({ toast: { type: 'info', content } });

export const EXTENSION_FORM_TOAST = '已私信发送延期申请表，请在与督办机器人的单聊中填写';

/** The card actions of 延期申请 and 办结审核, or null for any other action. */
export function parseReviewAction(raw: unknown): ReviewAction | null {
  const kind = typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
  if (kind !== 'extension_open' && kind !== 'extension_request' && kind !== 'extension_decide' && kind !== 'completion_decide') return null;
  const parsed = reviewActionSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Validates and authorises a 延期申请 / 办结审核 action (reads only) and names the job to queue:
 * only a unit's reporters ask, for tasks the unit answers for; only approvers decide, never
 * their own request; a decided request answers what was decided and queues nothing.
 */
export async function routeReviewAction(
  db: Db,
  a: ReviewAction,
  action: LarkCardAction,
  operator: string,
  ctx: RouteContext & { timezone: string; dir: AccessDirectory },
): Promise<CardActionOutcome> {
  const form = (action.formValue ?? {}) as Record<string, unknown>;
  if (a.kind === 'extension_open' || a.kind === 'extension_request') {
    // who may ask, from the directory in memory (the same check as a report's, no query)
    const facts = taskFactsFrom(ctx.dir, a, operator);
    const allowed = checkSubmission(facts);
    if (!allowed.ok) {
      ctx.logger.info({ refusal: allowed.code }, 'extension refused');
      return error(allowed.message.replace('无法提交', '无法申请延期'));
    }
    const pending = await findPendingExtension(db, a.taskId, a.departmentId);
    if (pending) return error(`该任务已有待审批的延期申请（至 ${pending.newDueDate}），请等待审批结果`);
    if (a.kind === 'extension_open') {
      const payload = { planId: a.planId, departmentId: a.departmentId, taskId: a.taskId, openId: operator, chatId: action.openChatId, messageId: action.openMessageId };
      return { toast: { type: 'info', content: EXTENSION_FORM_TOAST }, job: { kind: 'extension_form', payload } };
    }
    const task = await taskForUnit(db, a.taskId, a.departmentId);
    if (!task) return error('该任务已不存在，请在最新的卡片上操作');
    const checked = validateExtensionRequest({
      date: form[EXTENSION_FIELDS.date],
      reason: form[EXTENSION_FIELDS.reason],
      today: localDate(ctx.now(), ctx.timezone),
      planYear: task.planYear,
      currentDueDate: task.effectiveDueDate,
    });
    if (!checked.ok) return error(checked.message);
    const payload = { planId: a.planId, departmentId: a.departmentId, taskId: a.taskId, newDueDate: checked.newDueDate, reason: checked.reason, requesterOpenId: operator };
    return { toast: { type: 'success', content: `延期申请已提交（新时限 ${checked.newDueDate}），等待审批` }, job: { kind: 'extension_request', payload } };
  }

  const decision = a.decision;
  if (a.kind === 'extension_decide') {
    const ext = await findExtension(db, a.extensionId);
    if (!ext) return error('该延期申请不存在');
    if (ext.status !== 'pending') return info(await alreadyDecided(db, ext, ctx.timezone));
    const lead = await leadDepartmentOf(db, ext.taskId);
    const admins = await listAdmins(db);
    const allowed = checkDecider({ operator, requester: ext.requestedBy, allowed: lead?.approverOpenId ? [lead.approverOpenId] : [], admins, what: '延期申请' });
    if (!allowed.ok) return error(allowed.message);
    const comment = validateDecisionComment(form[DECISION_FIELDS.comment], decision);
    if (!comment.ok) return error(comment.message);
    const view = await extensionView(db, ext);
    const card = buildExtensionDecisionCard({ ...view, decided: { approved: decision === 'approve', by: { name: await nameOf(db, operator), at: ctx.now() }, comment: comment.comment } }, ctx.timezone);
    return {
      toast: { type: 'success', content: decision === 'approve' ? `已同意延期至 ${ext.newDueDate}` : '已不同意该延期申请，申请单位会收到理由' },
      job: { kind: 'extension_decision', payload: { extensionId: ext.id, decision, comment: comment.comment, deciderOpenId: operator } },
      card: { type: 'raw', data: card },
    };
  }

  const review = await findCompletionReview(db, a.reviewId);
  if (!review) return error('该办结审核不存在');
  if (review.status !== 'pending') return info(await alreadyDecided(db, review, ctx.timezone));
  const lead = await leadDepartmentOf(db, review.taskId);
  const reviewers = review.reviewer === 'lead' && lead ? (await listReporters(db, lead.id)).map((r) => r.openId) : [];
  const allowed = checkDecider({ operator, requester: review.requestedBy, allowed: reviewers, admins: await listAdmins(db), what: '办结审核' });
  if (!allowed.ok) return error(allowed.message);
  const comment = validateDecisionComment(form[DECISION_FIELDS.comment], decision);
  if (!comment.ok) return error(comment.message);
  const view = await completionView(db, review);
  const card = buildCompletionReviewCard({ ...view, decided: { approved: decision === 'approve', by: { name: await nameOf(db, operator), at: ctx.now() }, comment: comment.comment } }, ctx.timezone);
  return {
    toast: { type: 'success', content: decision === 'approve' ? '已审核通过' : '已退回，报送单位会收到理由' },
    job: { kind: 'completion_decision', payload: { reviewId: review.id, decision, comment: comment.comment, deciderOpenId: operator } },
    card: { type: 'raw', data: card },
  };
}

async function alreadyDecided(db: Db, r: { status: string; decidedBy: string | null; decidedAt: Date | null }, tz: string): Promise<string> {
  if (r.status === 'superseded') return '该报送已被更新的填报取代，无需审核';
  const who = r.decidedBy ? await nameOf(db, r.decidedBy) : '—';
  const when = r.decidedAt ? formatLocalTime(r.decidedAt, tz) : '';
  return `该申请已由 ${who} 于 ${when} 处理（${r.status === 'approved' ? '同意' : '不同意'}），无需重复操作`;
}
