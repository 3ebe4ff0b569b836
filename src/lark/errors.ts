import { DubanError } from '../errors.ts';

// What a failed Lark call means for a retry (docs/lark.md#errors-and-retries). The SDK rejects
// on any non-2xx with an AxiosError (`e.response.data` = {code,msg}); a 2xx with code ≠ 0 resolves.

export const LARK_RATE_LIMIT_CODE = 99991400;
export const LARK_FREQUENCY_CODE = 230020;
export const LARK_TOKEN_INVALID_CODE = 99991663;

export type LarkFailureKind =
  /** HTTP 429 or 99991400: wait x-ogw-ratelimit-reset, then try again. */
  | 'rate_limited'
  /** 230020 "triggers the frequency limit": back off about a second. */
  | 'frequency'
  /** 99991663: the cached tenant token is no longer valid. */
  | 'token_invalid'
  /** 5xx, network errors, timeouts: retry with backoff. */
  | 'transient'
  /** Any other 4xx or business code: retrying cannot help. */
  | 'rejected';

export interface LarkFailure {
  kind: LarkFailureKind;
  status?: number;
  code?: number;
  msg?: string;
  /** How long to wait before the next attempt, for rate_limited and frequency. */
  waitMs?: number;
}

const DUBAN_CODES: Record<LarkFailureKind, string> = {
  rate_limited: 'LARK_RATE_LIMITED',
  frequency: 'LARK_FREQUENCY_LIMIT',
  token_invalid: 'LARK_TOKEN_INVALID',
  transient: 'LARK_UNAVAILABLE',
  rejected: 'LARK_REJECTED',
};

/** A classified Lark failure; `failure` tells the outbox worker what to do next. */
export class LarkCallError extends DubanError {
  readonly failure: LarkFailure;

  constructor(failure: LarkFailure, operation: string, cause?: unknown) {
    const what = [failure.status && `HTTP ${failure.status}`, failure.code !== undefined && `code ${failure.code}`, failure.msg]
      .filter(Boolean)
      .join(', ');
    super(DUBAN_CODES[failure.kind], `飞书接口调用失败（${operation}）：${what || failure.kind}`, {
      retryable: failure.kind !== 'rejected',
      details: { ...failure, operation },
      cause,
    });
    this.name = 'LarkCallError';
    this.failure = failure;
  }
}

export const isLarkCallError = (e: unknown): e is LarkCallError => e instanceof LarkCallError;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/** Classifies a Lark business answer (HTTP status and body code). */
export function classifyLarkCode(status: number | undefined, code: number | undefined, msg?: string, resetHeader?: unknown): LarkFailure {
  if (status === 429 || code === LARK_RATE_LIMIT_CODE) {
    const reset = Number(resetHeader);
    const waitMs = Number.isFinite(reset) && reset > 0 ? reset * 1000 : 1000;
    return { kind: 'rate_limited', status, code, msg, waitMs };
  }
  if (code === LARK_FREQUENCY_CODE) return { kind: 'frequency', status, code, msg, waitMs: 1000 };
  if (code === LARK_TOKEN_INVALID_CODE) return { kind: 'token_invalid', status, code, msg };
  if (status !== undefined && status >= 500) return { kind: 'transient', status, code, msg };
  return { kind: 'rejected', status, code, msg };
}

/** Classifies anything an SDK call threw. */
export function classifyLarkError(e: unknown): LarkFailure {
  if (e instanceof LarkCallError) return e.failure;
  const err = e as {
    isAxiosError?: boolean;
    code?: unknown;
    message?: unknown;
    response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
  };
  if (err?.response && typeof err.response.status === 'number') {
    const data = (err.response.data ?? {}) as { code?: unknown; msg?: unknown };
    const code = typeof data.code === 'number' ? data.code : undefined;
    const msg = typeof data.msg === 'string' ? data.msg : undefined;
    return classifyLarkCode(err.response.status, code, msg, err.response.headers?.['x-ogw-ratelimit-reset']);
  }
  if (typeof err?.code === 'string' && (NETWORK_CODES.has(err.code) || err.isAxiosError)) {
    return { kind: 'transient', msg: err.code };
  }
  const message = typeof err?.message === 'string' ? err.message : String(e);
  // The SDK's token fetch throws a plain Error "failed to get tenant_access_token, code: X, msg: Y".
  const tokenCode = /failed to get tenant_access_token, code: (-?\d+)/.exec(message)?.[1];
  if (tokenCode !== undefined) return { kind: 'rejected', code: Number(tokenCode), msg: 'tenant_access_token fetch refused' };
  return { kind: 'transient', msg: message.slice(0, 200) };
}
