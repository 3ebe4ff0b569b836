import type { Db } from '../db/client.ts';
import { listDepartmentNames, listIndicatorNames, listTasksForMatching, type PlanRow } from '../db/repositories/status.repository.ts';
import type { QueryContext } from '../domain/query/types.ts';

/**
 * Keeps the parser's context (task titles and measures, department names, indicator names) between
 * questions. Loading it means reading every task's measures, which is the one read that grows with
 * the plan; the fingerprint read with the plan decides whether the cached copy is still right.
 */
export interface AskCache {
  entry: { planId: number; fingerprint: string; ctx: QueryContext } | null;
}

export const createAskCache = (): AskCache => ({ entry: null });

export async function loadQueryContext(db: Db, plan: PlanRow, cache?: AskCache): Promise<QueryContext> {
  const { fingerprint } = plan;
  const hit = cache?.entry;
  if (hit && hit.planId === plan.id && hit.fingerprint === fingerprint) return hit.ctx;
  const [tasks, departments, indicators] = await Promise.all([
    listTasksForMatching(db, plan.id),
    listDepartmentNames(db),
    listIndicatorNames(db, plan.id),
  ]);
  const ctx: QueryContext = { taskCount: tasks.length, tasks, departments, indicators };
  if (cache) cache.entry = { planId: plan.id, fingerprint, ctx };
  return ctx;
}
