import type { OperationRequestPayload } from '../../contracts/inbound.ts';
import type { DbOrTx } from '../../db/client.ts';
import { insertOperationRequest } from '../../db/repositories/admin-operations.repository.ts';
import { findPersonName, isAdmin } from '../../db/repositories/directory.repository.ts';
import { buildOperationCard } from '../../cards/operation-card.ts';
import { escapeMessageText } from '../../domain/escape.ts';
import { isAdminOperation, OPERATION_LABEL, operationOfMenuKey, type AdminOperation } from '../../domain/operations.ts';
import type { MessageContent } from '../../lark/operations.ts';
import type { Send } from '../rounds/ports.ts';
import { previewOperation } from './preview.ts';

export interface OperationDeps {
  db: DbOrTx;
  send: Send;
  now: Date;
  timezone: string;
}

export const notAdminReply = (op: AdminOperation): string =>
  `抱歉，只有督办管理员可以执行「${OPERATION_LABEL[op]}」。未执行任何操作；如需执行，请联系督办管理员。`;

/** What an outsider's click on an unknown menu item gets (a menu the app has, duban does not). */
const unknownMenuReply = (key: string): string =>
  `未知的菜单项「${escapeMessageText(key)}」，未执行任何操作。督办的菜单项为：${Object.values(OPERATION_LABEL).join('、')}。`;

/**
 * An admin operation asked in Lark: a non-admin is told no and nothing is stored; an admin gets
 * the confirmation card, saying what will happen, with 确认 / 取消 — nothing runs before 确认. The
 * answer is a reply to a chat command, or a private message for a menu click.
 */
export async function requestOperation(deps: OperationDeps, p: OperationRequestPayload, eventId: string): Promise<'refused' | 'blocked' | 'asked'> {
  const answer = (content: MessageContent, ref: string) =>
    deps.send(
      p.messageId ? { kind: 'reply', messageId: p.messageId, chatId: p.chatId, content } : { kind: 'send', to: { openId: p.operatorOpenId }, content },
      { purpose: 'operation', ref },
    );
  const op = isAdminOperation(p.operation) && p.source === 'message' ? p.operation : p.source === 'menu' ? operationOfMenuKey(p.operation) : null;
  if (!op) {
    await answer({ text: unknownMenuReply(p.operation) }, `operation-request:${eventId}`);
    return 'refused';
  }
  if (!(await isAdmin(deps.db, p.operatorOpenId))) {
    await answer({ text: notAdminReply(op) }, `operation-request:${eventId}`);
    return 'refused';
  }
  const preview = await previewOperation(deps.db, op, deps);
  if (preview.blocked) {
    await answer({ text: `暂不能「${OPERATION_LABEL[op]}」：${preview.blocked}` }, `operation-request:${eventId}`);
    return 'blocked';
  }
  const row = await insertOperationRequest(deps.db, {
    requestKey: eventId,
    operation: op,
    source: p.source,
    requestedBy: p.operatorOpenId,
    requestedAt: deps.now,
    chatId: p.messageId ? (p.chatId ?? null) : null,
    preview: preview.lines,
  });
  const requestedBy = (await findPersonName(deps.db, p.operatorOpenId)) ?? '管理员';
  const card = buildOperationCard({ id: row.id, operation: op, lines: row.preview, requestedBy, timezone: deps.timezone });
  await answer({ card }, `operation:${row.id}:confirm`);
  return 'asked';
}
