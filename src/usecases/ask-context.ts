import type { Db } from '../db/client.ts';
import {
  listDepartmentNames, listIndicatorNames, listKeyPointTitles, listTasksForMatching, listTaskStatuses, type PlanRow, type TaskStatusRow,
} from '../db/repositories/status.repository.ts';
import { taskIndex } from '../domain/query/search.ts';
import type { QueryContext } from '../domain/query/types.ts';
import { readTogether } from '../db/reads.ts';

/**
 * Keeps the parser's context (task titles and measures, department names, indicator names) between
 * questions. Loading it means reading every task's measures, which is the one read that grows with
 * the plan; the fingerprint read with the plan decides whether the cached copy is still right.
 */
export interface AskCache {
  entry: { planId: number; fingerprint: string; ctx: QueryContext } | null;
  /** every task × department with its current status, as of `key` (plan, status version, round) */
  statuses: { key: string; rows: TaskStatusRow[] } | null;
}

export const createAskCache = (): AskCache => ({ entry: null, statuses: null });

const statusKey = (plan: PlanRow, roundKey: string): string => `${plan.fingerprint}#${plan.statusVersion}#${roundKey}`;

/** The whole plan's statuses if the cache holds them as of now (no reply stored since), else null. */
export function cachedStatuses(plan: PlanRow, roundKey: string, cache?: AskCache): TaskStatusRow[] | null {
  const hit = cache?.statuses;
  return hit && hit.key === statusKey(plan, roundKey) ? hit.rows : null;
}

/**
 * Every task × department of the plan with its current status and whether it reported in the round.
 * Digests and deadline lists need all of it; between replies it is served from the cache.
 */
export async function allStatuses(db: Db, plan: PlanRow, roundKey: string, cache?: AskCache): Promise<TaskStatusRow[]> {
  const hit = cachedStatuses(plan, roundKey, cache);
  if (hit) return hit;
  const rows = await listTaskStatuses(db, plan.id, { kind: 'all' }, roundKey);
  if (cache) cache.statuses = { key: statusKey(plan, roundKey), rows };
  return rows;
}

export async function loadQueryContext(db: Db, plan: PlanRow, cache?: AskCache): Promise<QueryContext> {
  const { fingerprint } = plan;
  const hit = cache?.entry;
  if (hit && hit.planId === plan.id && hit.fingerprint === fingerprint) return hit.ctx;
  const [tasks, departments, indicators, keyPoints] = await readTogether(db, [
    () => listTasksForMatching(db, plan.id),
    () => listDepartmentNames(db),
    () => listIndicatorNames(db, plan.id),
    () => listKeyPointTitles(db, plan.id),
  ]);
  const ctx: QueryContext = { taskCount: tasks.length, tasks, departments, indicators, keyPoints, planYear: plan.year };
  // The topic index (BM25 over titles and measures) is built here, once per plan, and lives as long
  // as this context stays in the cache: questions only look it up.
  taskIndex(ctx.tasks);
  if (cache) cache.entry = { planId: plan.id, fingerprint, ctx };
  return ctx;
}
