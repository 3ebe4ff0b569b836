import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { sentMessages } from '../schema/index.ts';

export type SentMessage = typeof sentMessages.$inferSelect;

export interface NewSentMessage {
  uuid: string;
  purpose: string;
  ref: string;
  chatId: string | null;
  messageId: string;
  sentAt: Date;
}

/**
 * Stores what a message was sent for, so its card can be patched later. Idempotent on the
 * outbox uuid: a retried job that reached Lark twice still leaves one row (the first).
 */
export async function recordSent(db: DbOrTx, m: NewSentMessage): Promise<SentMessage> {
  const [row] = await db.insert(sentMessages).values(m).onConflictDoNothing({ target: sentMessages.uuid }).returning();
  if (row) return row;
  const existing = await findByUuid(db, m.uuid);
  if (!existing) throw new Error(`sent_messages: uuid ${m.uuid} neither inserted nor found`);
  return existing;
}

export async function findByUuid(db: DbOrTx, uuid: string): Promise<SentMessage | undefined> {
  const [row] = await db.select().from(sentMessages).where(eq(sentMessages.uuid, uuid)).limit(1);
  return row;
}

/** The latest message sent for (purpose, ref), e.g. the round card of one department. */
export async function findByRef(db: DbOrTx, purpose: string, ref: string): Promise<SentMessage | undefined> {
  const [row] = await db
    .select()
    .from(sentMessages)
    .where(and(eq(sentMessages.purpose, purpose), eq(sentMessages.ref, ref)))
    .orderBy(desc(sentMessages.sentAt), desc(sentMessages.id))
    .limit(1);
  return row;
}

/** Which of `refs` already have a message sent for `purpose`. */
export async function listSentRefs(db: DbOrTx, purpose: string, refs: string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db
    .select({ ref: sentMessages.ref })
    .from(sentMessages)
    .where(and(eq(sentMessages.purpose, purpose), inArray(sentMessages.ref, refs)));
  return new Set(rows.map((r) => r.ref));
}
