/** The parsed plan: exactly the object `duban import --json` prints (docs/operations.md#plan-json). */
export interface ParsedPlan {
  title: string;
  docNumber: string | null;
  year: number;
  /** YYYY-MM-DD */
  reportDeadline: string | null;
  reportTo: string | null;
  sections: ParsedSection[];
  tasks: ParsedTask[];
  indicators: ParsedIndicator[];
}

export interface ParsedSection {
  number: number;
  title: string;
}

export type DeadlineKind = 'year_end' | 'milestone';

export interface ParsedTask {
  number: number;
  title: string;
  /** number of its section, or null when the document has none */
  section: number | null;
  deadlineKind: DeadlineKind | null;
  /** full names, document order, prefix carried over, no spaces */
  departments: string[];
  measures: ParsedMeasure[];
}

export interface ParsedMeasure {
  actor: string;
  text: string;
}

export type Comparator = '<=' | '=' | '>=' | '>';

export interface ParsedIndicator {
  name: string;
  comparator: Comparator;
  value: number;
  unit: string;
}
