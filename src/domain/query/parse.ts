import { matchIndicators } from './indicators.ts';
import {
  EXAMPLE_QUESTIONS, FILLERS, HELP_PHRASES, INDICATOR_ALL_PHRASES, INDICATOR_CUES, INTENT_OFFERS, SUMMARY_ALONE_ONLY, SUMMARY_PHRASES,
} from './lexicon.ts';
import { findListFilter, LIST_FILLERS } from './list-filter.ts';
import { findDepartment } from './lookup.ts';
import { compactText, isOnlyQuestionMarks, prepareText, removeWords, stripMentions } from './normalize.ts';
import { VAGUE_WEIGHT, type RankedTask } from './search.ts';
import { bareNumber, bareNumbers, findTaskNumbers } from './task-number.ts';
import type { Intent, Offer, QueryContext } from './types.ts';
import { askedAlternatives, namedTogether, readWords } from './words.ts';
import { findYear } from './year.ts';
import { asksAboutAllRegions } from './regions.ts';
import { asksHistory, asksRate, unknownUnitRate } from './history.ts';
import { findKeyPointNumbers } from './key-points.ts';
import { asksAboutResults } from './results.ts';
import { parseOperationCommand } from './operation-command.ts';

export { EXAMPLE_QUESTIONS } from './lexicon.ts';

/** An indicator beats a task with the same words when it covers this much of the question (or more than the task). */
const INDICATOR_COVERAGE = 0.75;
/** …or this much when the question also says it is about a number (指标, 几个月). */
const INDICATOR_COVERAGE_WITH_CUE = 0.5;
/** A task is offered as a guess, when nothing was understood, from this coverage on. */
const GUESS_COVERAGE = 0.25;

const FILLER_WORDS = [...FILLERS, ...LIST_FILLERS];
/** Words around 工作要点 that still ask for all of them: 各项工作要点进展, 所有要点. */
const KEY_POINT_ALL_WORDS = ['各项', '所有', '全部', '每项', '十项', '各个', '清单', '列表', '一览'];
/** True when nothing but the given phrases and fillers is left (at most one stray character). */
const onlyAround = (text: string, phrases: readonly string[]): boolean => removeWords(removeWords(text, phrases), FILLER_WORDS).length <= 1;
const containsAny = (text: string, phrases: readonly string[]): boolean => phrases.some((p) => text.includes(p));

/**
 * Understands a loosely worded Chinese question about the plan. Pure: everything it knows comes from `ctx`.
 * Entities are found first and separately — a year, task numbers, a department, a list state, indicators,
 * tasks by the words of their titles and measures — then the intent follows from what was found. It never
 * guesses between tasks: several numbers give several tasks, close candidates are asked back.
 */
export function parseQuestion(text: string, ctx: QueryContext): Intent {
  if (isOnlyQuestionMarks(text)) return { kind: 'help' };
  const operation = parseOperationCommand(text);
  if (operation) return { kind: 'operation', operation };
  let prepared = prepareText(text);
  if (compactText(prepared).length === 0) return { kind: 'help' };

  const year = findYear(prepared);
  if (year) {
    if (ctx.planYear !== undefined && year.year !== ctx.planYear && year.namesPlan) return { kind: 'other_plan', year: year.year };
    prepared = prepared.replace(year.text, ' ');
  }

  // 要点3 / 第三项要点: the body's key points number on their own, so they are read before task numbers
  const kp = findKeyPointNumbers(prepared);
  if (kp.named && findTaskNumbers(kp.rest).numbers.length === 0) {
    if (kp.numbers.length === 1) return { kind: 'key_point', number: kp.numbers[0]! };
    if (kp.numbers.length > 1) return { kind: 'key_points', numbers: kp.numbers };
    if (onlyAround(compactText(kp.rest), KEY_POINT_ALL_WORDS)) return { kind: 'key_points', numbers: null };
  }

  const { numbers } = findTaskNumbers(prepared);
  if (numbers.length === 1) return asksHistory(compactText(prepared)) ? { kind: 'task_history', number: numbers[0]! } : { kind: 'task', number: numbers[0]! };
  if (numbers.length > 1) return { kind: 'tasks', numbers };

  const t = compactText(prepared);
  if (t.includes('帮助') || (containsAny(t, HELP_PHRASES) && onlyAround(t, HELP_PHRASES))) return { kind: 'help' };
  const bareList = bareNumbers(prepared, FILLERS);
  if (bareList.length > 1 && bareList.every((n) => ctx.tasks.some((x) => x.number === n))) return { kind: 'tasks', numbers: bareList };
  // 1 2 is not 12: a bare number only when the question holds one group of digits
  const bare = /\d\D+\d/u.test(prepared) ? null : bareNumber(removeWords(t, FILLERS));
  if (bare !== null && ctx.tasks.some((x) => x.number === bare)) return { kind: 'task', number: bare };

  if (asksAboutResults(t)) return { kind: 'results' };
  if (asksAboutAllRegions(t)) return { kind: 'regions' };

  const filter = findListFilter(t);
  const dep = findDepartment(t, ctx.departments);
  if (dep && asksRate(t)) return { kind: 'unit_history', departmentId: dep.id, name: dep.name };
  if (!dep && asksRate(t)) {
    const unknown = unknownUnitRate(t, stripMentions(text).replace(/\s+/g, ' ').trim(), ctx);
    if (unknown) return unknown;
  }
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
  if (containsAny(t, SUMMARY_PHRASES) && onlyAround(t, SUMMARY_PHRASES)) return { kind: 'digest' };
  const summaryAsked = SUMMARY_PHRASES.some((p) => t.includes(p) && !SUMMARY_ALONE_ONLY.includes(p));
  if (ctx.indicators.length > 0 && containsAny(t, INDICATOR_ALL_PHRASES) && onlyAround(t, INDICATOR_ALL_PHRASES)) {
    return { kind: 'indicator', query: t, indicatorIds: ctx.indicators.map((i) => i.id) };
  }

  const { index, words, query, ranked, grams, weight, picked } = readWords(prepared, ctx);
  const bestTask = ranked.reduce((m, r) => Math.max(m, r.coverage), 0);
  const ind = matchIndicators(prepared, words, grams, ctx.indicators, index);
  if (ind) {
    const cue = containsAny(t, INDICATOR_CUES);
    const specific = ind.matched >= 2 || ind.ids.length === 1 || cue;
    const strong = ind.byValue || ind.whole || (specific && ((ind.coverage >= INDICATOR_COVERAGE && ind.coverage >= bestTask - 1e-9) || (cue && ind.coverage >= INDICATOR_COVERAGE_WITH_CUE)));
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

/** The closest tasks (if any shares enough words) and the most asked intents, as buttons. */
function offersFor(ranked: RankedTask[], ctx: QueryContext): Offer[] {
  const tasks = ranked
    .filter((r) => r.coverage >= GUESS_COVERAGE)
    .slice(0, 3)
    .map((r) => ({ label: `任务${r.number} ${ctx.tasks.find((x) => x.number === r.number)?.title ?? ''}`.trim(), question: `任务${r.number}` }));
  const intents = [INTENT_OFFERS.summary, INTENT_OFFERS.risk, INTENT_OFFERS.help].map((q) => ({ label: q, question: q }));
  return [...tasks, ...intents].slice(0, Math.max(3, tasks.length + 1));
}
