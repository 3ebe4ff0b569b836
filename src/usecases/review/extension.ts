import type { DbOrTx } from '../../db/client.ts';
import type { ExtensionDecisionJobPayload, ExtensionFormJobPayload, ExtensionRequestJobPayload } from '../../contracts/inbound.ts';
import { listAdmins } from '../../db/repositories/directory.repository.ts';
import {
  decideExtension,
  departmentById,
  findPendingExtension,
  insertExtension,
  leadDepartmentOf,
  setExtendedDueDate,
  taskForUnit,
} from '../../db/repositories/review.repository.ts';
import { buildExtensionDecisionCard, buildExtensionFormCard, buildOutcomeCard } from '../../cards/review-cards.ts';
import { extensionLimit } from '../../domain/extension.ts';
import { extensionApprovers } from '../../domain/review.ts';
import { DubanError } from '../../errors.ts';
import type { Send } from '../rounds/ports.ts';
import { extensionView, nameOf, taskRef } from './views.ts';

export interface ReviewDeps {
  db: DbOrTx;
  send: Send;
  now: Date;
  timezone: string;
  logger?: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

/** 申请延期 clicked: the extension card goes to the reporter privately. */
export async function sendExtensionForm(deps: ReviewDeps, p: ExtensionFormJobPayload, eventId: string): Promise<void> {
  const task = await taskForUnit(deps.db, p.taskId, p.departmentId);
  const dept = await departmentById(deps.db, p.departmentId);
  if (!task || !dept) throw new DubanError('TASK_UNKNOWN', `任务 ${p.taskId} 不存在`, { retryable: false });
  const card = buildExtensionFormCard({
    task: taskRef(task),
    department: dept.name,
    currentDueDate: task.effectiveDueDate,
    limit: extensionLimit(task.planYear),
    action: { kind: 'extension_request', planId: p.planId, departmentId: p.departmentId, taskId: p.taskId },
  });
  const context = p.chatId ? { chatId: p.chatId, ...(p.messageId ? { messageId: p.messageId } : {}) } : undefined;
  await deps.send({ kind: 'send', to: { openId: p.openId }, content: { card } }, { purpose: 'extension_form', ref: `event:${eventId}`, context });
}

/** A checked request: stored once, and its decision card sent to each approver privately. */
export async function requestExtension(deps: ReviewDeps, p: ExtensionRequestJobPayload, eventId: string): Promise<void> {
  const task = await taskForUnit(deps.db, p.taskId, p.departmentId);
  if (!task) throw new DubanError('TASK_UNKNOWN', `任务 ${p.taskId} 不存在`, { retryable: false });
  // Two submissions racing past the route: the first one stored wins, the other is dropped.
  if (await findPendingExtension(deps.db, p.taskId, p.departmentId)) {
    deps.logger?.info({ taskId: p.taskId }, 'extension already pending; request dropped');
    return;
  }
  const row = await insertExtension(deps.db, {
    taskId: p.taskId,
    departmentId: p.departmentId,
    previousDueDate: task.effectiveDueDate,
    newDueDate: p.newDueDate,
    reason: p.reason,
    requestedBy: p.requesterOpenId,
    requestedAt: deps.now,
    eventId,
  });
  if (!row) return;
  const lead = await leadDepartmentOf(deps.db, p.taskId);
  const to = extensionApprovers({ leadApprover: lead?.approverOpenId ?? null, admins: await listAdmins(deps.db), requester: p.requesterOpenId });
  if (to.openIds.length === 0) deps.logger?.warn({ extensionId: row.id }, 'no approver for the extension request (no admins besides the requester)');
  const card = buildExtensionDecisionCard(await extensionView(deps.db, row), deps.timezone);
  for (const openId of to.openIds) {
    await deps.send({ kind: 'send', to: { openId }, content: { card } }, { purpose: 'extension_request', ref: `extension:${row.id}:to:${openId}` });
  }
}

/** 同意 / 不同意: decided once (a second decision does nothing); approval moves the due date. The unit is told. */
export async function decideExtensionRequest(deps: ReviewDeps, p: ExtensionDecisionJobPayload): Promise<void> {
  const row = await decideExtension(deps.db, p.extensionId, {
    status: p.decision === 'approve' ? 'approved' : 'refused',
    decidedBy: p.deciderOpenId,
    decidedAt: deps.now,
    comment: p.comment,
  });
  if (!row) {
    deps.logger?.info({ extensionId: p.extensionId }, 'extension already decided; nothing to do');
    return;
  }
  if (row.status === 'approved') await setExtendedDueDate(deps.db, row.taskId, row.newDueDate);
  const task = await taskForUnit(deps.db, row.taskId, row.departmentId);
  const dept = await departmentById(deps.db, row.departmentId);
  if (!task || !dept) return;
  const approved = row.status === 'approved';
  const card = buildOutcomeCard(
    {
      what: '延期申请',
      task: taskRef(task),
      department: dept.name,
      approved,
      by: { name: await nameOf(deps.db, p.deciderOpenId), at: deps.now },
      comment: p.comment,
      detail: approved ? `完成时限：${row.previousDueDate ?? '未定'} → **${row.newDueDate}**（预警、逾期按新时限计算）` : `申请的新时限 ${row.newDueDate} 未获同意，完成时限仍为 ${row.previousDueDate ?? '未定'}`,
    },
    deps.timezone,
  );
  // The unit's chat when it has one (its reporters see it), else the requester privately.
  const to = dept.chatId ? { chatId: dept.chatId } : { openId: row.requestedBy };
  await deps.send({ kind: 'send', to, content: { card } }, { purpose: 'extension_outcome', ref: `extension:${row.id}:outcome` });
}
