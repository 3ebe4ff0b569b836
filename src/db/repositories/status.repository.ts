import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client.ts';
import { assignments, currentStatus, departments, evidenceFiles, people, reports, rounds, sections, tasks } from '../schema/index.ts';
import { rows } from './status-rows.ts';
import type { TaskKind } from './plan.repository.ts';

/**
 * Reads behind the bot's answers. Each is a handful of index lookups (current_status by key or by
 * status, reports by task and round, indicator_values by indicator and time) — none reads report
 * history beyond the rounds it names, so answers stay fast however many weeks have been reported.
 * The plan, name and indicator reads live in status-context.repository.ts and are re-exported here.
 */
export * from './status-context.repository.ts';

// Table aliases for the raw queries below: `${t.planId}` renders "t"."plan_id", so a renamed
// column is a compile error while the SQL text (hence the plan) stays as written. `rr` and `r`
// name derived tables of reports, whose columns keep the table's names.
const t = alias(tasks, 't');
const s = alias(sections, 's');
const a = alias(assignments, 'a');
const d = alias(departments, 'd');
const cs = alias(currentStatus, 'cs');
const pe = alias(people, 'pe');
const rp = alias(reports, 'rp');
const rr = alias(reports, 'rr');
const r = alias(reports, 'r');
const ef = alias(evidenceFiles, 'ef');

export interface TaskRow {
  id: number;
  number: number;
  title: string;
  sectionNumber: number | null;
  sectionTitle: string | null;
  deadlineKind: string | null;
  dueDate: string | null;
}

/** A live task (or key point: they number on their own) by its number, with its section title. */
export async function findTaskByNumber(db: DbOrTx, planId: number, number: number, kind: TaskKind = 'task'): Promise<TaskRow | null> {
  const [row] = await rows<TaskRow>(
    db,
    sql`select ${t.id} as id, ${t.number} as number, ${t.title} as title, ${t.sectionNumber} as "sectionNumber", ${s.title} as "sectionTitle",
          ${t.deadlineKind} as "deadlineKind", coalesce(${t.extendedDueDate}, ${t.dueDate})::text as "dueDate"
        from ${tasks} as ${t} left join ${sections} as ${s} on ${s.planId} = ${t.planId} and ${s.number} = ${t.sectionNumber}
        where ${t.planId} = ${planId} and ${t.kind} = ${kind} and ${t.number} = ${number} and ${t.removedAt} is null`,
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
  evidenceUrl: string | null;
  /** 办结佐证: the name of the attached file the current report rests on */
  evidenceFileName: string | null;
  reporterOpenId: string | null;
  reporterName: string | null;
  reportedAt: Date | null;
  roundId: number | null;
}

const assignmentColumns = sql`${a.taskId} as "taskId", ${a.departmentId} as "departmentId", ${d.name} as name, ${a.role} as role,
  ${cs.status} as status, ${cs.progress} as progress, ${cs.note} as note, ${rp.evidenceUrl} as "evidenceUrl", ${ef.fileName} as "evidenceFileName", ${cs.reporterOpenId} as "reporterOpenId", ${pe.name} as "reporterName",
  ${cs.reportedAt} as "reportedAt", ${cs.roundId} as "roundId"`;
const assignmentJoins = sql`join ${departments} as ${d} on ${d.id} = ${a.departmentId}
  left join ${currentStatus} as ${cs} on ${cs.taskId} = ${a.taskId} and ${cs.departmentId} = ${a.departmentId}
  left join ${reports} as ${rp} on ${rp.id} = ${cs.reportId}
  left join ${evidenceFiles} as ${ef} on ${ef.id} = ${rp.evidenceFileId}
  left join ${people} as ${pe} on ${pe.openId} = ${cs.reporterOpenId}`;

// A round's id by its key, as a subquery (null when the round was never opened: nothing matches).
const roundIdOf = (planId: number, key: string) => sql`(select ${rounds.id} from ${rounds} where ${rounds.planId} = ${planId} and ${rounds.key} = ${key})`;

// A live task's id by its number, as a subquery, so reads about one task need not wait for its lookup.
const taskIdOf = (planId: number, number: number, kind: TaskKind) =>
  sql`(select ${tasks.id} from ${tasks} where ${tasks.planId} = ${planId} and ${tasks.kind} = ${kind} and ${tasks.number} = ${number} and ${tasks.removedAt} is null)`;

/** A task's responsible departments in document order (lead first) with their current status. */
export async function listTaskDepartments(db: DbOrTx, planId: number, number: number, kind: TaskKind = 'task'): Promise<AssignmentStatusRow[]> {
  return rows<AssignmentStatusRow>(
    db,
    sql`select ${assignmentColumns} from ${assignments} as ${a} ${assignmentJoins}
        where ${a.taskId} = ${taskIdOf(planId, number, kind)} and ${a.role} <> 'region' order by ${a.position}`,
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
      return sql`and ${t.id} in (select ${assignments.taskId} from ${assignments} where ${assignments.departmentId} = ${scope.departmentId})`;
    case 'status':
      return sql`and ${t.id} in (select ${currentStatus.taskId} from ${currentStatus} where ${currentStatus.status} = ${scope.status})`;
    case 'numbers':
      return sql`and ${t.number} in (${sql.join([0, ...scope.numbers].map((n) => sql`${n}`), sql`, `)})`;
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
  /** the annex tasks with the bureau's departments (default), or the key points with every unit, regions included */
  items: { kind: TaskKind; regions: boolean } = { kind: 'task', regions: false },
): Promise<TaskStatusRow[]> {
  const narrow = narrowTo(scope);
  // The round's reports come from reports_round in one range; no per-row probing, no other rounds.
  const reported =
    roundKey === null
      ? sql``
      : sql`left join (select distinct ${reports.taskId}, ${reports.departmentId} from ${reports} where ${reports.roundId} = ${roundIdOf(planId, roundKey)}) ${rr}
              on ${rr.taskId} = ${a.taskId} and ${rr.departmentId} = ${a.departmentId}`;
  // Up to one row per assignment of the plan (thousands): shipped as one JSON array of arrays, which
  // the client parses natively instead of field by field (3–4× less time than rows or keyed objects).
  const [row] = await rows<{ list: TaskStatusTuple[] | string | null }>(
    db,
    sql`select json_agg(json_build_array(${a.taskId}, ${t.number}, ${t.title}, ${t.sectionNumber}, ${t.deadlineKind}, coalesce(${t.extendedDueDate}, ${t.dueDate}),
            ${a.departmentId}, ${d.name}, ${a.role}, ${a.position}, ${cs.status}, ${cs.progress}, ${roundKey === null ? sql`false` : sql`${rr.taskId} is not null`})) as list
        from ${tasks} as ${t} join ${assignments} as ${a} on ${a.taskId} = ${t.id}
        join ${departments} as ${d} on ${d.id} = ${a.departmentId}
        left join ${currentStatus} as ${cs} on ${cs.taskId} = ${a.taskId} and ${cs.departmentId} = ${a.departmentId}
        ${reported}
        where ${t.planId} = ${planId} and ${t.removedAt} is null and ${t.kind} = ${items.kind} ${items.regions ? sql`` : sql`and ${a.role} <> 'region'`} ${narrow}`,
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

const roundColumns = sql`${rounds.id} as id, ${rounds.key} as key, ${rounds.startsAt} as "startsAt", ${rounds.endsAt} as "endsAt", ${rounds.closedAt} as "closedAt"`;

export async function findRoundByKey(db: DbOrTx, planId: number, key: string): Promise<RoundRow | null> {
  const [row] = await rows<RoundRow>(db, sql`select ${roundColumns} from ${rounds} where ${rounds.planId} = ${planId} and ${rounds.key} = ${key}`);
  return row ?? null;
}

/** The latest `limit` rounds that have started by `now`, newest first. */
export async function listRecentRounds(db: DbOrTx, planId: number, now: Date, limit = 4): Promise<RoundRow[]> {
  return rows<RoundRow>(
    db,
    sql`select ${roundColumns} from ${rounds} where ${rounds.planId} = ${planId} and ${rounds.startsAt} <= ${now.toISOString()}
        order by ${rounds.startsAt} desc limit ${limit}`,
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
export async function listTaskTrend(db: DbOrTx, planId: number, number: number, now: Date, limit = 4, kind: TaskKind = 'task'): Promise<TrendRow[]> {
  return rows<TrendRow>(
    db,
    sql`select distinct on (${reports.departmentId}, ${reports.roundId}) ${reports.departmentId} as "departmentId", ${reports.roundId} as "roundId", ${reports.status} as status
        from ${reports}
        where ${reports.taskId} = ${taskIdOf(planId, number, kind)}
          and ${reports.roundId} in (select ${rounds.id} from ${rounds} where ${rounds.planId} = ${planId} and ${rounds.startsAt} <= ${now.toISOString()}
                           order by ${rounds.startsAt} desc limit ${limit})
        order by ${reports.departmentId}, ${reports.roundId}, ${reports.version} desc`,
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
    sql`select ${d.id} as "departmentId", ${d.name} as name, count(*)::int as expected, count(${r.taskId})::int as reported,
          array_agg(${t.number} order by ${t.number}) filter (where ${r.taskId} is null) as missing
        from ${assignments} as ${a}
        join ${tasks} as ${t} on ${t.id} = ${a.taskId} and ${t.planId} = ${planId} and ${t.removedAt} is null and ${t.kind} = 'task'
        join ${departments} as ${d} on ${d.id} = ${a.departmentId}
        left join (select distinct ${reports.taskId}, ${reports.departmentId} from ${reports} where ${reports.roundId} = ${roundIdOf(planId, roundKey)}) ${r}
          on ${r.taskId} = ${a.taskId} and ${r.departmentId} = ${a.departmentId}
        where ${a.role} <> 'region'
        group by ${d.id}, ${d.name}
        order by count(${r.taskId})::float / count(*), ${d.name}`,
  );
}
