import type { Db } from '../db/client.ts';
import * as repo from '../db/repositories/directory.repository.ts';
import { parseDirectoryCommand, USAGE } from '../directory/commands.ts';
import { unknownUnitMessage } from '../directory/names.ts';
import { OPEN_ID } from '../directory/schema.ts';
import { escapeMessageText } from '../domain/escape.ts';

/** A mention as Lark sends it in `message.mentions`. */
export interface MessageMention {
  key: string;
  id: { open_id?: string | null };
  name?: string | null;
}

export interface DirectoryCommandInput {
  /** the text of the message, mention placeholders included */
  text: string;
  mentions: readonly MessageMention[];
  chatId: string;
  chatName?: string | null;
  senderOpenId: string;
  /** the bot's own open_id, so mentioning it is never taken as a reporter */
  botOpenId?: string | null;
}

export interface DirectoryCommandResult {
  /** the Chinese reply to post in the chat */
  reply: string;
  changed: boolean;
}

export const NOT_ADMIN_REPLY = '抱歉，只有督办管理员可以执行「绑定」「添加填报人」等管理操作。如需调整，请联系督办管理员。';

/**
 * Runs an admin directory command from a group message. Returns null when the message is not one
 * (so the question answering can take it); otherwise the reply. Only admins change anything.
 */
export async function runDirectoryCommand(db: Db, input: DirectoryCommandInput): Promise<DirectoryCommandResult | null> {
  const result = await run(db, input);
  // Replies echo what people typed (a department name, a mention's name); they must not mention anyone.
  return result && { ...result, reply: escapeMessageText(result.reply) };
}

async function run(db: Db, input: DirectoryCommandInput): Promise<DirectoryCommandResult | null> {
  const command = parseDirectoryCommand(input.text);
  if (!command) return null;
  if (!(await repo.isAdmin(db, input.senderOpenId))) return { reply: NOT_ADMIN_REPLY, changed: false };
  if (command.kind === 'usage') return { reply: command.message, changed: false };

  if (command.kind === 'bind_leadership') {
    await db.transaction((tx) => repo.bindLeadershipChat(tx, input.chatId, input.chatName ?? null));
    return { reply: '已将本群设为领导群，每周督办简报将发送到这里。', changed: true };
  }

  const dept = await repo.findDepartmentByNameOrAlias(db, command.department);
  if (!dept) return { reply: unknownUnitMessage(command.department, await repo.listDepartments(db)), changed: false };

  if (command.kind === 'bind_department') {
    await db.transaction((tx) => repo.bindDepartmentChat(tx, dept.id, input.chatId, input.chatName ?? null));
    const unit = dept.kind === 'region' ? '该地区' : '该部门';
    return { reply: `已将本群绑定为「${dept.name}」的工作群，${unit}的任务填报卡片和催办将发送到这里。`, changed: true };
  }

  if (command.mentionKeys.includes('@_all')) return { reply: '不能把「所有人」添加为填报人，请 @ 具体的人。', changed: false };
  const people = command.mentionKeys
    .map((key) => input.mentions.find((m) => m.key === key))
    .filter((m): m is MessageMention => !!m && !!m.id.open_id && OPEN_ID.test(m.id.open_id) && m.id.open_id !== input.botOpenId)
    .map((m) => ({ openId: m.id.open_id!, name: m.name?.trim() || null }));
  if (people.length === 0) return { reply: `请 @ 要添加的人。${USAGE.addReporter}`, changed: false };

  const added: string[] = [];
  const already: string[] = [];
  await db.transaction(async (tx) => {
    await repo.upsertPeople(tx, people);
    for (const p of people) ((await repo.addReporter(tx, dept.id, p.openId)) ? added : already).push(p.name ?? p.openId);
  });
  const lines: string[] = [];
  if (added.length) lines.push(`已将 ${added.join('、')} 添加为「${dept.name}」的填报人。`);
  if (already.length) lines.push(`${already.join('、')} 已是「${dept.name}」的填报人。`);
  return { reply: lines.join('\n'), changed: added.length > 0 };
}
