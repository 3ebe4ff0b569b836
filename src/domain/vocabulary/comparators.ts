import type { Comparator } from '../../plan/types.ts';

/**
 * How an indicator's comparator is shown: a symbol where space is short (digest, exports, the
 * import summary, the chat answer's target) and a word where a sentence reads better (the round
 * card, the chat answer's gloss). `<=` is 不超过 — one of the verbs plans themselves use for it
 * (see plan/indicators.ts) and right for counts and durations alike.
 */
export const COMPARATOR_SYMBOL: Record<Comparator, string> = { '<=': '≤', '=': '=', '>=': '≥', '>': '>' };
export const COMPARATOR_WORD: Record<Comparator, string> = { '<=': '不超过', '=': '稳定在', '>=': '不低于', '>': '超过' };

export const isComparator = (c: string): c is Comparator => Object.hasOwn(COMPARATOR_SYMBOL, c);
