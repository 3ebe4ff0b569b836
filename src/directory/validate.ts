import { resolveDepartment, unknownDepartmentMessage } from './names.ts';
import type { KnownDepartment, ParsedDirectory } from './types.ts';

/**
 * Consistency of a parsed directory against the departments the database knows (from the plan
 * import) plus, when `allowNew`, the ones the file itself introduces. Returns every problem.
 */
export function checkDirectory(dir: ParsedDirectory, known: readonly KnownDepartment[], opts: { allowNew?: boolean } = {}): string[] {
  const problems: string[] = [];
  const fromFile: KnownDepartment[] = dir.departments.map((d) => ({ name: d.name, aliases: d.aliases }));
  const all = opts.allowNew ? [...known, ...fromFile] : known;

  const seen = new Map<string, string>();
  for (const d of dir.departments) {
    const target = resolveDepartment(d.name, all);
    if (!target) {
      problems.push(unknownDepartmentMessage(d.name, known.length ? known : fromFile));
      continue;
    }
    if (seen.has(target.name)) problems.push(`部门「${target.name}」在文件中出现了两次`);
    seen.set(target.name, d.name);
    for (const alias of d.aliases) {
      const other = resolveDepartment(alias, all);
      if (other && other.name !== target.name) problems.push(`别名「${alias}」已属于「${other.name}」，不能再用于「${target.name}」`);
    }
  }

  const chats = new Map<string, string>();
  const claim = (chatId: string, owner: string) => {
    const prev = chats.get(chatId);
    if (prev && prev !== owner) problems.push(`群 ${chatId} 同时绑定了「${prev}」和「${owner}」`);
    chats.set(chatId, owner);
  };
  for (const d of dir.departments) if (d.chatId) claim(d.chatId, d.name);
  for (const l of dir.leadership) claim(l.chatId, `领导群 ${l.name}`);

  for (const i of dir.indicators) {
    if (!resolveDepartment(i.department, all)) {
      problems.push(`指标「${i.indicator}」的填报部门：${unknownDepartmentMessage(i.department, known.length ? known : fromFile)}`);
    }
  }
  return problems;
}
