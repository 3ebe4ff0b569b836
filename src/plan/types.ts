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
  /** the body's 工作要点 when the tasks come from an annex table; [] otherwise */
  keyPoints: ParsedKeyPoint[];
}

/** A numbered 工作要点 of the body: （一）… with its 「（XX负责）」 clauses. */
export interface ParsedKeyPoint {
  number: number;
  title: string;
  /** number of the body section (二、 → 2) it sits under, or null */
  section: number | null;
  sectionTitle: string | null;
  clauses: ParsedClause[];
}

export interface ParsedClause {
  /** split like task departments; 各地方知识产权局 kept as written (every regional office) */
  departments: string[];
  text: string;
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
