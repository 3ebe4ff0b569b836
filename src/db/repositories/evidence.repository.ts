import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import type { ResultFileInfo } from './results.repository.ts';
import { assignments, currentStatus, evidenceFiles, people, resultFiles, tasks } from '../schema/index.ts';

// 办结佐证 files: documents attached to a unit's task as the evidence of its 已完成 (src/usecases/evidence/).

export type NewEvidenceFile = Omit<typeof evidenceFiles.$inferInsert, 'id'>;

/** A stored evidence file without its bytes (what cards, answers and exports show): a 成效报送 file's facts, for one task of a plan. */
export interface EvidenceFileInfo extends ResultFileInfo {
  planId: number;
  taskId: number;
}

const info = {
  id: evidenceFiles.id,
  planId: evidenceFiles.planId,
  taskId: evidenceFiles.taskId,
  departmentId: evidenceFiles.departmentId,
  fileName: evidenceFiles.fileName,
  mimeType: evidenceFiles.mimeType,
  sizeBytes: evidenceFiles.sizeBytes,
  sha256: evidenceFiles.sha256,
  messageId: evidenceFiles.messageId,
  submittedBy: evidenceFiles.submittedBy,
  submittedByName: people.name,
  submittedAt: evidenceFiles.submittedAt,
};

/**
 * The unit's live tasks and key points of the plan, every role (regions included), with its current
 * status: what a file may be attached to (src/domain/evidence.ts picks the open ones).
 */
export async function tasksOfUnit(db: DbOrTx, planId: number, departmentId: number) {
  return db
    .select({ id: tasks.id, kind: tasks.kind, number: tasks.number, title: tasks.title, status: currentStatus.status })
    .from(assignments)
    .innerJoin(tasks, eq(tasks.id, assignments.taskId))
    .leftJoin(currentStatus, and(eq(currentStatus.taskId, assignments.taskId), eq(currentStatus.departmentId, assignments.departmentId)))
    .where(and(eq(assignments.departmentId, departmentId), eq(tasks.planId, planId), isNull(tasks.removedAt)))
    .orderBy(asc(tasks.kind), asc(tasks.number));
}

/** The latest file the unit attached to the task in this plan (the one a 已完成 without a link rests on). */
export async function latestEvidenceFile(db: DbOrTx, k: { planId: number; taskId: number; departmentId: number }): Promise<{ id: number; fileName: string } | null> {
  const [row] = await db
    .select({ id: evidenceFiles.id, fileName: evidenceFiles.fileName })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.planId, k.planId), eq(evidenceFiles.taskId, k.taskId), eq(evidenceFiles.departmentId, k.departmentId)))
    .orderBy(desc(evidenceFiles.submittedAt), desc(evidenceFiles.id))
    .limit(1);
  return row ?? null;
}

/** Stores one attachment; null when this message is already attached to this task for this unit. */
export async function insertEvidenceFile(db: DbOrTx, f: NewEvidenceFile): Promise<{ id: number } | null> {
  const [row] = await db
    .insert(evidenceFiles)
    .values(f)
    .onConflictDoNothing({ target: [evidenceFiles.messageId, evidenceFiles.taskId, evidenceFiles.departmentId] })
    .returning({ id: evidenceFiles.id });
  return row ?? null;
}

/** Whether this message is attached to this task for this unit already. */
export async function findAttachment(db: DbOrTx, k: { messageId: string; taskId: number; departmentId: number }): Promise<{ id: number } | null> {
  const [row] = await db
    .select({ id: evidenceFiles.id })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.messageId, k.messageId), eq(evidenceFiles.taskId, k.taskId), eq(evidenceFiles.departmentId, k.departmentId)))
    .limit(1);
  return row ?? null;
}

export async function evidenceFileInfo(db: DbOrTx, id: number): Promise<EvidenceFileInfo | null> {
  const [row] = await db.select(info).from(evidenceFiles).leftJoin(people, eq(people.openId, evidenceFiles.submittedBy)).where(eq(evidenceFiles.id, id)).limit(1);
  return row ?? null;
}

/** One stored file with its bytes (sent to a reviewer). */
export async function readEvidenceFile(db: DbOrTx, id: number): Promise<(EvidenceFileInfo & { content: Buffer }) | null> {
  const [row] = await db
    .select({ ...info, content: evidenceFiles.content })
    .from(evidenceFiles)
    .leftJoin(people, eq(people.openId, evidenceFiles.submittedBy))
    .where(eq(evidenceFiles.id, id))
    .limit(1);
  return row ?? null;
}

/**
 * The bytes of a message already stored as a 成效报送 file (checked when they were stored): the
 * same message attached as evidence needs no second download.
 */
export async function resultFileBytesOfMessage(db: DbOrTx, messageId: string): Promise<Buffer | null> {
  const [row] = await db.select({ content: resultFiles.content }).from(resultFiles).where(eq(resultFiles.messageId, messageId)).limit(1);
  return row?.content ?? null;
}
