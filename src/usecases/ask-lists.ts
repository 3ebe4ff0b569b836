import type { Db } from '../db/client.ts';
import { findRoundByKey, listRoundResponse, listTaskStatuses, type PlanRow } from '../db/repositories/status.repository.ts';
import type { ListFilter } from '../domain/query/types.ts';
import { roundFor } from '../domain/rounds.ts';
import { isStatus, type Status } from '../domain/status.ts';
import { STATUS_LABEL } from '../domain/vocabulary/status.ts';
import type { Answer, TaskLine } from '../cards/answers/index.ts';
import { allStatuses, cachedStatuses } from './ask-context.ts';
import { highlightStatus, summariseTasks, toLine, type AskOptions, type TaskSummary } from './ask-tasks.ts';
import { readTogether } from '../db/reads.ts';

/** Filters answered from tasks' overall state rather than one department's row. */
function keep(t: TaskSummary, filter: ListFilter): boolean {
  switch (filter) {
    case 'overdue': return t.deadlineState === 'overdue';
    case 'warning': return t.deadlineState === 'warning';
    case 'done': return t.status === 'done';
    // any department at risk or blocked puts the task on the list, even when another one is worse
    case 'at_risk': return t.departments.some((d) => d.status === 'at_risk');
    case 'blocked': return t.departments.some((d) => d.status === 'blocked');
    case 'red': return t.departments.some((d) => d.status === 'at_risk' || d.status === 'blocked');
    // not started: the task's overall state, so a task nobody has reported yet counts
    case 'not_started': return t.status === 'not_started';
    case 'on_track': return t.status === 'on_track';
    case 'not_done': return t.status !== 'done';
    case 'year_end': return t.departments[0]?.deadlineKind === 'year_end';
    case 'all': return true;
    case 'not_reported': return true;
  }
}

function withHighlight(t: TaskSummary, filter: ListFilter | null): TaskSummary {
  const status: Status | null = filter === 'at_risk' || filter === 'blocked' ? filter : null;
  return status ? { ...t, highlight: highlightStatus(t, status) } : t;
}

/** Tasks by state. Risk and blockage start from the status index; deadlines and completion need every task's state. */
export async function answerList(db: Db, plan: PlanRow, filter: Exclude<ListFilter, 'not_reported'>, o: AskOptions): Promise<Answer> {
  const roundKey = roundFor(o.now, o.timezone).key;
  // Deadlines need every task; risk, blockage and completion can start from the status index when the cache is cold.
  const rows =
    filter !== 'at_risk' && filter !== 'blocked' && filter !== 'done'
      ? await allStatuses(db, plan, roundKey, o.cache)
      : (cachedStatuses(plan, roundKey, o.cache) ?? (await listTaskStatuses(db, plan.id, { kind: 'status', status: filter })));
  const tasks = summariseTasks(rows, plan.year, o)
    .filter((t) => keep(t, filter))
    .map((t) => toLine(withHighlight(t, filter)));
  return { kind: 'list', filter, tasks };
}

/** A department's tasks with their overall status (and, asked so, only those matching a filter). */
export async function answerDepartment(
  db: Db, plan: PlanRow, dept: { id: number; name: string }, filter: ListFilter | null, o: AskOptions,
): Promise<Answer> {
  if (filter === 'not_reported') {
    const answer = await answerNotReported(db, plan, o);
    if (answer.kind !== 'not_reported') return answer;
    return { ...answer, departments: answer.departments.filter((d) => d.name === dept.name) };
  }
  const cached = cachedStatuses(plan, roundFor(o.now, o.timezone).key, o.cache);
  const mine = cached && new Set(cached.filter((r) => r.departmentId === dept.id).map((r) => r.taskId));
  // its key points are read alongside its tasks (a small read of their own: the cached statuses are the annex's)
  const [rows, keyPoints] = await Promise.all([
    mine ? cached.filter((r) => mine.has(r.taskId)) : listTaskStatuses(db, plan.id, { kind: 'department', departmentId: dept.id }),
    filter === null ? departmentKeyPoints(db, plan, dept.id, o) : [],
  ]);
  const own = new Map(rows.filter((r) => r.departmentId === dept.id).map((r) => [r.taskId, r.status]));
  const tasks = [...summariseTasks(rows, plan.year, o)
    .filter((t) => filter === null || keep(t, filter))
    .map((t) => {
      const mine = own.get(t.departments[0]!.taskId) ?? null;
      // say what the department itself reported when the task's overall state comes from someone else
      const highlight = mine !== null && mine !== t.status && t.departments.length > 1 ? `本部门：${labelOf(mine)}` : null;
      return toLine({ ...t, highlight });
    }), ...keyPoints];
  return { kind: 'department', name: dept.name, filter, tasks };
}

/** The key points (工作要点) a department is responsible for, after its tasks, with the bureau's state of each. */
async function departmentKeyPoints(db: Db, plan: PlanRow, departmentId: number, o: AskOptions): Promise<TaskLine[]> {
  const rows = await listTaskStatuses(db, plan.id, { kind: 'department', departmentId }, null, { kind: 'key_point', regions: false });
  return summariseTasks(rows, plan.year, o).map((t) => ({ ...toLine(t), kind: 'key_point', deadlineState: 'ok' }));
}

const labelOf = (s: string): string => (isStatus(s) ? STATUS_LABEL[s] : s);

/** Departments that have not reported all their tasks in the current round (roundFor(now)). */
export async function answerNotReported(db: Db, plan: PlanRow, o: AskOptions): Promise<Answer> {
  const window = roundFor(o.now, o.timezone);
  const [round, response] = await readTogether(db, [() => findRoundByKey(db, plan.id, window.key), () => listRoundResponse(db, plan.id, window.key)]);
  if (!round) return { kind: 'not_reported', round: null, departments: [], totalDepartments: 0 };
  return {
    kind: 'not_reported',
    round: round.key,
    departments: response
      .filter((d) => d.reported < d.expected)
      .map((d) => ({ name: d.name, expected: d.expected, reported: d.reported, missing: d.missing ?? [] })),
    totalDepartments: response.length,
  };
}
