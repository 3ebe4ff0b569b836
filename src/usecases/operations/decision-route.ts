import { buildOperationCard, type OperationActionValue } from '../../cards/operation-card.ts';
import type { CardActionOutcome } from '../../contracts/inbound.ts';
import type { DbOrTx } from '../../db/client.ts';
import { findOperation } from '../../db/repositories/admin-operations.repository.ts';
import { findPersonName, isAdmin } from '../../db/repositories/directory.repository.ts';
import { isAdminOperation, OPERATION_LABEL } from '../../domain/operations.ts';
import { formatLocalTime } from '../../domain/rounds.ts';
import { MAX_DB_ID } from '../../domain/submission.ts';

/** A click on 确认 / 取消 of an admin operation's card (src/cards/operation-card.ts). */
export function isOperationDecision(v: unknown): v is OperationActionValue {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Partial<OperationActionValue>;
  return o.kind === 'admin_operation' && Number.isInteger(o.id) && o.id! >= 1 && o.id! <= MAX_DB_ID && (o.decision === 'confirm' || o.decision === 'cancel');
}

const error = (content: string): CardActionOutcome => ({ toast: { type: 'error', content } });

/**
 * Answers the click at once (reads only): a non-admin is refused; a request already decided says
 * so and queues nothing; otherwise the decision is queued and the card loses its buttons. The
 * worker decides once (usecases/operations/decide.ts), so two quick clicks still run it once.
 */
export async function routeOperationDecision(
  db: DbOrTx,
  v: OperationActionValue,
  a: { operator: string; now: Date; timezone: string; messageId?: string; chatId?: string },
): Promise<CardActionOutcome> {
  const row = await findOperation(db, v.id);
  if (!row || !isAdminOperation(row.operation)) return error('该操作不存在或卡片已过期');
  const label = OPERATION_LABEL[row.operation];
  if (!(await isAdmin(db, a.operator))) return error(`只有督办管理员可以确认或取消「${label}」，未执行任何操作`);
  const nameOf = async (openId: string) => (await findPersonName(db, openId)) ?? '管理员';
  const view = { id: row.id, operation: row.operation, lines: row.preview, requestedBy: await nameOf(row.requestedBy), timezone: a.timezone };
  if (row.status !== 'pending') {
    const by = row.decidedBy ? await nameOf(row.decidedBy) : '管理员';
    const at = row.decidedAt ?? a.now;
    const state = row.status === 'cancelled' ? ('cancelled' as const) : ('confirmed' as const);
    const said = state === 'cancelled' ? `已由 ${by} 于 ${formatLocalTime(at, a.timezone)} 取消` : `已由 ${by} 于 ${formatLocalTime(at, a.timezone)} 确认执行`;
    return { toast: { type: 'info', content: `「${label}」${said}，不再重复执行` }, card: { type: 'raw', data: buildOperationCard(view, { state, by, at }) } };
  }
  const by = await nameOf(a.operator);
  const state = v.decision === 'confirm' ? ('confirmed' as const) : ('cancelled' as const);
  return {
    toast: v.decision === 'confirm' ? { type: 'success', content: `已确认「${label}」，正在执行` } : { type: 'info', content: `已取消「${label}」，未执行任何操作` },
    card: { type: 'raw', data: buildOperationCard(view, { state, by, at: a.now }) },
    job: { kind: 'operation_decision', payload: { operationId: row.id, decision: v.decision, operatorOpenId: a.operator, messageId: a.messageId, chatId: a.chatId } },
  };
}
