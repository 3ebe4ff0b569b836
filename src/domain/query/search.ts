import { compactText } from './normalize.ts';
import type { QueryContext, SearchCandidate } from './types.ts';

/** Overlapping character pairs: 专利导航 → 专利, 利导, 导航. One character is its own gram. */
export function bigrams(text: string): string[] {
  const chars = [...text];
  if (chars.length === 1) return chars;
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

/** The bigrams of every part of a question (never across the filler words between parts). */
export function questionGrams(parts: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of parts) if ([...p].length >= 2) for (const g of bigrams(p)) out.add(g);
  return [...out];
}

/** A title word counts as much as this many words of the measures. */
const TITLE_WEIGHT = 3;
const K1 = 1.2;
const B = 0.5;

/**
 * BM25 over the CJK bigrams of each task's title and measures, built once per task list: the use
 * case keeps the context (and so this index) in its cache, so only the first question pays for it.
 * Bigrams are numeric keys (two code points), which keeps building it at 1,000 tasks cheap.
 */
export interface TaskIndex {
  numbers: number[];
  /** each task's title bigrams */
  titles: Set<number>[];
  postings: Map<number, { doc: number; tf: number }[]>;
  lengths: number[];
  avgLength: number;
}

const CODE_POINTS = 0x110000;
/** A bigram as a number: 专利 → code(专) × 0x110000 + code(利). */
export function gramKey(gram: string): number {
  const first = gram.codePointAt(0) ?? 0;
  const second = gram.codePointAt(first > 0xffff ? 2 : 1) ?? 0;
  return first * CODE_POINTS + second;
}

/** Adds each bigram of the text (as a key) to `counts` with the given weight; returns the text's length. */
function countGrams(text: string, weight: number, counts: Map<number, number>): number {
  let previous = -1;
  let length = 0;
  for (const ch of compactText(text.normalize('NFKC').toLowerCase())) {
    const code = ch.codePointAt(0)!;
    if (previous >= 0) {
      const k = previous * CODE_POINTS + code;
      counts.set(k, (counts.get(k) ?? 0) + weight);
    }
    previous = code;
    length++;
  }
  return length * weight;
}

const indexCache = new WeakMap<QueryContext['tasks'], TaskIndex>();

export function taskIndex(tasks: QueryContext['tasks']): TaskIndex {
  const hit = indexCache.get(tasks);
  if (hit) return hit;
  const postings = new Map<number, { doc: number; tf: number }[]>();
  const lengths: number[] = [];
  const titles: Set<number>[] = [];
  tasks.forEach((t, doc) => {
    const counts = new Map<number, number>();
    const titleLength = countGrams(t.title, TITLE_WEIGHT, counts);
    titles.push(new Set(counts.keys()));
    lengths.push(titleLength + countGrams(t.measuresText, 1, counts));
    for (const [g, tf] of counts) {
      const list = postings.get(g);
      if (list) list.push({ doc, tf });
      else postings.set(g, [{ doc, tf }]);
    }
  });
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  const index = { numbers: tasks.map((t) => t.number), titles, postings, lengths, avgLength };
  indexCache.set(tasks, index);
  return index;
}

/** Whether any task has the bigram. */
export const knownGram = (index: TaskIndex, gram: string): boolean => index.postings.has(gramKey(gram));

/** How rare a gram is across tasks; a gram no task has weighs the most (it is a word the plan does not know). */
export function idf(index: TaskIndex, gram: string): number {
  const n = index.numbers.length;
  const df = index.postings.get(gramKey(gram))?.length ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export interface RankedTask extends SearchCandidate {
  /** share of the question's words (weighted by rarity) found in this task, 0–1 */
  coverage: number;
  /** how many of the question's bigrams the task has, and whether one is in its title */
  matched: number;
  inTitle: boolean;
}

/** The question's words' total weight: how much they say about which task is meant. */
export const queryWeight = (grams: readonly string[], index: TaskIndex): number => grams.reduce((s, g) => s + idf(index, g), 0);

/** Tasks that share words with the question, best BM25 first, each with its coverage of the question. */
export function rankTasks(grams: readonly string[], index: TaskIndex): RankedTask[] {
  if (grams.length === 0 || index.numbers.length === 0) return [];
  const weights = grams.map((g) => idf(index, g));
  const total = weights.reduce((a, b) => a + b, 0);
  const keys = grams.map(gramKey);
  const scores = new Map<number, { bm25: number; covered: number; matched: number }>();
  keys.forEach((g, i) => {
    for (const { doc, tf } of index.postings.get(g) ?? []) {
      const norm = tf + K1 * (1 - B + (B * index.lengths[doc]!) / index.avgLength);
      const s = scores.get(doc) ?? { bm25: 0, covered: 0, matched: 0 };
      s.bm25 += (weights[i]! * tf * (K1 + 1)) / norm;
      s.covered += weights[i]!;
      s.matched++;
      scores.set(doc, s);
    }
  });
  return [...scores.entries()]
    .map(([doc, s]) => ({
      number: index.numbers[doc]!,
      score: Math.round(s.bm25 * 1000) / 1000,
      coverage: total > 0 ? s.covered / total : 0,
      matched: s.matched,
      inTitle: keys.some((g) => index.titles[doc]!.has(g)),
    }))
    .sort((a, b) => b.score - a.score || b.coverage - a.coverage || a.number - b.number);
}

/** Coverage of the question a task needs to be offered at all (as a candidate to choose from). */
const OFFER_COVERAGE = 0.5;
/** A question whose words weigh less than this in all (their idf summed) is too vague to pick tasks from. */
export const VAGUE_WEIGHT = 0.5;
/** Coverage to answer without asking back, when the task is also clearly ahead of the next (CLEAR_AHEAD)… */
const ANSWER_COVERAGE = 0.65;
const CLEAR_AHEAD = 1.35;
/** …or this much when its score is FAR_AHEAD times the next task's. */
const ALONE_COVERAGE = 0.45;
const FAR_AHEAD = 2;

/**
 * One answer when the best task covers the question and is clearly ahead of the next; otherwise up
 * to three to choose from (asking back instead of guessing); none when nothing covers the question.
 */
export function pickCandidates(ranked: RankedTask[], weight = Number.POSITIVE_INFINITY): { candidates: SearchCandidate[]; confident: boolean } {
  // words nearly every task has (知识产权) name no task in particular
  if (weight < VAGUE_WEIGHT) return { candidates: [], confident: false };
  const offered = ranked.filter((r) => r.coverage >= OFFER_COVERAGE);
  const top = offered[0];
  if (!top) return { candidates: [], confident: false };
  // the runner-up counts even when it covers little: 专利导航和人才培养 has two halves, neither the answer
  const second = ranked.find((r) => r !== top);
  const clear = !second || top.score >= second.score * CLEAR_AHEAD || top.coverage - second.coverage >= 0.3;
  // far ahead of every other task: part of the question may be words the plan does not use (取消申请资助)
  const alone = !second || top.score >= second.score * FAR_AHEAD;
  // one word found only in the measures (会议, 要求, 考核) is too thin to answer with: ask back instead
  const substantial = top.matched >= 2 || top.inTitle;
  if (substantial && ((top.coverage >= ANSWER_COVERAGE && clear) || (top.coverage >= ALONE_COVERAGE && alone))) return { candidates: [strip(top)], confident: true };
  return { candidates: offered.filter((c) => c.score >= top.score * 0.5).slice(0, 3).map(strip), confident: false };
}

const strip = ({ number, score }: RankedTask): SearchCandidate => ({ number, score });
