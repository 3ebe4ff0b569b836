/** What the parser needs to know about the plan and the directory; all of it is small and cacheable. */
export interface QueryContext {
  taskCount: number;
  tasks: ReadonlyArray<{ number: number; title: string; measuresText: string }>;
  departments: ReadonlyArray<{ id: number; name: string; aliases: readonly string[] }>;
  indicators: ReadonlyArray<{ id: number; name: string }>;
}

export const LIST_FILTERS = ['at_risk', 'blocked', 'overdue', 'warning', 'not_reported', 'done'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export interface SearchCandidate {
  number: number;
  score: number;
}

/** The understood question. `unknown` always carries suggestions, so an answer is never empty. */
export type Intent =
  | { kind: 'task'; number: number }
  | { kind: 'search'; query: string; candidates: SearchCandidate[]; confident: boolean }
  | { kind: 'department'; departmentId: number; name: string; filter?: ListFilter }
  | { kind: 'list'; filter: ListFilter }
  | { kind: 'indicator'; query: string; indicatorIds: number[] }
  | { kind: 'digest' }
  | { kind: 'help' }
  | { kind: 'unknown'; text: string; suggestions: string[] };

export type IntentKind = Intent['kind'];
