import { distance } from 'fastest-levenshtein';
import { normaliseName } from './schema.ts';
import type { KnownDepartment } from './types.ts';

/** Whether `short` can be read out of `long` in order (运用司 in 运用促进司). */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

const shared = (a: string, b: string) => new Set([...a].filter((c) => b.includes(c))).size;

/**
 * The known names closest to `name`: names that abbreviate to it (or it to them) first, since
 * people type 运用司 for 运用促进司; then by edit distance, then by characters in common.
 */
export function nearestNames(name: string, known: readonly KnownDepartment[], max = 3): string[] {
  const wanted = normaliseName(name);
  const scored = known.map((d) => {
    const candidates = [d.name, ...d.aliases];
    const best = Math.min(...candidates.map((c) => distance(wanted, c)));
    const related = candidates.some((c) => isSubsequence(wanted, c) || isSubsequence(c, wanted)) ? 0 : 1;
    const common = Math.max(...candidates.map((c) => shared(wanted, c)));
    return { name: d.name, related, best, common };
  });
  scored.sort((a, b) => a.related - b.related || a.best - b.best || b.common - a.common || a.name.localeCompare(b.name, 'zh'));
  return scored.slice(0, max).map((s) => s.name);
}

/** 未知部门「X」，您是否指：A、B、C */
export function unknownDepartmentMessage(name: string, known: readonly KnownDepartment[]): string {
  const near = nearestNames(name, known);
  return near.length ? `未知部门「${name}」，您是否指：${near.join('、')}` : `未知部门「${name}」（尚无任何部门，请先导入计划）`;
}

/**
 * The same for a command in chat, where regions are units too: a name closest to a regional office
 * (广东知识产权局) is answered in a region's words with the nearest regions.
 */
export function unknownUnitMessage(name: string, known: readonly KnownDepartment[]): string {
  const [first] = nearestNames(name, known, 1);
  const regions = known.filter((d) => d.kind === 'region');
  if (first && regions.some((r) => r.name === first)) return `未知地区「${name}」，您是否指：${nearestNames(name, regions).join('、')}`;
  return unknownDepartmentMessage(name, known.filter((d) => d.kind !== 'region'));
}

/** The department a name or alias refers to (spaces ignored), or null. */
export function resolveDepartment<T extends KnownDepartment>(name: string, known: readonly T[]): T | null {
  const wanted = normaliseName(name);
  return known.find((d) => d.name === wanted) ?? known.find((d) => d.aliases.includes(wanted)) ?? null;
}
