import type { BotMembershipPayload } from '../contracts/inbound.ts';
import { departmentNameOfChat, findPersonName, listAdmins, setChatBotStatus } from '../db/repositories/directory.repository.ts';
import type { AlertDeps } from './outbox-alerts.ts';
import { ALERT_PURPOSE } from './outbox-alerts.ts';

/**
 * The bot joined or left a chat: record it on the chat (doctor and the admins read it) and tell
 * each admin privately — leaving a department's chat means its cards cannot arrive.
 */
export async function recordBotMembership(deps: AlertDeps, p: BotMembershipPayload, eventId: string): Promise<void> {
  const chat = await setChatBotStatus(deps.db, p.chatId, p.change === 'added' ? 'in' : 'removed', deps.now, p.chatName ?? null);
  const dept = await departmentNameOfChat(deps.db, p.chatId);
  const who = p.operatorOpenId ? ((await findPersonName(deps.db, p.operatorOpenId)) ?? p.operatorOpenId) : '有人';
  const where = `群「${chat.name ?? p.chatName ?? p.chatId}」（${p.chatId}${dept ? `，${dept}的填报群` : ''}）`;
  const text =
    p.change === 'added'
      ? `【督办机器人】${who}把机器人加入了${where}。${dept ? '' : '如需让某部门在此填报，请在目录文件中绑定此 chat_id，或在群里 @机器人 绑定 部门名。'}`
      : `【督办机器人】${who}把机器人移出了${where}。${dept ? `${dept}将收不到本周任务卡片和催办：请把机器人重新拉进该群，再运行 duban outbox retry --all。` : ''}`;
  for (const admin of await listAdmins(deps.db)) {
    await deps.send({ kind: 'send', to: { openId: admin }, content: { text } }, { purpose: ALERT_PURPOSE, ref: `bot-membership:${eventId}:${admin}` });
  }
}
