import type { DbOrTx } from '../db/client.ts';
import { listRegions, listScopedTasks, replaceRegionAssignments } from '../db/repositories/region-assignments.repository.ts';
import { regionMeasures } from '../domain/regions.ts';

/**
 * Writes which regional office follows which task or key point of the plan (role `region`
 * assignments), from the measures and the directory's regions. Both the plan import and the
 * directory load call it, in their transaction, so the order they run in does not matter.
 */
export async function syncRegionAssignments(tx: DbOrTx, planId: number): Promise<number> {
  const [regions, scoped] = await Promise.all([listRegions(tx), listScopedTasks(tx, planId)]);
  const wanted = new Map<number, number[]>();
  for (const t of scoped) {
    const ids = regions.filter((r) => regionMeasures(t, r.conditional).length > 0).map((r) => r.id);
    if (ids.length) wanted.set(t.id, ids);
  }
  await replaceRegionAssignments(tx, scoped.map((t) => t.id), wanted);
  return [...wanted.values()].reduce((n, ids) => n + ids.length, 0);
}
