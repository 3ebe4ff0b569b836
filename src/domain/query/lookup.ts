import type { QueryContext } from './types.ts';

export interface DepartmentMatch {
  id: number;
  name: string;
  /** the question with the matched name removed */
  rest: string;
  /** the name or alias as it was found */
  word: string;
}

/** Names a department is asked by: its name, its aliases, and the name without the 专利局 prefix (审查部). */
function namesOf(d: QueryContext['departments'][number]): string[] {
  const names = [d.name, ...d.aliases];
  if (d.name.startsWith('专利局') && d.name.length > 4) names.push(d.name.slice(3));
  return names.map((n) => n.normalize('NFKC').toLowerCase().replace(/\s/g, '')).filter((n) => n.length >= 2);
}

/** The department whose name or alias appears in the question; the longest match wins (专利局审查部 over 审查部). */
export function findDepartment(normalized: string, departments: QueryContext['departments']): DepartmentMatch | null {
  let best: DepartmentMatch | null = null;
  let bestLength = 0;
  for (const d of departments) {
    for (const n of namesOf(d)) {
      if (n.length > bestLength && normalized.includes(n)) {
        best = { id: d.id, name: d.name, rest: normalized.split(n).join(''), word: n };
        bestLength = n.length;
      }
    }
  }
  return best;
}
