import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import type { IndicatorFacts, SubmissionFacts } from '../../domain/authorise.ts';
import { rows } from './status-rows.ts';

/**
 * What the authorisation checks (src/domain/authorise.ts) need to know about queued submissions,
 * read by the worker inside its write transaction: the webhook authorised them from memory, and the
 * directory may have changed since. The reporter rows found are locked (FOR SHARE), so a directory
 * edit removing one waits until this transaction has committed: a report stored is one its
 * reporter was still allowed to make, and nothing is stored after the removal.
 */

export interface TaskSubmissionKey {
  planId: number;
  taskId: number;
  departmentId: number;
  operatorOpenId: string;
}

const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/** Which (department, open_id) pairs are reporters now, locked until the transaction ends. */
async function lockReporters(tx: DbOrTx, pairs: { department_id: number; open_id: string }[]): Promise<Set<string>> {
  const found = await rows<{ departmentId: number; openId: string }>(
    tx,
    sql`select r.department_id as "departmentId", r.open_id as "openId" from reporters r
        where (r.department_id, r.open_id) in (select k.department_id, k.open_id from jsonb_to_recordset(${json(pairs)}) as k(department_id int, open_id text))
        order by 1, 2
        for share`,
  );
  return new Set(found.map((r) => `${r.departmentId}:${r.openId}`));
}

/** checkSubmission's facts for many task submissions, in one pass (two statements). */
export async function lockedTaskFacts(tx: DbOrTx, keys: TaskSubmissionKey[]): Promise<SubmissionFacts[]> {
  if (keys.length === 0) return [];
  const reporters = await lockReporters(tx, keys.map((k) => ({ department_id: k.departmentId, open_id: k.operatorOpenId })));
  const facts = await rows<{ i: number; departmentName: string | null; planId: number | null; removed: boolean | null; assigned: boolean }>(
    tx,
    sql`select k.i, d.name as "departmentName", t.plan_id as "planId", t.removed_at is not null as removed,
          exists (select 1 from assignments a where a.task_id = k.task_id and a.department_id = k.department_id) as assigned
        from jsonb_to_recordset(${json(keys.map((k, i) => ({ i, task_id: k.taskId, department_id: k.departmentId })))}) as k(i int, task_id int, department_id int)
        left join departments d on d.id = k.department_id
        left join tasks t on t.id = k.task_id`,
  );
  const byIndex = new Map(facts.map((f) => [Number(f.i), f]));
  return keys.map((k, i) => {
    const f = byIndex.get(i);
    return {
      operatorOpenId: k.operatorOpenId,
      departmentName: f?.departmentName ?? '未知部门',
      reporters: reporters.has(`${k.departmentId}:${k.operatorOpenId}`) ? [k.operatorOpenId] : [],
      planMatches: f?.planId != null && Number(f.planId) === k.planId,
      taskExists: f?.planId != null,
      taskRemoved: f?.removed === true,
      taskDepartmentIds: f?.assigned ? [k.departmentId] : [],
      departmentId: k.departmentId,
    };
  });
}

/** checkIndicatorSubmission's facts for one indicator value. */
export async function lockedIndicatorFacts(
  tx: DbOrTx,
  k: { planId: number; indicatorId: number; departmentId: number; operatorOpenId: string },
): Promise<IndicatorFacts> {
  const reporters = await lockReporters(tx, [{ department_id: k.departmentId, open_id: k.operatorOpenId }]);
  const [f] = await rows<{ departmentName: string | null; planId: number | null; owner: number | null }>(
    tx,
    sql`select (select name from departments where id = ${k.departmentId}) as "departmentName",
          (select plan_id from indicators where id = ${k.indicatorId}) as "planId",
          (select owner_department_id from indicators where id = ${k.indicatorId}) as owner`,
  );
  return {
    operatorOpenId: k.operatorOpenId,
    departmentName: f?.departmentName ?? '未知部门',
    reporters: reporters.size > 0 ? [k.operatorOpenId] : [],
    planMatches: f?.planId != null && Number(f.planId) === k.planId,
    indicatorExists: f?.planId != null,
    ownerDepartmentId: f?.owner == null ? null : Number(f.owner),
    departmentId: k.departmentId,
  };
}
