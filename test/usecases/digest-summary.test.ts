import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { createPgliteTestDb, createTestDb, type TestDb } from '../support/db.ts';
import { assignments, currentStatus, departments, people, reports, rounds, tasks } from '../../src/db/schema/index.ts';
import type { Db } from '../../src/db/client.ts';
import { loadDigestInput } from '../../src/usecases/digest-input.ts';
import { summariseDigestInput } from '../../src/domain/digest/summary.ts';
import type { DigestInput, DigestTaskInput } from '../../src/domain/digest/types.ts';
import { isStatus } from '../../src/domain/status.ts';
import { SEED_NOW, SEED_TZ, seedDigestWeek, type Seeded } from './digest-seed.ts';

const opts = { now: SEED_NOW, timezone: SEED_TZ };

/** The per-department rows, read plainly and reduced by the TypeScript reference (ties: lowest department id first). */
async function referenceInput(db: Db, planId: number, roundKey: string): Promise<DigestInput> {
  const [round] = await db.select().from(rounds).where(and(eq(rounds.planId, planId), eq(rounds.key, roundKey)));
  const inRound = new Set(
    (await db.select().from(reports).where(eq(reports.roundId, round!.id))).map((r) => `${r.taskId}:${r.departmentId}`),
  );
  const live = and(eq(tasks.planId, planId), isNull(tasks.removedAt));
  const taskRows = await db.select().from(tasks).where(live).orderBy(asc(tasks.number));
  const rows = await db
    .select({ a: assignments, cs: currentStatus, name: departments.name, reporter: people.name })
    .from(assignments)
    .innerJoin(tasks, eq(tasks.id, assignments.taskId))
    .innerJoin(departments, eq(departments.id, assignments.departmentId))
    .leftJoin(currentStatus, and(eq(currentStatus.taskId, assignments.taskId), eq(currentStatus.departmentId, assignments.departmentId)))
    .leftJoin(people, eq(people.openId, currentStatus.reporterOpenId))
    .where(live)
    .orderBy(asc(assignments.taskId), asc(assignments.departmentId));
  const tasksIn: DigestTaskInput[] = taskRows.map((t) => ({
    id: t.id, number: t.number, title: t.title, section: t.sectionNumber, deadlineKind: t.deadlineKind, dueDate: t.dueDate,
    departments: rows
      .filter((r) => r.a.taskId === t.id)
      .map((r) => ({
        departmentId: r.a.departmentId,
        name: r.name,
        role: r.a.role,
        status: isStatus(r.cs?.status) ? r.cs.status : null,
        progress: r.cs?.progress ?? null,
        note: r.cs?.note ?? null,
        reporter: r.cs ? r.reporter : null,
        reportedAt: r.cs?.reportedAt ?? null,
        reportedThisRound: r.cs?.roundId === round!.id || inRound.has(`${r.a.taskId}:${r.a.departmentId}`),
      })),
  }));
  return { plan: { title: '', year: 2021, reportDeadline: null }, round: null, sections: [], tasks: tasksIn, indicators: [], now: SEED_NOW, timezone: SEED_TZ };
}

/** Beyond the seeded week: the cases the SQL reduction has to get right. */
async function addEdgeCases(db: Db, s: Seeded): Promise<void> {
  const w23 = s.roundIds['2021-W23']!;
  const [t6, t7] = await db
    .insert(tasks)
    .values([
      { planId: s.planId, number: 6, title: '无责任部门的任务', sectionNumber: 2, deadlineKind: 'year_end', contentHash: 'f' },
      { planId: s.planId, number: 7, title: '同时填报的任务', sectionNumber: 2, deadlineKind: null, dueDate: '2021-07-01', contentHash: 'g' },
    ])
    .returning();
  const d = s.deptIds;
  await db.insert(assignments).values([
    { taskId: t7!.id, departmentId: d['保护司']!, position: 0, role: 'lead' },
    { taskId: t7!.id, departmentId: d['条法司']!, position: 1, role: 'co' },
    { taskId: t7!.id, departmentId: d['战略规划司']!, position: 2, role: 'co' },
  ]);
  const at = new Date('2021-06-09T08:00:00Z');
  const status = async (taskId: number, dept: string, st: string, progress: number, note: string, reporter = 'ou_li') => {
    const [r] = await db
      .insert(reports)
      .values({ taskId, departmentId: d[dept]!, roundId: w23, version: 1, status: st, progress, note, reporterOpenId: reporter, reportedAt: at })
      .returning();
    await db.insert(currentStatus).values({ taskId, departmentId: d[dept]!, reportId: r!.id, roundId: w23, status: st, progress, note, reporterOpenId: reporter, reportedAt: at });
  };
  // two departments at risk at the same moment: the lowest id explains; the third never reported
  await status(t7!.id, '保护司', 'at_risk', 35, '保护司说明');
  await status(t7!.id, '条法司', 'at_risk', 20, '条法司说明', 'ou_nobody');
  // a status left from a department no longer responsible for task 4 counts for nothing
  await status(s.taskIds[4]!, '保护司', 'blocked', 0, '已不负责');
  void t6;
}

describe.each([
  ['Postgres', () => createTestDb('digest_summary')],
  ['PGlite', () => createPgliteTestDb()],
])('the digest summary read in SQL on %s', (_driver, open) => {
  let t: TestDb;
  let seeded: Seeded;
  beforeAll(async () => {
    t = await open();
    seeded = await seedDigestWeek(t.db);
    await addEdgeCases(t.db, seeded);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('gives every live task and every responsible department what the TypeScript reduction gives', async () => {
    const loaded = await loadDigestInput(t.db, opts);
    const expected = summariseDigestInput(await referenceInput(t.db, seeded.planId, '2021-W23'));
    expect(loaded.input.tasks).toEqual(expected.tasks);
    const byId = (a: { departmentId: number }, b: { departmentId: number }) => a.departmentId - b.departmentId;
    expect([...loaded.input.responses].sort(byId)).toEqual([...expected.responses].sort(byId));
  });

  it('reads worst status, mean progress and the explaining department per task', async () => {
    const { tasks: summaries, responses } = (await loadDigestInput(t.db, opts)).input;
    const byNumber = new Map(summaries.map((s) => [s.number, s]));
    expect(summaries.map((s) => s.number)).toEqual([1, 2, 3, 4, 6, 7]); // task 5 was removed
    expect(byNumber.get(1)).toMatchObject({ status: 'blocked', progress: 30, explaining: { name: '条法司', reporter: '李四' } });
    expect(byNumber.get(2)).toMatchObject({ status: 'done', progress: 100 });
    expect(byNumber.get(3)).toMatchObject({ status: 'not_started', progress: 15 });
    expect(byNumber.get(4)).toMatchObject({ status: 'at_risk', progress: 20, explaining: { name: '战略规划司', note: '进度慢' } });
    expect(byNumber.get(6)).toMatchObject({ status: 'not_started', progress: 0, explaining: null });
    // 战略规划司 never reported task 7 (not started, 0 %); of the two at risk at the same moment the
    // lower department id (条法司) explains, its reporter unknown to the directory
    expect(byNumber.get(7)).toMatchObject({
      status: 'at_risk',
      progress: 18,
      explaining: { name: '条法司', note: '条法司说明', reporter: null, reportedAt: new Date('2021-06-09T08:00:00Z') },
    });
    const response = Object.fromEntries(responses.map((r) => [r.name, [r.reported, r.expected]]));
    expect(response).toEqual({ 战略规划司: [3, 4], 条法司: [2, 2], 保护司: [3, 3], 运用促进司: [0, 1] });
  });

  it('counts nothing as reported in a week with no round opened', async () => {
    const { roundId, input } = await loadDigestInput(t.db, { ...opts, now: new Date('2021-06-18T09:30:00Z') });
    expect(roundId).toBeNull();
    expect(input.round).toBeNull();
    expect(input.responses.map((r) => r.reported)).toEqual([0, 0, 0, 0]);
    expect(input.tasks.find((s) => s.number === 1)).toMatchObject({ status: 'blocked', progress: 30 });
  });
});
