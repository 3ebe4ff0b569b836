import type { Db } from '../../db/client.ts';
import { findPersonName, listDepartments, type DepartmentRow } from '../../db/repositories/directory.repository.ts';
import { loadPlanView, type PlanView } from '../../db/repositories/plan-view.repository.ts';

/**
 * What the updated card shows besides the round's statuses: the plan, the departments and
 * people's names. They change only on an import or a directory edit, yet reading them took
 * most of a card action's queries (bench/results.md, benchmark 1), so the webhook keeps them for
 * a few seconds. Display only: authorisation and the statuses on the card are read fresh.
 */
export interface DisplayCache {
  planView(planId: number): Promise<PlanView | null>;
  departments(): Promise<DepartmentRow[]>;
  nameOf(openId: string): Promise<string>;
}

const DISPLAY_CACHE_MS = 5000;

export function createDisplayCache(db: Db, ttlMs = DISPLAY_CACHE_MS): DisplayCache {
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  const cached = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key);
    if (hit && Date.now() - hit.at < ttlMs) return hit.value as Promise<T>;
    const value = load();
    entries.set(key, { at: Date.now(), value });
    // A failed read is not kept: the next action tries again.
    value.catch(() => entries.get(key)?.value === value && entries.delete(key));
    return value;
  };
  return {
    planView: (planId) => cached(`plan:${planId}`, () => loadPlanView(db, planId)),
    departments: () => cached('departments', () => listDepartments(db)),
    nameOf: (openId) => cached(`name:${openId}`, async () => (await findPersonName(db, openId)) ?? openId),
  };
}
