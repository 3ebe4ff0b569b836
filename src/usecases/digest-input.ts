import { readTogether } from '../db/reads.ts';
import { listRegionResponse } from '../db/repositories/region-status.repository.ts';
import { listTaskStatuses } from '../db/repositories/status.repository.ts';
import { isStatus } from '../domain/status.ts';
import type { DigestKeyPointInput } from '../domain/digest/types.ts';
import type { DbOrTx } from '../db/client.ts';
import { readDigestRows, type DigestSummaryRow } from '../db/repositories/digest-input.repository.ts';
import { requireActivePlan, type PlanRecord } from '../db/repositories/plan.repository.ts';
import type { DepartmentResponse, DigestSummaryInput, DigestTaskSummary } from '../domain/digest/types.ts';
import { roundFor } from '../domain/rounds.ts';
import type { Status } from '../domain/status.ts';
import type { Comparator } from '../plan/types.ts';

/** Severity codes of the summary query, as `overallStatus` ranks them (src/domain/status.ts). */
const STATUS_OF_SEVERITY: Status[] = ['done', 'pending_review', 'on_track', 'not_started', 'at_risk', 'blocked'];

export interface LoadedDigestInput {
  planId: number;
  roundId: number | null;
  weekKey: string;
  input: DigestSummaryInput;
}

/**
 * Everything the digest needs, read in one round trip after the plan (readDigestRows: one row per
 * task with its worst status, progress sum and the department that explains it, one per department
 * with the tasks it answers for and those reported this round), shaped for the digest model.
 */
export async function loadDigestInput(
  db: DbOrTx,
  opts: { now: Date; timezone: string; weekOf?: Date },
  knownPlan?: PlanRecord,
): Promise<LoadedDigestInput> {
  const plan = knownPlan ?? (await requireActivePlan(db));
  // a digest moved off a holiday into the next week still summarises the week it was due for
  const week = roundFor(opts.weekOf ?? opts.now, opts.timezone);
  // together on a pool, one after another in a transaction (an admin's 发送周汇总 runs in one)
  const [{ round, sectionRows, taskRows, departmentRows, summaryRows, indicatorRows, latestValues }, regionRows, keyPointRows] = await readTogether(db, [
    () => readDigestRows(db, plan.id, week.key),
    () => listRegionResponse(db, plan.id, week.key),
    // the key points with every unit (regions too): 10 × 48 rows at most
    () => listTaskStatuses(db, plan.id, { kind: 'all' }, week.key, { kind: 'key_point', regions: true }),
  ]);
  const keyPoints = new Map<number, DigestKeyPointInput>();
  for (const r of keyPointRows) {
    const k = keyPoints.get(r.taskId) ?? { number: r.number, title: r.title, units: [] };
    k.units.push({ region: r.role === 'region', status: isStatus(r.status) ? r.status : null, reportedThisRound: r.reportedInRound });
    keyPoints.set(r.taskId, k);
  }

  const nameOf = new Map(departmentRows.map((d) => [d.id, d.name]));
  const byTask = new Map<number, DigestSummaryRow>();
  const responses: DepartmentResponse[] = [];
  for (const r of summaryRows) {
    if (r.task_id !== null) byTask.set(r.task_id, r);
    else if (r.department_id !== null) {
      responses.push({ departmentId: r.department_id, name: nameOf.get(r.department_id) ?? '', expected: r.assigned, reported: r.reported });
    }
  }
  const taskInputs: DigestTaskSummary[] = taskRows.map((t) => {
    const r = byTask.get(t.id);
    return {
      id: t.id,
      number: t.number,
      title: t.title,
      section: t.sectionNumber,
      deadlineKind: t.deadlineKind,
      dueDate: t.dueDate,
      // a task with no responsible department is not started, at 0 % (as overallStatus([]) says)
      status: r ? (STATUS_OF_SEVERITY[r.worst] ?? 'not_started') : 'not_started',
      progress: r && r.assigned > 0 ? Math.round(r.progress_sum / r.assigned) : 0,
      reported: (r?.ever_reported ?? 0) > 0,
      explaining:
        r && r.explaining_department !== null
          ? {
              name: nameOf.get(r.explaining_department) ?? '',
              note: r.note,
              evidenceUrl: r.evidence_url,
              reporter: r.reporter,
              reportedAt: r.reported_at_ms === null ? null : new Date(r.reported_at_ms),
            }
          : null,
    };
  });
  const latest = new Map(latestValues.map((v) => [v.indicatorId, v]));

  return {
    planId: plan.id,
    roundId: round?.id ?? null,
    weekKey: week.key,
    input: {
      plan: { title: plan.title, year: plan.year, reportDeadline: plan.reportDeadline },
      round: round ? { key: round.key, startsAt: round.startsAt, endsAt: round.endsAt } : null,
      sections: sectionRows,
      tasks: taskInputs,
      responses,
      regionResponses: regionRows.map((r, i) => ({ departmentId: -1 - i, name: r.name, expected: r.expected, reported: r.reported })),
      keyPoints: [...keyPoints.values()],
      indicators: indicatorRows.map((i) => {
        const v = latest.get(i.id);
        return {
          id: i.id,
          name: i.name,
          comparator: i.comparator as Comparator,
          target: Number(i.value),
          unit: i.unit,
          latest: v ? { value: Number(v.value), reportedAt: v.reportedAt } : null,
        };
      }),
      now: opts.now,
      timezone: opts.timezone,
    },
  };
}
