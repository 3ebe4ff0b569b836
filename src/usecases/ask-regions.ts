import type { Db } from '../db/client.ts';
import { listRegions } from '../db/repositories/region-assignments.repository.ts';
import { listRegionResponse, listRegionTaskStatuses, taskRegionSummary } from '../db/repositories/region-status.repository.ts';
import { findRoundByKey, type PlanRow } from '../db/repositories/status.repository.ts';
import { roundFor } from '../domain/rounds.ts';
import type { Answer, RegionSummary } from '../cards/answers/index.ts';
import { summariseTasks, toLine, type AskOptions } from './ask-tasks.ts';

/**
 * One region's tasks with its own status (广东的进展, 广东省知识产权局填报情况); null when the
 * department asked about is not a region, so the department answer applies.
 */
export async function answerRegion(db: Db, plan: PlanRow, departmentId: number, o: AskOptions): Promise<Answer | null> {
  const region = (await listRegions(db)).find((r) => r.id === departmentId);
  if (!region) return null;
  const rows = await listRegionTaskStatuses(db, plan.id, region.id, roundFor(o.now, o.timezone).key);
  const kinds = new Map(rows.map((r) => [r.taskId, r.kind]));
  // one row per item (the region's own), annex tasks first, then its key points (要点N)
  const tasks = summariseTasks(rows, plan.year, o).map((t) => {
    const row = t.departments[0]!;
    const line = toLine({ ...t, highlight: row.reportedInRound ? null : '本轮未填报' });
    return kinds.get(row.taskId) === 'key_point' ? { ...line, kind: 'key_point' as const, deadlineState: 'ok' as const } : line;
  });
  return { kind: 'department', name: region.name, filter: null, tasks, unit: 'region' };
}

/** 各地区填报情况: the regions that have not reported everything this round, least complete first. */
export async function answerRegions(db: Db, plan: PlanRow, o: AskOptions): Promise<Answer> {
  const key = roundFor(o.now, o.timezone).key;
  const [round, response] = await Promise.all([findRoundByKey(db, plan.id, key), listRegionResponse(db, plan.id, key)]);
  if (!round) return { kind: 'not_reported', round: null, departments: [], totalDepartments: 0, unit: 'region' };
  return {
    kind: 'not_reported',
    round: round.key,
    departments: response
      .filter((r) => r.reported < r.expected)
      .map((r) => ({ name: r.name, expected: r.expected, reported: r.reported, missing: r.missing ?? [], missingKeyPoints: r.missingKeyPoints ?? [] })),
    totalDepartments: response.length,
    unit: 'region',
  };
}

/** A task's regions in one line's worth of counts (for the task answer), or null when no region follows it. */
export async function regionSummaryFor(db: Db, plan: PlanRow, number: number, o: AskOptions): Promise<RegionSummary | null> {
  return taskRegionSummary(db, plan.id, number, roundFor(o.now, o.timezone).key);
}
