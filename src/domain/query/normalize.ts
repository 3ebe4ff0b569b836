import { REWRITES } from './lexicon.ts';

/** Lark text messages carry mentions as placeholders (@_user_1, @_all); they are not part of the question. */
export function stripMentions(text: string): string {
  return text.replace(/@_user_\d+|@_all/g, ' ');
}

/**
 * The question as typed, folded for reading: mentions out, full-width characters folded (NFKC turns ５ into 5,
 * ， into ,), lower case, typing slips rewritten (人物5 → 任务5). Separators stay: 任务1、2 is not 任务12.
 */
export function prepareText(text: string): string {
  let t = stripMentions(text).normalize('NFKC').toLowerCase();
  for (const [from, to] of REWRITES) t = t.replace(from, to);
  return t;
}

/** Canonical form for matching words: the prepared text without whitespace, punctuation or symbols. */
export function compactText(prepared: string): string {
  return prepared.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** True when the raw message is only question marks (a bare "?" asks for help). */
export function isOnlyQuestionMarks(text: string): boolean {
  const t = stripMentions(text).normalize('NFKC').replace(/\s/g, '');
  return t.length > 0 && /^\?+$/.test(t);
}

// The word lists are constants: sort each once (longest first), not on every question.
const longestFirst = new WeakMap<readonly string[], string[]>();
function sortedOnce(words: readonly string[]): string[] {
  let sorted = longestFirst.get(words);
  if (!sorted) {
    sorted = [...words].sort((a, b) => b.length - a.length);
    longestFirst.set(words, sorted);
  }
  return sorted;
}

/** Removes every occurrence of the given words (longest first); what remains tells whether anything else was asked. */
export function removeWords(text: string, words: readonly string[]): string {
  let t = text;
  for (const w of sortedOnce(words)) if (t.includes(w)) t = t.split(w).join('');
  return t;
}

/** Splits text at every occurrence of the given words (longest first); the pieces between them, non-empty. */
export function splitAtWords(text: string, words: readonly string[]): string[] {
  let parts = [text];
  for (const w of words) parts = parts.flatMap((p) => (p.includes(w) ? p.split(w) : [p]));
  return parts.filter((p) => p.length > 0);
}
