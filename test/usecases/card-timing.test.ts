import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDirectory } from '../../src/directory/parse.ts';
import { createCardActionRoute } from '../../src/usecases/inbound/card-action-route.ts';
import { loadDirectory } from '../../src/usecases/load-directory.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { ASK_NOW, departmentId, seedAskScenario, taskId, TZ, type AskScenario } from '../support/seed-reports.ts';

// Cards from old rounds (now is 2021-06-09, round W23): W22 ended two days ago (late, accepted),
// W19 ended 23 days ago (refused). Ids beyond Postgres' integer are refused in validation.
describe('submissions on cards of earlier rounds', () => {
  let t: TestDb;
  let seed: AskScenario;
  let ids: { planId: number; departmentId: number; taskId: number };
  const lines: string[] = [];
  const ctx = { logger: pino({ level: 'info' }, { write: (l: string) => void lines.push(l) }), now: () => ASK_NOW };
  const submit = (roundId: number, over: Record<string, number> = {}) => {
    const v = { kind: 'report', ...ids, roundId, ...over };
    const form = { [`status_${v.taskId}`]: 'on_track', [`progress_${v.taskId}`]: '60', [`note_${v.taskId}`]: '按计划推进' };
    return createCardActionRoute(t.db, { timezone: TZ, lateGraceDays: 7 })({ eventId: 'ev', operatorOpenId: 'ou_tfs', value: v, formValue: form }, ctx);
  };
  const reports = async () => ((await t.db.execute(sql`select count(*)::int as n from reports`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;

  beforeAll(async () => {
    t = await createTestDb('card_timing');
    seed = await seedAskScenario(t.db);
    await loadDirectory(t.db, parseDirectory('departments:\n  - { name: 条法司, reporters: [ou_tfs] }\n'), { now: ASK_NOW });
    ids = { planId: seed.planId, departmentId: await departmentId(t.db, '条法司'), taskId: await taskId(t.db, seed.planId, 5) };
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('accepts the current round\'s card with 已提交', async () => {
    const r = await submit(seed.rounds['2021-W23']!);
    expect(r.toast).toEqual({ type: 'success', content: '已提交：正常推进 · 60%' });
    expect(r.job).toBeDefined();
  });

  it('accepts a card of a round that ended within the grace, saying 已提交（逾期补报）', async () => {
    const r = await submit(seed.rounds['2021-W22']!);
    expect(r.toast).toEqual({ type: 'success', content: '已提交（逾期补报）：正常推进 · 60%' });
    expect(r.job).toBeDefined();
  });

  it('refuses a card of a round that ended more than LATE_GRACE_DAYS ago, pointing to the latest card, queueing nothing', async () => {
    const before = await reports();
    const r = await submit(seed.rounds['2021-W19']!);
    expect(r).toEqual({ toast: { type: 'error', content: '该卡片所属的填报轮次（2021-W19）已结束超过 7 天，不再接受补报，请在最新的卡片上填报' } });
    expect(await reports()).toBe(before);
  });

  it('refuses ids beyond the database\'s integer range in validation, without an error log', async () => {
    const before = await reports();
    lines.length = 0;
    for (const field of ['departmentId', 'taskId', 'roundId', 'planId']) {
      const r = await submit(seed.rounds['2021-W23']!, { [field]: 99_999_999_999 });
      expect(r).toEqual({ toast: { type: 'error', content: '无法识别的卡片操作，请使用最新的卡片填报' } });
    }
    expect(await reports()).toBe(before);
    expect(lines.filter((l) => JSON.parse(l).level >= 50)).toEqual([]);
  });
});
