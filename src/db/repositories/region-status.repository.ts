import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client.ts';
import { assignments, currentStatus, departments, reports, rounds, tasks } from '../schema/index.ts';
import { rows } from './status-rows.ts';
import type { TaskStatusRow } from './status.repository.ts';
import type { TaskKind } from './plan.repository.ts';

/**
 * Reads behind the regional views (docs/architecture.md#regions): a region's own rows, the
 * regions' response in a round, and one task's regional summary — counts, never 34 lines.
 */

const t = alias(tasks, 't');
const a = alias(assignments, 'a');
const d = alias(departments, 'd');
const cs = alias(currentStatus, 'cs');
const rr = alias(reports, 'rr');

const roundIdOf = (planId: number, key: string) => sql`(select ${rounds.id} from ${rounds} where ${rounds.planId} = ${planId} and ${rounds.key} = ${key})`;
const reportedIn = (planId: number, key: string) =>
  sql`exists (select 1 from ${reports} where ${reports.taskId} = ${a.taskId} and ${reports.departmentId} = ${a.departmentId} and ${reports.roundId} = ${roundIdOf(planId, key)})`;

/** The annex tasks, then the key points, a region follows, one row each with the region's own status (its view of the plan). */
export async function listRegionTaskStatuses(db: DbOrTx, planId: number, regionId: number, roundKey: string): Promise<(TaskStatusRow & { kind: TaskKind })[]> {
  return rows<TaskStatusRow & { kind: TaskKind }>(
    db,
    sql`select ${a.taskId} as "taskId", ${t.kind} as kind, ${t.number} as number, ${t.title} as title, ${t.sectionNumber} as "sectionNumber",
          ${t.deadlineKind} as "deadlineKind", coalesce(${t.extendedDueDate}, ${t.dueDate})::text as "dueDate", ${a.departmentId} as "departmentId", ${d.name} as name,
          ${a.role} as role, ${cs.status} as status, ${cs.progress} as progress, ${reportedIn(planId, roundKey)} as "reportedInRound"
        from ${assignments} as ${a}
        join ${tasks} as ${t} on ${t.id} = ${a.taskId} and ${t.planId} = ${planId} and ${t.removedAt} is null
        join ${departments} as ${d} on ${d.id} = ${a.departmentId}
        left join ${currentStatus} as ${cs} on ${cs.taskId} = ${a.taskId} and ${cs.departmentId} = ${a.departmentId}
        where ${a.departmentId} = ${regionId} and ${a.role} = 'region'
        order by ${t.kind} = 'key_point', ${t.number}`,
  );
}

export interface RegionResponseRow {
  name: string;
  expected: number;
  reported: number;
  /** task numbers (annex) not reported this round */
  missing: number[] | null;
  /** key point numbers not reported this round */
  missingKeyPoints: number[] | null;
}

/** Every region with what it follows (tasks and key points) and how much it reported in the round, least complete first. */
export async function listRegionResponse(db: DbOrTx, planId: number, roundKey: string): Promise<RegionResponseRow[]> {
  // The round's reports are read once, in one range of reports_round, and joined: at 34 regions ×
  // hundreds of tasks a probe per assignment (EXISTS) costs tens of thousands of index lookups.
  return rows<RegionResponseRow>(
    db,
    sql`select ${d.name} as name, count(*)::int as expected, count(${rr.taskId})::int as reported,
          array_agg(${t.number} order by ${t.number}) filter (where ${rr.taskId} is null and ${t.kind} = 'task') as missing,
          array_agg(${t.number} order by ${t.number}) filter (where ${rr.taskId} is null and ${t.kind} = 'key_point') as "missingKeyPoints"
        from ${assignments} as ${a}
        join ${tasks} as ${t} on ${t.id} = ${a.taskId} and ${t.planId} = ${planId} and ${t.removedAt} is null
        join ${departments} as ${d} on ${d.id} = ${a.departmentId}
        left join (select distinct ${reports.taskId}, ${reports.departmentId} from ${reports} where ${reports.roundId} = ${roundIdOf(planId, roundKey)}) ${rr}
          on ${rr.taskId} = ${a.taskId} and ${rr.departmentId} = ${a.departmentId}
        where ${a.role} = 'region'
        group by ${d.id}, ${d.name}
        order by count(${rr.taskId})::float / count(*), ${d.id}`,
  );
}

export interface TaskRegionSummary {
  total: number;
  /** reported this round */
  reported: number;
  atRisk: number;
  blocked: number;
  done: number;
  /** on track now (with done: how far the regions are when nobody is at risk) */
  onTrack: number;
  /** mean progress over every region following it, a region that never reported counting 0 */
  progress: number;
  /** names of the regions at risk or blocked, at most a few */
  attention: string[];
}

/** One annex task's (or key point's) regions in counts: how many follow it, reported this round, at risk, blocked, done. */
export async function taskRegionSummary(
  db: DbOrTx, planId: number, number: number, roundKey: string, maxNames = 5, kind: TaskKind = 'task',
): Promise<TaskRegionSummary | null> {
  const [row] = await rows<Omit<TaskRegionSummary, 'attention'> & { attention: string[] | null }>(
    db,
    sql`select count(*)::int as total, (count(*) filter (where ${reportedIn(planId, roundKey)}))::int as reported,
          (count(*) filter (where ${cs.status} = 'at_risk'))::int as "atRisk", (count(*) filter (where ${cs.status} = 'blocked'))::int as blocked,
          (count(*) filter (where ${cs.status} = 'done'))::int as done, (count(*) filter (where ${cs.status} = 'on_track'))::int as "onTrack",
          round(avg(coalesce(${cs.progress}, 0)))::int as progress,
          (array_agg(${d.name} order by ${cs.status} = 'blocked' desc, ${d.id}) filter (where ${cs.status} in ('at_risk', 'blocked')))[1:${maxNames}] as attention
        from ${assignments} as ${a}
        join ${tasks} as ${t} on ${t.id} = ${a.taskId} and ${t.planId} = ${planId} and ${t.removedAt} is null and ${t.kind} = ${kind} and ${t.number} = ${number}
        join ${departments} as ${d} on ${d.id} = ${a.departmentId}
        left join ${currentStatus} as ${cs} on ${cs.taskId} = ${a.taskId} and ${cs.departmentId} = ${a.departmentId}
        where ${a.role} = 'region'`,
  );
  if (!row || row.total === 0) return null;
  return { ...row, attention: row.attention ?? [] };
}
