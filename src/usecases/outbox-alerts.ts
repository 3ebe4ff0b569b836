import { DateTime } from 'luxon';
import type { DbOrTx } from '../db/client.ts';
import { departmentNameOfChat, findChat, findPersonName, listAdmins } from '../db/repositories/directory.repository.ts';
import { isPermanent, larkCodeMeaning } from '../lark/error-meanings.ts';
import type { LarkFailure } from '../lark/errors.ts';
import type { LarkOperation } from '../lark/operations.ts';
import type { Send } from './rounds/ports.ts';

/** Purpose of the admins' private alerts; an alert that itself fails raises no alert. */
export const ALERT_PURPOSE = 'admin_alert';

export interface AlertDeps {
  db: DbOrTx;
  send: Send;
  now: Date;
  timezone: string;
}

/** Where a refused call was going: a chat or a person, when the call names one. */
function targetOf(op: LarkOperation): { chatId: string } | { openId: string } | null {
  if (op.kind === 'send' || op.kind === 'file') return op.to;
  if ((op.kind === 'reply' || op.kind === 'patch') && op.chatId) return { chatId: op.chatId };
  return null;
}

async function describeTarget(db: DbOrTx, target: { chatId: string } | { openId: string }): Promise<string> {
  if ('openId' in target) return `「${(await findPersonName(db, target.openId)) ?? target.openId}」（${target.openId}）的私聊`;
  const dept = await departmentNameOfChat(db, target.chatId);
  const chat = await findChat(db, target.chatId);
  const name = dept ? `${dept}的群` : chat?.name ? `群「${chat.name}」` : '群';
  return `${name}（${target.chatId}）`;
}

/**
 * When Lark refuses a send for good (bot not in the chat, chat dissolved, no permission …), each
 * admin gets one private message naming the chat and the fix — once per chat, code and day: the
 * ref carries all three, and the outbox sends one message per ref.
 */
export async function alertAdminsOfRejection(deps: AlertDeps, purpose: string, op: LarkOperation, failure: LarkFailure): Promise<number> {
  if (purpose === ALERT_PURPOSE || !isPermanent(failure.code)) return 0;
  // Told already by lark-refusals.ts: its own notices, and a task detail the person cannot receive.
  if (purpose === 'card_refused' || purpose === 'unreachable' || (purpose === 'task_detail' && failure.code === 230013)) return 0;
  const target = targetOf(op);
  const key = target ? ('chatId' in target ? target.chatId : target.openId) : 'app';
  const admins = await listAdmins(deps.db);
  if (!admins.length) return 0;
  const where = target ? await describeTarget(deps.db, target) : '飞书';
  const { meaning, fix } = larkCodeMeaning(failure.code);
  const text = `【督办机器人】无法发送到${where}：${meaning}（飞书错误码 ${failure.code}）。\n处理办法：${fix}\n查看全部发送失败：duban outbox failed`;
  const day = DateTime.fromJSDate(deps.now, { zone: deps.timezone }).toISODate();
  for (const admin of admins) {
    await deps.send({ kind: 'send', to: { openId: admin }, content: { text } }, { purpose: ALERT_PURPOSE, ref: `${key}:${failure.code}:${day}:${admin}` });
  }
  return admins.length;
}
