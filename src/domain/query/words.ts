import { ALTERNATIVE_WORDS, AND_WORDS, FILLERS, INDICATOR_CUES, SYNONYMS } from './lexicon.ts';
import { LIST_FILLERS } from './list-filter.ts';
import { compactText, removeWords, splitAtWords } from './normalize.ts';
import { bigrams, knownGram, pickCandidates, queryWeight, questionGrams, rankTasks, taskIndex, type TaskIndex } from './search.ts';
import type { QueryContext, SearchCandidate } from './types.ts';

// The words of a question against the words of the plan: synonyms, fillers, chatter, and the tasks
// the remaining phrases point to.

const FILLER_WORDS = [...FILLERS, ...LIST_FILLERS];
const FILLER_SPLIT = [...FILLERS, ...INDICATOR_CUES].sort((a, b) => b.length - a.length);

/** The plan's own words for what people type (审查时长 → 审查周期), from SYNONYMS. */
export function withSynonyms(compact: string): string {
  let t = compact;
  for (const [word, variants] of SYNONYMS) {
    if (t.includes(word)) continue;
    for (const v of variants) if (t.includes(v)) t = t.split(v).join(word);
  }
  return t;
}

/** The question's words against the tasks' titles and measures: what it says, and the tasks it may mean. */
export function readWords(prepared: string, ctx: QueryContext) {
  const index = taskIndex(ctx.tasks);
  const words = withSynonyms(compactText(prepared));
  // split where the question was punctuated too: 下午开会要用，质押融资… is two phrases, not 要用质押融资
  const chunks = prepared.split(/[\s\p{P}\p{S}]+/u).map((c) => withSynonyms(compactText(c)));
  const parts = withoutNoise(chunks.flatMap((c) => splitAtWords(c, FILLER_SPLIT)), index, ctx.indicators);
  const grams = questionGrams(parts);
  const ranked = rankTasks(grams, index);
  const weight = queryWeight(grams, index);
  return { index, words, query: parts.join('') || words, grams, ranked, weight, picked: pickCandidates(ranked, weight) };
}

/** 「运营服务还是转化运用那个」: each side of 还是/或者 names its own task; both are offered, never one picked. */
export function askedAlternatives(words: string, index: TaskIndex): SearchCandidate[] {
  const sides = splitAtWords(words, ALTERNATIVE_WORDS);
  if (sides.length < 2) return [];
  const out: SearchCandidate[] = [];
  for (const side of sides) {
    const best = pickCandidates(rankTasks(questionGrams(splitAtWords(side, FILLER_SPLIT)), index)).candidates[0];
    if (best && !out.some((c) => c.number === best.number)) out.push(best);
  }
  return out.length > 1 ? out.slice(0, 3) : [];
}

/** A kept stretch this long is a real phrase of the plan (专利导航, 海牙协定), worth dropping the chatter around it. */
const PHRASE_CHARS = 4;

/**
 * Drops the chatter around the plan's words: a character whose bigrams on both sides occur in no
 * task and no indicator name (麻烦, 领导在催, 明天要汇报) is noise. Kept only when what remains holds a
 * real phrase of the plan; otherwise (会议室在哪 keeps just 会议) the parts stay as typed and the unknown
 * words count against every match, so chatter never turns into a task.
 */
function withoutNoise(parts: string[], index: TaskIndex, indicators: QueryContext['indicators']): string[] {
  const names = indicatorGrams(indicators);
  const known = (g: string | undefined) => g !== undefined && (knownGram(index, g) || names.has(g));
  let removed = false;
  const kept: string[] = [];
  for (const part of parts) {
    const chars = [...part];
    let run = '';
    chars.forEach((c, k) => {
      const before = k > 0 ? chars[k - 1]! + c : undefined;
      const after = k + 1 < chars.length ? c + chars[k + 1]! : undefined;
      if (known(before) || known(after)) {
        run += c;
      } else {
        removed = true;
        if (run) kept.push(run);
        run = '';
      }
    });
    if (run) kept.push(run);
  }
  if (!removed) return parts;
  // with the chatter gone, a stray two-character word (要用, 推进) says nothing about which task is meant
  return kept.some((k) => [...k].length >= PHRASE_CHARS) ? kept.filter((k) => [...k].length >= 3) : parts;
}

const indicatorGramCache = new WeakMap<QueryContext['indicators'], Set<string>>();
function indicatorGrams(indicators: QueryContext['indicators']): Set<string> {
  let set = indicatorGramCache.get(indicators);
  if (!set) {
    set = new Set(indicators.flatMap((i) => bigrams(compactText(i.name.normalize('NFKC').toLowerCase()))));
    indicatorGramCache.set(indicators, set);
  }
  return set;
}

/**
 * 「专利导航和人才培养的进展」: no task covers the whole question, but each side of 和/、/还有 names one
 * task clearly — both are meant. Empty unless every side is understood on its own.
 */
export function namedTogether(prepared: string, index: TaskIndex): number[] {
  const sides = splitAtWords(prepared, AND_WORDS)
    .map((side) => withSynonyms(compactText(side)))
    .filter((side) => removeWords(side, FILLER_WORDS).length >= 2);
  if (sides.length < 2) return [];
  const out: number[] = [];
  for (const side of sides) {
    const picked = pickCandidates(rankTasks(questionGrams(splitAtWords(side, FILLER_SPLIT)), index));
    if (!picked.confident) return [];
    if (!out.includes(picked.candidates[0]!.number)) out.push(picked.candidates[0]!.number);
  }
  return out;
}
