import type { Db } from '../db/client.ts';
import { findRoundByKey, listIndicatorStatuses, type PlanRow } from '../db/repositories/status.repository.ts';
import { roundFor } from '../domain/rounds.ts';
import { STATUSES, type Status } from '../domain/status.ts';
import type { Answer, TaskLine } from '../cards/answers/index.ts';
import { allStatuses } from './ask-context.ts';
import { indicatorLine } from './ask-overview.ts';
import { summariseTasks, toLine, type AskOptions } from './ask-tasks.ts';
import { readTogether } from '../db/reads.ts';

// One collator for all comparisons: localeCompare(…, locale) builds a new one on every call.
const byPinyin = new Intl.Collator('zh-Hans-CN');

// Same ranking as the weekly digest's red list: blocked, then overdue, at risk, warning; ties by progress.
const WEIGHT = { blocked: 8, overdue: 4, at_risk: 2, warning: 1 } as const;
function severity(t: TaskLine): number {
  return (t.status === 'blocked' ? WEIGHT.blocked : 0) + (t.status === 'at_risk' ? WEIGHT.at_risk : 0)
    + (t.deadlineState === 'overdue' ? WEIGHT.overdue : 0) + (t.deadlineState === 'warning' ? WEIGHT.warning : 0);
}

/**
 * 本周汇总 on demand, the short version: counts by overall status, deadlines, who has reported this
 * round (a department counts when it reported every one of its tasks), what needs attention, and
 * the indicators. The full weekly digest (changes since last week, sections) is sent on schedule.
 */
export async function answerDigest(db: Db, plan: PlanRow, o: AskOptions): Promise<Answer> {
  const key = roundFor(o.now, o.timezone).key;
  const [round, rows, indicators] = await readTogether(db, [
    () => findRoundByKey(db, plan.id, key),
    () => allStatuses(db, plan, key, o.cache),
    () => listIndicatorStatuses(db, plan.id, null),
  ]);
  const tasks = summariseTasks(rows, plan.year, o);
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const t of tasks) counts[t.status]++;

  const byDept = new Map<number, { name: string; expected: number; reported: number }>();
  for (const r of rows) {
    const d = byDept.get(r.departmentId) ?? { name: r.name, expected: 0, reported: 0 };
    d.expected++;
    if (r.reportedInRound) d.reported++;
    byDept.set(r.departmentId, d);
  }
  const depts = [...byDept.values()].sort((a, b) => byPinyin.compare(a.name, b.name));
  const red = tasks
    .map(toLine)
    .filter((t) => severity(t) > 0)
    .sort((a, b) => severity(b) - severity(a) || a.progress - b.progress || a.number - b.number);

  return {
    kind: 'digest',
    digest: {
      round: round?.key ?? null,
      taskCount: tasks.length,
      counts,
      overdue: tasks.filter((t) => t.deadlineState === 'overdue').length,
      warning: tasks.filter((t) => t.deadlineState === 'warning').length,
      departmentsExpected: depts.length,
      departmentsReported: depts.filter((d) => d.reported === d.expected).length,
      partial: depts.filter((d) => d.reported > 0 && d.reported < d.expected).map((d) => `${d.name}（${d.reported}/${d.expected}）`),
      missing: depts.filter((d) => d.reported === 0).map((d) => d.name),
      red,
      indicators: indicators.map((i) => indicatorLine(i, o)),
    },
  };
}
