import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { rows } from './status-rows.ts';

/**
 * Reads behind the bot's answers. Each is a handful of index lookups (current_status by key or by
 * status, reports by task and round, indicator_values by indicator and time) — none reads report
 * history beyond the rounds it names, so answers stay fast however many weeks have been reported.
 * The plan, name and indicator reads live in status-context.repository.ts and are re-exported here.
 */
export * from './status-context.repository.ts';

export interface TaskRow {
  id: number;
  number: number;
  title: string;
  sectionNumber: number | null;
  sectionTitle: string | null;
  deadlineKind: string | null;
  dueDate: string | null;
}

/** A live task by its number, with its section title. */
export async function findTaskByNumber(db: DbOrTx, planId: number, number: number): Promise<TaskRow | null> {
  const [row] = await rows<TaskRow>(
    db,
    sql`select t.id, t.number, t.title, t.section_number as "sectionNumber", s.title as "sectionTitle",
          t.deadline_kind as "deadlineKind", t.due_date::text as "dueDate"
        from tasks t left join sections s on s.plan_id = t.plan_id and s.number = t.section_number
        where t.plan_id = ${planId} and t.number = ${number} and t.removed_at is null`,
  );
  return row ?? null;
}

export interface AssignmentStatusRow {
  taskId: number;
  departmentId: number;
  name: string;
  role: string;
  status: string | null;
  progress: number | null;
  note: string | null;
  reporterOpenId: string | null;
  reporterName: string | null;
  reportedAt: Date | null;
  roundId: number | null;
}

const assignmentColumns = sql`a.task_id as "taskId", a.department_id as "departmentId", d.name, a.role,
  cs.status, cs.progress, cs.note, cs.reporter_open_id as "reporterOpenId", pe.name as "reporterName",
  cs.reported_at as "reportedAt", cs.round_id as "roundId"`;
const assignmentJoins = sql`join departments d on d.id = a.department_id
  left join current_status cs on cs.task_id = a.task_id and cs.department_id = a.department_id
  left join people pe on pe.open_id = cs.reporter_open_id`;

// A round's id by its key, as a subquery (null when the round was never opened: nothing matches).
const roundIdOf = (planId: number, key: string) => sql`(select id from rounds where plan_id = ${planId} and key = ${key})`;

// A live task's id by its number, as a subquery, so reads about one task need not wait for its lookup.
const taskIdOf = (planId: number, number: number) =>
  sql`(select id from tasks where plan_id = ${planId} and number = ${number} and removed_at is null)`;

/** A task's responsible departments in document order (lead first) with their current status. */
export async function listTaskDepartments(db: DbOrTx, planId: number, number: number): Promise<AssignmentStatusRow[]> {
  return rows<AssignmentStatusRow>(
    db,
    sql`select ${assignmentColumns} from assignments a ${assignmentJoins}
        where a.task_id = ${taskIdOf(planId, number)} order by a.position`,
  );
}

/** One task × department for lists: just enough for overall status, progress, deadline and response. */
export interface TaskStatusRow {
  taskId: number;
  number: number;
  title: string;
  sectionNumber: number | null;
  deadlineKind: string | null;
  dueDate: string | null;
  departmentId: number;
  name: string;
  role: string;
  status: string | null;
  progress: number | null;
  /** whether the department reported this task in the given round (false when no round was given or opened) */
  reportedInRound: boolean;
}

/** Which tasks a list covers; each narrows through an index before any status is read. */
export type TaskScope =
  | { kind: 'all' }
  | { kind: 'department'; departmentId: number }
  | { kind: 'status'; status: string }
  | { kind: 'numbers'; numbers: number[] };

function narrowTo(scope: TaskScope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql``;
    case 'department':
      return sql`and t.id in (select task_id from assignments where department_id = ${scope.departmentId})`;
    case 'status':
      return sql`and t.id in (select task_id from current_status where status = ${scope.status})`;
    case 'numbers':
      return sql`and t.number in (${sql.join([0, ...scope.numbers].map((n) => sql`${n}`), sql`, `)})`;
  }
}

/**
 * Tasks in scope, one row per responsible department (tasks by number, departments lead first), with
 * the current status of each — enough to compute overall status, deadlines and response in memory.
 */
export async function listTaskStatuses(
  db: DbOrTx,
  planId: number,
  scope: TaskScope,
  roundKey: string | null = null,
): Promise<TaskStatusRow[]> {
  const narrow = narrowTo(scope);
  // The round's reports come from reports_round in one range; no per-row probing, no other rounds.
  const reported =
    roundKey === null
      ? sql``
      : sql`left join (select distinct task_id, department_id from reports where round_id = ${roundIdOf(planId, roundKey)}) rr
              on rr.task_id = a.task_id and rr.department_id = a.department_id`;
  // Up to one row per assignment of the plan (thousands): shipped as one JSON array of arrays, which
  // the client parses natively instead of field by field (3–4× less time than rows or keyed objects).
  const [row] = await rows<{ list: TaskStatusTuple[] | string | null }>(
    db,
    sql`select json_agg(json_build_array(a.task_id, t.number, t.title, t.section_number, t.deadline_kind, t.due_date,
            a.department_id, d.name, a.role, a.position, cs.status, cs.progress, ${roundKey === null ? sql`false` : sql`rr.task_id is not null`})) as list
        from tasks t join assignments a on a.task_id = t.id
        join departments d on d.id = a.department_id
        left join current_status cs on cs.task_id = a.task_id and cs.department_id = a.department_id
        ${reported}
        where t.plan_id = ${planId} and t.removed_at is null ${narrow}`,
  );
  const raw = row?.list ?? [];
  const tuples = typeof raw === 'string' ? (JSON.parse(raw) as TaskStatusTuple[]) : raw;
  tuples.sort((x, y) => x[1] - y[1] || x[9] - y[9]);
  return tuples.map(([taskId, number, title, sectionNumber, deadlineKind, dueDate, departmentId, name, role, , status, progress, reportedInRound]) => ({
    taskId, number, title, sectionNumber, deadlineKind, dueDate, departmentId, name, role, status, progress, reportedInRound,
  }));
}

type TaskStatusTuple = [
  taskId: number, number: number, title: string, sectionNumber: number | null, deadlineKind: string | null, dueDate: string | null,
  departmentId: number, name: string, role: string, position: number, status: string | null, progress: number | null, reportedInRound: boolean,
];

export interface RoundRow {
  id: number;
  key: string;
  startsAt: Date;
  endsAt: Date;
  closedAt: Date | null;
}

const roundColumns = sql`id, key, starts_at as "startsAt", ends_at as "endsAt", closed_at as "closedAt"`;

export async function findRoundByKey(db: DbOrTx, planId: number, key: string): Promise<RoundRow | null> {
  const [row] = await rows<RoundRow>(db, sql`select ${roundColumns} from rounds where plan_id = ${planId} and key = ${key}`);
  return row ?? null;
}

/** The latest `limit` rounds that have started by `now`, newest first. */
export async function listRecentRounds(db: DbOrTx, planId: number, now: Date, limit = 4): Promise<RoundRow[]> {
  return rows<RoundRow>(
    db,
    sql`select ${roundColumns} from rounds where plan_id = ${planId} and starts_at <= ${now.toISOString()}
        order by starts_at desc limit ${limit}`,
  );
}

export interface TrendRow {
  departmentId: number;
  roundId: number;
  status: string;
}

/**
 * The last version each department reported for the task in each of the latest `limit` rounds
 * started by `now` (the same rounds as listRecentRounds): one range of reports_version per department.
 */
export async function listTaskTrend(db: DbOrTx, planId: number, number: number, now: Date, limit = 4): Promise<TrendRow[]> {
  return rows<TrendRow>(
    db,
    sql`select distinct on (department_id, round_id) department_id as "departmentId", round_id as "roundId", status
        from reports
        where task_id = ${taskIdOf(planId, number)}
          and round_id in (select id from rounds where plan_id = ${planId} and starts_at <= ${now.toISOString()}
                           order by starts_at desc limit ${limit})
        order by department_id, round_id, version desc`,
  );
}

export interface RoundResponseRow {
  departmentId: number;
  name: string;
  expected: number;
  reported: number;
  /** numbers of the tasks it has not reported this round; null when none */
  missing: number[] | null;
}

/** Every responsible department with how many of its live tasks it reported in the round (by key), least complete first. */
export async function listRoundResponse(db: DbOrTx, planId: number, roundKey: string): Promise<RoundResponseRow[]> {
  return rows<RoundResponseRow>(
    db,
    sql`select d.id as "departmentId", d.name, count(*)::int as expected, count(r.task_id)::int as reported,
          array_agg(t.number order by t.number) filter (where r.task_id is null) as missing
        from assignments a
        join tasks t on t.id = a.task_id and t.plan_id = ${planId} and t.removed_at is null
        join departments d on d.id = a.department_id
        left join (select distinct task_id, department_id from reports where round_id = ${roundIdOf(planId, roundKey)}) r
          on r.task_id = a.task_id and r.department_id = a.department_id
        group by d.id, d.name
        order by count(r.task_id)::float / count(*), d.name`,
  );
}
