import type { QueryContext } from './types.ts';
import { bigrams } from './search.ts';

export interface DepartmentMatch {
  id: number;
  name: string;
  /** the question with the matched name removed */
  rest: string;
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
        best = { id: d.id, name: d.name, rest: normalized.split(n).join('') };
        bestLength = n.length;
      }
    }
  }
  return best;
}

/**
 * Indicators the question names: 审查周期 matches every indicator containing it; a question containing a whole
 * indicator name matches it; otherwise most of the question's bigrams must appear in the name.
 */
export function findIndicators(core: string, indicators: QueryContext['indicators']): number[] {
  if (core.length < 2) return [];
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s/g, '');
  // A whole name in the question: keep the longest (高价值发明专利审查周期, not also 发明专利审查周期).
  const named = indicators.filter((i) => core.includes(norm(i.name)));
  if (named.length > 0) {
    return named.filter((i) => !named.some((o) => o !== i && norm(o.name).includes(norm(i.name)))).map((i) => i.id);
  }
  // A short word inside several names (商标) is too loose to mean indicators; 审查周期 or 质押 is not.
  const containing = indicators.filter((i) => norm(i.name).includes(core));
  if (containing.length === 1 || (containing.length > 1 && core.length >= 3)) return containing.map((i) => i.id);
  const grams = bigrams(core);
  if (grams.length < 2) return [];
  return indicators
    .filter((i) => {
      const name = norm(i.name);
      const hits = grams.filter((g) => name.includes(g)).length;
      return hits / grams.length >= 0.75;
    })
    .map((i) => i.id);
}
