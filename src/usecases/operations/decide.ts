import type { Logger } from 'pino';
import type { OperationDecisionPayload } from '../../contracts/inbound.ts';
import { decideOperation, finishOperation } from '../../db/repositories/admin-operations.repository.ts';
import { isAdmin } from '../../db/repositories/directory.repository.ts';
import { isAdminOperation, OPERATION_LABEL } from '../../domain/operations.ts';
import { isDubanError } from '../../errors.ts';
import type { OperationDeps } from './request.ts';
import { runOperation } from './run.ts';

/**
 * 确认 / 取消 on a confirmation card. The decision moves the request out of `pending` once (a row
 * update, in the job's transaction), so of two clicks only the first runs the operation; the
 * outcome is a reply to the card. A refusal a retry cannot fix (no open round, file too large)
 * is the outcome; a passing failure rolls the decision back and the job is retried.
 */
export async function decideOnOperation(deps: OperationDeps & { logger: Logger }, p: OperationDecisionPayload): Promise<'decided' | 'already' | 'refused'> {
  // Checked by the card route too; checked again here, where it is decided.
  if (!(await isAdmin(deps.db, p.operatorOpenId))) return 'refused';
  const row = await decideOperation(deps.db, p.operationId, { status: p.decision === 'confirm' ? 'confirmed' : 'cancelled', by: p.operatorOpenId, at: deps.now });
  if (!row) {
    deps.logger.info({ operationId: p.operationId }, 'operation already decided; nothing run');
    return 'already';
  }
  if (p.decision === 'cancel' || !isAdminOperation(row.operation)) return 'decided';
  const label = OPERATION_LABEL[row.operation];
  let line: string;
  try {
    line = await runOperation(row.operation, { operationId: row.id, openId: p.operatorOpenId }, deps);
    await finishOperation(deps.db, row.id, 'done', line);
    line = `【${label}】已执行：${line}`;
  } catch (e) {
    if (!isDubanError(e) || e.retryable) throw e;
    await finishOperation(deps.db, row.id, 'failed', e.message);
    line = `【${label}】未能执行：${e.message}`;
  }
  const content = { text: line };
  const meta = { purpose: 'operation', ref: `operation:${row.id}:result` };
  await deps.send(p.messageId ? { kind: 'reply', messageId: p.messageId, chatId: p.chatId, content } : { kind: 'send', to: { openId: p.operatorOpenId }, content }, meta);
  return 'decided';
}
