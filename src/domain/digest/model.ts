import { STATUSES, type Status } from '../status.ts';
import { deadlineState, dueDateFor } from '../deadlines.ts';
import { diffStates } from './changes.ts';
import { countdown } from './countdown.ts';
import { summariseIndicators } from './indicators.ts';
import { compareRed, redEntry } from './redlist.ts';
import { responseRate } from './response.ts';
import { summariseDigestInput } from './summary.ts';
import { summariseKeyPoints } from './key-points.ts';
import type { DigestInput, DigestModel, DigestSummaryInput, RedListEntry, SectionSummary } from './types.ts';

export const zeroCounts = (): Record<Status, number> =>
  Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;

type Previous = Pick<DigestModel, 'taskStates' | 'round'> | null | undefined;

/**
 * The weekly digest as plain data: pure, so it is computed the same in tests, the bench and the
 * scheduled job. `previous` is the model stored with the last digest sent.
 */
export function buildDigestModel(input: DigestInput, previous?: Previous): DigestModel {
  return buildDigestModelFromSummary(summariseDigestInput(input), previous);
}

/** The same from tasks already summarised (the use case reduces 50,000 assignments in SQL). */
export function buildDigestModelFromSummary(input: DigestSummaryInput, previous?: Previous): DigestModel {
  const { now, timezone } = input;
  const statusCounts = zeroCounts();
  let notReportedCount = 0;
  const deadlineCounts = { overdue: 0, warning: 0 };
  const sectionAcc = new Map<number | null, { taskCount: number; progressSum: number; counts: Record<Status, number>; notReported: number }>();
  const taskStates: DigestModel['taskStates'] = {};
  const titles = new Map<number, string>();
  const red: RedListEntry[] = [];
  // luxon is the slow part at 1,000 tasks, and tasks share a handful of due dates
  const deadlineOf = new Map<string | null, ReturnType<typeof deadlineState>>();

  for (const task of input.tasks) {
    const status = task.status;
    const progress = status === 'done' ? 100 : task.progress;
    const dueDate = task.dueDate ?? dueDateFor(task.deadlineKind, input.plan.year);
    let deadline: ReturnType<typeof deadlineState> = 'ok';
    if (status !== 'done') {
      if (!deadlineOf.has(dueDate)) deadlineOf.set(dueDate, deadlineState({ dueDate, done: false, now, timezone }));
      deadline = deadlineOf.get(dueDate)!;
    }
    if (task.reported) statusCounts[status]++;
    else notReportedCount++;
    if (deadline !== 'ok') deadlineCounts[deadline]++;
    taskStates[String(task.id)] = { number: task.number, status, progress };
    titles.set(task.id, task.title);

    let acc = sectionAcc.get(task.section);
    if (!acc) {
      acc = { taskCount: 0, progressSum: 0, counts: zeroCounts(), notReported: 0 };
      sectionAcc.set(task.section, acc);
    }
    acc.taskCount++;
    acc.progressSum += progress;
    if (task.reported) acc.counts[status]++;
    else acc.notReported++;

    const entry = redEntry(task, status, deadline, progress, task.explaining);
    if (entry) red.push(entry);
  }
  red.sort(compareRed);

  const sectionTitle = new Map(input.sections.map((s) => [s.number, s.title]));
  const sections: SectionSummary[] = [...sectionAcc.entries()]
    .sort(([a], [b]) => (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER))
    .map(([number, acc]) => ({
      number,
      title: number === null ? '未分部分' : (sectionTitle.get(number) ?? `第${number}部分`),
      taskCount: acc.taskCount,
      avgProgress: Math.round(acc.progressSum / acc.taskCount),
      counts: acc.counts,
      notReported: acc.notReported,
    }));

  const health: DigestModel['health'] =
    statusCounts.blocked > 0 || deadlineCounts.overdue > 0
      ? 'red'
      : statusCounts.at_risk > 0 || deadlineCounts.warning > 0
        ? 'orange'
        : 'green';

  return {
    version: 1,
    planTitle: input.plan.title,
    year: input.plan.year,
    generatedAt: now.toISOString(),
    timezone,
    round: input.round
      ? { key: input.round.key, startsAt: input.round.startsAt.toISOString(), endsAt: input.round.endsAt.toISOString() }
      : null,
    health,
    taskCount: input.tasks.length,
    response: responseRate(input.responses),
    ...(input.regionResponses?.length ? { regionResponse: responseRate(input.regionResponses) } : {}),
    ...(input.keyPoints?.length ? { keyPoints: summariseKeyPoints(input.keyPoints) } : {}),
    statusCounts,
    notReportedCount,
    deadlineCounts,
    sections,
    redList: red,
    indicators: summariseIndicators(input.indicators),
    changes: diffStates(taskStates, titles, previous),
    countdown: countdown(input.plan.reportDeadline, input.plan.year, now, timezone),
    taskStates,
  };
}
