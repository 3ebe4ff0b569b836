/** Report statuses, worst first in aggregation order (docs/architecture.md#domain). */
export const STATUSES = ['not_started', 'on_track', 'at_risk', 'blocked', 'pending_review', 'done'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * What a reporter may choose on a card. 待审核 (pending_review) is not among them: it is what a
 * reported 已完成 becomes until its reviewer approves it (src/domain/review.ts).
 */
export const REPORTABLE_STATUSES = ['not_started', 'on_track', 'at_risk', 'blocked', 'done'] as const satisfies readonly Status[];
export type ReportableStatus = (typeof REPORTABLE_STATUSES)[number];

// Labels and colours live in domain/vocabulary/status.ts, shared by every surface.

export const isStatus = (v: unknown): v is Status => typeof v === 'string' && (STATUSES as readonly string[]).includes(v);

// blocked > at_risk > not_started > on_track > pending_review > done: a completion waiting for
// its review is the least worrying of the unfinished, but unfinished all the same.
export const SEVERITY: Record<Status, number> = { blocked: 5, at_risk: 4, not_started: 3, on_track: 2, pending_review: 1, done: 0 };

/**
 * A task's overall status: the worst of its departments'. A department with no report counts as
 * not_started, so a task is done only when every responsible department's completion was approved
 * (a reported 已完成 is pending_review until then).
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
