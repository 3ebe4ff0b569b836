import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trendLine } from '../../src/cards/digest-parts.ts';
import { composeDigest, sendDigest } from '../../src/usecases/digest.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { addReport, seedAskScenario, TZ, type AskScenario } from '../support/seed-reports.ts';

// The digest's four-week trend: the three weeks before from the digests sent then, this week from its own figures.
describe('the digest’s four-week trend', () => {
  let t: TestDb;
  let seed: AskScenario;
  beforeAll(async () => {
    t = await createTestDb('digest_trend');
    seed = await seedAskScenario(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });
  const send = (iso: string) => sendDigest({ db: t.db, enqueue: async () => undefined }, { now: new Date(iso), timezone: TZ });

  it('shows the response rate and the tasks at risk or blocked over four weeks, — for a week without a digest', async () => {
    await send('2021-05-21T09:30:00Z'); // W20
    await send('2021-06-04T09:30:00Z'); // W22 (none in W21)
    // then this week task 4 is unblocked: one fewer at risk or blocked than the digests said
    await addReport(t.db, seed.planId, { task: 4, department: '保护司', roundId: seed.rounds['2021-W23']!, status: 'on_track', progress: 30, reporter: 'ou_zhang', reportedAt: new Date('2021-06-08T08:00:00Z') });
    const d = await composeDigest(t.db, { now: new Date('2021-06-09T02:30:00Z'), timezone: TZ });
    expect(d.model.trend!.map((p) => p.weekKey)).toEqual(['2021-W20', '2021-W21', '2021-W22', '2021-W23']);
    expect(d.model.trend![1]).toEqual({ weekKey: '2021-W21', responseRate: null, atRiskOrBlocked: null });
    // the earlier digests were composed from the statuses of their time (tasks 4, 5, 20); this week two are left
    expect(d.model.trend!.map((p) => p.atRiskOrBlocked)).toEqual([3, null, 3, 2]);
    const line = trendLine(d.model)!;
    expect(line).toMatch(/^\*\*近四周\*\*（W20 · W21 · W22 · W23）：填报率 \d+% → — → \d+% → \d+%；风险\/受阻 3 → — → 3 → 2$/);
    expect(JSON.stringify(d.card)).toContain('近四周');
  });

  it('says nothing while there is only this week', () => {
    expect(trendLine({ trend: [{ weekKey: '2021-W23', responseRate: 50, atRiskOrBlocked: 2 }] } as never)).toBeNull();
    expect(trendLine({} as never)).toBeNull();
  });
});
