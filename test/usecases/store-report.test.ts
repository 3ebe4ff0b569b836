import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentStatus, reports } from '../../src/db/schema/index.ts';
import { storeReport, type ReportSubmission } from '../../src/usecases/store-report.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { addRound, departmentId, importSeed, taskId } from '../support/seed-reports.ts';

// The worker stores what the webhook accepted; deliveries may arrive out of order (a retried job, a
// redelivered event), so the current status follows the time Lark delivered a report, not arrival order.
describe('storing a report submission', () => {
  let t: TestDb;
  let base: Omit<ReportSubmission, 'eventId' | 'receivedAt' | 'status' | 'progress' | 'note'>;

  beforeAll(async () => {
    t = await createTestDb('store_report');
    const planId = await importSeed(t.db);
    const roundId = await addRound(t.db, planId, '2021-W23');
    base = { planId, roundId, taskId: await taskId(t.db, planId, 7), departmentId: await departmentId(t.db, '运用促进司'), evidenceUrl: null, reporterOpenId: 'ou_ygs_0001' };
  });
  afterAll(async () => {
    await t?.drop();
  });

  const current = async () =>
    (await t.db.select().from(currentStatus).where(and(eq(currentStatus.taskId, base.taskId), eq(currentStatus.departmentId, base.departmentId))))[0];

  it('keeps the newer current status when an older report arrives late, and still stores the older one as history', async () => {
    const newer = await storeReport(t.db, { ...base, eventId: 'ev_newer', receivedAt: '2021-06-09T08:00:00.000Z', status: 'at_risk', progress: 45, note: '经费未到位' });
    const older = await storeReport(t.db, { ...base, eventId: 'ev_older', receivedAt: '2021-06-09T07:00:00.000Z', status: 'on_track', progress: 40, note: '按计划推进' });
    expect(newer).toMatchObject({ stored: true, version: 1 });
    expect(older).toMatchObject({ stored: true, version: 2 });
    expect(await current()).toMatchObject({ reportId: (newer as { reportId: number }).reportId, status: 'at_risk', progress: 45, note: '经费未到位', reportedAt: new Date('2021-06-09T08:00:00.000Z') });
    expect((await t.db.select().from(reports).where(eq(reports.taskId, base.taskId))).map((r) => r.eventId).sort()).toEqual(['ev_newer', 'ev_older']);
  });

  it('moves the current status to a report delivered later', async () => {
    const later = await storeReport(t.db, { ...base, eventId: 'ev_later', receivedAt: '2021-06-10T08:00:00.000Z', status: 'done', progress: 100, note: '已完成' });
    expect(await current()).toMatchObject({ reportId: (later as { reportId: number }).reportId, status: 'done', progress: 100 });
  });

  it('stores a redelivered event once', async () => {
    const before = (await t.db.select().from(reports)).length;
    expect(await storeReport(t.db, { ...base, eventId: 'ev_later', receivedAt: '2021-06-10T08:00:00.000Z', status: 'done', progress: 100, note: '已完成' })).toEqual({ stored: false, reason: 'duplicate' });
    expect((await t.db.select().from(reports)).length).toBe(before);
  });
});
