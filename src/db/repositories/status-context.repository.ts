import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client.ts';
import { currentStatus, departmentAliases, departments, indicators, indicatorValues, measures, people, plans, reports, tasks } from '../schema/index.ts';
import { rows } from './status-rows.ts';

// Table aliases for the raw queries below: `${t.planId}` renders "t"."plan_id", so a renamed
// column is a compile error while the SQL text (hence the plan) stays as written.
const p = alias(plans, 'p');
const t = alias(tasks, 't');
const m = alias(measures, 'm');
const d = alias(departments, 'd');
const a = alias(departmentAliases, 'a');
const i = alias(indicators, 'i');
const iv = alias(indicatorValues, 'iv');
const pe = alias(people, 'pe');

/** Reads for understanding questions and for indicator answers: the plan, names, and indicator values. */

export interface PlanRow {
  id: number;
  title: string;
  year: number;
  importedAt: Date;
  /**
   * Changes whenever anything the question parser relies on changes: a re-import (hash, time), a
   * department renamed or added, an alias added or moved.
   */
  fingerprint: string;
  /**
   * Changes whenever any current status changes or any report is stored. Every committed upsert of
   * current_status gives its row a newer (larger) xmin, so the sum only grows, whatever the commit
   * order of concurrent replies; max(reports.id) catches reports that did not move a current status.
   */
  statusVersion: string;
}

/**
 * The plan questions are about — the same plan as findActivePlan (plan.repository.ts): the most
 * recently imported active one — with its context fingerprint and status version, in one round trip.
 */
export async function findActivePlanWithVersions(db: DbOrTx): Promise<PlanRow | null> {
  const [row] = await rows<PlanRow>(
    db,
    sql`select ${p.id} as id, ${p.title} as title, ${p.year} as year, ${p.importedAt} as "importedAt",
          concat_ws('|', ${p.id}, ${p.sourceHash}, ${p.importedAt}::text,
            (select md5(coalesce(string_agg(${departments.id} || '=' || ${departments.name}, ',' order by ${departments.id}), '')) from ${departments}),
            (select md5(coalesce(string_agg(${departmentAliases.alias} || '=' || ${departmentAliases.departmentId}, ',' order by ${departmentAliases.alias}), '')) from ${departmentAliases})) as fingerprint,
          concat_ws('/', (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from ${currentStatus}),
            (select coalesce(max(${reports.id}), 0) from ${reports})) as "statusVersion"
        from ${plans} as ${p} where ${p.active} order by ${p.importedAt} desc, ${p.id} desc limit 1`,
  );
  return row ?? null;
}

export interface ContextTaskRow {
  number: number;
  title: string;
  measuresText: string;
}

/** Every live task with its measures joined into one text, for matching questions against words. */
export async function listTasksForMatching(db: DbOrTx, planId: number): Promise<ContextTaskRow[]> {
  return rows<ContextTaskRow>(
    db,
    sql`select ${t.number} as number, ${t.title} as title,
          coalesce((select string_agg(${m.text}, ' ' order by ${m.position}) from ${measures} as ${m} where ${m.taskId} = ${t.id}), '') as "measuresText"
        from ${tasks} as ${t} where ${t.planId} = ${planId} and ${t.kind} = 'task' and ${t.removedAt} is null order by ${t.number}`,
  );
}

/** The live key points (the body's 工作要点, numbered on their own) by number, for answers about them. */
export async function listKeyPointTitles(db: DbOrTx, planId: number): Promise<{ number: number; title: string }[]> {
  return rows(db, sql`select ${t.number} as number, ${t.title} as title from ${tasks} as ${t}
    where ${t.planId} = ${planId} and ${t.kind} = 'key_point' and ${t.removedAt} is null order by ${t.number}`);
}

export interface DepartmentNameRow {
  id: number;
  name: string;
  aliases: string[];
}

export async function listDepartmentNames(db: DbOrTx): Promise<DepartmentNameRow[]> {
  return rows<DepartmentNameRow>(
    db,
    sql`select ${d.id} as id, ${d.name} as name,
          coalesce((select array_agg(${a.alias} order by ${a.alias}) from ${departmentAliases} as ${a} where ${a.departmentId} = ${d.id}), '{}') as aliases
        from ${departments} as ${d} order by ${d.id}`,
  );
}

/** Indicator names with their target value and unit (a question may name an indicator by its value: 2400亿). */
export async function listIndicatorNames(db: DbOrTx, planId: number): Promise<{ id: number; name: string; value: number; unit: string }[]> {
  return rows(
    db,
    sql`select ${indicators.id} as id, ${indicators.name} as name, ${indicators.value}::float8 as value, ${indicators.unit} as unit from ${indicators}
        where ${indicators.planId} = ${planId} order by ${indicators.position}, ${indicators.id}`,
  );
}

export interface PlanSummaryRow {
  title: string;
  year: number;
  active: boolean;
}

/** Every imported plan, newest year first: what to tell someone who asks about another year. */
export async function listPlanSummaries(db: DbOrTx): Promise<PlanSummaryRow[]> {
  return rows<PlanSummaryRow>(
    db,
    sql`select ${plans.title} as title, ${plans.year} as year, ${plans.active} as active from ${plans}
        order by ${plans.year} desc, ${plans.importedAt} desc, ${plans.id} desc`,
  );
}

export interface IndicatorStatusRow {
  id: number;
  name: string;
  comparator: string;
  target: number;
  unit: string;
  owner: string | null;
  value: number | null;
  reportedAt: Date | null;
  reporterOpenId: string | null;
  reporterName: string | null;
}

/** Indicators with their latest reported value (newest by reported_at, via indicator_values_indicator_time). */
export async function listIndicatorStatuses(db: DbOrTx, planId: number, ids: number[] | null): Promise<IndicatorStatusRow[]> {
  const only = ids === null ? sql`` : ids.length === 0 ? sql`and false` : sql`and ${i.id} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`;
  return rows<IndicatorStatusRow>(
    db,
    sql`select ${i.id} as id, ${i.name} as name, ${i.comparator} as comparator, ${i.value}::float8 as target, ${i.unit} as unit, ${d.name} as owner,
          v.value::float8 as value, v.reported_at as "reportedAt", v.reporter_open_id as "reporterOpenId", ${pe.name} as "reporterName"
        from ${indicators} as ${i}
        left join ${departments} as ${d} on ${d.id} = ${i.ownerDepartmentId}
        left join lateral (select ${iv.value} as value, ${iv.reportedAt} as reported_at, ${iv.reporterOpenId} as reporter_open_id from ${indicatorValues} as ${iv}
          where ${iv.indicatorId} = ${i.id} order by ${iv.reportedAt} desc limit 1) v on true
        left join ${people} as ${pe} on ${pe.openId} = v.reporter_open_id
        where ${i.planId} = ${planId} ${only}
        order by ${i.position}, ${i.id}`,
  );
}
