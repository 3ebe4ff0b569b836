import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { departments, people, reporters, resultFiles, resultPaper } from '../schema/index.ts';

/** 成效报送: the electronic reports units sent as files, and their paper-copy confirmations. */

export interface NewResultFile {
  planId: number;
  departmentId: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
  messageId: string;
  fileKey: string;
  chatId: string;
  submittedBy: string;
  submittedAt: Date;
  storedAt: Date;
}

/** A stored file without its bytes (what lists and exports show). */
export interface ResultFileInfo {
  id: number;
  departmentId: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  messageId: string;
  submittedBy: string;
  submittedByName: string | null;
  submittedAt: Date;
}

export interface PaperConfirmation {
  departmentId: number;
  confirmedBy: string;
  confirmedByName: string | null;
  confirmedAt: Date;
}

const info = {
  id: resultFiles.id,
  departmentId: resultFiles.departmentId,
  fileName: resultFiles.fileName,
  mimeType: resultFiles.mimeType,
  sizeBytes: resultFiles.sizeBytes,
  sha256: resultFiles.sha256,
  messageId: resultFiles.messageId,
  submittedBy: resultFiles.submittedBy,
  submittedByName: people.name,
  submittedAt: resultFiles.submittedAt,
};

/** Stores one file; null when this message's file is already stored (a redelivery, a second click). */
export async function insertResultFile(db: DbOrTx, f: NewResultFile): Promise<{ id: number } | null> {
  const [row] = await db.insert(resultFiles).values(f).onConflictDoNothing({ target: resultFiles.messageId }).returning({ id: resultFiles.id });
  return row ?? null;
}

/** The stored file of a Lark message, with the unit it was stored for. */
export async function findResultFileByMessage(db: DbOrTx, messageId: string): Promise<{ id: number; departmentId: number; departmentName: string } | null> {
  const [row] = await db
    .select({ id: resultFiles.id, departmentId: resultFiles.departmentId, departmentName: departments.name })
    .from(resultFiles)
    .innerJoin(departments, eq(departments.id, resultFiles.departmentId))
    .where(eq(resultFiles.messageId, messageId))
    .limit(1);
  return row ?? null;
}

/** Every file of the plan, without bytes, oldest first. */
export async function listResultFiles(db: DbOrTx, planId: number): Promise<ResultFileInfo[]> {
  return db
    .select(info)
    .from(resultFiles)
    .leftJoin(people, eq(people.openId, resultFiles.submittedBy))
    .where(eq(resultFiles.planId, planId))
    .orderBy(asc(resultFiles.submittedAt), asc(resultFiles.id));
}

/** One stored file with its bytes (the CLI writes it out). */
export async function readResultFile(db: DbOrTx, id: number): Promise<(ResultFileInfo & { content: Buffer }) | null> {
  const [row] = await db
    .select({ ...info, content: resultFiles.content })
    .from(resultFiles)
    .leftJoin(people, eq(people.openId, resultFiles.submittedBy))
    .where(eq(resultFiles.id, id))
    .limit(1);
  return row ?? null;
}

/** Files stored for a plan so far (tests and the step summary). */
export async function countResultFiles(db: DbOrTx, planId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(resultFiles).where(eq(resultFiles.planId, planId));
  return row?.n ?? 0;
}

/** Records the paper copy as posted; the first confirmation stays. Returns it, and whether it is new. */
export async function confirmPaper(
  db: DbOrTx,
  c: { planId: number; departmentId: number; confirmedBy: string; confirmedAt: Date },
): Promise<{ created: boolean; confirmedBy: string; confirmedAt: Date }> {
  const [row] = await db.insert(resultPaper).values(c).onConflictDoNothing().returning();
  if (row) return { created: true, confirmedBy: row.confirmedBy, confirmedAt: row.confirmedAt };
  const [existing] = await db
    .select()
    .from(resultPaper)
    .where(and(eq(resultPaper.planId, c.planId), eq(resultPaper.departmentId, c.departmentId)))
    .limit(1);
  if (!existing) throw new Error('result_paper: neither inserted nor found');
  return { created: false, confirmedBy: existing.confirmedBy, confirmedAt: existing.confirmedAt };
}

export async function listPaperConfirmations(db: DbOrTx, planId: number): Promise<PaperConfirmation[]> {
  return db
    .select({ departmentId: resultPaper.departmentId, confirmedBy: resultPaper.confirmedBy, confirmedByName: people.name, confirmedAt: resultPaper.confirmedAt })
    .from(resultPaper)
    .leftJoin(people, eq(people.openId, resultPaper.confirmedBy))
    .where(eq(resultPaper.planId, planId))
    .orderBy(desc(resultPaper.confirmedAt));
}

/** The units a person reports for, in directory order. */
export async function unitsOfReporter(db: DbOrTx, openId: string): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: departments.id, name: departments.name })
    .from(reporters)
    .innerJoin(departments, eq(departments.id, reporters.departmentId))
    .where(eq(reporters.openId, openId))
    .orderBy(asc(departments.id));
}
