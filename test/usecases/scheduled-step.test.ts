import { asc } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageCalendarYears } from '../../src/app/calendar.ts';
import { digests, rounds } from '../../src/db/schema/index.ts';
import { parseQuietHours, type QuietHours } from '../../src/domain/calendar/quiet-hours.ts';
import { buildWorkCalendar } from '../../src/domain/calendar/work-calendar.ts';
import type { ScheduledJob } from '../../src/queue/schedules.ts';
import { bootstrapFromFiles } from '../../src/usecases/bootstrap.ts';
import { runScheduledStep } from '../../src/usecases/scheduled-step.ts';
import { runStep } from '../../src/usecases/steps.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { SEED_FILES, TIMEZONE } from '../support/seeded-round.ts';

const local = (iso: string) => DateTime.fromISO(iso, { zone: TIMEZONE }).toJSDate();
const quietHours = parseQuietHours('20:00-08:00') as QuietHours;
const rules = { calendar: buildWorkCalendar([packageCalendarYears()]), quietHours, timezone: TIMEZONE };

// The scheduled steps against a real database on the seed plan: what a cron job (or a deferred
// one) does on a holiday, on a 调休 Saturday and in the quiet hours.
describe('scheduled steps on the working-day calendar', () => {
  let t: TestDb;
  const sent: { purpose: string; ref: string }[] = [];
  const send = async (_op: unknown, meta: { purpose: string; ref: string }) => {
    sent.push(meta);
    return undefined;
  };
  const run = (job: ScheduledJob, at: string) =>
    runScheduledStep(job, { db: t.db, send, now: () => local(at), timezone: TIMEZONE, quietHours, rules });
  const roundRows = () => t.db.select().from(rounds).orderBy(asc(rounds.key));

  beforeAll(async () => {
    t = await createTestDb('sched_cal');
    await bootstrapFromFiles(t.db, SEED_FILES, local('2021-09-27T08:00'));
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('an opening due on 2021-10-04 waits until 10-08 09:00 and opens nothing before', async () => {
    await runStep('open_round', { db: t.db, send, now: () => local('2021-09-27T09:00'), timezone: TIMEZONE });
    const before = sent.length;
    const out = await run({ step: 'open_round' }, '2021-10-04T09:00');
    expect(out.line).toBe('开启填报（原定 2021-10-04 09:00）：2021-10-04 是节假日（国庆节），顺延至 2021-10-08 09:00');
    expect(out.defer).toEqual({ untilMs: local('2021-10-08T09:00').getTime(), delayMs: 4 * 86_400_000, dueAt: local('2021-10-04T09:00').toISOString() });
    expect((await roundRows()).map((r) => r.key)).toEqual(['2021-W39']);
    expect(sent.length).toBe(before);
  });

  it('the closing due on 10-01 runs on the 8th and closes 2021-W39, not the week it runs in', async () => {
    const deferred = await run({ step: 'close_round' }, '2021-10-01T17:00');
    expect(deferred.defer?.untilMs).toBe(local('2021-10-08T17:00').getTime());
    expect((await roundRows())[0]!.closedAt).toBeNull();

    const opened = await run({ step: 'open_round', dueAt: local('2021-10-04T09:00').toISOString() }, '2021-10-08T09:00');
    expect(opened.line).toMatch(/^已开启本周填报（2021-W40）.*（原定 2021-10-04 09:00，因节假日或免打扰顺延）$/);

    const closed = await run({ step: 'close_round', dueAt: deferred.defer!.dueAt }, '2021-10-08T17:00');
    expect(closed.line).toMatch(/^已关闭本周填报（2021-W39）/);
    const [w39, w40] = await roundRows();
    expect(w39!.closedAt).toEqual(local('2021-10-08T17:00'));
    expect(w40!.closedAt).toBeNull();
  });

  it('the digest due on 10-01 runs on the 8th as 2021-W39’s digest', async () => {
    const out = await run({ step: 'digest', dueAt: local('2021-10-01T17:30').toISOString() }, '2021-10-08T17:30');
    expect(out.line).toMatch(/2021-W39/);
    expect((await t.db.select({ weekKey: digests.weekKey }).from(digests)).map((d) => d.weekKey)).toEqual(['2021-W39']);
  });

  it('a 催办 on the 调休 Saturday 10-09 runs; one due at 21:00 waits for the end of the quiet hours', async () => {
    expect((await run({ step: 'remind' }, '2021-10-09T15:00')).line).toMatch(/^第 1 次催办（2021-W40）/);
    const before = sent.length;
    const late = await run({ step: 'remind' }, '2021-10-14T21:00');
    expect(late.line).toBe('催办（原定 2021-10-14 21:00）：免打扰时段（20:00–08:00），顺延至 2021-10-15 08:00');
    expect(late.defer?.delayMs).toBe(11 * 3600_000);
    // Saturday night's would wait until Monday: another week, so it is dropped
    expect((await run({ step: 'remind' }, '2021-10-09T21:00')).line).toMatch(/顺延到 2021-10-11 08:00 已是下一周，本次不执行/);
    expect(sent.length).toBe(before);
  });

  it('a 催办 moved past the end of its week is dropped, saying so', async () => {
    const out = await run({ step: 'remind' }, '2021-10-10T15:00');
    expect(out.defer).toBeUndefined();
    expect(out.line).toBe('催办（原定 2021-10-10 15:00）顺延到 2021-10-11 15:00 已是下一周，本次不执行；下周照常');
  });

  it('a 催办 run by hand in the quiet hours is refused and sends nothing', async () => {
    const before = sent.length;
    await expect(runStep('remind', { db: t.db, send, now: () => local('2021-10-08T22:15'), timezone: TIMEZONE, quietHours })).rejects.toMatchObject({
      code: 'QUIET_HOURS',
      message: expect.stringContaining('现在是免打扰时段（20:00–08:00），不发送催办'),
    });
    expect(sent.length).toBe(before);
  });
});
