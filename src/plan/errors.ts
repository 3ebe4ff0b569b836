import { DubanError } from '../errors.ts';

/** Codes a plan document can fail with; the CLI prints them with the file and line. */
export type PlanErrorCode =
  | 'PLAN_EMPTY'
  | 'PLAN_BINARY'
  | 'PLAN_NO_TASKS'
  | 'PLAN_ROW_INCOMPLETE'
  | 'PLAN_DUPLICATE_TASK'
  | 'PLAN_NO_YEAR';

/** A document problem: never retryable; `details.line` is 1-based when there is one. */
export function planError(code: PlanErrorCode, message: string, line?: number, fileName?: string): DubanError {
  return new DubanError(code, message, { retryable: false, details: { line, file: fileName } });
}
