import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../support/db.ts';
import { currentStatus, digests, plans, reports, sentMessages } from '../../src/db/schema/index.ts';
import { and } from 'drizzle-orm';
import { composeDigest, digestRef, recordDigest, sendDigest, type DigestEnqueue } from '../../src/usecases/digest.ts';
import { SEED_NOW, SEED_TZ, seedDigestWeek, type Seeded } from './digest-seed.ts';

const opts = { now: SEED_NOW, timezone: SEED_TZ };

describe('weekly digest from the database', () => {
  let t: TestDb;
  let seeded: Seeded;
  beforeAll(async () => {
    t = await createTestDb('digest_uc');
    seeded = await seedDigestWeek(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const digestCount = async () => (await t.db.select().from(digests)).length;

  it('composes the seeded week: a blocked task, a department that did not report, an indicator value — and writes nothing', async () => {
    const d = await composeDigest(t.db, opts);
    expect(d.weekKey).toBe('2021-W23');
    expect(d.roundId).toBe(seeded.roundIds['2021-W23']);
    expect(d.previous).toBeNull();
    const m = d.model;
    expect(m.taskCount).toBe(4); // the removed task is left out
    expect(m.response).toEqual({ expected: 4, reported: 3, partial: [], missing: ['运用促进司'] });
    expect(m.statusCounts).toEqual({ blocked: 1, done: 1, not_started: 1, at_risk: 1, on_track: 0 });
    expect(m.redList.map((e) => e.number)).toEqual([1, 4]);
    expect(m.redList[0]).toMatchObject({ department: '条法司', reporter: '李四', note: '缺少经费 <at id=all></at>', reportedAt: '2021-06-10T02:00:00.000Z' });
    expect(m.indicators.map((i) => [i.name, i.value, i.met])).toEqual([
      ['发明专利审查周期', 18.2, true],
      ['专利商标质押融资规模', null, null],
    ]);
    expect(m.countdown.daysToReportDeadline).toBe(187);
    expect(JSON.stringify(d.card)).toContain('未填报（1）：运用促进司');
    expect(await digestCount()).toBe(0);
  });

  it('computes changes against the digest stored for an earlier week', async () => {
    const last = (await composeDigest(t.db, opts)).model;
    last.round = { key: '2021-W22', startsAt: '', endsAt: '' };
    last.taskStates[String(seeded.taskIds[1])] = { number: 1, status: 'on_track', progress: 25 };
    await t.db.insert(digests).values({ planId: seeded.planId, weekKey: '2021-W22', model: last, card: {}, sentAt: new Date('2021-06-04T09:30:00Z') });
    const d = await composeDigest(t.db, opts);
    expect(d.previous?.round?.key).toBe('2021-W22');
    expect(d.model.changes.newBlockers.map((mv) => [mv.number, mv.from, mv.to])).toEqual([[1, 'on_track', 'blocked']]);
    await t.db.delete(digests);
  });

  it('records a week once: the second record of the same week returns false and stores nothing more', async () => {
    const d = await composeDigest(t.db, opts);
    expect(await recordDigest(t.db, d, SEED_NOW)).toBe(true);
    expect(await recordDigest(t.db, d, SEED_NOW)).toBe(false);
    expect(await digestCount()).toBe(1);
    await t.db.delete(digests);
  });

  it('sends to every leadership chat once: a second send in the same week queues nothing', async () => {
    const queued: { chatId: string; ref: string }[] = [];
    // stands in for the outbox and its worker, which records what reached Lark
    const enqueue: DigestEnqueue = async (chatId, _card, meta) => {
      queued.push({ chatId, ref: meta.ref });
      await t.db.insert(sentMessages).values({ uuid: meta.ref, purpose: meta.purpose, ref: meta.ref, chatId, messageId: `om_${queued.length}`, sentAt: SEED_NOW });
    };
    const first = await sendDigest({ db: t.db, enqueue }, opts);
    expect(first.stored).toBe(true);
    expect(queued).toEqual([
      { chatId: 'oc_leader_a', ref: digestRef(seeded.planId, '2021-W23', 'oc_leader_a') },
      { chatId: 'oc_leader_b', ref: digestRef(seeded.planId, '2021-W23', 'oc_leader_b') },
    ]);
    const second = await sendDigest({ db: t.db, enqueue }, { ...opts, now: new Date(SEED_NOW.getTime() + 3600_000) });
    expect(second).toMatchObject({ stored: false, enqueued: [] });
    expect(queued).toHaveLength(2);
    expect(await digestCount()).toBe(1);
    await t.db.delete(digests);
    await t.db.delete(sentMessages);
  });

  it('after a crash between storing and queuing, the retry queues the stored card to the chats not yet sent', async () => {
    const cards: string[] = [];
    let fail = true;
    const enqueue: DigestEnqueue = async (chatId, card) => {
      if (fail) throw new Error('redis down');
      cards.push(`${chatId}:${JSON.stringify(card).length}`);
    };
    await expect(sendDigest({ db: t.db, enqueue }, opts)).rejects.toThrow('redis down');
    expect(await digestCount()).toBe(1);
    const [stored] = await t.db.select().from(digests);
    fail = false;
    const retry = await sendDigest({ db: t.db, enqueue }, { ...opts, now: new Date(SEED_NOW.getTime() + 60_000) });
    expect(retry.stored).toBe(false);
    expect(retry.enqueued).toEqual(['oc_leader_a', 'oc_leader_b']);
    expect(retry.card).toEqual(stored!.card); // the card as stored, not a recomposed one
    await t.db.delete(digests);
  });

  it('refuses when no plan is imported, writing nothing', async () => {
    await t.db.update(plans).set({ active: false }).where(eq(plans.id, seeded.planId));
    try {
      await expect(sendDigest({ db: t.db, enqueue: async () => {} }, opts)).rejects.toMatchObject({ code: 'NO_PLAN' });
      expect(await digestCount()).toBe(0);
    } finally {
      await t.db.update(plans).set({ active: true }).where(eq(plans.id, seeded.planId));
    }
  });

  it('counts a department as reported this round even when a later edit of last week became its current status', async () => {
    const task = seeded.taskIds[3]!;
    const dept = seeded.deptIds['运用促进司']!;
    const base = { taskId: task, departmentId: dept, status: 'on_track', progress: 40, note: '本周已推进', reporterOpenId: 'ou_zhang' };
    await t.db.insert(reports).values({ ...base, roundId: seeded.roundIds['2021-W23']!, version: 1, reportedAt: new Date('2021-06-10T01:00:00Z') });
    const [late] = await t.db
      .insert(reports)
      .values({ ...base, roundId: seeded.roundIds['2021-W22']!, version: 2, note: '补充上周说明', reportedAt: new Date('2021-06-10T02:00:00Z'), late: true })
      .returning();
    await t.db
      .update(currentStatus)
      .set({ reportId: late!.id, roundId: late!.roundId, note: late!.note, reportedAt: late!.reportedAt })
      .where(and(eq(currentStatus.taskId, task), eq(currentStatus.departmentId, dept)));
    const d = await composeDigest(t.db, opts);
    expect(d.model.response).toEqual({ expected: 4, reported: 4, partial: [], missing: [] });
  });
});
