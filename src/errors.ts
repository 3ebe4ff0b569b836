import { safeError, type SafeError } from './safe-error.ts';

/**
 * Errors with stable codes. `retryable` says whether trying again can help
 * (queue workers turn non-retryable errors into BullMQ UnrecoverableError).
 */
export class DubanError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  /** Extra facts for logs and callers (file, line, nearest names …). */
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, opts: { retryable?: boolean; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DubanError';
    this.code = code;
    this.retryable = opts.retryable ?? false;
    this.details = opts.details;
  }
}

export const isDubanError = (e: unknown): e is DubanError => e instanceof DubanError;

/**
 * Error facts safe to log: code, message, and for a database error its constraint and table —
 * never the cause's request config nor a query's parameters (safe-error.ts).
 */
export function errInfo(e: unknown): SafeError {
  return safeError(e);
}

/**
 * The one answer when a command needs the plan and none has been imported yet (the bot's own
 * answer to a question says the same in src/cards/answers/help-card.ts).
 */
export const noPlanError = (): DubanError => new DubanError('NO_PLAN', '还没有导入工作计划，请先运行 duban import <文件>');
