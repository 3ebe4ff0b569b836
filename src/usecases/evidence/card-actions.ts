import type { EvidenceAttachValue, EvidenceViewValue } from '../../cards/evidence-cards.ts';
import type { CardActionOutcome, LarkCardAction, RouteContext } from '../../contracts/inbound.ts';
import type { Db } from '../../db/client.ts';
import { listAdmins, listReporters } from '../../db/repositories/directory.repository.ts';
import { currentOf, findCompletionReview, leadDepartmentOf, reportById, taskForUnit } from '../../db/repositories/review.repository.ts';
import { checkSubmission, taskFactsFrom, type AccessDirectory } from '../../domain/authorise.ts';
import { checkAttachable, checkEvidenceViewer, evidenceRefusal, taskLabel } from '../../domain/evidence.ts';
import { checkFileName } from '../../domain/results/files.ts';
import { MAX_DB_ID } from '../../domain/submission.ts';

const error = (content: string): CardActionOutcome => ({ toast: { type: 'error', content } });
const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) <= MAX_DB_ID;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

export const EVIDENCE_VIEW_TOAST = '正在私信发送佐证文件，请查看与督办机器人的单聊';

/** Whether a card action belongs to 办结佐证 (its value's kind), however malformed the rest. */
export const isEvidenceAction = (raw: unknown): boolean =>
  Boolean(raw && typeof raw === 'object' && ['evidence_attach', 'evidence_view'].includes(String((raw as { kind?: unknown }).kind)));

function attachValue(raw: unknown): EvidenceAttachValue | null {
  const v = raw as Partial<EvidenceAttachValue> | null;
  if (!v || typeof v !== 'object' || v.kind !== 'evidence_attach') return null;
  const ok = isId(v.planId) && isId(v.departmentId) && isId(v.taskId) && isText(v.messageId, 100) && isText(v.chatId, 100) && isText(v.fileKey, 200) && isText(v.fileName, 400);
  return ok ? (v as EvidenceAttachValue) : null;
}

function viewValue(raw: unknown): EvidenceViewValue | null {
  const v = raw as Partial<EvidenceViewValue> | null;
  return v && typeof v === 'object' && v.kind === 'evidence_view' && isId(v.reviewId) ? (v as EvidenceViewValue) : null;
}

/**
 * The 办结佐证 card actions, decided in the webhook (reads only):
 * - a task chosen for a file: only a reporter of the unit (from the directory in memory, the same
 *   rule as a report), only a task of the unit's that is not approved as done, only a document's
 *   name; queues the `evidence_file` job that downloads and stores it;
 * - 查看佐证文件 on a review card: only the review's reviewers and the admins; queues the
 *   `evidence_file_send` job that sends the file privately.
 * A refusal says why and queues nothing.
 */
export async function evidenceCardAction(db: Db, raw: unknown, action: LarkCardAction, ctx: RouteContext & { dir: AccessDirectory }): Promise<CardActionOutcome> {
  const operator = action.operatorOpenId!;
  const attach = attachValue(raw);
  if (attach) {
    const allowed = checkSubmission(taskFactsFrom(ctx.dir, attach, operator));
    if (!allowed.ok) {
      ctx.logger.info({ refusal: allowed.code }, 'evidence attachment refused');
      return error(evidenceRefusal(allowed.message));
    }
    const task = await taskForUnit(db, attach.taskId, attach.departmentId);
    const label = task ? taskLabel(task) : '该任务';
    const attachable = checkAttachable({ label, status: (await currentOf(db, attach.taskId, attach.departmentId))?.status ?? null });
    if (!attachable.ok) return error(attachable.message);
    const named = checkFileName(attach.fileName, '办结佐证');
    if (!named.ok) return error(named.message);
    const { kind: _kind, ...file } = attach;
    return {
      toast: { type: 'info', content: `正在将文件作为${label}的办结佐证保存，督办会在会话中回复结果` },
      job: { kind: 'evidence_file', payload: { ...file, senderOpenId: operator } },
    };
  }
  const view = viewValue(raw);
  if (view) {
    const review = await findCompletionReview(db, view.reviewId);
    if (!review) return error('该办结审核不存在');
    const lead = review.reviewer === 'lead' ? await leadDepartmentOf(db, review.taskId) : null;
    const reviewers = lead ? (await listReporters(db, lead.id)).map((r) => r.openId) : [];
    const allowed = checkEvidenceViewer({ operator, reviewers, admins: await listAdmins(db) });
    if (!allowed.ok) return error(allowed.message);
    const report = await reportById(db, review.reportId);
    if (!report?.evidenceFileId) return error('这项办结报送没有附佐证文件');
    return {
      toast: { type: 'info', content: EVIDENCE_VIEW_TOAST },
      job: { kind: 'evidence_file_send', payload: { reviewId: review.id, evidenceFileId: report.evidenceFileId, openId: operator } },
    };
  }
  return error('无法识别的办结佐证操作，请在最新的卡片上操作');
}
