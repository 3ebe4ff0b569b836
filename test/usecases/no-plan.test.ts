import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digests, rounds, sentMessages } from '../../src/db/schema/index.ts';
import { loadReportData } from '../../src/usecases/export-report-data.ts';
import { composeDigest, sendDigest } from '../../src/usecases/digest.ts';
import { closeRound } from '../../src/usecases/rounds/close-round.ts';
import { openRound } from '../../src/usecases/rounds/open-round.ts';
import { remind } from '../../src/usecases/rounds/remind.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const NO_PLAN = { code: 'NO_PLAN', message: '还没有导入工作计划，请先运行 duban import <文件>' };

describe('every command that needs the plan, before any import', () => {
  let t: TestDb;
  const sent: unknown[] = [];
  const deps = () => ({ send: async (op: unknown) => void sent.push(op), now: new Date('2021-06-09T02:00:00Z'), timezone: 'Asia/Shanghai' });

  beforeAll(async () => {
    t = await createTestDb('no_plan');
  });
  afterAll(async () => {
    await t.drop();
  });

  it('refuses with the one NO_PLAN error and the same words', async () => {
    const opts = { now: new Date('2021-06-09T02:00:00Z'), timezone: 'Asia/Shanghai' };
    await expect(openRound(t.db, deps())).rejects.toMatchObject(NO_PLAN);
    await expect(closeRound(t.db, opts)).rejects.toMatchObject(NO_PLAN);
    await expect(remind(t.db, deps())).rejects.toMatchObject(NO_PLAN);
    await expect(composeDigest(t.db, opts)).rejects.toMatchObject(NO_PLAN);
    await expect(sendDigest({ db: t.db, enqueue: async (...a) => void sent.push(a) }, opts)).rejects.toMatchObject(NO_PLAN);
    await expect(loadReportData(t.db)).rejects.toMatchObject(NO_PLAN);
  });

  it('writes and sends nothing when it refuses', async () => {
    expect(sent).toEqual([]);
    expect(await t.db.select().from(rounds)).toEqual([]);
    expect(await t.db.select().from(digests)).toEqual([]);
    expect(await t.db.select().from(sentMessages)).toEqual([]);
  });
});
