import { buildReminderCard } from '../../cards/reminder.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { listDepartments, listReporters } from '../../db/repositories/directory.repository.ts';
import { loadPlanView } from '../../db/repositories/plan-view.repository.ts';
import { findRound, nextReminderNumber, submissionsInRound, type RoundRecord } from '../../db/repositories/rounds.repository.ts';
import { remindersFor, type Reminder, type ReminderInput } from '../../domain/reminders.ts';
import { readableByDepartmentChat } from '../../domain/read-policy.ts';
import { roundFor } from '../../domain/rounds.ts';
import { DubanError, noPlanError } from '../../errors.ts';
import type { RoundDeps } from './ports.ts';

export interface RemindResult {
  roundKey: string;
  reminderNumber: number;
  reminded: { department: string; missing: number; mentioned: number }[];
}

/**
 * Who this week's next 催办 goes to, without sending: the reminder step and its confirmation card
 * (`peek`: nothing written) share it.
 */
export interface PlannedReminders {
  round: RoundRecord;
  reminderNumber: number;
  reminders: Reminder[];
}

export async function planReminders(db: DbOrTx, deps: { now: Date; timezone: string; peek?: boolean }): Promise<PlannedReminders> {
  const view = await loadPlanView(db);
  if (!view) throw noPlanError();
  const key = roundFor(deps.now, deps.timezone).key;
  const round = await findRound(db, view.plan.id, key);
  if (!round) throw new DubanError('ROUND_NOT_OPEN', `本周（${key}）的填报尚未开启，请先运行 duban round open`);
  // counting the reminder is a write: a preview (peek) only says which number it would be
  const reminderNumber = deps.peek ? round.remindersSent + 1 : await nextReminderNumber(db, round.id);
  const reported = new Map<number, Set<number>>();
  for (const s of await submissionsInRound(db, round.id)) {
    const set = reported.get(s.departmentId) ?? new Set<number>();
    set.add(s.taskId);
    reported.set(s.departmentId, set);
  }
  const inputs: ReminderInput[] = [];
  for (const d of await listDepartments(db)) {
    const tasks = [...view.tasks, ...view.keyPoints]
      .filter((t) => readableByDepartmentChat(d, [...t.departments, ...t.regions].map((a) => a.departmentId)))
      .map((t) => ({ id: t.id, number: t.number, title: t.title, ...(t.kind === 'key_point' ? { kind: 'key_point' as const } : {}) }));
    if (tasks.length === 0 || !d.chatId) continue;
    inputs.push({
      department: { id: d.id, name: d.name, chatId: d.chatId },
      tasks,
      reportedTaskIds: reported.get(d.id) ?? new Set(),
      reporters: await listReporters(db, d.id),
      reminderNumber,
    });
  }
  return { round, reminderNumber, reminders: remindersFor(inputs) };
}

/**
 * 催办: each bound department with tasks not reported this round gets one message naming them;
 * from the second reminder of the round on, it @-mentions the department's reporters.
 */
export async function remind(db: Db, deps: RoundDeps): Promise<RemindResult> {
  const { round, reminderNumber, reminders } = await planReminders(db, deps);
  const result: RemindResult = { roundKey: round.key, reminderNumber, reminded: [] };
  for (const r of reminders) {
    const card = buildReminderCard({ reminder: r, round: { key: round.key } });
    await deps.send(
      { kind: 'send', to: { chatId: r.chatId }, content: { card } },
      { purpose: 'reminder', ref: `round:${round.id}:dept:${r.departmentId}:n:${reminderNumber}` },
    );
    result.reminded.push({ department: r.departmentName, missing: r.missing.length, mentioned: r.mention.length });
    deps.progress?.(`已催办：${r.departmentName}（未填报 ${r.missing.length} 项）`);
  }
  return result;
}
