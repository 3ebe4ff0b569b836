/** Report statuses, worst first in aggregation order (docs/architecture.md#domain). */
export const STATUSES = ['not_started', 'on_track', 'at_risk', 'blocked', 'done'] as const;
export type Status = (typeof STATUSES)[number];

// Labels and colours live in domain/vocabulary/status.ts, shared by every surface.

export const isStatus = (v: unknown): v is Status => typeof v === 'string' && (STATUSES as readonly string[]).includes(v);

// blocked > at_risk > not_started > on_track > done
const SEVERITY: Record<Status, number> = { blocked: 4, at_risk: 3, not_started: 2, on_track: 1, done: 0 };

/**
 * A task's overall status: the worst of its departments'. A department with no report counts as
 * not_started, so a task is done only when every responsible department reported done.
 */
export function overallStatus(departmentStatuses: ReadonlyArray<Status | null | undefined>): Status {
  let worst: Status = 'done';
  if (departmentStatuses.length === 0) return 'not_started';
  for (const s of departmentStatuses) {
    const status: Status = s ?? 'not_started';
    if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  }
  return worst;
}
