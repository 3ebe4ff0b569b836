/**
 * Who gets a 催办 and what it says, as plain data: a department with tasks (or indicators) not yet
 * reported this round gets one message naming them; the second and later reminders of a round
 * also @-mention its reporters. Departments with nothing missing get nothing. Never @ everyone.
 */

export interface ReminderTask {
  id: number;
  number: number;
  title: string;
  /** a key point of the body (工作要点N); absent for an annex task */
  kind?: 'key_point';
}

export interface ReminderPerson {
  openId: string;
  name: string | null;
}

export interface ReminderInput {
  department: { id: number; name: string; chatId: string | null };
  tasks: readonly ReminderTask[];
  /** ids of the department's tasks with a report in this round */
  reportedTaskIds: ReadonlySet<number> | readonly number[];
  reporters: readonly ReminderPerson[];
  /** 1 for the first reminder of the round, 2 for the second … */
  reminderNumber: number;
}

export interface Reminder {
  departmentId: number;
  departmentName: string;
  chatId: string;
  missing: ReminderTask[];
  /** reporters to @-mention; empty on the first reminder */
  mention: ReminderPerson[];
  reminderNumber: number;
}

// Only a real user's open_id may be mentioned: this excludes `all` and anything crafted.
const OPEN_ID = /^ou_[A-Za-z0-9_-]+$/;
export const isMentionableOpenId = (openId: string): boolean => OPEN_ID.test(openId);

/** The tasks not reported this round, in task-number order, then the key points in theirs. */
export function missingTasks(tasks: readonly ReminderTask[], reported: ReadonlySet<number> | readonly number[]): ReminderTask[] {
  const done = reported instanceof Set ? reported : new Set(reported as readonly number[]);
  return tasks.filter((t) => !done.has(t.id)).sort((a, b) => Number(a.kind === 'key_point') - Number(b.kind === 'key_point') || a.number - b.number);
}

/** The reminder for one department, or null when it has nothing missing or no chat to send to. */
export function reminderFor(input: ReminderInput): Reminder | null {
  if (!input.department.chatId) return null;
  const missing = missingTasks(input.tasks, input.reportedTaskIds);
  if (missing.length === 0) return null;
  const mention = input.reminderNumber >= 2 ? input.reporters.filter((p) => isMentionableOpenId(p.openId)) : [];
  return {
    departmentId: input.department.id,
    departmentName: input.department.name,
    chatId: input.department.chatId,
    missing,
    mention,
    reminderNumber: input.reminderNumber,
  };
}

/** Reminders for every department that needs one. */
export function remindersFor(inputs: readonly ReminderInput[]): Reminder[] {
  return inputs.map(reminderFor).filter((r): r is Reminder => r !== null);
}
