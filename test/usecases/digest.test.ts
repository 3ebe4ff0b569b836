import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../support/db.ts';
import { currentStatus, digests, plans, reports, sentMessages } from '../../src/db/schema/index.ts';
import { and } from 'drizzle-orm';
import { composeDigest, digestRef, recordDigest, sendDigest, type DigestEnqueue } from '../../src/usecases/digest.ts';
import type { Outbox } from '../../src/queue/outbox.ts';
import { startOutboxToLark, type OutboxToLark } from '../support/outbox-lark.ts';
import { SEED_NOW, SEED_TZ, seedDigestWeek, type Seeded } from './digest-seed.ts';

const opts = { now: SEED_NOW, timezone: SEED_TZ };
/** As the digest step sends (src/usecases/steps.ts): one outbox `send` of the card per chat. */
const outboxDigestEnqueue =
  (outbox: Outbox): DigestEnqueue =>
  (chatId, card, meta) =>
    outbox.enqueue({ kind: 'send', to: { chatId }, content: { card } }, meta);

describe('weekly digest from the database', () => {
  let t: TestDb;
  let seeded: Seeded;
  let lark: OutboxToLark;
  beforeAll(async () => {
    t = await createTestDb('digest_uc');
    seeded = await seedDigestWeek(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });
  // Each test starts with no digest stored, nothing sent, and an outbox and a Lark of its own.
  beforeEach(async () => {
    await t.db.delete(digests);
    await t.db.delete(sentMessages);
    lark = await startOutboxToLark(t.db, 'digest_uc', ['oc_leader_a', 'oc_leader_b']);
  });
  afterEach(async () => {
    await lark?.stop();
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
    expect(m.statusCounts).toEqual({ pending_review: 0, blocked: 1, done: 1, not_started: 1, at_risk: 1, on_track: 0 });
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

  it('sends to every leadership chat once, through the outbox to Lark: a second send in the same week sends nothing', async () => {
    const first = await sendDigest({ db: t.db, enqueue: outboxDigestEnqueue(lark.outbox) }, opts);
    expect(first).toMatchObject({ stored: true, enqueued: ['oc_leader_a', 'oc_leader_b'] });
    await lark.settled('digest', ['oc_leader_a', 'oc_leader_b'].map((c) => digestRef(seeded.planId, '2021-W23', c)));
    expect(lark.fake.state.messagesIn('oc_leader_a')).toHaveLength(1);
    expect(lark.fake.state.messagesIn('oc_leader_b')).toHaveLength(1);
    expect(lark.fake.state.messagesIn('oc_leader_a')[0]!.card).toEqual(first.card);
    expect((await t.db.select().from(sentMessages)).map((m) => m.ref).sort()).toEqual(['oc_leader_a', 'oc_leader_b'].map((c) => digestRef(seeded.planId, '2021-W23', c)));

    const second = await sendDigest({ db: t.db, enqueue: outboxDigestEnqueue(lark.outbox) }, { ...opts, now: new Date(SEED_NOW.getTime() + 3600_000) });
    expect(second).toMatchObject({ stored: false, enqueued: [] });
    await lark.idle();
    expect(lark.fake.messages).toHaveLength(2);
    expect(await digestCount()).toBe(1);
  });

  it('after a crash between queuing one chat and the next, the retry sends the stored card to the chat not yet sent, and only to it', async () => {
    const real = outboxDigestEnqueue(lark.outbox);
    let crash = true;
    const crashing: DigestEnqueue = async (chatId, card, meta) => {
      if (crash && chatId === 'oc_leader_b') throw new Error('redis down');
      return real(chatId, card, meta);
    };
    await expect(sendDigest({ db: t.db, enqueue: crashing }, opts)).rejects.toThrow('redis down');
    expect(await digestCount()).toBe(1);
    const [stored] = await t.db.select().from(digests);
    await lark.settled('digest', [digestRef(seeded.planId, '2021-W23', 'oc_leader_a')]);

    crash = false;
    const retry = await sendDigest({ db: t.db, enqueue: crashing }, { ...opts, now: new Date(SEED_NOW.getTime() + 60_000) });
    expect(retry.stored).toBe(false);
    expect(retry.enqueued).toEqual(['oc_leader_b']);
    expect(retry.card).toEqual(stored!.card); // the card as stored, not a recomposed one
    await lark.settled('digest', [digestRef(seeded.planId, '2021-W23', 'oc_leader_b')]);
    await lark.idle();
    expect(lark.fake.state.messagesIn('oc_leader_a')).toHaveLength(1);
    expect(lark.fake.state.messagesIn('oc_leader_b')).toHaveLength(1);
    expect(lark.fake.state.messagesIn('oc_leader_b')[0]!.card).toEqual(stored!.card);
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
