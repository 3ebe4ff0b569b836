import type { AdminOperation } from '../operations.ts';

/** What the parser needs to know about the plan and the directory; all of it is small and cacheable. */
export interface QueryContext {
  taskCount: number;
  tasks: ReadonlyArray<{ number: number; title: string; measuresText: string }>;
  departments: ReadonlyArray<{ id: number; name: string; aliases: readonly string[] }>;
  /** value and unit (the target) let a question name an indicator by its number: 2400亿那个指标 */
  indicators: ReadonlyArray<{ id: number; name: string; value?: number; unit?: string }>;
  /** the body's 工作要点 by their own numbers (absent: the plan has none or the caller did not load them) */
  keyPoints?: ReadonlyArray<{ number: number; title: string }>;
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
  /** a 工作要点 of the body by its own number (要点3, 工作要点三, 第三项要点) */
  | { kind: 'key_point'; number: number }
  /** several key points (要点3、4), or all of them (工作要点, numbers null) */
  | { kind: 'key_points'; numbers: number[] | null }
  | { kind: 'search'; query: string; candidates: SearchCandidate[]; confident: boolean }
  | { kind: 'department'; departmentId: number; name: string; filter?: ListFilter }
  | { kind: 'list'; filter: ListFilter }
  | { kind: 'regions' }
  /** 成效报送情况: who sent the electronic report, who confirmed the paper copy, who has not */
  | { kind: 'results' }
  | { kind: 'indicator'; query: string; indicatorIds: number[] }
  | { kind: 'digest' }
  /** An admin command typed in chat (开启填报, 催办 …): run through a confirmation card, never answered as a question. */
  | { kind: 'operation'; operation: AdminOperation }
  | { kind: 'help' }
  | { kind: 'other_plan'; year: number }
  | { kind: 'unit_history'; departmentId: number; name: string }
  | { kind: 'task_history'; number: number }
  /** `unknownUnit`: 「XX的填报率」 named a unit nobody knows; the offers are the nearest names */
  | { kind: 'unknown'; text: string; suggestions: string[]; offers?: Offer[]; unknownUnit?: string };

export type IntentKind = Intent['kind'];
