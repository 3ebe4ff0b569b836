import { DateTime } from 'luxon';
import { describeQuietHours } from '../domain/calendar/quiet-hours.ts';
import { actsOnRunWeek, decideStep, STEP_LABEL, type StepTimeRules } from '../domain/calendar/step-times.ts';
import { DAY_KIND_LABEL } from '../domain/calendar/work-calendar.ts';
import { formatLocalTime } from '../domain/rounds.ts';
import type { ScheduledJob, ScheduledOutcome } from '../queue/schedules.ts';
import { runStep, type StepDeps } from './steps.ts';

/**
 * A step the cron (or a deferred job) asks for: run it now if today is a working day (and, for
 * 催办, outside the quiet hours); else say until when it waits, and the schedules worker puts it
 * back on the queue for that time. A deferred job carries the time it was first due, so a closing
 * or digest moved into the next week still acts on the week it was due for.
 */
export async function runScheduledStep(job: ScheduledJob, deps: StepDeps & { rules: StepTimeRules }): Promise<ScheduledOutcome> {
  const now = deps.now();
  const dueAt = job.dueAt ? new Date(job.dueAt) : now;
  const label = STEP_LABEL[job.step];
  const at = (d: Date) => formatLocalTime(d, deps.timezone);
  const decision = decideStep(job.step, dueAt, now, deps.rules);
  if (decision.action === 'skip') {
    return { line: `${label}（原定 ${at(dueAt)}）顺延到 ${at(decision.movedTo)} 已是下一周，本次不执行；下周照常` };
  }
  if (decision.action === 'defer') {
    const day = DateTime.fromJSDate(now, { zone: deps.timezone }).toISODate()!;
    const cal = deps.rules.calendar;
    const why =
      decision.why === 'quiet' && deps.rules.quietHours
        ? `免打扰时段（${describeQuietHours(deps.rules.quietHours)}）`
        : `${day} 是${DAY_KIND_LABEL[cal.kindOf(day)]}${cal.nameOf(day) ? `（${cal.nameOf(day)}）` : ''}`;
    return {
      line: `${label}（原定 ${at(dueAt)}）：${why}，顺延至 ${at(decision.until)}`,
      defer: { untilMs: decision.until.getTime(), delayMs: decision.until.getTime() - now.getTime(), dueAt: dueAt.toISOString() },
    };
  }
  const line = await runStep(job.step, { ...deps, weekOf: actsOnRunWeek(job.step) ? undefined : dueAt });
  return { line: job.dueAt ? `${line}（原定 ${at(dueAt)}，因节假日或免打扰顺延）` : line };
}
