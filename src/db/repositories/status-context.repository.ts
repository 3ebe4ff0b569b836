import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { rows } from './status-rows.ts';

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

/** The plan questions are about (the most recently imported active one), with its context fingerprint: one round trip. */
export async function findActivePlanWithVersions(db: DbOrTx): Promise<PlanRow | null> {
  const [row] = await rows<PlanRow>(
    db,
    sql`select p.id, p.title, p.year, p.imported_at as "importedAt",
          concat_ws('|', p.id, p.source_hash, p.imported_at::text,
            (select md5(coalesce(string_agg(id || '=' || name, ',' order by id), '')) from departments),
            (select md5(coalesce(string_agg(alias || '=' || department_id, ',' order by alias), '')) from department_aliases)) as fingerprint,
          concat_ws('/', (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from current_status),
            (select coalesce(max(id), 0) from reports)) as "statusVersion"
        from plans p where p.active order by p.imported_at desc, p.id desc limit 1`,
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
    sql`select t.number, t.title,
          coalesce((select string_agg(m.text, ' ' order by m.position) from measures m where m.task_id = t.id), '') as "measuresText"
        from tasks t where t.plan_id = ${planId} and t.removed_at is null order by t.number`,
  );
}

export interface DepartmentNameRow {
  id: number;
  name: string;
  aliases: string[];
}

export async function listDepartmentNames(db: DbOrTx): Promise<DepartmentNameRow[]> {
  return rows<DepartmentNameRow>(
    db,
    sql`select d.id, d.name,
          coalesce((select array_agg(a.alias order by a.alias) from department_aliases a where a.department_id = d.id), '{}') as aliases
        from departments d order by d.id`,
  );
}

export async function listIndicatorNames(db: DbOrTx, planId: number): Promise<{ id: number; name: string }[]> {
  return rows(db, sql`select id, name from indicators where plan_id = ${planId} order by position, id`);
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
  const only = ids === null ? sql`` : ids.length === 0 ? sql`and false` : sql`and i.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`;
  return rows<IndicatorStatusRow>(
    db,
    sql`select i.id, i.name, i.comparator, i.value::float8 as target, i.unit, d.name as owner,
          v.value::float8 as value, v.reported_at as "reportedAt", v.reporter_open_id as "reporterOpenId", pe.name as "reporterName"
        from indicators i
        left join departments d on d.id = i.owner_department_id
        left join lateral (select value, reported_at, reporter_open_id from indicator_values iv
          where iv.indicator_id = i.id order by iv.reported_at desc limit 1) v on true
        left join people pe on pe.open_id = v.reporter_open_id
        where i.plan_id = ${planId} ${only}
        order by i.position, i.id`,
  );
}
