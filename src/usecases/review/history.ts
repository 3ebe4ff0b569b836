import type { ReviewHistoryEntry } from '../../cards/answers/model.ts';
import type { ReviewHistoryRow } from '../../db/repositories/review.repository.ts';
import { formatLocalTime } from '../../domain/rounds.ts';

/** History rows as the task answer and the exports show them: names, local times. */
export function historyEntry(h: ReviewHistoryRow, timezone: string): ReviewHistoryEntry {
  return {
    kind: h.kind,
    department: h.departmentName,
    requester: h.requesterName ?? h.requestedBy,
    requestedAt: formatLocalTime(h.requestedAt, timezone),
    status: h.status,
    previousDueDate: h.previousDueDate,
    newDueDate: h.newDueDate,
    reason: h.reason,
    evidenceUrl: h.evidenceUrl,
    evidenceFile: h.evidenceFileName,
    decider: h.decidedBy ? (h.deciderName ?? h.decidedBy) : null,
    decidedAt: h.decidedAt ? formatLocalTime(h.decidedAt, timezone) : null,
    comment: h.comment,
  };
}
