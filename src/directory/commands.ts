/**
 * The admin commands people type in a group while @-mentioning the bot (issue 4 "Directory"):
 *   绑定 运用促进司            bind this chat to the department
 *   绑定 领导                  make this chat a leadership chat
 *   添加填报人 运用促进司 @某人  add the mentioned people as the department's reporters
 * Lark puts mentions in the text as placeholders (`@_user_1`) listed in `message.mentions`.
 */
export type DirectoryCommand =
  | { kind: 'bind_department'; department: string }
  | { kind: 'bind_leadership' }
  | { kind: 'add_reporter'; department: string; mentionKeys: string[] }
  | { kind: 'usage'; message: string };

const PLACEHOLDER = /@_(?:user_\d+|all)/g;
const LEADING_MENTIONS = /^(?:\s*@_user_\d+\s*)+/;

export const USAGE = {
  bind: '用法：绑定 部门名称（如「绑定 运用促进司」），或「绑定 领导」',
  addReporter: '用法：添加填报人 部门名称 @某人（可同时 @ 多人）',
};

/** The command in a message's text, or null when the text is not a directory command. */
export function parseDirectoryCommand(rawText: string): DirectoryCommand | null {
  // The mentions in front address the bot; what follows is the command.
  const text = rawText.replace(/\u3000/g, ' ').replace(LEADING_MENTIONS, '').trim();
  const bind = /^绑定(?:\s+|$)(.*)$/su.exec(text);
  if (bind) {
    const target = bind[1]!.replace(PLACEHOLDER, '').trim();
    if (!target) return { kind: 'usage', message: USAGE.bind };
    if (/^(?:领导|领导群|局领导)$/u.test(target)) return { kind: 'bind_leadership' };
    if (/\s/.test(target)) return { kind: 'usage', message: USAGE.bind };
    return { kind: 'bind_department', department: target };
  }
  const add = /^添加填报人(?:\s+|$)(.*)$/su.exec(text);
  if (add) {
    const rest = add[1]!.trim();
    const department = rest.replace(PLACEHOLDER, ' ').trim().split(/\s+/)[0] ?? '';
    const mentionKeys = rest.match(PLACEHOLDER) ?? [];
    if (!department) return { kind: 'usage', message: USAGE.addReporter };
    return { kind: 'add_reporter', department, mentionKeys };
  }
  return null;
}
