export { parseQuestion, EXAMPLE_QUESTIONS } from './parse.ts';
export { parseChineseNumeral, parseNumber } from './numerals.ts';
export type { Intent, IntentKind, ListFilter, Offer, QueryContext, SearchCandidate } from './types.ts';
export { LIST_FILTERS } from './types.ts';
export { questionFromMessage, type ReceivedMessage, type QuestionOrSkip } from './message.ts';
