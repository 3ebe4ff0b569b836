import { matchIndicators } from './indicators.ts';
import {
  EXAMPLE_QUESTIONS, FILLERS, HELP_PHRASES, INDICATOR_ALL_PHRASES, INDICATOR_CUES, INTENT_OFFERS, SUMMARY_PHRASES, SYNONYMS,
} from './lexicon.ts';
import { findListFilter, LIST_FILLERS } from './list-filter.ts';
import { findDepartment } from './lookup.ts';
import { compactText, isOnlyQuestionMarks, prepareText, removeWords, splitAtWords, stripMentions } from './normalize.ts';
import { bigrams, pickCandidates, queryWeight, questionGrams, rankTasks, taskIndex, VAGUE_WEIGHT, type RankedTask, type TaskIndex } from './search.ts';
import { bareNumber, bareNumbers, findTaskNumbers } from './task-number.ts';
import type { Intent, Offer, QueryContext, SearchCandidate } from './types.ts';
import { findYear } from './year.ts';

export { EXAMPLE_QUESTIONS } from './lexicon.ts';

/** An indicator beats a task with the same words when it covers this much of the question (or more than the task). */
const INDICATOR_COVERAGE = 0.75;
/** …or this much when the question also says it is about a number (指标, 几个月). */
const INDICATOR_COVERAGE_WITH_CUE = 0.5;
/** A task is offered as a guess, when nothing was understood, from this coverage on. */
const GUESS_COVERAGE = 0.25;

const FILLER_WORDS = [...FILLERS, ...LIST_FILLERS];
const FILLER_SPLIT = [...FILLERS, ...INDICATOR_CUES].sort((a, b) => b.length - a.length);
const ALTERNATIVE_WORDS = ['还是', '或者', '或是'];
const AND_WORDS = ['以及', '还有', '和', '跟', '与', '及', '、', ',', ';', ' '];
/** True when nothing but the given phrases and fillers is left (at most one stray character). */
const onlyAround = (text: string, phrases: readonly string[]): boolean => removeWords(removeWords(text, phrases), FILLER_WORDS).length <= 1;
const containsAny = (text: string, phrases: readonly string[]): boolean => phrases.some((p) => text.includes(p));

function withSynonyms(compact: string): string {
  let t = compact;
  for (const [word, variants] of SYNONYMS) {
    if (t.includes(word)) continue;
    for (const v of variants) if (t.includes(v)) t = t.split(v).join(word);
  }
  return t;
}

/**
 * Understands a loosely worded Chinese question about the plan. Pure: everything it knows comes from `ctx`.
 * Entities are found first and separately — a year, task numbers, a department, a list state, indicators,
 * tasks by the words of their titles and measures — then the intent follows from what was found. It never
 * guesses between tasks: several numbers give several tasks, close candidates are asked back.
 */
export function parseQuestion(text: string, ctx: QueryContext): Intent {
  if (isOnlyQuestionMarks(text)) return { kind: 'help' };
  let prepared = prepareText(text);
  if (compactText(prepared).length === 0) return { kind: 'help' };

  const year = findYear(prepared);
  if (year) {
    if (ctx.planYear !== undefined && year.year !== ctx.planYear) return { kind: 'other_plan', year: year.year };
    prepared = prepared.replace(year.text, ' ');
  }

  const { numbers } = findTaskNumbers(prepared);
  if (numbers.length === 1) return { kind: 'task', number: numbers[0]! };
  if (numbers.length > 1) return { kind: 'tasks', numbers };

  const t = compactText(prepared);
  if (t.includes('帮助') || (containsAny(t, HELP_PHRASES) && onlyAround(t, HELP_PHRASES))) return { kind: 'help' };
  const bareList = bareNumbers(prepared, FILLERS);
  if (bareList.length > 1 && bareList.every((n) => ctx.tasks.some((x) => x.number === n))) return { kind: 'tasks', numbers: bareList };
  // 1 2 is not 12: a bare number only when the question holds one group of digits
  const bare = /\d\D+\d/u.test(prepared) ? null : bareNumber(removeWords(t, FILLERS));
  if (bare !== null && ctx.tasks.some((x) => x.number === bare)) return { kind: 'task', number: bare };

  const filter = findListFilter(t);
  const dep = findDepartment(t, ctx.departments);
  if (dep) {
    // 保护司负责的海外纠纷应对那个任务 names a task: the task, not the department's list
    if (removeWords(filter ? filter.rest.split(dep.word).join('') : dep.rest, FILLER_WORDS).length >= 2) {
      const w = readWords(prepared.split(dep.word).join(' '), ctx);
      if (w.picked.confident) return { kind: 'search', query: w.query, ...w.picked };
    }
    const f = filter && filter.filter !== 'all' ? filter.filter : undefined;
    return { kind: 'department', departmentId: dep.id, name: dep.name, ...(f ? { filter: f } : {}) };
  }
  if (filter && removeWords(filter.rest, FILLER_WORDS).length <= 1) return { kind: 'list', filter: filter.filter };
  const summaryAsked = containsAny(t, SUMMARY_PHRASES);
  if (summaryAsked && onlyAround(t, SUMMARY_PHRASES)) return { kind: 'digest' };
  if (ctx.indicators.length > 0 && containsAny(t, INDICATOR_ALL_PHRASES) && onlyAround(t, INDICATOR_ALL_PHRASES)) {
    return { kind: 'indicator', query: t, indicatorIds: ctx.indicators.map((i) => i.id) };
  }

  const { index, words, query, ranked, grams, weight, picked } = readWords(prepared, ctx);
  const bestTask = ranked.reduce((m, r) => Math.max(m, r.coverage), 0);
  const ind = matchIndicators(prepared, words, grams, ctx.indicators, index);
  if (ind) {
    const cue = containsAny(t, INDICATOR_CUES);
    const strong = ind.byValue || ind.whole || (ind.coverage >= INDICATOR_COVERAGE && ind.coverage >= bestTask - 1e-9) || (cue && ind.coverage >= INDICATOR_COVERAGE_WITH_CUE);
    if (strong) return { kind: 'indicator', query, indicatorIds: ind.ids };
  }

  const alternatives = askedAlternatives(words, index);
  if (alternatives.length > 1) return { kind: 'search', query, candidates: alternatives, confident: false };
  if (!picked.confident) {
    const both = namedTogether(prepared, index);
    if (both.length > 1) return { kind: 'tasks', numbers: both };
  }
  if (filter && !picked.confident) return { kind: 'list', filter: filter.filter };
  // 想看下这周的整体情况，开会用: the summary, with chatter that names no task
  if (summaryAsked && !picked.confident) return { kind: 'digest' };
  if (picked.candidates.length > 0) return { kind: 'search', query, ...picked };

  return { kind: 'unknown', text: stripMentions(text).replace(/\s+/g, ' ').trim(), suggestions: EXAMPLE_QUESTIONS, offers: offersFor(weight < VAGUE_WEIGHT ? [] : ranked, ctx) };
}

/** The question's words against the tasks' titles and measures: what it says, and the tasks it may mean. */
function readWords(prepared: string, ctx: QueryContext) {
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
function askedAlternatives(words: string, index: TaskIndex): SearchCandidate[] {
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
  const known = (g: string | undefined) => g !== undefined && (index.postings.has(g) || names.has(g));
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
function namedTogether(prepared: string, index: TaskIndex): number[] {
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

/** The closest tasks (if any shares enough words) and the most asked intents, as buttons. */
function offersFor(ranked: RankedTask[], ctx: QueryContext): Offer[] {
  const titles = new Map(ctx.tasks.map((x) => [x.number, x.title]));
  const tasks = ranked
    .filter((r) => r.coverage >= GUESS_COVERAGE)
    .slice(0, 3)
    .map((r) => ({ label: `任务${r.number} ${titles.get(r.number) ?? ''}`.trim(), question: `任务${r.number}` }));
  const intents = [INTENT_OFFERS.summary, INTENT_OFFERS.risk, INTENT_OFFERS.help].map((q) => ({ label: q, question: q }));
  return [...tasks, ...intents].slice(0, Math.max(3, tasks.length + 1));
}
