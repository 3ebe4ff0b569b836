import type { Db } from '../db/client.ts';
import { taskRegionSummary, type TaskRegionSummary } from '../db/repositories/region-status.repository.ts';
import {
  findTaskByNumber, listRecentRounds, listTaskDepartments, listTaskStatuses, listTaskTrend, type PlanRow, type TaskStatusRow,
} from '../db/repositories/status.repository.ts';
import { roundFor } from '../domain/rounds.ts';
import { overallStatus, type Status } from '../domain/status.ts';
import type { Answer, TaskLine } from '../cards/answers/index.ts';
import { summariseTasks, taskProgress, toLine, type AskOptions } from './ask-tasks.ts';
import { readTogether } from '../db/reads.ts';
import { departmentStatuses } from './ask-task.ts';

const TREND_ROUNDS = 4;
/** Key points have no 完成时间 of their own: they run through the year, reported with the year's 成效. */
const KEY_POINT_DEADLINE = '全年推进（工作要点未单列完成时间）';

/**
 * The regions' state in one word, for a key point only the regions carry (要点2、10): the worst
 * state any of them reported; done when all are, on track when all are on track or done.
 */
export function regionsStatus(r: TaskRegionSummary): Status {
  if (r.blocked > 0) return 'blocked';
  if (r.atRisk > 0) return 'at_risk';
  if (r.done === r.total) return 'done';
  if (r.onTrack + r.done === r.total) return 'on_track';
  return 'not_started';
}

/**
 * One key point in full (要点3): the bureau's departments as for a task, its regions in counts.
 * A number the plan does not have is answered as a key-point list naming it missing.
 */
export async function answerKeyPoint(db: Db, plan: PlanRow, number: number, count: number, o: AskOptions): Promise<Answer> {
  const roundKey = roundFor(o.now, o.timezone).key;
  const [item, rounds, deps, trendRows, regions] = await readTogether(db, [
    () => findTaskByNumber(db, plan.id, number, 'key_point'),
    () => listRecentRounds(db, plan.id, o.now, TREND_ROUNDS),
    () => listTaskDepartments(db, plan.id, number, 'key_point'),
    () => listTaskTrend(db, plan.id, number, o.now, TREND_ROUNDS, 'key_point'),
    () => taskRegionSummary(db, plan.id, number, roundKey, 5, 'key_point'),
  ]);
  if (!item) return { kind: 'key_points', tasks: [], missing: [number], count, all: false };
  const departments = departmentStatuses(deps, rounds, trendRows, o.timezone);
  // the bureau's departments decide the state; a key point of the regions alone takes theirs
  const byRegions = departments.length === 0 && regions !== null;
  const status = byRegions ? regionsStatus(regions) : overallStatus(departments.map((d) => d.status));
  return {
    kind: 'task',
    task: {
      kind: 'key_point',
      number: item.number,
      title: item.title,
      section: null,
      deadline: KEY_POINT_DEADLINE,
      deadlineState: 'ok',
      status,
      progress: byRegions ? (status === 'done' ? 100 : regions.progress) : taskProgress(status, departments.map((d) => d.progress)),
      trendRounds: [...rounds].reverse().map((r) => r.key),
      departments,
      ...(regions ? { regions } : {}),
    },
  };
}

/**
 * Key points asked together (要点3、4) or all of them (工作要点): one line each. A line's state is
 * its departments'; a key point only the regions carry shows theirs, and the regions' response is
 * named beside every line that has them (各地区已填报 3/34).
 */
export async function answerKeyPoints(db: Db, plan: PlanRow, numbers: number[] | null, known: readonly number[], o: AskOptions): Promise<Answer> {
  const roundKey = roundFor(o.now, o.timezone).key;
  const scope = numbers === null ? { kind: 'all' as const } : { kind: 'numbers' as const, numbers };
  const rows = await listTaskStatuses(db, plan.id, scope, roundKey, { kind: 'key_point', regions: true });
  const byTask = new Map<number, TaskStatusRow[]>();
  for (const r of rows) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r]);
  const lines = new Map<number, TaskLine>();
  for (const group of byTask.values()) {
    const bureau = group.filter((r) => r.role !== 'region');
    const regions = group.filter((r) => r.role === 'region');
    const [summary] = summariseTasks(bureau.length > 0 ? bureau : regions, plan.year, o);
    if (!summary) continue;
    const highlight = regions.length > 0 ? `各地区已填报 ${regions.filter((r) => r.reportedInRound).length}/${regions.length}` : null;
    lines.set(summary.number, { ...toLine({ ...summary, highlight }), kind: 'key_point', deadlineState: 'ok' });
  }
  const asked = numbers ?? [...known];
  return {
    kind: 'key_points',
    tasks: asked.map((n) => lines.get(n)).filter((l) => l !== undefined),
    missing: asked.filter((n) => !known.includes(n)),
    count: known.length,
    all: numbers === null,
  };
}
