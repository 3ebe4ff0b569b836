import type { Db } from '../db/client.ts';
import { findTaskByNumber, taskReports, unitWeeklyResponse } from '../db/repositories/history.repository.ts';
import type { PlanRow } from '../db/repositories/status.repository.ts';
import { taskTimeline, unitHistory } from '../domain/history.ts';
import { formatLocalTime } from '../domain/rounds.ts';
import type { Answer } from '../cards/answers/index.ts';
import type { AskOptions } from './ask-tasks.ts';

/** 「运用促进司的填报率」: the unit's response in every round so far. */
export async function answerUnitHistory(db: Db, plan: PlanRow, unit: { id: number; name: string }, o: AskOptions): Promise<Answer> {
  const rows = await unitWeeklyResponse(db, plan.id, unit.id, o.now);
  const h = unitHistory(rows.map((r) => ({ key: r.key, expected: r.expected, reported: r.reported, onTime: r.on_time })));
  return { kind: 'unit_history', history: { name: unit.name, ...h } };
}

/** 「任务7的历史」: the task's reports that changed something, oldest first. */
export async function answerTaskHistory(db: Db, plan: PlanRow, number: number, taskCount: number, o: AskOptions): Promise<Answer> {
  const task = await findTaskByNumber(db, plan.id, number);
  if (!task) return { kind: 'task_not_found', number, taskCount };
  const entries = taskTimeline(await taskReports(db, [task.id])).map((e) => ({
    at: formatLocalTime(e.reportedAt, o.timezone),
    roundKey: e.roundKey,
    department: e.department,
    status: e.status,
    progress: e.progress,
    note: e.note,
    late: e.late,
    reporter: e.reporter,
  }));
  return { kind: 'task_history', history: { number: task.number, title: task.title, entries } };
}
