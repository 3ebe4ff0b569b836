import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { adminOperations } from '../schema/index.ts';

export type AdminOperationRow = typeof adminOperations.$inferSelect;

export interface NewOperationRequest {
  requestKey: string;
  operation: string;
  source: 'message' | 'menu';
  requestedBy: string;
  requestedAt: Date;
  chatId: string | null;
  preview: string[];
}

/** Stores a pending request once per asking event; a redelivery gets the row stored the first time. */
export async function insertOperationRequest(db: DbOrTx, r: NewOperationRequest): Promise<AdminOperationRow> {
  await db.insert(adminOperations).values({ ...r, status: 'pending' }).onConflictDoNothing({ target: adminOperations.requestKey });
  const [row] = await db.select().from(adminOperations).where(eq(adminOperations.requestKey, r.requestKey));
  return row!;
}

export async function findOperation(db: DbOrTx, id: number): Promise<AdminOperationRow | null> {
  const [row] = await db.select().from(adminOperations).where(eq(adminOperations.id, id));
  return row ?? null;
}

/**
 * Moves a pending request to confirmed or cancelled. Null when it was not pending any more: a
 * second click (or a concurrent one, which waits on the row lock and then finds it decided).
 */
export async function decideOperation(
  db: DbOrTx,
  id: number,
  d: { status: 'confirmed' | 'cancelled'; by: string; at: Date },
): Promise<AdminOperationRow | null> {
  const [row] = await db
    .update(adminOperations)
    .set({ status: d.status, decidedBy: d.by, decidedAt: d.at })
    .where(and(eq(adminOperations.id, id), eq(adminOperations.status, 'pending')))
    .returning();
  return row ?? null;
}

/** The outcome of a confirmed operation. */
export async function finishOperation(db: DbOrTx, id: number, status: 'done' | 'failed', result: string): Promise<void> {
  await db.update(adminOperations).set({ status, result }).where(eq(adminOperations.id, id));
}
