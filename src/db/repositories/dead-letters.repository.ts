import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { inboundDeadLetters } from '../schema/index.ts';

export interface NewDeadLetter {
  eventId: string | null;
  kind: string;
  /** The queued job as it was. */
  job: unknown;
  errorCode: string;
  errorMessage: string;
  createdAt: Date;
}

export type DeadLetterRow = typeof inboundDeadLetters.$inferSelect;

// Postgres text and jsonb cannot hold U+0000, and jsonb no unpaired surrogate: the very things a
// poison job may carry. The readable copy replaces them; `job` keeps every character, escaped.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const storable = (s: string) => s.replace(UNSTORABLE, '\uFFFD');

function readable(v: unknown): unknown {
  if (typeof v === 'string') return storable(v);
  if (Array.isArray(v)) return v.map(readable);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [storable(k), readable(x)]));
  return v;
}

export async function insertDeadLetter(db: DbOrTx, d: NewDeadLetter): Promise<number> {
  const [row] = await db
    .insert(inboundDeadLetters)
    .values({
      eventId: d.eventId === null ? null : storable(d.eventId),
      kind: storable(d.kind),
      payload: readable(d.job),
      // JSON.stringify writes U+0000 and lone surrogates as \u escapes: plain text Postgres accepts.
      job: JSON.stringify(d.job ?? null),
      errorCode: storable(d.errorCode),
      errorMessage: storable(d.errorMessage),
      createdAt: d.createdAt,
    })
    .returning({ id: inboundDeadLetters.id });
  return row!.id;
}

/** The job of a dead letter exactly as it was queued. */
export const deadLetterJob = (row: Pick<DeadLetterRow, 'job'>): unknown => JSON.parse(row.job);

/** Dead letters not yet re-driven (all with `includeRetried`), oldest first. */
export async function listDeadLetters(db: DbOrTx, opts: { includeRetried?: boolean; ids?: number[] } = {}): Promise<DeadLetterRow[]> {
  const where = and(opts.includeRetried ? undefined : isNull(inboundDeadLetters.retriedAt), opts.ids ? inArray(inboundDeadLetters.id, opts.ids) : undefined);
  return db.select().from(inboundDeadLetters).where(where).orderBy(asc(inboundDeadLetters.id));
}

export async function markDeadLetterRetried(db: DbOrTx, id: number, at: Date): Promise<void> {
  await db.update(inboundDeadLetters).set({ retriedAt: at }).where(eq(inboundDeadLetters.id, id));
}
