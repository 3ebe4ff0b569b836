import type { DepartmentCardIndicator, DepartmentCardInput, DepartmentCardTask } from '../../cards/department-types.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { PlanView, TaskDepartment, TaskView } from '../../db/repositories/plan-view.repository.ts';
import { listRegions } from '../../db/repositories/region-assignments.repository.ts';
import { clausesFor, regionMeasures, type Conditional } from '../../domain/regions.ts';
import { currentStatusFor, latestIndicatorValues, submissionsInRound, type RoundRecord } from '../../db/repositories/rounds.repository.ts';
import { deadlineStatesOn } from '../../domain/deadlines.ts';
import { isStatus } from '../../domain/status.ts';
import { reviewStateFor } from '../../db/repositories/review.repository.ts';

// The bureau's own measures are what a department acts on; the regional ones are context only.
const BUREAU_ACTOR = '国家知识产权局';

export interface DepartmentRef {
  id: number;
  name: string;
}

/**
 * The plain data of each department's round card, read with a few set-based queries for all the
 * departments at once (current status, this round's submissions, latest indicator values).
 */
export async function loadDepartmentCardInputs(
  db: DbOrTx,
  args: { view: PlanView; round: Pick<RoundRecord, 'id' | 'key' | 'startsAt' | 'endsAt'>; departments: DepartmentRef[]; now: Date; timezone: string },
): Promise<Map<number, DepartmentCardInput>> {
  const { view, round, now, timezone } = args;
  const ids = args.departments.map((d) => d.id);
  const key = (taskId: number, deptId: number) => `${taskId}:${deptId}`;
  // All departments' statuses on these tasks: a task is done only when every one of them is.
  const items = [...view.tasks, ...view.keyPoints];
  const unitsOf = (t: TaskView) => [...t.departments, ...t.regions];
  const taskIds = items.filter((t) => unitsOf(t).some((d) => ids.includes(d.departmentId))).map((t) => t.id);
  const conditional = new Map((await listRegions(db)).map((r) => [r.id, r.conditional]));
  const current = new Map((await currentStatusFor(db, taskIds)).map((r) => [key(r.taskId, r.departmentId), r]));
  const submitted = new Map((await submissionsInRound(db, round.id, ids)).map((r) => [key(r.taskId, r.departmentId), r]));
  const owned = view.indicators.filter((i) => i.ownerDepartmentId !== null && ids.includes(i.ownerDepartmentId));
  const latest = new Map((await latestIndicatorValues(db, owned.map((i) => i.id))).map((r) => [r.indicatorId, r]));
  const doneByTask = taskDone(view, current);
  const deadlineState = deadlineStatesOn(now, timezone);
  const state = await reviewStateFor(db, taskIds);
  const reviewOf = new Map(state.reviews.map((r) => [key(r.taskId, r.departmentId), r]));
  const extensionOf = new Map(state.extensions.map((e) => [key(e.taskId, e.departmentId), e.newDueDate]));

  const out = new Map<number, DepartmentCardInput>();
  for (const dept of args.departments) {
    const tasks: DepartmentCardTask[] = [];
    for (const t of items) {
      const a = unitsOf(t).find((d) => d.departmentId === dept.id);
      if (!a) continue;
      const shown = measuresFor(t, a.role, dept.name, conditional.get(dept.id) ?? null);
      const cur = current.get(key(t.id, dept.id));
      const sub = submitted.get(key(t.id, dept.id));
      tasks.push({
        id: t.id,
        number: t.number,
        title: t.title,
        role: a.role,
        kind: t.kind,
        deadlineKind: t.deadlineKind,
        dueDate: t.dueDate,
        deadlineState: deadlineState(t.dueDate, doneByTask.get(t.id) ?? false),
        measuresForBureau: shown.texts,
        measuresTitle: shown.title,
        last:
          cur && isStatus(cur.status)
            ? { status: cur.status, progress: cur.progress, note: cur.note, evidenceUrl: cur.evidenceUrl, reporterName: cur.reporterName, reportedAt: cur.reportedAt }
            : null,
        submitted: sub ? { by: sub.reporterName ?? sub.reporterOpenId, at: sub.reportedAt } : null,
        plannedDueDate: t.plannedDueDate !== t.dueDate ? t.plannedDueDate : null,
        pendingExtension: extensionOf.get(key(t.id, dept.id)) ?? null,
        review: reviewState(cur?.status, reviewOf.get(key(t.id, dept.id))),
      });
    }
    const indicators: DepartmentCardIndicator[] = owned
      .filter((i) => i.ownerDepartmentId === dept.id)
      .map((i) => {
        const l = latest.get(i.id);
        return {
          id: i.id,
          name: i.name,
          comparator: i.comparator,
          value: i.value,
          unit: i.unit,
          last: l ? { value: l.value, reporterName: l.reporterName, reportedAt: l.reportedAt } : null,
          submitted: l && l.roundId === round.id ? { by: l.reporterName ?? l.reporterOpenId, at: l.reportedAt } : null,
        };
      });
    if (tasks.length === 0 && indicators.length === 0) continue;
    out.set(dept.id, {
      plan: { id: view.plan.id, title: view.plan.title, year: view.plan.year },
      round: { id: round.id, key: round.key, startsAt: round.startsAt, endsAt: round.endsAt },
      department: { id: dept.id, name: dept.name },
      tasks,
      indicators,
      timezone,
    });
  }
  return out;
}

/** What a unit acts on: the bureau's measures, the regions' (各地区 …), or its key point clauses. */
function measuresFor(t: TaskView, role: TaskDepartment['role'], name: string, conditional: Conditional): { texts: string[]; title: string } {
  if (role === 'region') return { texts: regionMeasures(t, conditional), title: t.kind === 'key_point' ? '各地方知识产权局负责' : '各地区落实举措' };
  if (t.kind === 'key_point') return { texts: clausesFor(t.measures, name), title: `${name}负责` };
  return { texts: t.measures.filter((m) => m.actor === BUREAU_ACTOR).map((m) => m.text), title: '国家知识产权局落实举措' };
}

/** A task is done only when every responsible department's current status is done. */
function taskDone(view: PlanView, current: Map<string, { status: string }>): Map<number, boolean> {
  return new Map(
    [...view.tasks, ...view.keyPoints].map((t) => [t.id, t.departments.length > 0 && t.departments.every((d) => current.get(`${t.id}:${d.departmentId}`)?.status === 'done')]),
  );
}

/** 待审核 while the unit's 已完成 waits; the refusal's reason until the unit reports again. */
function reviewState(status: string | undefined, last: { status: string; reason: string | null } | undefined): DepartmentCardTask['review'] {
  if (status === 'pending_review') return { state: 'pending', reason: null };
  if (last?.status === 'refused' && status !== 'done') return { state: 'refused', reason: last.reason };
  return null;
}
