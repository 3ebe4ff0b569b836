import type { DbOrTx } from '../../db/client.ts';
import { tasksOfUnit } from '../../db/repositories/evidence.repository.ts';
import { evidenceChoices, type EvidenceTask } from '../../domain/evidence.ts';

/** The unit's tasks a file may be attached to as 办结佐证 (not yet approved as done), as buttons. */
export async function openEvidenceTasks(db: DbOrTx, planId: number, departmentId: number): Promise<{ shown: EvidenceTask[]; more: number }> {
  return evidenceChoices(await tasksOfUnit(db, planId, departmentId));
}
