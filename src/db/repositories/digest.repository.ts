import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { digests } from '../schema/index.ts';

export type DigestRow = typeof digests.$inferSelect;

export interface NewDigest {
  planId: number;
  roundId: number | null;
  weekKey: string;
  model: unknown;
  card: unknown;
  sentAt: Date;
}

/**
 * Stores a week's digest unless that week already has one (unique plan × week). True when this
 * call stored it — the caller sends only then, so the same week is never sent twice.
 */
export async function insertDigestOnce(db: DbOrTx, d: NewDigest): Promise<boolean> {
  const rows = await db
    .insert(digests)
    .values(d)
    .onConflictDoNothing({ target: [digests.planId, digests.weekKey] })
    .returning({ id: digests.id });
  return rows.length > 0;
}

export async function findDigestByWeek(db: DbOrTx, planId: number, weekKey: string): Promise<DigestRow | undefined> {
  const [row] = await db
    .select()
    .from(digests)
    .where(and(eq(digests.planId, planId), eq(digests.weekKey, weekKey)))
    .limit(1);
  return row;
}

/**
 * The digest sent before `weekKey` (ISO week keys sort as text: 2021-W09 < 2021-W10 < 2022-W01):
 * the next digest's changes are computed against its model.
 */
export async function findPreviousDigest(db: DbOrTx, planId: number, weekKey: string): Promise<DigestRow | undefined> {
  const [row] = await db
    .select()
    .from(digests)
    .where(and(eq(digests.planId, planId), lt(digests.weekKey, weekKey)))
    .orderBy(desc(digests.weekKey))
    .limit(1);
  return row;
}
