import { compactText } from './normalize.ts';
import { bigrams, idf, type TaskIndex } from './search.ts';
import type { QueryContext } from './types.ts';

type Indicators = QueryContext['indicators'];

export interface IndicatorMatch {
  ids: number[];
  /** share of the question's words (weighted by rarity) found in the name, 0–1 */
  coverage: number;
  /** named by its target value (2400亿, 18.5个月) */
  byValue: boolean;
  /** the question names a whole indicator */
  whole: boolean;
  /** how many of the question's bigrams the best name has (one word such as 商标 names no indicator in particular) */
  matched: number;
}

const nameOf = (s: string): string => compactText(s.normalize('NFKC').toLowerCase());

/** Both characters of the gram in the name, in order, a few apart: 高价值专利 left out 发明 (值…专). */
function inOrder(name: string, gram: string): boolean {
  const [a, b] = [...gram];
  const at = name.indexOf(a!);
  if (at < 0 || b === undefined) return false;
  const next = name.indexOf(b, at + 1);
  return next > at && next - at <= 4;
}

/** Numbers with the unit that follows them: 2400亿 → 2400 亿, 10% → 10 %, 18.5个月. */
function valuesIn(prepared: string): { value: number; unit: string }[] {
  return [...prepared.matchAll(/(\d+(?:\.\d+)?)\s*(个月|月|亿元|亿|万元|万|%|家|个)?/gu)].map((m) => ({ value: Number(m[1]), unit: m[2] ?? '' }));
}

const unitsAgree = (asked: string, unit: string): boolean =>
  asked !== '' && (unit.startsWith(asked) || asked.startsWith(unit) || unit.includes(asked.replace('个', '')));

/**
 * The indicators a question names: by a target value with its unit (2400亿 → the pledge-financing
 * indicator), by a whole name (the longest, so 发明专利审查周期 is not also 高价值…), or by words of
 * the names (the best-covering ones; 审查周期 covers three names equally, so all three).
 */
export function matchIndicators(prepared: string, compact: string, grams: readonly string[], indicators: Indicators, index: TaskIndex): IndicatorMatch | null {
  if (indicators.length === 0) return null;
  const byValue = indicators.filter((i) => i.value !== undefined && valuesIn(prepared).some((v) => v.value === i.value && unitsAgree(v.unit, i.unit ?? '')));
  if (byValue.length > 0) return { ids: byValue.map((i) => i.id), coverage: 1, byValue: true, whole: false, matched: grams.length };

  const named = indicators.filter((i) => compact.includes(nameOf(i.name)));
  if (named.length > 0) {
    const longest = named.filter((i) => !named.some((o) => o !== i && nameOf(o.name).includes(nameOf(i.name))));
    return { ids: longest.map((i) => i.id), coverage: 1, byValue: false, whole: true, matched: grams.length };
  }
  if (grams.length === 0) return null;
  const weights = grams.map((g) => idf(index, g));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const scored = indicators.map((i) => {
    const full = nameOf(i.name);
    const name = new Set(bigrams(full));
    const covered = grams.reduce((s, g, k) => s + (name.has(g) ? weights[k]! : inOrder(full, g) ? weights[k]! / 2 : 0), 0);
    return { id: i.id, coverage: covered / total, matched: grams.filter((g) => name.has(g)).length };
  });
  const best = Math.max(...scored.map((s) => s.coverage));
  if (best <= 0) return null;
  const ties = scored.filter((s) => s.coverage >= best - 1e-9);
  return { ids: ties.map((s) => s.id), coverage: best, byValue: false, whole: false, matched: Math.max(...ties.map((s) => s.matched)) };
}
