import type { QueryContext, SearchCandidate } from './types.ts';

/** Overlapping character pairs: 专利导航 → 专利, 利导, 导航. One character is its own gram. */
export function bigrams(text: string): string[] {
  const chars = [...text];
  if (chars.length === 1) return chars;
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');

interface Doc {
  number: number;
  title: string;
  measures: string;
}
// The same context object is reused across questions (the use case caches it), so normalize each text once.
const docsCache = new WeakMap<QueryContext['tasks'], Doc[]>();
function normalizedDocs(tasks: QueryContext['tasks']): Doc[] {
  let docs = docsCache.get(tasks);
  if (!docs) {
    docs = tasks.map((t) => ({ number: t.number, title: norm(t.title), measures: norm(t.measuresText) }));
    docsCache.set(tasks, docs);
  }
  return docs;
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0 && count < 10; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** Below this a task is not offered: the words must be in the title, or the whole phrase in the measures. */
export const MIN_SCORE = 0.6;

/**
 * Scores every task against the question: each bigram weighs by its rarity across tasks (知识产权 is everywhere,
 * 导航 is not), counts fully in the title and half in the measures; the whole phrase adds a bonus, more when it
 * recurs in the measures. Best first, only those at or above MIN_SCORE.
 */
export function scoreTasks(core: string, tasks: QueryContext['tasks']): SearchCandidate[] {
  const grams = bigrams(core);
  if (grams.length === 0 || tasks.length === 0) return [];
  const docs = normalizedDocs(tasks);
  const weights = grams.map((g) => {
    const df = docs.filter((d) => d.title.includes(g) || d.measures.includes(g)).length;
    return df === 0 ? 0 : Math.log(1 + docs.length / df);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return [];
  const phrase = core.length >= 2;
  const scored: SearchCandidate[] = [];
  for (const d of docs) {
    let s = 0;
    grams.forEach((g, i) => {
      if (d.title.includes(g)) s += weights[i]!;
      else if (d.measures.includes(g)) s += weights[i]! / 2;
    });
    let score = s / total;
    if (phrase && d.title.includes(core)) score += 0.5;
    const inMeasures = phrase ? occurrences(d.measures, core) : 0;
    if (inMeasures > 0) score += 0.2 + 0.03 * inMeasures;
    if (score >= MIN_SCORE) scored.push({ number: d.number, score: Math.round(score * 1000) / 1000 });
  }
  return scored.sort((a, b) => b.score - a.score || a.number - b.number);
}

/** One answer when the best is clearly ahead of the next; otherwise up to three to choose from. */
export function pickCandidates(scored: SearchCandidate[]): { candidates: SearchCandidate[]; confident: boolean } {
  const [top, second] = scored;
  if (!top) return { candidates: [], confident: false };
  if (!second || (top.score - second.score >= 0.3 && top.score >= second.score * 1.4)) {
    return { candidates: [top], confident: true };
  }
  return { candidates: scored.filter((c) => c.score >= top.score * 0.6).slice(0, 3), confident: false };
}
