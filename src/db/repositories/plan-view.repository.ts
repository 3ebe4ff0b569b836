import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Comparator, DeadlineKind, ParsedMeasure } from '../../plan/types.ts';
import type { DbOrTx } from '../client.ts';
import { assignments, departments, measures, tasks } from '../schema/index.ts';
import { findActivePlan, findPlanById, listIndicators, listSections, type PlanRecord } from './plan.repository.ts';

export interface TaskDepartment {
  departmentId: number;
  name: string;
  /** the first listed department leads (牵头); the others are co-responsible (配合); a region follows its 各地区 measures */
  role: 'lead' | 'co' | 'region';
}

export interface TaskView {
  id: number;
  /** task (the annex) | key_point (the body's 工作要点, numbered on its own) */
  kind: 'task' | 'key_point';
  number: number;
  title: string;
  sectionNumber: number | null;
  deadlineKind: DeadlineKind | null;
  /** the due date in force: the plan's, or the last approved 延期申请's */
  dueDate: string | null;
  /** the plan's own due date, before any extension */
  plannedDueDate: string | null;
  measures: ParsedMeasure[];
  /** the bureau's responsible departments, lead first */
  departments: TaskDepartment[];
  /** the regional offices that follow it (role region), directory order */
  regions: TaskDepartment[];
}

export interface IndicatorView {
  id: number;
  position: number;
  name: string;
  comparator: Comparator;
  value: number;
  unit: string;
  ownerDepartmentId: number | null;
}

export interface PlanView {
  plan: PlanRecord;
  sections: { number: number; title: string }[];
  /** tasks not removed, by number */
  tasks: TaskView[];
  /** key points not removed, by number */
  keyPoints: TaskView[];
  indicators: IndicatorView[];
}

/**
 * The plan as the rest of duban sees it: sections, live tasks with measures and ordered
 * departments (lead first), and indicators. `planId` defaults to the active plan; null when none.
 */
export async function loadPlanView(db: DbOrTx, planId?: number): Promise<PlanView | null> {
  const plan = planId === undefined ? await findActivePlan(db) : await findPlanById(db, planId);
  if (!plan) return null;
  const taskRows = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.planId, plan.id), isNull(tasks.removedAt)))
    .orderBy(asc(tasks.number));
  const ids = taskRows.map((t) => t.id);
  const measureRows = ids.length === 0 ? [] : await db.select().from(measures).where(inArray(measures.taskId, ids)).orderBy(asc(measures.taskId), asc(measures.position));
  const assignmentRows =
    ids.length === 0
      ? []
      : await db
          .select({ taskId: assignments.taskId, departmentId: assignments.departmentId, role: assignments.role, name: departments.name })
          .from(assignments)
          .innerJoin(departments, eq(departments.id, assignments.departmentId))
          .where(inArray(assignments.taskId, ids))
          .orderBy(asc(assignments.taskId), asc(assignments.position));
  const byTask = new Map<number, TaskView>();
  const taskViews = taskRows.map((t): TaskView => {
    const view: TaskView = {
      id: t.id,
      kind: t.kind === 'key_point' ? 'key_point' : 'task',
      number: t.number,
      title: t.title,
      sectionNumber: t.sectionNumber,
      deadlineKind: t.deadlineKind as DeadlineKind | null,
      // an approved 延期申请 moves the due date every reader uses
      dueDate: t.extendedDueDate ?? t.dueDate,
      plannedDueDate: t.dueDate,
      measures: [],
      departments: [],
      regions: [],
    };
    byTask.set(t.id, view);
    return view;
  });
  for (const m of measureRows) byTask.get(m.taskId)?.measures.push({ actor: m.actor, text: m.text });
  for (const a of assignmentRows) {
    const role = a.role === 'lead' || a.role === 'region' ? a.role : 'co';
    byTask.get(a.taskId)?.[role === 'region' ? 'regions' : 'departments'].push({ departmentId: a.departmentId, name: a.name, role });
  }
  const sectionRows = await listSections(db, plan.id);
  const indicatorRows = await listIndicators(db, plan.id);
  return {
    plan,
    sections: sectionRows.map((s) => ({ number: s.number, title: s.title })),
    tasks: taskViews.filter((t) => t.kind === 'task'),
    keyPoints: taskViews.filter((t) => t.kind === 'key_point'),
    indicators: indicatorRows.map((i) => ({
      id: i.id,
      position: i.position,
      name: i.name,
      comparator: i.comparator as Comparator,
      value: Number(i.value),
      unit: i.unit,
      ownerDepartmentId: i.ownerDepartmentId,
    })),
  };
}
