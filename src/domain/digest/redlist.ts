import { SEVERITY, type Status } from '../status.ts';
import type { DeadlineState } from '../deadlines.ts';
import { truncate } from '../escape.ts';
import type { DigestAssignmentInput, DigestExplaining, RedListEntry, RedReason } from './types.ts';

/** Notes kept in the stored model are bounded; the full text stays in the reports (export, ask). */
export const MODEL_NOTE_MAX = 200;

const REASON_WEIGHT: Record<RedReason, number> = { blocked: 8, overdue: 4, at_risk: 2, warning: 1 };
const STATUS_RANK: Record<Status, number> = SEVERITY;

/** One line, at most MODEL_NOTE_MAX code points; pre-cut in UTF-16 units first so long notes stay cheap. */
export function boundedNote(note: string): string {
  // a code point is at most two UTF-16 units, so this keeps more than enough to truncate correctly
  const head = note.slice(0, MODEL_NOTE_MAX * 2 + 2);
  const line = head.replace(/\s+/g, ' ').trim();
  const out = truncate(line, MODEL_NOTE_MAX);
  // collapsed whitespace can hide the pre-cut: still mark the note as shortened
  return head.length < note.length && out === line ? truncate(`${line}…`, MODEL_NOTE_MAX) : out;
}

export function redReasons(status: Status, deadline: DeadlineState): RedReason[] {
  const reasons: RedReason[] = [];
  if (status === 'blocked') reasons.push('blocked');
  if (status === 'at_risk') reasons.push('at_risk');
  if (deadline === 'overdue') reasons.push('overdue');
  if (deadline === 'warning') reasons.push('warning');
  return reasons;
}

/** Most severe first: a blocked and overdue task outranks a merely blocked one, which outranks 逾期 … */
export function severity(entry: Pick<RedListEntry, 'reasons'>): number {
  return entry.reasons.reduce((sum, r) => sum + REASON_WEIGHT[r], 0);
}

export function compareRed(a: RedListEntry, b: RedListEntry): number {
  return severity(b) - severity(a) || a.progress - b.progress || a.number - b.number;
}

/** The department whose report explains the task's state: the worst status, then the latest report. */
export function explainingDepartment(departments: DigestAssignmentInput[]): DigestAssignmentInput | null {
  let best: DigestAssignmentInput | null = null;
  for (const d of departments) {
    if (!d.status) continue;
    if (
      !best ||
      STATUS_RANK[d.status] > STATUS_RANK[best.status!] ||
      (STATUS_RANK[d.status] === STATUS_RANK[best.status!] && (d.reportedAt?.getTime() ?? 0) > (best.reportedAt?.getTime() ?? 0))
    ) {
      best = d;
    }
  }
  return best;
}

export function redEntry(
  task: { id: number; number: number; title: string },
  status: Status,
  deadline: DeadlineState,
  progress: number,
  who: DigestExplaining | null,
): RedListEntry | null {
  const reasons = redReasons(status, deadline);
  if (reasons.length === 0) return null;
  return {
    taskId: task.id,
    number: task.number,
    title: task.title,
    status,
    deadline,
    reasons,
    department: who?.name ?? null,
    note: boundedNote(who?.note ?? ''),
    evidenceUrl: who?.evidenceUrl ?? null,
    reporter: who?.reporter ?? null,
    reportedAt: who?.reportedAt ? who.reportedAt.toISOString() : null,
    progress,
  };
}
