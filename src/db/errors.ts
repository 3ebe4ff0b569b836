import { isDubanError } from '../errors.ts';

// Whether trying a failed write again can help. Postgres down, a dropped connection, a deadlock or
// an overloaded server pass with time; bad data (SQLSTATE class 22), a broken constraint (23) or a
// statement the schema does not accept (42) fail the same way on every attempt.

/** SQLSTATE classes that no retry can fix: cardinality, data, integrity, syntax/access rule, check option. */
const PERMANENT_CLASSES = new Set(['21', '22', '23', '42', '44']);

/** The SQLSTATE of a Postgres error anywhere in the cause chain (drizzle wraps the driver's error). */
export function sqlState(e: unknown): string | undefined {
  for (let cur = e, depth = 0; cur && depth < 6; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * True when the failure may pass by itself (retry, however long it takes); false when it is
 * about the data and belongs in the dead-letter table.
 */
export function isRetryableFailure(e: unknown): boolean {
  if (isDubanError(e)) return e.retryable;
  if ((e as { name?: unknown })?.name === 'UnrecoverableError') return false;
  const state = sqlState(e);
  if (state) return !PERMANENT_CLASSES.has(state.slice(0, 2));
  // Programming errors do not fix themselves either.
  if (e instanceof TypeError || e instanceof RangeError || e instanceof SyntaxError || e instanceof ReferenceError) return false;
  // No SQLSTATE: a network error (ECONNREFUSED, "Connection terminated unexpectedly", a timeout).
  return true;
}

/** A short code for logs and the dead-letter table. */
export function failureCode(e: unknown): string {
  if (isDubanError(e)) return e.code;
  const state = sqlState(e);
  if (state) return `PG_${state}`;
  return (e as { name?: string })?.name ?? 'ERROR';
}

/** The innermost useful message (drizzle's "Failed query: …" hides the server's words in `cause`). */
export function failureMessage(e: unknown): string {
  let msg = e instanceof Error ? e.message : String(e);
  for (let cur = (e as { cause?: unknown })?.cause, depth = 0; cur && depth < 6; cur = (cur as { cause?: unknown }).cause, depth++) {
    if (cur instanceof Error && cur.message) msg = cur.message;
  }
  return msg.slice(0, 2000);
}
