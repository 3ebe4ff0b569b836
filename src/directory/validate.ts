import { nearestNames, resolveDepartment, unknownDepartmentMessage } from './names.ts';
import { KNOWN_REGIONS } from './regions.ts';
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
  problems.push(...checkRegions(dir, known));
  for (const d of dir.departments) if (d.chatId) claim(d.chatId, d.name);
  for (const r of dir.regions) if (r.chatId) claim(r.chatId, r.name);
  for (const l of dir.leadership) claim(l.chatId, `领导群 ${l.name}`);

  for (const i of dir.indicators) {
    if (!resolveDepartment(i.department, all)) {
      problems.push(`指标「${i.indicator}」的填报部门：${unknownDepartmentMessage(i.department, known.length ? known : fromFile)}`);
    }
  }
  return problems;
}

/**
 * Regions: each must be one of the offices the notices address (a typo gets the nearest names),
 * listed once, and never also a department — in the file or in the database — since a unit is
 * either the bureau's or a region's. Problems name the line of the region's entry.
 */
function checkRegions(dir: ParsedDirectory, known: readonly KnownDepartment[]): string[] {
  const problems: string[] = [];
  const departments: KnownDepartment[] = [
    ...dir.departments.map((d) => ({ name: d.name, aliases: d.aliases })),
    ...known.filter((k) => (k.kind ?? 'department') === 'department'),
  ];
  const seen = new Set<string>();
  for (const r of dir.regions) {
    const at = r.line === null ? '' : `第 ${r.line} 行：`;
    const official = resolveDepartment(r.name, KNOWN_REGIONS);
    if (!official) {
      problems.push(`${at}未知地区「${r.name}」，您是否指：${nearestNames(r.name, KNOWN_REGIONS).join('、')}`);
      continue;
    }
    if (official.name !== r.name) problems.push(`${at}地区须写全称「${official.name}」（「${r.name}」可写在 aliases 中）`);
    for (const name of [r.name, ...r.aliases]) {
      const dept = resolveDepartment(name, departments);
      if (dept) problems.push(`${at}「${name}」已作为部门「${dept.name}」列出，不能同时作为地区`);
    }
    if (seen.has(official.name)) problems.push(`${at}地区「${official.name}」在文件中出现了两次`);
    seen.add(official.name);
  }
  return problems;
}
