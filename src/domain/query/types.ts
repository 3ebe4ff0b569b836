import type { AdminOperation } from '../operations.ts';

/** What the parser needs to know about the plan and the directory; all of it is small and cacheable. */
export interface QueryContext {
  taskCount: number;
  tasks: ReadonlyArray<{ number: number; title: string; measuresText: string }>;
  departments: ReadonlyArray<{ id: number; name: string; aliases: readonly string[] }>;
  /** value and unit (the target) let a question name an indicator by its number: 2400亿那个指标 */
  indicators: ReadonlyArray<{ id: number; name: string; value?: number; unit?: string }>;
  /** the active plan's year: a question naming another year is about another plan */
  planYear?: number;
}

export const LIST_FILTERS = ['at_risk', 'blocked', 'red', 'overdue', 'warning', 'not_reported', 'not_started', 'on_track', 'not_done', 'done', 'year_end', 'all'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export interface SearchCandidate {
  number: number;
  score: number;
}

/** A question offered as a button when the parser is unsure: clicking it asks `question`. */
export interface Offer {
  label: string;
  question: string;
}

/** The understood question. `unknown` always carries suggestions, so an answer is never empty. */
export type Intent =
  | { kind: 'task'; number: number }
  | { kind: 'tasks'; numbers: number[] }
  | { kind: 'search'; query: string; candidates: SearchCandidate[]; confident: boolean }
  | { kind: 'department'; departmentId: number; name: string; filter?: ListFilter }
  | { kind: 'list'; filter: ListFilter }
  | { kind: 'regions' }
  | { kind: 'indicator'; query: string; indicatorIds: number[] }
  | { kind: 'digest' }
  /** An admin command typed in chat (开启填报, 催办 …): run through a confirmation card, never answered as a question. */
  | { kind: 'operation'; operation: AdminOperation }
  | { kind: 'help' }
  | { kind: 'other_plan'; year: number }
  | { kind: 'unknown'; text: string; suggestions: string[]; offers?: Offer[] };

export type IntentKind = Intent['kind'];
