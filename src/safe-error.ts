/**
 * What of an error may be logged (or kept in Redis as a job's failure reason): codes, the
 * constraint, table and column, and ids — never the query's parameters, a row's values or user
 * text. drizzle's "Failed query: … params: …" carries note text and open_ids, and Postgres'
 * `detail` ("Key (event_id)=(…) already exists") carries values, so neither is kept.
 */
export interface SafeError {
  code?: string;
  message: string;
  constraint?: string;
  table?: string;
  column?: string;
}

interface PgLike {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  severity?: unknown;
  message?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The Postgres error behind an error (drizzle wraps it as `cause`), if any. */
function pgErrorOf(e: unknown): PgLike | null {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const c = cur as PgLike;
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code) && ('severity' in c || 'constraint' in c || 'routine' in c)) return c;
  }
  return null;
}

/** A message with any query text and parameters cut off. */
export function scrubMessage(message: string): string {
  const at = message.search(/Failed query:|\bparams:/);
  return at === -1 ? message : `${message.slice(0, at)}Failed query (text and parameters not logged)`.trim();
}

export function safeError(e: unknown): SafeError {
  const pg = pgErrorOf(e);
  if (pg) {
    const out: SafeError = { code: str(pg.code), message: `database error ${String(pg.code)}` };
    // PGlite and pg both give the Postgres message; its first line names no values for the
    // errors we meet (constraint, range, syntax) — but a detail would, so only codes go further.
    const constraint = str(pg.constraint);
    const table = str(pg.table);
    const column = str(pg.column);
    if (constraint) out.constraint = constraint;
    if (table) out.table = table;
    if (column) out.column = column;
    return out;
  }
  // A DubanError (by name: errors.ts builds on this file, not the other way round).
  if (e instanceof Error && e.name === 'DubanError') {
    const d = e as Error & { code: string; details?: Record<string, unknown> };
    const reason = d.details?.reason ? `: ${String(d.details.reason)}` : '';
    return { code: d.code, message: scrubMessage(`${d.message}${reason}`) };
  }
  const message = e instanceof Error ? e.message : typeof e === 'object' && e && typeof (e as PgLike).message === 'string' ? String((e as PgLike).message) : String(e);
  const code = typeof e === 'object' && e ? str((e as PgLike).code) : undefined;
  return { ...(code ? { code } : {}), message: scrubMessage(message) };
}

/** pino serializer for `error` / `err` fields, whatever shape they arrive in. */
export function errorSerializer(v: unknown): unknown {
  if (typeof v === 'string') return scrubMessage(v);
  if (v && typeof v === 'object') return safeError(v);
  return v;
}

/** An Error carrying only the safe facts, to rethrow where the message is stored (BullMQ's failure reason in Redis). */
export function toSafeError(e: unknown): Error {
  const { message, ...facts } = safeError(e);
  return Object.assign(new Error(facts.constraint ? `${message} (${facts.constraint})` : message), facts);
}
