import type { DbOrTx } from '../../db/client.ts';
import { listDepartments } from '../../db/repositories/directory.repository.ts';
import type { PlanRecord } from '../../db/repositories/plan.repository.ts';
import { listPaperConfirmations, listResultFiles } from '../../db/repositories/results.repository.ts';
import { readTogether } from '../../db/reads.ts';
import { resultStatuses, type ResultsOverview } from '../../domain/results/status.ts';

/**
 * Every reporting unit's 成效报送 — departments first, then regions, each in directory order —
 * with its latest electronic report and its paper copy.
 */
export async function loadResultsOverview(db: DbOrTx, plan: Pick<PlanRecord, 'id'>): Promise<ResultsOverview & { chats: Map<number, string | null> }> {
  const [units, files, papers] = await readTogether(db, [() => listDepartments(db), () => listResultFiles(db, plan.id), () => listPaperConfirmations(db, plan.id)]);
  const ordered = [...units.filter((u) => u.kind !== 'region'), ...units.filter((u) => u.kind === 'region')];
  const overview = resultStatuses(ordered.map((u) => ({ id: u.id, name: u.name, kind: u.kind })), files, papers);
  return { ...overview, chats: new Map(units.map((u) => [u.id, u.chatId])) };
}
